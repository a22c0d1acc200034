import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandFile } from '../cli/expand-file';
import { handleMacroEvent, handler } from '../macro/handler';
import { samplePath } from './helpers/samples';

const realEvent = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'macro-event-sqs.json'), 'utf8'));

/** A macro event around a fragment with one integration built from the given properties. */
function eventWith(properties: unknown, extraResources: Record<string, unknown> = {}) {
  return {
    ...realEvent,
    fragment: {
      Resources: {
        Orders: { Type: 'AWS::SQS::Queue' },
        ...extraResources,
        Submit: { Type: 'Proxy::ServiceIntegration', Properties: properties },
      },
    },
  };
}

const validProperties = {
  Path: '/orders',
  Method: 'POST',
  Service: 'sqs',
  Action: 'SendMessage',
  Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
};

describe('macro handler: the CloudFormation macro contract', () => {
  it('returns the same fragment as the CLI for a real macro event, echoing the requestId', async () => {
    // Act
    const response = await handler(realEvent);
    const cli = expandFile(samplePath('sqs-send-message'));
    // Assert
    expect(response.status).toBe('success');
    expect(response.requestId).toBe(realEvent.requestId);
    expect(response.errorMessage).toBeUndefined();
    if (!cli.ok) throw new Error('sample did not expand');
    expect(response.fragment).toEqual(cli.template);
  });

  it('leaves resources that are not Proxy::ServiceIntegration exactly as they were', () => {
    const odd = {
      Type: 'Custom::Thing',
      Properties: { Nested: [{ 'Fn::Sub': '${AWS::Region}-${!literal}' }, null, 1.5, true] },
      DeletionPolicy: 'Retain',
      Metadata: { a: { b: [] } },
    };
    const event = eventWith(validProperties, { Odd: odd });
    const before = JSON.stringify(event);
    const response = handleMacroEvent(event);
    expect(response.status).toBe('success');
    expect(JSON.stringify(response.fragment.Resources && (response.fragment.Resources as Record<string, unknown>).Odd)).toBe(
      JSON.stringify(odd),
    );
    // The input is never mutated.
    expect(JSON.stringify(event)).toBe(before);
  });

  it('returns the fragment unchanged when it has no integrations', () => {
    const fragment = { Resources: { Orders: { Type: 'AWS::SQS::Queue' } }, Outputs: { X: { Value: { Ref: 'Orders' } } } };
    const response = handleMacroEvent({ ...realEvent, fragment });
    expect(response).toEqual({ requestId: realEvent.requestId, status: 'success', fragment });
  });

  it('passes intrinsic functions in property values through to the generated resources', () => {
    const response = handleMacroEvent(
      eventWith({
        ...validProperties,
        Target: { 'Fn::ImportValue': 'orders-queue-arn' },
        Parameters: { MessageGroupId: { 'Fn::Sub': '${AWS::StackName}-group' } },
      }),
    );
    expect(response.status).toBe('success');
    const text = JSON.stringify(response.fragment);
    expect(text).toContain('{"Fn::ImportValue":"orders-queue-arn"}');
    expect(text).toContain('{"Fn::Sub":"${AWS::StackName}-group"}');
  });

  it.each([
    { description: 'no event at all', event: undefined, expected: /expected a CloudFormation macro event object/ },
    { description: 'a string event', event: 'hello', expected: /received "hello"/ },
    {
      description: 'no fragment',
      event: { requestId: 'r1' },
      expected: /fragment: expected the template fragment as a JSON object; received nothing/,
    },
    { description: 'a fragment that is not an object', event: { requestId: 'r1', fragment: [1, 2] }, expected: /received \[1,2\]/ },
    {
      description: 'Resources that is not an object',
      event: { requestId: 'r1', fragment: { Resources: 'nope' } },
      expected: /Resources: expected an object of resources/,
    },
    {
      description: 'wrong property types',
      event: eventWith({ ...validProperties, Path: 42, Parameters: 'x' }),
      expected: /\[Submit\] is invalid\. Properties\.Path: expected an API path.*Properties\.Parameters/,
    },
    {
      description: 'an unknown service',
      event: eventWith({ ...validProperties, Service: 'sqss' }),
      expected: /Properties\.Service: unknown service "sqss".*Did you mean 'sqs'\?/,
    },
    {
      description: 'an unknown action',
      event: eventWith({ ...validProperties, Action: 'SendMesage' }),
      expected: /Properties\.Action: "SendMesage" is not an action of service 'sqs'.*Did you mean 'SendMessage'\?/,
    },
    {
      description: 'a missing target',
      event: eventWith({ ...validProperties, Target: undefined }),
      expected: /Properties\.Target: the required property 'Target' is missing/,
    },
    {
      description: 'a duplicate route',
      event: {
        ...realEvent,
        fragment: {
          Resources: {
            Orders: { Type: 'AWS::SQS::Queue' },
            A: { Type: 'Proxy::ServiceIntegration', Properties: validProperties },
            B: { Type: 'Proxy::ServiceIntegration', Properties: validProperties },
          },
        },
      },
      expected: /Resource with id \[B\] is invalid\. Properties\.Method: the route POST \/orders is already integrated by \[A\]/,
    },
  ])('fails with a useful message for $description', ({ event, expected }) => {
    // Act
    const response = handleMacroEvent(event);
    // Assert
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toMatch(/^Invalid ServiceProxy template\. Number of errors found: \d+\. /);
    expect(response.errorMessage).toMatch(expected);
  });

  it('lists every problem of every resource in one errorMessage, SAM style', () => {
    const response = handleMacroEvent({
      ...realEvent,
      fragment: {
        Resources: {
          Orders: { Type: 'AWS::SQS::Queue' },
          A: { Type: 'Proxy::ServiceIntegration', Properties: { ...validProperties, Service: 'nope' } },
          B: { Type: 'Proxy::ServiceIntegration', Properties: { ...validProperties, Pathh: '/x' } },
        },
      },
    });
    expect(response.errorMessage).toMatch(
      /Number of errors found: 2\. Resource with id \[A\] is invalid\. Properties\.Service: .* \[PSI101\] Resource with id \[B\] is invalid\. Properties\.Pathh: unknown property .* \[PSI100\]$/,
    );
  });

  it('echoes the requestId on failure and returns the fragment it was given', () => {
    const event = eventWith({ ...validProperties, Service: 'nope' });
    const response = handleMacroEvent(event);
    expect(response.requestId).toBe(realEvent.requestId);
    expect(response.fragment).toEqual(event.fragment);
  });
});
