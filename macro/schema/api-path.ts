import { quoted } from '../diagnostics';
import { type Checked, invalid, valid } from '../problem';

/** One segment of an API path: literal text, `{param}` or the greedy `{param+}`. */
export type PathSegment = { kind: 'literal'; text: string } | { kind: 'param'; name: string; greedy: boolean };

const LITERAL = /^[A-Za-z0-9._~-]+$/;
// API Gateway takes `-` in parameter names (`{stream-name}` in its own Kinesis tutorial); the name is
// then only ever read through a quoted map lookup (`$input.params().path.get('stream-name')`).
const PARAM = /^\{([A-Za-z0-9_][A-Za-z0-9_-]*)(\+?)\}$/;

/**
 * No API Gateway URL is longer: 10,240 characters for a Regional API, 8,192 for edge-optimized and
 * private ones ("Quotas for configuring and running a REST API in API Gateway"). Checked first, so
 * that a huge path fails fast instead of costing quadratic work in the emitters.
 */
const MAX_PATH_LENGTH = 10_240;

/** Parses an API path into segments, or explains what is wrong with it. */
export function parseApiPath(path: string): Checked<PathSegment[]> {
  if (path.length > MAX_PATH_LENGTH) {
    return invalid(
      `the path is ${path.length.toLocaleString('en-US')} characters long; ` +
        `no API Gateway URL can hold more than ${MAX_PATH_LENGTH.toLocaleString('en-US')} ` +
        '(Regional APIs; 8,192 for edge-optimized and private APIs). Shorten it.',
    );
  }
  if (!path.startsWith('/')) return invalid(`${quoted(path)} must start with '/', e.g. "/orders/{id}".`);
  if (path === '/') return valid([]);
  if (path.endsWith('/')) return invalid(`${quoted(path)} must not end with '/'; write '${path.replace(/\/+$/, '')}'.`);
  const segments: PathSegment[] = [];
  const parts = path.slice(1).split('/');
  for (const [index, part] of parts.entries()) {
    if (part === '') return invalid(`${quoted(path)} has an empty segment ('//').`);
    const param = PARAM.exec(part);
    if (param !== null) {
      const greedy = param[2] === '+';
      if (greedy && index !== parts.length - 1) {
        return invalid(`${quoted(path)}: the greedy segment ${quoted(part)} must be the last segment of the path.`);
      }
      const name = param[1] as string;
      if (segments.some((s) => s.kind === 'param' && s.name === name))
        return invalid(`${quoted(path)} uses the parameter {${name}} twice.`);
      segments.push({ kind: 'param', name, greedy });
    } else if (LITERAL.test(part)) {
      segments.push({ kind: 'literal', text: part });
    } else {
      return invalid(
        `${quoted(path)} has an invalid segment ${quoted(part)}: use letters, digits, '.', '_', '-', '~', or a {param} / last {param+} (parameter names: letters, digits, '_' and '-').`,
      );
    }
  }
  return valid(segments);
}

/** The canonical text of a path's segments (what API Gateway calls the path part). */
export function segmentText(segment: PathSegment): string {
  return segment.kind === 'literal' ? segment.text : `{${segment.name}${segment.greedy ? '+' : ''}}`;
}

/** The path as written canonically, `/` for the root. */
export function formatApiPath(segments: readonly PathSegment[]): string {
  return `/${segments.map(segmentText).join('/')}`;
}
