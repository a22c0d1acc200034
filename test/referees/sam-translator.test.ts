import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnLintFinding, lintFiles } from '../../cli/cfn-lint';
import { expandFile } from '../../cli/expand-file';
import type { JsonObject, Template } from '../../macro/types';
import { sampleNames, samplePath } from '../helpers/samples';
import { integrationDeployments, methodResourceDeployments } from './deployment-coverage';
import { isSamsOwnPartition } from './sam-own-partition';
import {
  integrationRoutes,
  ordersToCheck,
  readSampleSource,
  runBothTransforms,
  TRANSFORM_ORDERS,
  type TransformOrder,
} from './sam-pipeline';
import { SamTranslator } from './sam-translator';
import { requireCfnLint } from './tools';

// Our macro and the real AWS SAM translator (aws-sam-translator 1.110 here), in sequence as
// CloudFormation runs them, on every sample whose Transform names both; a sample written
// [ServiceProxy, SAM] is also run in the reverse order. All final templates are linted by cfn-lint
// in ONE run. Checked for each: cfn-lint is clean; every integration is deployed (a method resource
// its stage's deployment depends on, or an operation in the OpenAPI Body of the API it deploys);
// and editing any one integration changes the logical ID of that deployment, so it is redeployed.

const SAMPLES = sampleNames().valid.map((name) => ({ name, source: readSampleSource(samplePath(name)) }));
const CASES = SAMPLES.flatMap(({ name, source }) => ordersToCheck(source).map((order) => ({ name, order })));
const EDIT_CASES = CASES.flatMap(({ name, order }) =>
  integrationRoutes(readSampleSource(samplePath(name))).map((route) => ({ name, order, integration: route.id })),
);
const caseKey = (name: string, order: TransformOrder) =>
  `${name}--${order === 'ServiceProxy, then SAM' ? 'proxy-then-sam' : 'sam-then-proxy'}`;

/** Gives an integration a different request template: a change that must reach the stage. */
function withEditedIntegration(source: JsonObject, integration: string): JsonObject {
  const edited = structuredClone(source) as any;
  edited.Resources[integration].Properties.RequestTemplate = `Action=Edited&Integration=${integration}`;
  return edited;
}

/** A canary in the same cfn-lint run: our method's URI with a hard-coded partition, after SAM. */
const CANARY = 'canary-hard-coded-partition-after-sam';

function hardCodePartition(template: Template): Template {
  const copy = structuredClone(template) as any;
  copy.Resources.SubmitOrderMethod.Properties.Integration.Uri = {
    'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/orders',
  };
  return copy;
}

/** Every `Fn::FindInMap` of a template, as [mapping, top-level key, second-level key]. */
function findInMapReads(template: Template): string[][] {
  const reads: string[][] = [];
  const pending: unknown[] = [template.Resources];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Array.isArray(value)) pending.push(...value);
    else if (value !== null && typeof value === 'object') {
      const find = (value as Record<string, unknown>)['Fn::FindInMap'];
      if (Array.isArray(find)) reads.push(find.map(String));
      else pending.push(...Object.values(value));
    }
  }
  return reads;
}

function expandedSample(name: string): Template {
  const result = expandFile(samplePath(name));
  if (!result.ok) throw new Error(`${name} did not expand`);
  return result.template;
}

describe('ServiceProxy with the real AWS SAM translator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-proxy-sam-'));
  const finals = new Map<string, Template>();
  const edited = new Map<string, Template>();
  let lintFindings: CfnLintFinding[];
  let sam: SamTranslator | undefined;

  beforeAll(async () => {
    const cfnLint = requireCfnLint();
    sam = await SamTranslator.start();
    for (const { name, order } of CASES)
      finals.set(caseKey(name, order), await runBothTransforms(readSampleSource(samplePath(name)), order, sam));
    for (const { name, order, integration } of EDIT_CASES) {
      edited.set(
        `${caseKey(name, order)}/${integration}`,
        await runBothTransforms(withEditedIntegration(readSampleSource(samplePath(name)), integration), order, sam),
      );
    }
    const files = new Map(finals);
    files.set(CANARY, hardCodePartition(finals.get(caseKey('sam-function-and-integrations', 'ServiceProxy, then SAM')) as Template));
    for (const [key, template] of files) writeFileSync(join(dir, `${key}.json`), JSON.stringify(template, null, 2));
    lintFindings = await lintFiles(
      [...files.keys()].map((key) => join(dir, `${key}.json`)),
      cfnLint,
    );
  });

  afterAll(() => {
    sam?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has samples that combine ServiceProxy with SAM (samples/sam-*.yaml)', () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.each(CASES)('$name ($order): cfn-lint finds nothing in the final template', ({ name, order }) => {
    const final = finals.get(caseKey(name, order)) as Template;
    const findings = lintFindings.filter((f) => f.file === join(dir, `${caseKey(name, order)}.json`));
    expect(findings.filter((f) => !isSamsOwnPartition(f, final, expandedSample(name)))).toEqual([]);
  });

  it.each(CASES)(
    '$name ($order): every shared mapping-template text read with Fn::FindInMap is in the final Mappings',
    ({ name, order }) => {
      const final = finals.get(caseKey(name, order)) as Template;
      const reads = findInMapReads(final);
      const mappings = (final.Mappings ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
      for (const [mapping = '', top = '', key = ''] of reads) expect(typeof mappings[mapping]?.[top]?.[key]).toBe('string');
      if (name === 'sam-proxy-api') expect(reads.length).toBeGreaterThan(0);
    },
  );

  it.each(CASES)("$name ($order): every integration is deployed by its stage's deployment", ({ name, order }) => {
    const coverage = integrationDeployments(
      finals.get(caseKey(name, order)) as Template,
      integrationRoutes(readSampleSource(samplePath(name))),
    );
    expect(coverage.flatMap((c) => c.problems)).toEqual([]);
    for (const c of coverage) expect(c.deployments.length).toBeGreaterThan(0);
  });

  it.each(EDIT_CASES)(
    '$name ($order): changing $integration changes the logical ID of the deployment that publishes it',
    ({ name, order, integration }) => {
      const routes = integrationRoutes(readSampleSource(samplePath(name))).filter((r) => r.id === integration);
      const [before] = integrationDeployments(finals.get(caseKey(name, order)) as Template, routes);
      const [after] = integrationDeployments(edited.get(`${caseKey(name, order)}/${integration}`) as Template, routes);
      expect(before?.deployments).toHaveLength(1);
      expect(after?.deployments).toHaveLength(1);
      expect(after?.deployments[0]).not.toBe(before?.deployments[0]);
    },
  );

  it('still reports a hard-coded partition in what we generate, while dropping the ones SAM wrote', () => {
    const final = hardCodePartition(finals.get(caseKey('sam-function-and-integrations', 'ServiceProxy, then SAM')) as Template);
    const expansion = hardCodePartition(expandedSample('sam-function-and-integrations'));
    const findings = lintFindings.filter((f) => f.file === join(dir, `${CANARY}.json`));
    expect(findings.filter((f) => isSamsOwnPartition(f, final, expansion)).length).toBeGreaterThan(0);
    expect(findings.filter((f) => !isSamsOwnPartition(f, final, expansion)).map((f) => [f.ruleId, f.logicalId])).toEqual([
      ['I3042', 'SubmitOrderMethod'],
    ]);
  });

  it.each(TRANSFORM_ORDERS)(
    'sam-targets (%s): every Target becomes the resource SAM makes, and the role may call exactly those',
    (order) => {
      const final = finals.get(caseKey('sam-targets', order)) as Template;
      const resources = final.Resources as Record<string, { Type: string; Properties: any }>;
      const statements: { Action: string; Resource: unknown }[] =
        resources.ServiceProxyApiRole?.Properties.Policies[0].PolicyDocument.Statement;
      const granted = Object.fromEntries(statements.map((s) => [s.Action, s.Resource]));
      // The same grants in either order: what the macro writes before SAM names what SAM makes.
      expect(granted).toEqual({
        'lambda:InvokeFunction': [
          { 'Fn::GetAtt': ['QuoteFunction', 'Arn'] },
          { Ref: 'QuoteFunctionAliasliveD1' },
          { Ref: 'StableAlias' },
          { Ref: 'StableVersion' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:partner-quotes:prod' },
        ],
        'states:StartSyncExecution': { Ref: 'OrderWorkflow' },
        'dynamodb:PutItem': { 'Fn::GetAtt': ['Sessions', 'Arn'] },
        'dynamodb:GetItem': { 'Fn::GetAtt': ['Sessions', 'Arn'] },
      });
      expect(resources.QuoteFunction?.Type).toBe('AWS::Lambda::Function');
      expect(resources.QuoteFunctionAliasliveD1?.Type).toBe('AWS::Lambda::Alias');
      expect(resources.QuoteFunctionAliasliveD1?.Properties.Name).toBe('live-1');
      expect(resources.OrderWorkflow?.Type).toBe('AWS::StepFunctions::StateMachine');
      expect(resources.Sessions?.Type).toBe('AWS::DynamoDB::Table');
      expect(resources.GetLiveQuoteMethod?.Properties.Integration.Uri).toEqual({
        'Fn::Sub':
          'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${QuoteFunctionAliasliveD1}/invocations',
      });
    },
  );

  it("catches a method beside a SAM API that SAM's deployment would never redeploy (the check has teeth)", async () => {
    // Arrange: a plain method added next to SAM's implicit API, the naive way to attach to it.
    const template = {
      Resources: {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'index.handler',
            InlineCode: 'exports.handler = async () => ({ statusCode: 200 });',
            Events: { Get: { Type: 'Api', Properties: { Path: '/a', Method: 'GET' } } },
          },
        },
        Extra: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: { Ref: 'ServerlessRestApi' },
            ResourceId: { 'Fn::GetAtt': ['ServerlessRestApi', 'RootResourceId'] },
            HttpMethod: 'POST',
            AuthorizationType: 'NONE',
            Integration: { Type: 'MOCK' },
          },
        },
      },
    };
    // Act
    const translated = await (sam as SamTranslator).translate(template);
    // Assert
    if (!translated.ok) throw new Error(translated.errors.join('; '));
    const extra = methodResourceDeployments(translated.template).find((m) => m.integration === 'Extra');
    expect(extra?.deployments).toHaveLength(1);
    expect(extra?.problems).toEqual([expect.stringContaining('does not depend on it')]);
  });
});
