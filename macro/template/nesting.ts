import { type Diagnostic, DiagnosticCode, formatPath } from '../diagnostics';
import { isJsonObject, type Json } from '../types';

/**
 * How deep a value in a template (or in the parameters CloudFormation passes) may be nested. Real
 * templates stay within a few dozen levels; the bound keeps every later walk of the macro — some
 * recursive, JSON.stringify among them — far from the call stack's limit, so a hostile template
 * gets this diagnostic instead of "Maximum call stack size exceeded".
 */
export const MAX_NESTING_DEPTH = 1_000;

/** Path segments shown of a too-deep value: enough to find it. */
const SHOWN_SEGMENTS = 8;

/**
 * Finds the first value nested deeper than MAX_NESTING_DEPTH, walking iteratively (so the check
 * itself cannot overflow the stack), and describes where it is.
 */
export function checkNesting(value: unknown, where: readonly (string | number)[] = []): Diagnostic[] {
  const pending: { value: unknown; depth: number; path: readonly (string | number)[] }[] = [{ value, depth: 0, path: [] }];
  while (pending.length > 0) {
    const { value: current, depth, path } = pending.pop() as (typeof pending)[number];
    if (!Array.isArray(current) && !isJsonObject(current)) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      const at = formatPath([...where, ...path.slice(0, SHOWN_SEGMENTS)]) + (path.length > SHOWN_SEGMENTS ? '…' : '');
      return [
        {
          code: DiagnosticCode.invalidTemplate,
          path: formatPath([...where, ...path.slice(0, 1)]),
          message: `the value at ${at} is nested more than ${MAX_NESTING_DEPTH.toLocaleString('en-US')} levels deep; the macro reads templates up to that depth (real templates need a few dozen). Flatten the value, or move it out of the template (e.g. into S3).`,
        },
      ];
    }
    // Only the first few steps of a path are kept (one more marks that it goes on): the message
    // shows no more, and copying whole paths would cost quadratic time on a deep value.
    const child = (key: string | number) => (path.length > SHOWN_SEGMENTS ? path : [...path, key]);
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push({ value: current[i] as Json, depth: depth + 1, path: child(i) });
    } else {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] as [string, Json];
        pending.push({ value: inner, depth: depth + 1, path: child(key) });
      }
    }
  }
  return [];
}
