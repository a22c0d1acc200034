import { suggest } from '../suggest';
import { isJsonObject, type Json, type JsonObject } from '../types';

/** CloudFormation's pseudo parameters: names every template may `Ref` without declaring them. */
export const PSEUDO_PARAMETERS: readonly string[] = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

/** The names a reference may point at: the template's resources and parameters. */
export interface ReferenceScope {
  resources: JsonObject;
  /** Declared parameters (the template's Parameters section and the values CloudFormation passed). */
  parameters: ReadonlySet<string>;
}

/** A Ref, GetAtt or Sub reference to a name the template does not define. */
export interface UnresolvedReference {
  /** Where the intrinsic sits, inside the resource's Properties. */
  path: (string | number)[];
  message: string;
}

/** The logical IDs SAM creates for its implicit APIs, before which no resource of the template stands. */
const SAM_IMPLICIT_APIS = ['ServerlessRestApi', 'ServerlessHttpApi'];

/**
 * Name comparisons spent on did-you-mean hints per template (each hint compares the name with every
 * logical ID); past it, hints stop, so thousands of unknown names among thousands of IDs stay cheap.
 */
const SUGGESTION_BUDGET = 100_000;

type Kind = 'Ref' | 'Fn::GetAtt';

/**
 * Decides what a name resolves to. When the macro runs before SAM (the order the docs recommend),
 * SAM has not yet created the resources it derives from an `AWS::Serverless::*` resource (`MyFnRole`,
 * `MyApiProdStage`, `ServerlessRestApi`, `MyFn.Alias`): names that begin with such a resource's ID, or
 * with an implicit API's, are taken as SAM's and left to CloudFormation.
 */
class NameResolver {
  private readonly samPrefixes: string[];
  private readonly candidates: string[];
  private readonly suggestions = new Map<string, string | undefined>();
  private budget = SUGGESTION_BUDGET;

  constructor(private readonly scope: ReferenceScope) {
    const serverless = Object.entries(scope.resources)
      .filter(
        ([, resource]) => isJsonObject(resource) && typeof resource.Type === 'string' && resource.Type.startsWith('AWS::Serverless::'),
      )
      .map(([id]) => id);
    this.samPrefixes = serverless.length > 0 ? [...serverless, ...SAM_IMPLICIT_APIS] : [];
    this.candidates = [...Object.keys(scope.resources), ...scope.parameters];
  }

  isResource(name: string): boolean {
    return Object.hasOwn(this.scope.resources, name) || this.samPrefixes.some((prefix) => name.startsWith(prefix));
  }

  isParameter(name: string): boolean {
    return this.scope.parameters.has(name) || PSEUDO_PARAMETERS.includes(name);
  }

  /** " Did you mean 'X'?" over the template's logical IDs (resources only, for an attribute), or what to write. */
  hint(name: string, kind: Kind): string {
    const pool = name.startsWith('AWS::') ? PSEUDO_PARAMETERS : kind === 'Fn::GetAtt' ? Object.keys(this.scope.resources) : this.candidates;
    const key = `${kind}\u0000${name}`;
    if (!this.suggestions.has(key)) {
      this.budget -= pool.length;
      this.suggestions.set(key, this.budget >= 0 ? suggest(name, pool) : undefined);
    }
    const candidate = this.suggestions.get(key);
    if (candidate !== undefined) return ` Did you mean '${candidate}'?`;
    const what = kind === 'Ref' ? 'a resource or parameter' : 'a resource';
    return ` Write the logical ID of ${what} of this template${kind === 'Ref' ? ', or a pseudo parameter such as AWS::Region' : ''}.`;
  }
}

/** One resolver per template (its resources object and parameter set), shared by all its integrations. */
const resolvers = new WeakMap<JsonObject, WeakMap<ReadonlySet<string>, NameResolver>>();

function resolverOf(scope: ReferenceScope): NameResolver {
  let byParameters = resolvers.get(scope.resources);
  if (byParameters === undefined) resolvers.set(scope.resources, (byParameters = new WeakMap()));
  let resolver = byParameters.get(scope.parameters);
  if (resolver === undefined) byParameters.set(scope.parameters, (resolver = new NameResolver(scope)));
  return resolver;
}

/**
 * Finds every `Ref`, `Fn::GetAtt` and `Fn::Sub` reference (`${Name}`, `${Name.Attribute}`) in an
 * integration's properties that names neither a resource, a parameter nor a pseudo parameter of the
 * template. CloudFormation would reject such a template only after expansion, pointing at a generated
 * resource; the macro points at the user's property instead. Iterative: values may nest deeply.
 */
export function findUnresolvedReferences(properties: Json, scope: ReferenceScope): UnresolvedReference[] {
  const names = resolverOf(scope);
  const found: UnresolvedReference[] = [];
  const pending: { path: (string | number)[]; value: Json }[] = [{ path: [], value: properties }];
  while (pending.length > 0) {
    const { path, value } = pending.pop() as { path: (string | number)[]; value: Json };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ path: [...path, i], value: value[i] as Json });
      continue;
    }
    if (!isJsonObject(value)) continue;
    const keys = Object.keys(value);
    const single = keys.length === 1 ? keys[0] : undefined;
    if (single === 'Ref' && typeof value.Ref === 'string') {
      const name = value.Ref;
      if (!names.isResource(name) && !names.isParameter(name))
        found.push({
          path,
          message: `Ref '${name}' names no resource, parameter or pseudo parameter of this template.${names.hint(name, 'Ref')}`,
        });
      continue;
    }
    if (single === 'Fn::GetAtt') {
      const getAtt = value['Fn::GetAtt'] as Json;
      const name = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
      if (typeof name === 'string') {
        const shown = Array.isArray(getAtt) ? (typeof getAtt[1] === 'string' ? `${name}.${getAtt[1]}` : name) : (getAtt as string);
        const problem = attributeProblem(name, names);
        if (problem !== undefined) found.push({ path, message: `Fn::GetAtt '${shown}' ${problem}` });
      }
      // The attribute name may itself be a Ref (to a parameter).
      if (Array.isArray(getAtt)) pending.push({ path: [...path, 'Fn::GetAtt', 1], value: getAtt[1] ?? null });
      continue;
    }
    if (single === 'Fn::Sub') {
      const sub = value['Fn::Sub'] as Json;
      const text = Array.isArray(sub) ? sub[0] : sub;
      const variables = Array.isArray(sub) && isJsonObject(sub[1]) ? sub[1] : {};
      if (typeof text === 'string') {
        // `${!Literal}` is an escaped, literal `${Literal}`.
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const body = (match[1] as string).trim();
          if (Object.hasOwn(variables, body)) continue;
          const dot = body.indexOf('.');
          const name = dot < 0 ? body : body.slice(0, dot);
          if (dot < 0 && !names.isResource(name) && !names.isParameter(name)) {
            found.push({
              path,
              message: `Fn::Sub '\${${body}}' names no resource, parameter or pseudo parameter of this template, nor a variable of this Fn::Sub.${names.hint(name, 'Ref')}`,
            });
          }
          const problem = dot < 0 ? undefined : attributeProblem(name, names);
          if (problem !== undefined) found.push({ path, message: `Fn::Sub '\${${body}}' ${problem}` });
        }
      }
      if (Array.isArray(sub) && sub[1] !== undefined) pending.push({ path: [...path, 'Fn::Sub', 1], value: sub[1] });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      pending.push({ path: [...path, key], value: value[key] as Json });
    }
  }
  return found;
}

/** Why `name` cannot carry an attribute, or undefined when it is a resource. */
function attributeProblem(name: string, names: NameResolver): string | undefined {
  if (names.isResource(name)) return undefined;
  if (names.isParameter(name)) return `names the parameter '${name}', which has no attributes; write Ref ${name} for its value.`;
  return `names no resource of this template.${names.hint(name, 'Fn::GetAtt')}`;
}
