import { dirname } from 'node:path';
import type { Json } from '../types';

/** One finding of the CloudFormation validator, located by logical ID and property path. */
export interface ValidationFinding {
  ruleId: string;
  severity: string;
  logicalId?: string;
  propertyPath?: string;
  message: string;
}

interface CfnValidateModule {
  CompositeEngine: new () => {
    validateTemplate(template: unknown, config: Record<string, unknown>): { diagnostics: { ruleId: string; severity: string; message: string; entity?: { logicalId: string }; propertyPath?: string }[] };
  };
  TemplateContent: new (content: string, name?: string) => unknown;
  version?: () => string;
}

let engine: InstanceType<CfnValidateModule['CompositeEngine']> | undefined;
let validatorModule: CfnValidateModule | undefined;

/**
 * AWS's offline CloudFormation validator (`@aws/cloudformation-validate`, the cfn-lint rule set
 * over the real resource provider schemas). The copy aws-cdk-lib ships (1.14) is newer than the
 * registry's 1.9 beta; it is not exported, so it is resolved from aws-cdk-lib's own folder.
 */
function loadValidator(): CfnValidateModule {
  if (validatorModule === undefined) {
    const cdkLib = dirname(require.resolve('aws-cdk-lib/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validatorModule = require(require.resolve('@aws/cloudformation-validate', { paths: [cdkLib] })) as CfnValidateModule;
  }
  return validatorModule;
}

/** The validator's version, for reports. */
export function validatorVersion(): string {
  return loadValidator().version?.() ?? 'unknown';
}

/**
 * Informational rules that speak about authoring style, not correctness, and would fire on every
 * template: a stateful resource without DeletionPolicy (I3011, I3013), the optional architecture
 * Metadata block (I4010), create-only property notices (I9001) and resources without Tags (I9040).
 */
export const EXCLUDED_INFORMATIONAL_RULES = ['I3011', 'I3013', 'I4010', 'I9001', 'I9040'] as const;

/**
 * Validates an expanded template strictly: warnings count as errors and informational findings
 * (such as a hard-coded partition, I3042) are reported too, except the authoring-style rules
 * above. The engine is built once per process.
 */
export function validateCloudFormation(template: Json, name = 'template.json'): ValidationFinding[] {
  const validator = loadValidator();
  engine ??= new validator.CompositeEngine();
  const report = engine.validateTemplate(new validator.TemplateContent(JSON.stringify(template), name), {
    strict: true,
    severityLevel: 'INFO',
    exclude: { ids: [...EXCLUDED_INFORMATIONAL_RULES] },
  });
  return report.diagnostics.map((d) => {
    const finding: ValidationFinding = { ruleId: d.ruleId, severity: d.severity, message: d.message };
    if (d.entity?.logicalId !== undefined) finding.logicalId = d.entity.logicalId;
    if (d.propertyPath !== undefined) finding.propertyPath = d.propertyPath;
    return finding;
  });
}
