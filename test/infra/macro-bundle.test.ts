/**
 * Calls the real Lambda bundle (`dist/lambda/index.js`, built by `node build.mjs` before jest)
 * the way CloudFormation does, so the deployed artifact, not just the sources, honours the macro
 * contract: `{requestId, fragment, ...}` in, `{requestId, status, fragment, errorMessage?}` out.
 */
import * as path from 'node:path';
import { assertBundleBuilt, MACRO_BUNDLE_DIR } from '../../infra/bundle';
import sqsSendMessageEvent from './fixtures/sqs-send-message.macro-event.json';

/** A CloudFormation template fragment, as the macro receives and returns it. */
interface Fragment {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
  readonly [section: string]: unknown;
}

/** The event CloudFormation sends a macro function. */
interface MacroEvent {
  readonly requestId: string;
  readonly region: string;
  readonly accountId: string;
  readonly transformId: string;
  readonly params: Record<string, unknown>;
  readonly templateParameterValues: Record<string, unknown>;
  readonly fragment: Fragment;
}

/** The response CloudFormation expects back. */
interface MacroResponse {
  readonly requestId: string;
  readonly status: string;
  readonly fragment: Fragment;
  readonly errorMessage?: string;
}

type MacroHandler = (event: MacroEvent, context: unknown) => MacroResponse | Promise<MacroResponse>;

// Just enough of a Lambda context for a handler that logs the request ID or checks its deadline.
const lambdaContext = {
  awsRequestId: 'c0ffee00-0000-4000-8000-000000000000',
  functionName: 'ServiceProxyMacro-Function',
  getRemainingTimeInMillis: () => 30_000,
};

/** Loads the bundle's `handler` export, failing with a pointer to the build if it is absent. */
function loadBundledHandler(): MacroHandler {
  assertBundleBuilt(MACRO_BUNDLE_DIR);
  const bundle: { handler?: unknown } = require(path.join(MACRO_BUNDLE_DIR, 'index.js'));
  if (typeof bundle.handler !== 'function') {
    throw new Error(`${MACRO_BUNDLE_DIR}/index.js does not export a handler function; run \`node build.mjs\``);
  }
  return bundle.handler as MacroHandler;
}

/** A fresh copy of the sample event, so no test sees another's mutations. */
function sampleEvent(): MacroEvent {
  return structuredClone(sqsSendMessageEvent) as MacroEvent;
}

/** All resources of `type` in a fragment. */
function resourcesOfType(fragment: Fragment, type: string) {
  return Object.values(fragment.Resources ?? {}).filter((resource) => resource.Type === type);
}

describe('the bundled macro handler', () => {
  let handler: MacroHandler;

  beforeAll(() => {
    handler = loadBundledHandler();
  });

  it('expands an sqs SendMessage integration into an API Gateway method with an AWS integration', async () => {
    // Arrange
    const event = sampleEvent();

    // Act
    const response = await handler(event, lambdaContext);

    // Assert
    expect(response.errorMessage).toBeUndefined();
    expect(response.status).toBe('success');
    expect(response.requestId).toBe(event.requestId);
    // The response must survive CloudFormation's JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(response))).toEqual(response);
    expect(resourcesOfType(response.fragment, 'Proxy::ServiceIntegration')).toEqual([]);
    expect(response.fragment.Resources?.Queue).toEqual(sqsSendMessageEvent.fragment.Resources.Queue);
    expect(resourcesOfType(response.fragment, 'AWS::ApiGateway::Method')).toContainEqual(
      expect.objectContaining({
        Properties: expect.objectContaining({
          HttpMethod: 'POST',
          Integration: expect.objectContaining({ Type: 'AWS' }),
        }),
      }),
    );
    expect(resourcesOfType(response.fragment, 'AWS::IAM::Role').length).toBeGreaterThan(0);
    expect(JSON.stringify(response.fragment)).toContain('sqs:SendMessage');
  });

  it('derives an action from the service facts shipped beside the bundle (SSM GetParameter)', async () => {
    // Arrange
    const event = sampleEvent();
    const integration = event.fragment.Resources?.SendOrder;
    if (integration?.Properties)
      Object.assign(integration.Properties, {
        Method: 'GET',
        Service: 'ssm',
        Action: 'GetParameter',
        Target: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/flags',
        Parameters: { Name: '/app/flags' },
      });

    // Act
    const response = await handler(event, lambdaContext);

    // Assert
    expect(response.errorMessage).toBeUndefined();
    expect(response.status).toBe('success');
    expect(JSON.stringify(response.fragment)).toContain("'AmazonSSM.GetParameter'");
    expect(JSON.stringify(response.fragment)).toContain('ssm:GetParameter');
  });

  it('fails with an error message naming the resource when the service is unknown', async () => {
    // Arrange
    const event = sampleEvent();
    const integration = event.fragment.Resources?.SendOrder;
    if (integration?.Properties) integration.Properties.Service = 'sqss';

    // Act
    const response = await handler(event, lambdaContext);

    // Assert: CloudFormation shows errorMessage in the change set's status reason.
    expect(response.status).toBe('failure');
    expect(response.requestId).toBe(event.requestId);
    expect(response.errorMessage).toEqual(expect.stringContaining('SendOrder'));
  });
});
