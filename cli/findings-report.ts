/**
 * One shape for everything `validate` finds: the macro's diagnostics, the template warnings and
 * the validator's findings, each with rule, level, logical ID and property path (`--format json`).
 */
import type { Diagnostic } from '../macro/diagnostics';
import type { SourceLocator } from './source-locations';
import type { TemplateWarning } from './transform-check';
import type { ValidationFinding } from './validation-finding';

/** How serious a finding is, in the words SARIF and most tools use. */
export type FindingLevel = 'error' | 'warning' | 'info';

/** One finding, wherever it came from. */
export interface ReportedFinding {
  /** `PSI105` (the macro), `PSI300` (template warnings), `E3002` (the validator's rule). */
  rule: string;
  level: FindingLevel;
  /** The resource concerned, absent for template-wide findings. */
  logicalId?: string;
  /** Inside the resource, e.g. `Properties.Target`. */
  propertyPath?: string;
  message: string;
  /** What found it: `service-proxy` or the validator's name (`cfn-lint`, `@aws/cloudformation-validate`). */
  source: string;
  /** Where in the template file as written (1-based); generated resources point at their integration. */
  line?: number;
  column?: number;
}

/** The validator that ran, as `validate --format json` names it. */
export interface ValidatorDescription {
  name: string;
  version: string;
  /** E.g. `cfn-lint 1.51.0 (informational checks on)`. */
  description: string;
  /** Why it is not the validator asked for. */
  note?: string;
}

/** Everything `validate` found in one template. */
export interface FindingsReport {
  file: string;
  /** Absent when the template did not expand (the macro's diagnostics are the findings). */
  validator?: ValidatorDescription;
  findings: ReportedFinding[];
  summary: Record<FindingLevel, number>;
}

const LEVELS: Record<string, FindingLevel> = { FATAL: 'error', ERROR: 'error', WARN: 'warning', WARNING: 'warning', INFO: 'info' };

/** The macro's diagnostics as findings (errors). */
export function diagnosticFindings(diagnostics: readonly Diagnostic[]): ReportedFinding[] {
  return diagnostics.map((d) => finding(d.code, 'error', d.logicalId, d.path, d.message, 'service-proxy'));
}

/** Template warnings as findings (warnings). */
export function warningFindings(warnings: readonly TemplateWarning[]): ReportedFinding[] {
  return warnings.map((w) => finding(w.code, 'warning', w.logicalId, w.path, w.message, 'service-proxy'));
}

/** A validator's findings; its severities (ERROR, WARN, INFO, FATAL) become levels. */
export function validatorFindings(findings: readonly ValidationFinding[], source: string): ReportedFinding[] {
  return findings.map((f) =>
    finding(f.ruleId, LEVELS[f.severity.toUpperCase()] ?? 'error', f.logicalId, f.propertyPath, f.message, source),
  );
}

function finding(
  rule: string,
  level: FindingLevel,
  logicalId: string | undefined,
  propertyPath: string | undefined,
  message: string,
  source: string,
): ReportedFinding {
  const out: ReportedFinding = { rule, level, message, source };
  if (logicalId !== undefined) out.logicalId = logicalId;
  if (propertyPath !== undefined && propertyPath !== '') out.propertyPath = propertyPath;
  return out;
}

/** Splits a validator's description (`cfn-lint 1.51.0 (informational checks on)`) into name and version. */
export function describeValidator(description: string, note: string | undefined): ValidatorDescription {
  const [name = description, version = 'unknown'] = description.split(' ');
  return { name, version, description, ...(note !== undefined ? { note } : {}) };
}

/** The report, with each finding located in the template file and the levels counted. */
export function buildReport(
  file: string,
  findings: readonly ReportedFinding[],
  locator: SourceLocator | undefined,
  validator?: ValidatorDescription,
): FindingsReport {
  const located = findings.map((f) => {
    if (locator === undefined) return f;
    const { line, column } = locator.locate(f.logicalId, f.propertyPath);
    return { ...f, line, column };
  });
  const summary: Record<FindingLevel, number> = { error: 0, warning: 0, info: 0 };
  for (const f of located) summary[f.level]++;
  return { file, ...(validator !== undefined ? { validator } : {}), findings: located, summary };
}
