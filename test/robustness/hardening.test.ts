/**
 * Regression tests for the macro's hardening (issue 15, items 7–9): own-property lookups only,
 * bounded depth and size, bounded and secret-safe messages. Each failed before its fix.
 */
import { MAX_ERROR_MESSAGE_BYTES } from '../../macro/diagnostics';
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
    // The reference check (PSI115) refuses it before any lookup could reach Object.prototype.
    expect(response.errorMessage).toContain("Properties.Path: Ref 'constructor' names no resource, parameter or pseudo parameter");
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

describe('messages are bounded and keep secrets (item 9)', () => {
  it('5,000 duplicate routes give one message under 4,000 bytes: the first problems, then how many more', () => {
    const event = eventWith();
    const resources = (event.fragment as JsonObject).Resources as JsonObject;
    for (let i = 0; i < 5_000; i++) resources[`Copy${i}`] = resources.Submit as Json;
    const response = handleMacroEvent(event);
    expect(response.status).toBe('failure');
    const message = response.errorMessage as string;
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_BYTES);
    expect(message).toMatch(/^Invalid ServiceProxy template\. Number of errors found: 5000\. Resource with id \[/);
    expect(message).toMatch(
      / \.\.\. and [\d,]+ more not shown here \(this message stays under 4,000 bytes so that CloudFormation shows it whole\); run "service-proxy validate" on the template to list every one\.$/,
    );
  });

  it.each([
    ['a 10 MB parameter name', { Parameters: { ['p'.repeat(10_000_000)]: 'x' } }],
    ['a 10,000-character Path with an empty segment', { Path: `/${'a'.repeat(10_000)}//x` }],
    ['a 10 MB selector', { Parameters: { MessageBody: `$request.header.${'h '.repeat(5_000_000)}` } }],
    ['a 10 MB content type key', { RequestTemplate: { ['x'.repeat(10_000_000)]: 'y' } }],
  ] as [string, JsonObject][])('%s is echoed in at most 80 characters', (_what, properties) => {
    const response = handleMacroEvent(eventWith({}, properties));
    expect(response.status).toBe('failure');
    expect((response.errorMessage as string).length).toBeLessThan(1_200);
    expect(response.errorMessage).not.toMatch(/(.)\1{100}/);
  });

  it('a 10 MB logical ID and 10 MB unknown attribute are cut too', () => {
    const event = eventWith({ ['Attr'.repeat(2_500_000)]: 1 });
    const fragment = event.fragment as JsonObject;
    const resources = fragment.Resources as JsonObject;
    resources['L'.repeat(10_000_000)] = resources.Submit as Json;
    delete resources.Submit;
    const response = handleMacroEvent(event);
    expect(response.status).toBe('failure');
    expect((response.errorMessage as string).length).toBeLessThan(1_200);
  });

  const secret = 'hunter2-is-the-secret-value-of-a-NoEcho-parameter-and-it-is-long-enough-to-be-cut-in-messages';
  /** An event whose Path, Service, Target or a parameter is a Ref to a NoEcho parameter holding `secret`. */
  const secretEvent = (properties: JsonObject, value: Json = secret): JsonObject => {
    const event = eventWith({}, properties, { templateParameterValues: { Secret: value } });
    (event.fragment as JsonObject).Parameters = { Secret: { Type: 'String', NoEcho: true } };
    return event;
  };

  it.each([
    ['Path', { Path: { Ref: 'Secret' } }],
    ['Service', { Service: { Ref: 'Secret' } }],
    ['Action', { Action: { Ref: 'Secret' } }],
    ['Method', { Method: { Ref: 'Secret' } }],
    ['Target', { Target: { Ref: 'Secret' } }],
  ] as [string, JsonObject][])(
    'the value of a NoEcho parameter used as %s never appears in the message, even cut short',
    (_what, properties) => {
      const response = handleMacroEvent(secretEvent(properties));
      expect(response.status).toBe('failure');
      const message = response.errorMessage as string;
      expect(message).toContain('****');
      for (let length = 8; length <= secret.length; length++) expect(message).not.toContain(secret.slice(0, length));
    },
  );

  it('a NoEcho default and the elements of a NoEcho list are kept out as well', () => {
    const event = eventWith({}, { Path: { Ref: 'Secret' } }, { templateParameterValues: {} });
    (event.fragment as JsonObject).Parameters = { Secret: { Type: 'String', NoEcho: 'true', Default: 'no-slash-s3cr3t' } };
    event.templateParameterValues = { Secret: 'no-slash-s3cr3t' };
    expect(handleMacroEvent(event).errorMessage).not.toContain('s3cr3t');
    const list = secretEvent({ Service: { Ref: 'Secret' } }, 'ab-cd-ef-gh,zz-yy-xx');
    ((list.fragment as JsonObject).Parameters as JsonObject).Secret = { Type: 'CommaDelimitedList', NoEcho: true };
    expect(handleMacroEvent(list).errorMessage).not.toMatch(/ab-cd-ef-gh|zz-yy-xx/);
  });

  it('the value of a parameter without NoEcho is shown as before', () => {
    const event = eventWith({}, { Service: { Ref: 'Plain' } }, { templateParameterValues: { Plain: 'sqss' } });
    (event.fragment as JsonObject).Parameters = { Plain: { Type: 'String' } };
    expect(handleMacroEvent(event).errorMessage).toContain(`unknown service "sqss"`);
  });
});
