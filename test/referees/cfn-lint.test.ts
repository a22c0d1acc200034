import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnLintFinding, lintFiles } from '../../cli/cfn-lint';
import { expandFile } from '../../cli/expand-file';
import type { Template } from '../../macro/types';
import { sampleNames, samplePath } from '../helpers/samples';
import { requireCfnLint } from './tools';

// The real cfn-lint (1.51 here) over every expanded sample, in ONE run: each call pays ~3 s of
// Python start-up, each template ~0.3 s more. Flags: JSON output, every informational rule on
// except I3011/I3013, which judge the user's own resources (see CFN_LINT_EXCLUDED_INFORMATIONAL_RULES).
//
// Where cfn-lint and @aws/cloudformation-validate (test/validate-samples.test.ts) disagreed:
// - external-rest-api: cfn-lint 1.51 warns W6001 ("an import from another output") on the invoke
//   URL output, `!Sub ['https://${Value1}.execute-api…', {Value1: !ImportValue shared-api-id}]`;
//   @aws/cloudformation-validate 1.14 reports nothing. CloudFormation accepts Fn::ImportValue in an
//   output's Value (the Fn::ImportValue docs restrict only Export names and the import's own
//   argument), and cfn-lint's maintainers ruled that an import composed into a new value must not
//   warn (issue #291, PR #293); 1.x regressed. So @aws/cloudformation-validate is right: the
//   runner drops W6001 for imports inside Fn::Sub/Fn::Join, and the canary below proves a plain
//   re-published import still warns.
// - sam-explicit-api: @aws/cloudformation-validate 1.14 reported E1029 ("embedded parameter
//   '${spAttribute}' outside of an 'Fn::Sub'") on our VTL request template inside the
//   AWS::Serverless::Api DefinitionBody; cfn-lint 1.51 reports nothing. Substituting `${…}` is what
//   Fn::Sub does to its input string (Fn::Sub docs); a plain string reaches API Gateway as written,
//   where `${spAttribute}` is VTL's formal reference, and spAttribute names nothing in the template.
//   cfn-lint's E1029 flags only names the template defines (a forgotten Sub), and neither tool
//   flags the same text in a method's RequestTemplates. cfn-lint is right: cfn-validator.ts drops
//   E1029 for names that are no parameter, resource or pseudo parameter.
// Nothing else differs: on every other sample both report zero findings.
//
// cfn-lint runs the SAM translation itself on samples that list AWS::Serverless-2016-10-31, but
// then skips I3042 altogether (SAM writes `arn:aws:` itself); sam-translator.test.ts checks our
// part of those templates for hard-coded partitions after the real translator.

const CANARIES = {
  // A hand-written-style integration URI with a hard-coded partition: I3042 must be on to see it.
  hardCodedPartition: 'canary-hard-coded-partition',
  // An output that re-publishes an import as it is: the W6001 case cfn-lint is right about.
  republishedImport: 'canary-republished-import',
};

function canaryTemplates(): Record<string, Template> {
  const base = expandFile(samplePath('sqs-send-message'));
  if (!base.ok) throw new Error('sqs-send-message did not expand');
  const partition = structuredClone(base.template) as any;
  partition.Resources.SubmitOrderMethod.Properties.Integration.Uri = {
    'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/orders',
  };
  const republished = structuredClone(base.template) as any;
  republished.Outputs = { ...republished.Outputs, SharedApiId: { Value: { 'Fn::ImportValue': 'shared-api-id' } } };
  return { [CANARIES.hardCodedPartition]: partition, [CANARIES.republishedImport]: republished };
}

describe('cfn-lint over every expanded sample (informational checks on)', () => {
  const { valid } = sampleNames();
  const dir = mkdtempSync(join(tmpdir(), 'service-proxy-cfn-lint-'));
  const fileOf = (name: string) => join(dir, `${name}.json`);
  let findings: CfnLintFinding[];
  const findingsOf = (name: string): CfnLintFinding[] => findings.filter((f) => f.file === fileOf(name));

  beforeAll(async () => {
    const executable = requireCfnLint();
    const templates: Record<string, unknown> = canaryTemplates();
    for (const name of valid) {
      const result = expandFile(samplePath(name));
      if (!result.ok) throw new Error(`${name} did not expand: ${JSON.stringify(result.diagnostics)}`);
      templates[name] = result.template;
    }
    // Compact JSON, as the macro hands its output to CloudFormation: cfn-lint's E1002 (1 MB) counts
    // the file's bytes, and indentation alone would double a large expansion's.
    for (const [name, template] of Object.entries(templates)) writeFileSync(fileOf(name), JSON.stringify(template));
    findings = await lintFiles(Object.keys(templates).map(fileOf), executable);
    // One cfn-lint run over every sample, the 280-route OpenAPI one included: about a minute alone, more under load.
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the run itself reports no problem (every file was found and read)', () => {
    // Problems of the run itself (E0003, a file it could not read) have no file of ours.
    expect(findings.filter((f) => f.file === undefined || !f.file.startsWith(dir))).toEqual([]);
  });

  it.each(valid)('%s: zero errors, warnings and informational findings', (name) => {
    expect(findingsOf(name)).toEqual([]);
  });

  it('reports a hard-coded partition (I3042), so the check guarding our ARNs is really on', () => {
    expect(findingsOf(CANARIES.hardCodedPartition).map((f) => [f.ruleId, f.logicalId])).toEqual([['I3042', 'SubmitOrderMethod']]);
  });

  it('still warns W6001 on an output that re-publishes an import as it is (only composed imports are dropped)', () => {
    expect(findingsOf(CANARIES.republishedImport).map((f) => [f.ruleId, f.logicalId])).toEqual([['W6001', 'SharedApiId']]);
  });
});
