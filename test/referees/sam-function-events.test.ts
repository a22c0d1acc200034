import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles } from '../../cli/cfn-lint';
import { transformTemplate } from '../../macro/transform';
import { isJsonObject, type JsonObject, type Template } from '../../macro/types';
import { samplePath } from '../helpers/samples';
import { isSamsOwnPartition } from './sam-own-partition';
import { readSampleSource, runBothTransforms } from './sam-pipeline';
import { SamTranslator } from './sam-translator';
import { requireCfnLint } from './tools';

// A Proxy::ServiceIntegration and a SAM function's `Events: Api` on the same API, path and method.
// The real SAM translator (aws-sam-translator 1.110 here) decides what such a template would deploy:
// when it merges function events into the definition (MergeDefinitions), its Lambda proxy integration
// replaces ours without a word. So the macro refuses the clash, naming the integration and the event,
// in either transform order.

const CLASH = samplePath('error-sam-function-event-clash');

/** The operation at a path and method of an API's OpenAPI Body in a translated template. */
function operation(template: Template, api: string, path: string, method: string): JsonObject | undefined {
  const body = ((template.Resources as JsonObject)[api] as JsonObject | undefined)?.Properties as JsonObject | undefined;
  const paths = isJsonObject(body?.Body) ? (body.Body.paths as JsonObject) : {};
  const item = paths[path];
  return isJsonObject(item) && isJsonObject(item[method]) ? item[method] : undefined;
}

/** The template with the function's Api event left out, and that event. */
function withoutFunctionEvent(source: JsonObject): { template: JsonObject; event: JsonObject } {
  const template = structuredClone(source) as any;
  const events = template.Resources.CreateOrderFunction.Properties.Events;
  const event = events.CreateOrder;
  delete events.CreateOrder;
  return { template, event };
}

describe('an integration and a SAM function event on the same route (real SAM translator)', () => {
  let sam: SamTranslator;
  beforeAll(async () => {
    sam = await SamTranslator.start();
  });
  afterAll(() => sam.close());

  it('SAM, merging the function events after the macro, would replace our integration with its Lambda proxy', async () => {
    // Arrange: expand without the event (the macro accepts that), then add the event back, as if unchecked.
    const { template, event } = withoutFunctionEvent(readSampleSource(CLASH));
    const { Transform: _transform, ...fragment } = template;
    const expanded = transformTemplate(fragment, { templateParameterValues: {}, params: {} });
    if (!expanded.ok) throw new Error(JSON.stringify(expanded.diagnostics));
    const unchecked = structuredClone(expanded.template) as any;
    unchecked.Resources.CreateOrderFunction.Properties.Events = { CreateOrder: event };
    unchecked.Transform = 'AWS::Serverless-2016-10-31';
    // Act
    const translated = await sam.translate(unchecked);
    // Assert: ours was there before SAM; after it, SAM's aws_proxy holds the route.
    if (!translated.ok) throw new Error(translated.errors.join('; '));
    const before = (expanded.template.Resources as any).ShopApi.Properties.DefinitionBody.paths['/orders'].post;
    expect(before['x-amazon-apigateway-integration'].type).toBe('aws');
    expect(operation(translated.template, 'ShopApi', '/orders', 'post')?.['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy',
    });
  });

  it('ServiceProxy, then SAM: the macro refuses the template, naming the integration and the function event', async () => {
    await expect(runBothTransforms(readSampleSource(CLASH), 'ServiceProxy, then SAM', sam)).rejects.toThrow(
      /SubmitOrder[\s\S]*POST \/orders[\s\S]*CreateOrderFunction[\s\S]*CreateOrder/,
    );
  });

  it('SAM, then ServiceProxy: the route is already SAM’s in the body, and the error names the function', async () => {
    await expect(runBothTransforms(readSampleSource(CLASH), 'SAM, then ServiceProxy', sam)).rejects.toThrow(
      /SubmitOrder[\s\S]*POST \/orders[\s\S]*function CreateOrderFunction/,
    );
  });

  it('SAM, then ServiceProxy, on the implicit ServerlessRestApi: the error names the function', async () => {
    const source = readSampleSource(CLASH) as any;
    delete source.Resources.ShopApi;
    delete source.Resources.CreateOrderFunction.Properties.Events.CreateOrder.Properties.RestApiId;
    source.Resources.SubmitOrder.Properties.RestApiId = { Ref: 'ServerlessRestApi' };
    source.Transform = ['AWS::Serverless-2016-10-31', 'ServiceProxy'];
    await expect(runBothTransforms(source, 'SAM, then ServiceProxy', sam)).rejects.toThrow(
      /SubmitOrder[\s\S]*POST \/orders[\s\S]*function CreateOrderFunction/,
    );
  });

  it('another method on the same path is no clash: both reach the deployed definition, and cfn-lint finds nothing', async () => {
    const cfnLint = requireCfnLint();
    const source = readSampleSource(CLASH) as any;
    source.Resources.SubmitOrder.Properties.Method = 'PUT';
    const final = await runBothTransforms(source, 'ServiceProxy, then SAM', sam);
    expect(operation(final, 'ShopApi', '/orders', 'put')?.['x-amazon-apigateway-integration']).toMatchObject({ type: 'aws' });
    expect(operation(final, 'ShopApi', '/orders', 'post')?.['x-amazon-apigateway-integration']).toMatchObject({ type: 'aws_proxy' });
    const dir = mkdtempSync(join(tmpdir(), 'service-proxy-sam-events-'));
    try {
      const file = join(dir, 'put-beside-post.json');
      writeFileSync(file, JSON.stringify(final));
      const { Transform: _transform, ...fragment } = source;
      const expansion = transformTemplate(fragment, { templateParameterValues: {}, params: {} });
      if (!expansion.ok) throw new Error(JSON.stringify(expansion.diagnostics));
      const findings = await lintFiles([file], cfnLint);
      expect(findings.filter((f) => !isSamsOwnPartition(f, final, expansion.template))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
