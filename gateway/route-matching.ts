/** Finds the resource and method for a request path the way API Gateway REST APIs do. */
import type { MethodModel, PathSegment, RouteModel } from './api-model';

/** The outcome of matching a request. */
export type RouteMatch =
  | { readonly kind: 'matched'; readonly route: RouteModel; readonly method: MethodModel; readonly pathParams: Record<string, string> }
  /** A resource matches but has no such method (API Gateway still answers 403 Missing Authentication Token). */
  | { readonly kind: 'method-not-defined'; readonly route: RouteModel; readonly allowed: readonly string[] }
  | { readonly kind: 'no-route' };

/** Splits a request path into decoded segments; `/orders/` matches like `/orders`. */
export function splitPath(path: string): string[] {
  const bare = path.split('?')[0] ?? '';
  return bare
    .split('/')
    .filter((segment, index, all) => segment !== '' || (index > 0 && index < all.length - 1))
    .map(decodeSegment);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Ranks a segment kind: a literal beats a parameter, which beats a greedy parameter. */
const RANK: Record<PathSegment['kind'], number> = { literal: 0, param: 1, greedy: 2 };

/**
 * Matches `segments` against one route's pattern, returning the path parameters or undefined. A greedy
 * `{p+}` takes one or more remaining segments (joined with `/`).
 */
function matchSegments(pattern: readonly PathSegment[], segments: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const part = pattern[i] as PathSegment;
    if (part.kind === 'greedy') {
      if (i >= segments.length) return undefined;
      params[part.name] = segments.slice(i).join('/');
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (part.kind === 'literal' && part.value !== segment) return undefined;
    if (part.kind === 'param') params[part.name] = segment;
  }
  return pattern.length === segments.length ? params : undefined;
}

/** Compares two matching routes segment by segment: the more specific (literal earlier) wins. */
function compareSpecificity(a: RouteModel, b: RouteModel): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i += 1) {
    const ra = a.segments[i] === undefined ? 3 : RANK[(a.segments[i] as PathSegment).kind];
    const rb = b.segments[i] === undefined ? 3 : RANK[(b.segments[i] as PathSegment).kind];
    if (ra !== rb) return ra - rb;
  }
  return 0;
}

/**
 * Matches a request: the most specific resource whose pattern fits the path (literal before `{param}` before
 * `{greedy+}`), then its method, falling back to `ANY`.
 */
export function matchRoute(routes: readonly RouteModel[], httpMethod: string, path: string): RouteMatch {
  const segments = splitPath(path);
  const candidates = routes
    .map((route) => ({ route, params: matchSegments(route.segments, segments) }))
    .filter((c): c is { route: RouteModel; params: Record<string, string> } => c.params !== undefined)
    .sort((a, b) => compareSpecificity(a.route, b.route));
  const best = candidates[0];
  if (best === undefined) return { kind: 'no-route' };
  const method = best.route.methods[httpMethod.toUpperCase()] ?? best.route.methods.ANY;
  if (method === undefined) return { kind: 'method-not-defined', route: best.route, allowed: Object.keys(best.route.methods).sort() };
  return { kind: 'matched', route: best.route, method, pathParams: best.params };
}
