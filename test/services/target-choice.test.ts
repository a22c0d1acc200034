/**
 * `Targets` + `TargetKey` (issue 18, item 4): the caller chooses the target among a declared list.
 * The role is granted the declared targets only; the template compares the caller's value with
 * literal keys and refuses any other. serve runs it in test/local/serve-target-choice.test.ts.
 */
import fc from 'fast-check';
import type { ServiceRequest } from '../../gateway';
import { transformTemplate } from '../../macro/transform';
import type { JsonObject } from '../../macro/types';
import { exchange, jsonService } from './gateway-in-process';

const streams = {
  A: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
  B: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
};
const choice = {
  Path: '/streams/{stream}',
  Method: 'POST',
  Service: 'kinesis',
  Action: 'PutRecord',
  Targets: { a: { 'Fn::GetAtt': ['A', 'Arn'] }, b: { 'Fn::GetAtt': ['B', 'Arn'] } },
  TargetKey: '$request.path.stream',
};

function expand(properties: JsonObject, others: JsonObject = streams) {
  return transformTemplate(
    { Resources: { ...others, Put: { Type: 'Proxy::ServiceIntegration', Properties: properties } } },
    { params: {}, templateParameterValues: {} },
  );
}

function problemsOf(properties: JsonObject, others?: JsonObject): string[] {
  const result = expand(properties, others);
  if (result.ok) throw new Error('expected diagnostics');
  return result.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`);
}

describe('Targets and TargetKey', () => {
  it('grants the role the declared targets only, and writes one branch per key with a refusal for any other', () => {
    const result = expand(choice);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const resources = result.template.Resources as Record<string, any>;
    expect(resources.ServiceProxyApiRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: [{ 'Fn::GetAtt': ['A', 'Arn'] }, { 'Fn::GetAtt': ['B', 'Arn'] }] },
    ]);
    const template = JSON.stringify(resources.PutMethod.Properties.Integration.RequestTemplates);
    expect(template).toContain(`#if($spTargetKey == 'a')`);
    expect(template).toContain(`#elseif($spTargetKey == 'b')`);
    expect(template).toContain('names no target of this API; expected one of a, b.');
  });

  it.each([
    ['a Target as well', { Target: { 'Fn::GetAtt': ['A', 'Arn'] } }, 'PSI105 Properties.Target: and Targets both name the target'],
    ['no TargetKey', { TargetKey: undefined }, 'PSI105 Properties.TargetKey: is required with Targets'],
    ['a TargetKey that is no selector', { TargetKey: '$request.nope' }, 'PSI105 Properties.TargetKey: '],
    ['a TargetKey on a path parameter Path lacks', { TargetKey: '$request.path.name' }, 'which Path does not have'],
    ['a TargetKey of the whole body', { TargetKey: '$request.body' }, 'is not a single value of the request'],
    ['one target only', { Targets: { a: { 'Fn::GetAtt': ['A', 'Arn'] } } }, 'a choice needs 2 to 20 (for one target, write Target)'],
    [
      'a key a caller cannot send',
      { Targets: { a: { 'Fn::GetAtt': ['A', 'Arn'] }, "b'": { 'Fn::GetAtt': ['B', 'Arn'] } } },
      `Properties.Targets["b'"]: 'b'' is not a key a caller can send`,
    ],
    [
      'a target of the wrong type',
      { Targets: { a: { 'Fn::GetAtt': ['A', 'Arn'] }, q: { Ref: 'Q' } } },
      'Properties.Targets.q: refers to Q (AWS::SQS::Queue',
    ],
    ['a RequestTemplate', { RequestTemplate: '{}' }, 'cannot be used with RequestTemplate'],
    [
      'targets in different Regions',
      { Targets: { a: 'arn:aws:kinesis:us-east-1:123456789012:stream/a', b: 'arn:aws:kinesis:eu-west-1:123456789012:stream/b' } },
      'names targets in different Regions',
    ],
  ])('refuses %s', (_, change, message) => {
    const properties = { ...choice, ...change } as Record<string, unknown>;
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete properties[key];
    expect(problemsOf(properties as JsonObject, { ...streams, Q: { Type: 'AWS::SQS::Queue' } })).toEqual([
      expect.stringContaining(message),
    ]);
  });

  it.each([
    ['lambda', 'Invoke', 'AWS::Lambda::Function'],
    ['sqs', 'SendMessage', 'AWS::SQS::Queue'],
    ['s3', 'GetObject', 'AWS::S3::Bucket'],
  ])('refuses %s %s, whose target is in the URI or a request parameter, where a template cannot choose it', (service, action, type) => {
    const others = { A: { Type: type, Properties: {} }, B: { Type: type, Properties: {} } };
    const targets = { a: { 'Fn::GetAtt': ['A', 'Arn'] }, b: { 'Fn::GetAtt': ['B', 'Arn'] } };
    const path = service === 's3' ? '/objects/{stream}/{key+}' : '/streams/{stream}';
    const problems = problemsOf({ ...choice, Path: path, Service: service, Action: action, Targets: targets }, others);
    expect(problems).toEqual([expect.stringContaining('its target is part of the URI or a request parameter')]);
  });
});

describe('Targets chosen by what the caller sends (property)', () => {
  const template = (keySelector: string): JsonObject => ({
    Resources: {
      ...streams,
      Put: { Type: 'Proxy::ServiceIntegration', Properties: { ...choice, Path: '/streams', TargetKey: keySelector } },
    },
  });
  const sentStream = (sent: ServiceRequest | undefined): unknown => {
    try {
      return (JSON.parse(sent?.body.toString('utf8') ?? '') as { StreamName?: unknown }).StreamName;
    } catch {
      return undefined;
    }
  };
  const kinesis = jsonService(() => ({ status: 200, headers: {}, body: Buffer.from('{"SequenceNumber":"1","ShardId":"s"}') }));
  // Near misses of the keys, VTL and JSON syntax, and anything else.
  const keyLike = fc.oneof(
    fc.constantFrom('a', 'b', 'A', 'a ', ' a', 'ab', "a'", 'a"', '$a', '${a}', "a' || 'b", 'A', 'B', '\\u0061', ''),
    fc.string({ maxLength: 12 }),
  );

  it('calls the declared target whose key the header holds, and refuses every other value with 400 (no stream named)', async () => {
    await fc.assert(
      fc.asyncProperty(keyLike, async (value) => {
        const headers: Record<string, string> =
          /^[\t\x20-\x7e]*$/.test(value) && value.trim() === value && value !== '' ? { 'X-Stream': value } : {};
        const sentValue = headers['X-Stream'];
        const result = await exchange(
          template('$request.header.X-Stream'),
          { method: 'POST', path: '/streams', body: '{}', headers },
          kinesis,
        );
        if (sentValue === 'a' || sentValue === 'b') {
          expect(result.response.statusCode).toBe(200);
          expect(sentStream(result.sent)).toBe(sentValue.toUpperCase());
        } else {
          expect(result.response.statusCode).toBe(400);
          expect(result.json()).toEqual({
            message: 'request.header.X-Stream names no target of this API; expected one of a, b.',
            code: 'RequestRefused',
          });
          expect(sentStream(result.sent)).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads a key from a body field the same way: any JSON value other than the literal keys is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(keyLike, fc.jsonValue({ maxDepth: 2 })), async (value) => {
        const body = JSON.stringify({ stream: value });
        const result = await exchange(template('$request.body.stream'), { method: 'POST', path: '/streams', body }, kinesis);
        const chosen = value === 'a' || value === 'b';
        expect(result.response.statusCode).toBe(chosen ? 200 : 400);
        expect(sentStream(result.sent)).toBe(chosen ? (value as string).toUpperCase() : undefined);
      }),
      { numRuns: 150 },
    );
  });
});
