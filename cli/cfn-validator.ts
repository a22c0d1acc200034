import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject, type Json } from '../macro/types';
import type { ValidationFinding } from './validation-finding';

interface CfnValidateModule {
  CompositeEngine: new () => {
    validateTemplate(
      template: unknown,
      config: Record<string, unknown>,
    ): { diagnostics: { ruleId: string; severity: string; message: string; entity?: { logicalId: string }; propertyPath?: string }[] };
  };
  TemplateContent: new (content: string, name?: string) => unknown;
  version?: () => string;
}

let engine: InstanceType<CfnValidateModule['CompositeEngine']> | undefined;
let validatorModule: CfnValidateModule | undefined;

/**
 * AWS's offline CloudFormation validator (`@aws/cloudformation-validate`, the cfn-lint rule set
 * over the real resource provider schemas). The copy aws-cdk-lib ships (1.14) is newer than the
 * registry's 1.9 beta and is not exported: build.mjs vendors it into dist/vendor, beside the CLI
 * bundle, so users of the CLI need no aws-cdk-lib. Unbundled (tests), it is read from dist/ too.
 */
function loadValidator(): CfnValidateModule {
  if (validatorModule === undefined) {
    // From dist/cli/validate.js: dist/vendor; from cli/cfn-validator.ts (tests): dist/vendor as well.
    const candidates = [
      join(__dirname, '..', 'vendor', 'cloudformation-validate'),
      join(__dirname, '..', 'dist', 'vendor', 'cloudformation-validate'),
    ];
    const directory = candidates.find((candidate) => existsSync(join(candidate, 'index.js')));
    if (directory === undefined)
      throw new Error(`@aws/cloudformation-validate is missing from ${candidates.join(' and ')}; run npm run build (node build.mjs).`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validatorModule = require(directory) as CfnValidateModule;
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
 * True for an E1029 ("embedded parameter outside of an Fn::Sub") finding whose `${name}` names
 * nothing in the template: no parameter, resource or pseudo parameter. Such text is never
 * substituted by CloudFormation, so it reaches its destination as written — in our VTL request
 * templates, `${spAttribute}` is VTL's own formal reference. @aws/cloudformation-validate 1.14
 * reports it inside an OpenAPI body (DefinitionBody/Body) though not in a method's
 * RequestTemplates; cfn-lint 1.51's E1029 reports only names the template defines
 * (SubNeeded.match: `var in refs or getatts.match(...)`), which is the failure the rule is about.
 */
function isNonTemplateVariable(ruleId: string, message: string, template: Json): boolean {
  if (ruleId !== 'E1029') return false;
  const variable = /embedded parameter ['"]\$\{([^}]+)\}['"]/.exec(message)?.[1]?.trim();
  if (variable === undefined) return false;
  const name = variable.split('.')[0] as string;
  const sections = isJsonObject(template) ? template : {};
  const defined = (section: string) => isJsonObject(sections[section]) && name in (sections[section] as object);
  return !(name.startsWith('AWS::') || defined('Parameters') || defined('Resources'));
}

/**
 * Validates an expanded template strictly: warnings count as errors and informational findings
 * (such as a hard-coded partition, I3042) are reported too, except the authoring-style rules
 * above and E1029 on text that names nothing in the template. The engine is built once per process.
 */
export function validateCloudFormation(template: Json, name = 'template.json'): ValidationFinding[] {
  const validator = loadValidator();
  engine ??= new validator.CompositeEngine();
  const report = engine.validateTemplate(new validator.TemplateContent(JSON.stringify(template), name), {
    strict: true,
    severityLevel: 'INFO',
    exclude: { ids: [...EXCLUDED_INFORMATIONAL_RULES] },
  });
  return report.diagnostics
    .filter((d) => !isNonTemplateVariable(d.ruleId, d.message, template))
    .map((d) => {
      const finding: ValidationFinding = { ruleId: d.ruleId, severity: d.severity, message: d.message };
      if (d.entity?.logicalId !== undefined) finding.logicalId = d.entity.logicalId;
      if (d.propertyPath !== undefined) finding.propertyPath = d.propertyPath;
      return finding;
    });
}
