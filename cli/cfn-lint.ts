import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { findExecutable } from '../executables/find-executable';
import type { Json } from '../macro/types';
import type { ValidationFinding } from './validation-finding';

/** How to get cfn-lint on a machine that lacks it (it is a Python tool; PyPI is its home). */
export const CFN_LINT_INSTALL_HINT = 'pip install cfn-lint (or: pipx install cfn-lint)';

/**
 * Informational rules left out, each because it judges the user's own resources' authoring style,
 * never what the macro generates, and would fire on nearly every template:
 * - I3011: a stateful resource (a user's queue or table) without DeletionPolicy/UpdateReplacePolicy;
 * - I3013: a resource with auto-expiring content (a user's queue) without an explicit retention period;
 * - I3010: a template "approaching" 500 resources (it fires at 471). The macro checks CloudFormation's hard
 *   limits itself at expansion (PSI200-PSI203, failing with the largest contributors), so a template
 *   that expanded is within them; the note would fire on every large API that deploys fine.
 * The first two are also excluded from @aws/cloudformation-validate (cfn-validator.ts); its other
 * exclusions (I4010, I9001, I9040) are not rules of cfn-lint 1.51.
 */
export const CFN_LINT_EXCLUDED_INFORMATIONAL_RULES = ['I3010', 'I3011', 'I3013'] as const;

/** The command-line flags of every run: JSON out, informational rules on, the exclusions above. */
export const CFN_LINT_ARGUMENTS: readonly string[] = [
  '--format',
  'json',
  '--include-checks',
  'I',
  '--ignore-checks',
  ...CFN_LINT_EXCLUDED_INFORMATIONAL_RULES,
];

/** A cfn-lint finding, with the file it was reported for. */
export interface CfnLintFinding extends ValidationFinding {
  /** The file as given to cfn-lint; undefined for problems of the run itself (E0003). */
  file?: string;
  line?: number;
  /** cfn-lint's path to the finding, unjoined (keys may contain dots). */
  location?: (string | number)[];
}

/** One cfn-lint run over one template: the version that ran and its findings. */
export interface CfnLintReport {
  version: string;
  findings: CfnLintFinding[];
}

/** cfn-lint could not be run at all (not installed, or it crashed instead of reporting). */
export class CfnLintUnavailableError extends Error {}

/** The cfn-lint executable on the PATH, or undefined (found without running it). */
export function findCfnLint(path: string = process.env.PATH ?? ''): string | undefined {
  return findExecutable('cfn-lint', path);
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function run(executable: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, stdout, stderr, error }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface RawMatch {
  Filename: string | null;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location?: { Path?: (string | number)[] | null; Start?: { LineNumber?: number } };
}

/** cfn-lint's levels, spelled as @aws/cloudformation-validate spells them, so both print alike. */
const SEVERITY: Record<string, string> = { Error: 'ERROR', Warning: 'WARN', Informational: 'INFO' };

/**
 * W6001 ("an output of an output") is meant for an output that re-publishes an imported value
 * as it is. cfn-lint's maintainers ruled that an import used to build a new value, as in
 * `!Sub ['https://${Id}.execute-api…', {Id: !ImportValue …}]`, is fine (cfn-lint issue #291,
 * fixed by PR #293), but 1.x reports it again; CloudFormation accepts both. The invoke URL
 * output of an API imported from another stack is such a composed value, so that case is dropped.
 */
function isImportComposedIntoNewValue(match: RawMatch): boolean {
  const path = match.Location?.Path ?? [];
  return match.Rule.Id === 'W6001' && path[0] === 'Outputs' && path.slice(3, -1).some((p) => p === 'Fn::Sub' || p === 'Fn::Join');
}

function toFinding(match: RawMatch): CfnLintFinding {
  const finding: CfnLintFinding = { ruleId: match.Rule.Id, severity: SEVERITY[match.Level] ?? match.Level, message: match.Message };
  if (match.Filename !== null) finding.file = match.Filename;
  const line = match.Location?.Start?.LineNumber;
  if (line !== undefined) finding.line = line;
  const path = match.Location?.Path;
  if (Array.isArray(path)) finding.location = path;
  if (Array.isArray(path) && path.length >= 2 && typeof path[1] === 'string') {
    finding.logicalId = path[1];
    if (path.length > 2) finding.propertyPath = path.slice(2).join('.');
  }
  return finding;
}

/** The version of a cfn-lint executable, e.g. `1.51.0` (costs a full start-up, ~2 s). */
export async function cfnLintVersion(executable: string): Promise<string> {
  const result = await run(executable, ['--version']);
  return /cfn-lint\s+(\S+)/.exec(result.stdout)?.[1] ?? 'unknown';
}

/**
 * Lints template files in ONE cfn-lint run (start-up dominates: lint many files per call) with
 * the flags above, and returns the findings of all of them.
 */
export async function lintFiles(files: readonly string[], executable: string | undefined = findCfnLint()): Promise<CfnLintFinding[]> {
  if (executable === undefined) throw new CfnLintUnavailableError(`cfn-lint is not on the PATH; install it with ${CFN_LINT_INSTALL_HINT}.`);
  const result = await run(executable, [...CFN_LINT_ARGUMENTS, '--', ...files]);
  let matches: RawMatch[] | undefined;
  try {
    const parsed: unknown = JSON.parse(result.stdout);
    if (Array.isArray(parsed)) matches = parsed as RawMatch[];
  } catch {
    matches = undefined;
  }
  if (result.error !== undefined || matches === undefined) {
    // A shim on the PATH whose Python lacks cfn-lint (pyenv) lands here too, with its own message.
    const reason = result.error?.message ?? (result.stderr.trim() || `exit code ${result.code}`);
    throw new CfnLintUnavailableError(
      `cfn-lint (${executable}) did not run: ${reason.split('\n').slice(-3).join(' ')}. Install it with ${CFN_LINT_INSTALL_HINT}.`,
    );
  }
  return matches.filter((m) => !isImportComposedIntoNewValue(m)).map(toFinding);
}

/**
 * Lints one template held in memory (cfn-lint reads files, so it goes through a temporary one).
 * `cfn-lint --version` runs beside the lint, so naming the version adds no wall-clock time.
 */
export async function lintTemplate(
  template: Json,
  name = 'template.json',
  executable: string | undefined = findCfnLint(),
): Promise<CfnLintReport> {
  if (executable === undefined) throw new CfnLintUnavailableError(`cfn-lint is not on the PATH; install it with ${CFN_LINT_INSTALL_HINT}.`);
  const dir = mkdtempSync(join(tmpdir(), 'service-proxy-cfn-lint-'));
  try {
    const file = join(dir, `${basename(name, extname(name)) || 'template'}.json`);
    writeFileSync(file, JSON.stringify(template, null, 2));
    const [version, findings] = await Promise.all([cfnLintVersion(executable), lintFiles([file], executable)]);
    return { version, findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
