import { describeValue } from '../diagnostics';
import { type Checked, type Problem, valid } from '../problem';
import { parseSelector } from '../selectors';
import type { PathSegment } from './api-path';

/**
 * `CacheKeyParameters`: the request values a stage cache keys this method's responses by, written as the
 * request selectors users already know (`$request.path.id`, `$request.querystring.page`,
 * `$request.header.Accept-Language`). API Gateway keys a cache only by method request parameters, so
 * these three sources are the whole vocabulary; each becomes `method.request.<source>.<name>`.
 */
export function resolveCacheKeyParameters(raw: readonly string[], path: readonly PathSegment[] | undefined): Checked<string[]> {
  const problems: Problem[] = [];
  const names: string[] = [];
  const pathNames = path?.flatMap((s) => (s.kind === 'param' ? [s.name] : []));
  for (const [index, value] of raw.entries()) {
    const parsed = parseSelector(value);
    const selector = parsed.ok ? parsed.value : undefined;
    if (selector === undefined || !(selector.source === 'path' || selector.source === 'querystring' || selector.source === 'header')) {
      problems.push({
        path: [index],
        message:
          `${describeValue(value)} cannot key a cache: API Gateway keys cached responses by request parameters only; ` +
          'use "$request.path.name", "$request.querystring.name" or "$request.header.Name".',
      });
      continue;
    }
    if (selector.source === 'path' && pathNames !== undefined && !pathNames.includes(selector.name)) {
      const has = pathNames.length === 0 ? 'the Path has no {parameters}' : `the Path has ${pathNames.map((n) => `{${n}}`).join(', ')}`;
      problems.push({ path: [index], message: `'${value}' refers to a path parameter the Path does not have; ${has}.` });
      continue;
    }
    names.push(`method.request.${selector.source}.${selector.name}`);
  }
  return problems.length > 0 ? { ok: false, problems } : valid(names);
}
