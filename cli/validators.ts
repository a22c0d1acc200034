import type { Json } from '../macro/types';
import { CFN_LINT_INSTALL_HINT, CfnLintUnavailableError, findCfnLint, lintTemplate } from './cfn-lint';
import { validateCloudFormation, validatorVersion } from './cfn-validator';
import type { ValidationFinding } from './validation-finding';

/** The validators `service-proxy validate` can run. */
export const VALIDATOR_NAMES = ['cfn-lint', 'cloudformation-validate'] as const;

/** A validator by its `--validator` name. */
export type ValidatorName = (typeof VALIDATOR_NAMES)[number];

/** What one validation found, and a truthful description of the tool that found it. */
export interface ValidationReport {
  /** E.g. `cfn-lint 1.51.0 (informational checks on)`. */
  tool: string;
  findings: ValidationFinding[];
  /** Why the validator that ran is not the one asked for, e.g. `cfn-lint is not on the PATH`. */
  note?: string;
}

function bundledValidator(template: Json, file: string, note?: string): ValidationReport {
  const report: ValidationReport = {
    tool: `@aws/cloudformation-validate ${validatorVersion()} (strict, informational checks on)`,
    findings: validateCloudFormation(template, file),
  };
  if (note !== undefined) report.note = note;
  return report;
}

/**
 * Validates an expanded template with the validator asked for or, for `auto`, with cfn-lint when
 * it is on the PATH and runs (the tool users know; it also runs the SAM translation itself), else
 * with the offline validator bundled with the CDK. A forced cfn-lint that is missing throws
 * CfnLintUnavailableError, naming how to install it.
 */
export async function validateExpanded(
  requested: ValidatorName | 'auto',
  template: Json,
  file: string,
  path: string = process.env.PATH ?? '',
): Promise<ValidationReport> {
  if (requested === 'cloudformation-validate') return bundledValidator(template, file);
  const executable = findCfnLint(path);
  if (executable === undefined) {
    if (requested === 'cfn-lint')
      throw new CfnLintUnavailableError(`cfn-lint is not on the PATH; install it with ${CFN_LINT_INSTALL_HINT}.`);
    return bundledValidator(template, file, 'cfn-lint is not on the PATH');
  }
  try {
    const report = await lintTemplate(template, file, executable);
    return {
      tool: `cfn-lint ${report.version} (informational checks on)`,
      findings: report.findings.map(({ file: _file, line: _line, location: _location, ...finding }) => finding),
    };
  } catch (error) {
    // e.g. a pyenv shim whose active Python lacks cfn-lint: fall back, and say why.
    if (requested === 'cfn-lint' || !(error instanceof CfnLintUnavailableError)) throw error;
    return bundledValidator(template, file, error.message);
  }
}
