/**
 * `validate --format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning UIs read
 * (GitHub code scanning, Azure DevOps, VS Code's SARIF viewer). One run; the driver is
 * service-proxy, the validator that ran is an extension; every result has a rule, a level, the
 * file and line, and the resource and property as a logical location.
 */
import type { FindingLevel, FindingsReport } from './findings-report';

/** SARIF's name for a level. */
const SARIF_LEVEL: Record<FindingLevel, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Documentation of the rules by source, for helpUri. */
const RULE_HELP: Record<string, string> = {
  'cfn-lint': 'https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md',
  '@aws/cloudformation-validate': 'https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md',
};

/** A file path as a SARIF artifact URI: relative paths stay relative (to the repository root), with `/`. */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return `file://${encodeURI(slashed)}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encodeURI(slashed)}`;
  return encodeURI(slashed.replace(/^\.\//, ''));
}

/** The SARIF 2.1.0 log of a report. */
export function toSarif(report: FindingsReport, tool: { version: string; informationUri: string }): Record<string, unknown> {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const sourceOf = new Map(report.findings.map((f) => [f.rule, f.source]));
  const rules = ruleIds.map((id) => {
    const source = sourceOf.get(id) ?? 'service-proxy';
    const help = RULE_HELP[source];
    return {
      id,
      shortDescription: { text: source === 'service-proxy' ? `ServiceProxy ${id}` : `${source} rule ${id}` },
      ...(help !== undefined ? { helpUri: help } : {}),
    };
  });
  const uri = artifactUri(report.file);
  const results = report.findings.map((f) => {
    const fullyQualifiedName = (f.logicalId !== undefined ? ['Resources', f.logicalId, f.propertyPath] : [f.propertyPath])
      .filter((p) => p !== undefined)
      .join('.');
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: SARIF_LEVEL[f.level],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
          },
          ...(f.logicalId !== undefined || f.propertyPath !== undefined
            ? { logicalLocations: [{ name: f.propertyPath ?? f.logicalId, fullyQualifiedName, kind: 'member' }] }
            : {}),
        },
      ],
      properties: { source: f.source },
    };
  });
  const validator = report.validator;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'service-proxy', version: tool.version, informationUri: tool.informationUri, rules },
          ...(validator !== undefined ? { extensions: [{ name: validator.name, version: validator.version }] } : {}),
        },
        artifacts: [{ location: { uri } }],
        results,
        ...(validator?.note !== undefined ? { properties: { note: validator.note } } : {}),
      },
    ],
  };
}
