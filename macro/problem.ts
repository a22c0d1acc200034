import { type Diagnostic, type DiagnosticCodeValue, formatPath } from './diagnostics';

/** Where a problem is, as property path segments: keys and array indexes, formatted only into a Diagnostic. */
export type PropertyPath = readonly (string | number)[];

/**
 * The one shape of a problem found while checking input. `path` is relative to the value that was
 * checked (empty: the value itself); whoever knows where that value sits prefixes it (`within`).
 */
export interface Problem {
  path: PropertyPath;
  message: string;
}

/** The outcome of checking one input: the value it stands for, or every problem found in it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * Takes the problems a validation step finds, with the diagnostic code they are reported under; steps
 * that find problems of several kinds (an unknown action, a bad Target) report rather than return them.
 */
export type ReportProblems = (code: DiagnosticCodeValue, ...problems: Problem[]) => void;

/** A check that passed. */
export function valid<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** A check that failed with one problem, at `path` below the checked value. */
export function invalid(message: string, path: PropertyPath = []): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ path, message }] };
}

/** The same problems, seen from `prefix` up: the caller knows where the checked value sits. */
export function within(prefix: PropertyPath, problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ path: [...prefix, ...problem.path], message: problem.message }));
}

/** The boundary: a problem becomes a Diagnostic, its path formatted for people (`Properties.Parameters["a b"]`). */
export function toDiagnostic(code: DiagnosticCodeValue, logicalId: string, problem: Problem): Diagnostic {
  return { code, logicalId, path: formatPath(problem.path), message: problem.message };
}
