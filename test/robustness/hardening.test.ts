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
