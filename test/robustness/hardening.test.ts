/**
 * Regression tests for the macro's hardening (issue 15, items 7–9): own-property lookups only,
 * bounded depth and size, bounded and secret-safe messages. Each failed before its fix.
 */
import { handleMacroEvent } from '../../macro/handler';
import { renameReferences } from '../../macro/template/rename';
import type { Json, JsonObject } from '../../macro/types';

/** A macro event with one SQS integration (plus whatever `extra` adds to it) and a Conditions section. */
function eventWith(extra: JsonObject = {}, properties: JsonObject = {}, more: JsonObject = {}): JsonObject {
  return JSON.parse(
    JSON.stringify({
      requestId: 'r',
      region: 'us-east-1',
      accountId: '123456789012',
      params: {},
      templateParameterValues: {},
      ...more,
      fragment: {
        Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } },
        Resources: {
          Orders: { Type: 'AWS::SQS::Queue' },
          Submit: {
            Type: 'Proxy::ServiceIntegration',
            ...extra,
            Properties: {
              Path: '/orders',
              Method: 'POST',
              Service: 'sqs',
              Action: 'SendMessage',
              Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
              ...properties,
            },
          },
        },
      },
    }),
  ) as JsonObject;
}

describe('own-property lookups only (item 7)', () => {
  it.each(['toString', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty'])(
    'Condition: %s is an unknown condition, not an Object.prototype member',
    (name) => {
      const response = handleMacroEvent(eventWith({ Condition: name }));
      expect(response.status).toBe('failure');
      expect(response.errorMessage).toContain('Resource with id [Submit] is invalid. Condition: received');
      expect(response.errorMessage).toContain("expected the name of a condition in the template's Conditions section (IsProd)");
    },
  );

  it.each(['constructor', 'toString', '__proto__'])('DependsOn: %s is not a resource of the template', (name) => {
    const response = handleMacroEvent(eventWith({ DependsOn: [name] }));
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toContain('DependsOn[0]: received');
  });

  it('an integration that depends on itself is refused (CloudFormation: circular dependency)', () => {
    const response = handleMacroEvent(eventWith({ DependsOn: 'Submit' }));
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toContain('DependsOn: Submit depends on itself');
  });

  it('an integration that depends on another integration depends on its generated method', () => {
    const event = eventWith();
    const resources = (event.fragment as JsonObject).Resources as JsonObject;
    resources.Later = {
      Type: 'Proxy::ServiceIntegration',
      DependsOn: 'Submit',
      Properties: { Path: '/later', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Orders', 'Arn'] } },
    };
    const response = handleMacroEvent(event);
    expect(response.status).toBe('success');
    expect(((response.fragment.Resources as JsonObject).LaterMethod as JsonObject).DependsOn).toEqual(['SubmitMethod']);
  });

  it('a Ref to a template parameter named like an Object.prototype member finds no value', () => {
    const response = handleMacroEvent(eventWith({}, { Path: { Ref: 'constructor' } }));
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toContain("Properties.Path: is a Ref to 'constructor', which is not a template parameter");
  });

  it('renaming keeps a "__proto__" key and never takes a rename from Object.prototype', () => {
    const value = JSON.parse('{"__proto__": {"Ref": "Old"}, "A": {"Ref": "constructor"}, "B": {"Fn::Sub": "${toString}"}}') as Json;
    const renamed = renameReferences(value, { Old: 'New' }) as JsonObject;
    expect(JSON.stringify(renamed)).toBe('{"__proto__":{"Ref":"New"},"A":{"Ref":"constructor"},"B":{"Fn::Sub":"${toString}"}}');
  });

  it('a resource keyed "__proto__" survives expansion as a resource, not as the prototype', () => {
    const event = eventWith();
    const fragment = JSON.parse(
      JSON.stringify(event.fragment).replace('"Orders":{', '"__proto__":{"Type":"Custom::Thing"},"Orders":{'),
    ) as JsonObject;
    const response = handleMacroEvent({ ...event, fragment });
    expect(response.status).toBe('success');
    expect(JSON.stringify(response.fragment.Resources)).toContain('"__proto__":{"Type":"Custom::Thing"}');
  });
});

describe('depth and size are bounded (item 8)', () => {
  /** A value nested `depth` levels deep in objects (or arrays). */
  const nested = (depth: number, inArrays = false): Json => {
    let value: Json = 'bottom';
    for (let i = 0; i < depth; i++) value = inArrays ? [value] : { a: value };
    return value;
  };

  it.each([
    [
      'a resource that is not ours',
      (e: JsonObject, deep: Json) =>
        (((e.fragment as JsonObject).Resources as JsonObject).Other = { Type: 'Custom::X', Properties: { V: deep } }),
    ],
    [
      'the Metadata of an integration',
      (e: JsonObject, deep: Json) => ((((e.fragment as JsonObject).Resources as JsonObject).Submit as JsonObject).Metadata = deep),
    ],
    [
      'a parameter value',
      (e: JsonObject, deep: Json) =>
        (((((e.fragment as JsonObject).Resources as JsonObject).Submit as JsonObject).Properties as JsonObject).Parameters = {
          MessageBody: deep,
        }),
    ],
    ['an output', (e: JsonObject, deep: Json) => ((e.fragment as JsonObject).Outputs = { Deep: { Value: deep } })],
    ['the Transform parameters', (e: JsonObject, deep: Json) => (e.params = { Deep: deep })],
    ['the template parameter values', (e: JsonObject, deep: Json) => (e.templateParameterValues = { Deep: deep })],
  ] as [string, (e: JsonObject, deep: Json) => void][])(
    'a value nested 4,000 deep in %s gives a clear diagnostic, not a stack overflow',
    (_where, place) => {
      const event = eventWith();
      place(event, nested(4_000, _where.includes('parameter')));
      const response = handleMacroEvent(event);
      expect(response.status).toBe('failure');
      expect(response.errorMessage).toMatch(/is nested more than 1,000 levels deep; .* \[PSI002\]$/);
      expect(response.errorMessage).not.toContain('internal error');
    },
  );

  it('100,000 levels are refused as fast, and 900 levels anywhere still expand', () => {
    const started = performance.now();
    const event = eventWith();
    ((event.fragment as JsonObject).Resources as JsonObject).Other = { Type: 'Custom::X', Properties: { V: nested(100_000) } };
    expect(handleMacroEvent(event).errorMessage).toContain('Resources.Other.Properties.V.a.a.a.a…');
    expect(performance.now() - started).toBeLessThan(2_000);

    const fine = eventWith({ Metadata: nested(900) }, { Parameters: { MessageBody: '$request.body' } });
    (fine.fragment as JsonObject).Outputs = { Deep: { Value: nested(900, true) } };
    ((fine.fragment as JsonObject).Resources as JsonObject).Other = { Type: 'Custom::X', Properties: { V: nested(900) } };
    expect(handleMacroEvent(fine).status).toBe('success');
  });

  it('a 10 MB Service or parameter name is rejected within a second (the did-you-mean compares at most 100 characters)', () => {
    for (const properties of [{ Service: 'x'.repeat(10_000_000) }, { Parameters: { ['y'.repeat(10_000_000)]: 'x' } }] as JsonObject[]) {
      const started = performance.now();
      const response = handleMacroEvent(eventWith({}, properties));
      expect(response.status).toBe('failure');
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
