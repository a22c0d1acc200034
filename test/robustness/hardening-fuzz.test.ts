/**
 * Generated inputs for the macro's hardening (issue 15, items 7–9): names that Object.prototype
 * holds in every position a name is looked up, values nested at random depths in random places,
 * many problems at once, and NoEcho secrets used anywhere a parameter can be. Every case keeps the
 * macro contract (macro-contract.ts: never throws, no internal error, errorMessage within its bound).
 */
import fc from 'fast-check';
import { MAX_ERROR_MESSAGE_BYTES } from '../../macro/diagnostics';
import { MAX_NESTING_DEPTH } from '../../macro/template/nesting';
import type { Json, JsonObject } from '../../macro/types';
import { nastyString } from './arbitraries';
import { checkMacroContract } from './macro-contract';
import { runsFor, SEED } from './runs';

/** Every name Object.prototype answers for, and a few more that have fooled lookups. */
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype', 'length', 'name'];

const protoName = fc.constantFrom(...PROTOTYPE_NAMES);

function eventOf(fragment: Json, extra: JsonObject = {}): JsonObject {
  return JSON.parse(
    JSON.stringify({
      requestId: 'fuzz',
      region: 'us-east-1',
      accountId: '123456789012',
      params: {},
      templateParameterValues: {},
      ...extra,
      fragment,
    }),
  ) as JsonObject;
}

function integration(properties: JsonObject = {}, attributes: JsonObject = {}): JsonObject {
  return {
    Type: 'Proxy::ServiceIntegration',
    ...attributes,
    Properties: {
      Path: '/orders',
      Method: 'POST',
      Service: 'sqs',
      Action: 'SendMessage',
      Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
      ...properties,
    },
  };
}

describe('robustness: hardening properties (issue 15)', () => {
  it('names Object.prototype holds are unknown wherever the macro looks a name up (item 7)', () => {
    const place = fc.constantFrom(
      'Condition',
      'DependsOn',
      'Service',
      'Action',
      'Parameter',
      'RefParameter',
      'TargetRef',
      'RestApiRef',
      'ResourceId',
      'ConditionsKey',
    );
    fc.assert(
      fc.property(place, protoName, (where, name) => {
        const resources: JsonObject = { Orders: { Type: 'AWS::SQS::Queue' } };
        let submit = integration();
        const template: JsonObject = { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } }, Resources: resources };
        if (where === 'Condition') submit = integration({}, { Condition: name });
        if (where === 'DependsOn') submit = integration({}, { DependsOn: [name] });
        if (where === 'Service') submit = integration({ Service: name });
        if (where === 'Action') submit = integration({ Action: name });
        if (where === 'Parameter') submit = integration({ Parameters: { [name]: 'x' } });
        if (where === 'RefParameter') submit = integration({ Path: { Ref: name } });
        if (where === 'TargetRef') submit = integration({ Target: { Ref: name } });
        if (where === 'RestApiRef') submit = integration({ RestApiId: { Ref: name } });
        if (where === 'ResourceId') resources[name] = { Type: 'Custom::Thing' };
        if (where === 'ConditionsKey') (template.Conditions as JsonObject)[name] = { 'Fn::Equals': ['a', 'a'] };
        resources.Submit = submit;
        const response = checkMacroContract(eventOf(template));
        // Only a resource or condition the template really declares under such a name may be found; a
        // Target Ref to a name the template does not declare is passed on for CloudFormation to resolve.
        if (!['ResourceId', 'ConditionsKey', 'Parameter', 'TargetRef'].includes(where)) expect(response.status).toBe('failure');
        if (where === 'Parameter') expect(response.errorMessage ?? '').toMatch(/PSI103|PSI100/);
      }),
      { numRuns: runsFor(0.02), seed: SEED + 20 },
    );
  });

  it('a value nested at any depth in any section gives a diagnostic over the bound and expands under it (item 8)', () => {
    const where = fc.constantFrom('resource', 'metadata', 'parameter', 'output', 'params', 'parameterValues', 'mappings');
    fc.assert(
      fc.property(
        where,
        // The harness itself copies events with JSON.stringify, which overflows a few thousand levels down:
        // 3,000 is the most it carries (the dedicated tests go to 100,000).
        fc.integer({ min: MAX_NESTING_DEPTH - 50, max: MAX_NESTING_DEPTH * 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        (place, depth, shape) => {
          let deep: Json = 'bottom';
          for (let i = 0; i < depth; i++) deep = shape[i % shape.length] ? [deep] : { k: deep };
          const submit = integration({}, place === 'metadata' ? { Metadata: deep } : {});
          if (place === 'parameter') (submit.Properties as JsonObject).Parameters = { MessageBody: deep };
          const template: JsonObject = { Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Submit: submit } };
          if (place === 'resource') (template.Resources as JsonObject).Other = { Type: 'Custom::X', Properties: { V: deep } };
          if (place === 'output') template.Outputs = { O: { Value: deep } };
          if (place === 'mappings') template.Mappings = { M: { K: { V: deep } } };
          const extra: JsonObject = {};
          if (place === 'params') extra.params = { Deep: deep };
          if (place === 'parameterValues') extra.templateParameterValues = { Deep: deep };
          const response = checkMacroContract(eventOf(template, extra));
          if (depth > MAX_NESTING_DEPTH) expect(response.errorMessage).toContain('levels deep');
          // A few levels of the template sit above the value: well under the bound, the template expands
          // (a MessageBody is text: an object there is refused for what it is, not for its depth).
          if (depth < MAX_NESTING_DEPTH - 10 && place !== 'parameter') expect(response.status).toBe('success');
        },
      ),
      { numRuns: runsFor(0.01), seed: SEED + 21 },
    );
  });

  it('any number of problems gives a message within the bound that names the total (item 9)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), nastyString, (copies, id) => {
        const resources: JsonObject = { Orders: { Type: 'AWS::SQS::Queue' } };
        for (let i = 0; i < copies; i++) resources[`${id}${i}`] = integration({ Service: `sqss${id}` });
        const response = checkMacroContract(eventOf({ Resources: resources }));
        expect(response.status).toBe('failure');
        expect(Buffer.byteLength(response.errorMessage as string, 'utf8')).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_BYTES);
        expect(response.errorMessage).toContain(`Number of errors found: ${copies}.`);
      }),
      { numRuns: runsFor(0.005), seed: SEED + 22 },
    );
  });

  it('the value of a NoEcho parameter never appears in a message, wherever it is used (item 9)', () => {
    const secret = fc
      .tuple(fc.string({ unit: fc.constantFrom(...'abcXYZ019/{}$#.:-_ \'"\\'.split('')), minLength: 4, maxLength: 200 }), fc.nat())
      .map(([text, n]) => `S3cr3t${n}${text}`);
    const property = fc.constantFrom('Path', 'Method', 'Service', 'Action', 'Target', 'RestApiId');
    fc.assert(
      fc.property(secret, property, fc.boolean(), (value, name, asList) => {
        const template: JsonObject = {
          Parameters: { Secret: { Type: asList ? 'CommaDelimitedList' : 'String', NoEcho: true } },
          Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Submit: integration({ [name]: { Ref: 'Secret' } }) },
        };
        const response = checkMacroContract(eventOf(template, { templateParameterValues: { Secret: asList ? [value, 'x'] : value } }));
        const message = response.errorMessage ?? '';
        for (const form of [value, JSON.stringify(value).slice(1, -1)]) expect(message).not.toContain(form.slice(0, 16));
      }),
      { numRuns: runsFor(0.02), seed: SEED + 23 },
    );
  });
});
