import { describeValue, quoted } from '../diagnostics';
import type { Problem } from '../problem';
import { didYouMean } from '../suggest';
import type { GeneratedValidationError } from './validate-properties.generated';

/** Splits an ajv instancePath (`/Parameters/Message~1Body`) into property segments. */
function pathSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeSchema(schema: Record<string, unknown> | undefined, fallback: string): string {
  const description = schema?.description;
  return typeof description === 'string' ? description : fallback;
}

/** One readable sentence for one ajv error. */
function messageFor(error: GeneratedValidationError): string | undefined {
  const received = describeValue(error.data);
  const parent = error.parentSchema;
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      const about = (parent?.properties as Record<string, { description?: string }> | undefined)?.[missing]?.description;
      return `the required property '${missing}' is missing.${about ? ` Add ${missing}, ${about}.` : ''}`;
    }
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const allowed = Object.keys((parent?.properties as object | undefined) ?? {});
      if (allowed.length === 0) return undefined;
      return `unknown property ${quoted(extra)}.${didYouMean(extra, allowed)} Allowed properties: ${allowed.join(', ')}.`;
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      return `${received} is not allowed; expected one of ${allowed.join(', ')}.${typeof error.data === 'string' ? didYouMean(error.data, allowed) : ''}`;
    }
    case 'anyOf':
      return `expected ${describeSchema(parent, 'a value of another type')}; received ${received}.`;
    case 'type':
      return `expected ${describeSchema(parent, `a ${String(error.params.type)}`)}; received ${received}.`;
    case 'pattern':
      return `expected ${describeSchema(parent, `a string matching ${String(error.params.pattern)}`)}; received ${received}.`;
    case 'minLength':
      return `must not be empty; received ${received}.`;
    case 'minProperties':
      return `must have at least ${String(error.params.limit)} entries; received ${received}.`;
    default:
      return `${error.message ?? 'is invalid'}; received ${received}.`;
  }
}

/**
 * Turns ajv's raw errors into one problem each, with its path below `Properties`.
 *
 * ajv reports every failed branch of an `anyOf`; users care about the union, so errors below a
 * failed `anyOf` at the same location are folded into the `anyOf`'s own message.
 */
export function problemsFromSchemaErrors(errors: readonly GeneratedValidationError[]): Problem[] {
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const error of errors) {
    const folded =
      error.keyword !== 'anyOf' && [...anyOfAt].some((p) => error.instancePath === p || error.instancePath.startsWith(`${p}/`));
    if (folded && !isOwnAnyOfBranchEnum(error, errors)) continue;
    // ajv's segments are text, array indexes included: they stay text (`["0"]`), as users have always seen them.
    const path = pathSegments(error.instancePath);
    if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
    const message = messageFor(error);
    if (message === undefined) continue;
    const key = `${JSON.stringify(path)}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return dropAnyOfShadowedByEnum(out);
}

/** An enum failure inside an anyOf on a string value is more useful than the anyOf summary. */
function isOwnAnyOfBranchEnum(error: GeneratedValidationError, all: readonly GeneratedValidationError[]): boolean {
  if (error.keyword !== 'enum' || typeof error.data !== 'string') return false;
  return all.some((e) => e.keyword === 'anyOf' && e.instancePath === error.instancePath);
}

/** Where an enum failure names the allowed values, the anyOf's "expected ..." at the same path says less. */
function dropAnyOfShadowedByEnum(problems: Problem[]): Problem[] {
  const enumPaths = new Set(
    problems.filter((p) => p.message.includes('is not allowed; expected one of')).map((p) => JSON.stringify(p.path)),
  );
  return problems.filter((p) => !(enumPaths.has(JSON.stringify(p.path)) && p.message.startsWith('expected ')));
}
