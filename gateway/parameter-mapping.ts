/**
 * API Gateway's non-template parameter mapping: `integration.request.*` from `method.request.*`, and
 * `method.response.header.*` from `integration.response.*`, `'literals'`, `context.*` and `stageVariables.*`.
 */
import { headerValue, headerValues } from './http-types';

/** What request-side mapping expressions can read. */
export interface RequestMappingSource {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Each header's values, one per time it was sent (see LocalRequest.multiValueHeaders). */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, unknown>>;
}

/** What response-side mapping expressions can read. */
export interface ResponseMappingSource {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, unknown>>;
}

/** A mapped value: one value, several (multi-value sources), or absent (the parameter is not sent). */
export type MappedValue = string | readonly string[] | undefined;

/** Reads `a.b.c` out of a nested object; scalars are stringified, objects JSON-encoded. */
function dotted(root: unknown, path: string): string | undefined {
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (current === undefined || current === null) return undefined;
  return typeof current === 'object' ? JSON.stringify(current) : String(current);
}

/** `method.request.body.a.b` / `integration.response.body.a.b`: a JSONPath without `$.` into a JSON body. */
function bodyPath(body: string, path: string): string | undefined {
  try {
    return dotted(JSON.parse(body), path.replace(/^\$\.?/, ''));
  } catch {
    return undefined;
  }
}

/** Common sources: `'literal'`, `stageVariables.x`, `context.x`. */
function commonValue(
  expression: string,
  stageVariables: Readonly<Record<string, string>>,
  context: Readonly<Record<string, unknown>>,
): MappedValue | null {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1] as string;
  if (expression.startsWith('stageVariables.')) return stageVariables[expression.slice('stageVariables.'.length)];
  if (expression.startsWith('context.')) return dotted(context, expression.slice('context.'.length));
  return null;
}

/** Evaluates one request parameter source expression; null when the expression is not one API Gateway accepts. */
export function requestParameterValue(expression: string, source: RequestMappingSource): MappedValue | null {
  const common = commonValue(expression.trim(), source.stageVariables, source.context);
  if (common !== null) return common;
  const match = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(expression.trim());
  if (match) {
    const [, location, name] = match as unknown as [string, string, string];
    switch (location) {
      case 'path':
        return source.pathParams[name];
      case 'querystring':
        return source.query[name]?.at(-1);
      case 'multivaluequerystring':
        return source.query[name];
      // The last value sent, or all of them; a comma inside a value is part of it (as on AWS).
      case 'header':
        return headerValues(source, name).at(-1);
      default: {
        const all = headerValues(source, name);
        return all.length === 0 ? undefined : [...all];
      }
    }
  }
  if (expression === 'method.request.body') return source.body;
  if (expression.startsWith('method.request.body.')) return bodyPath(source.body, expression.slice('method.request.body.'.length));
  return null;
}

/** Evaluates one method response parameter source expression; null when it is not one API Gateway accepts. */
export function responseParameterValue(expression: string, source: ResponseMappingSource): MappedValue | null {
  const common = commonValue(expression.trim(), source.stageVariables, source.context);
  if (common !== null) return common;
  const header = /^integration\.response\.(header|multivalueheader)\.(.+)$/.exec(expression.trim());
  if (header) {
    const value = headerValue(source.headers, header[2] as string);
    return header[1] === 'header' ? value : value?.split(',').map((v) => v.trim());
  }
  if (expression === 'integration.response.body') return source.body;
  if (expression.startsWith('integration.response.body.'))
    return bodyPath(source.body, expression.slice('integration.response.body.'.length));
  return null;
}
