/** Regression tests for the crashes the robustness suite found in the core, one per fix. */

import { referencedNames } from '../../macro/cloudformation/intrinsics';
import { handleMacroEvent } from '../../macro/handler';
import { pathResourceId } from '../../macro/logical-ids';
import { type PathSegment, parseApiPath } from '../../macro/schema/api-path';
import { renameReferences } from '../../macro/template/rename';
import type { Json, JsonObject } from '../../macro/types';
import { deeplyNested } from './arbitraries';

describe('robustness regressions', () => {
  it('a Target resource whose Type is an object that cannot become text is a diagnostic, not a crash', () => {
    const response = handleMacroEvent({
      requestId: 'r',
      fragment: {
        Resources: {
          Orders: { Type: [{ toString: '' }] },
          S: {
            Type: 'Proxy::ServiceIntegration',
            Properties: { Path: '/o', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Orders', 'Arn'] } },
          },
        },
      },
    });
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toContain('[PSI105]');
  });

  it.each<JsonObject>([
    { Service: 'hasOwnProperty', Action: 'SendMessage', Parameters: {} },
    { Service: 'sqs', Action: 'constructor', Parameters: {} },
    { Service: 'sqs', Action: 'SendMessage', Parameters: { constructor: 'x', toString: 'y' } },
  ])('a Service, Action or parameter named like an Object.prototype member is unknown, not a crash ($Service $Action)', (properties) => {
    const response = handleMacroEvent({
      requestId: 'r',
      fragment: {
        Resources: {
          Orders: { Type: 'AWS::SQS::Queue' },
          S: {
            Type: 'Proxy::ServiceIntegration',
            Properties: { Path: '/o', Method: 'POST', Target: { 'Fn::GetAtt': ['Orders', 'Arn'] }, ...properties },
          },
        },
      },
    });
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toMatch(/\[PSI10[123]\]/);
  });

  it('a resource named like an Object.prototype member keeps its value (a resource "hasOwnProperty" became a function)', () => {
    const response = handleMacroEvent({
      requestId: 'r',
      fragment: {
        Resources: {
          hasOwnProperty: { Type: 'AWS::SNS::Topic' },
          constructor: { Type: 'AWS::SQS::Queue' },
          S: {
            Type: 'Proxy::ServiceIntegration',
            Properties: {
              Path: '/o',
              Method: 'POST',
              Service: 'sqs',
              Action: 'SendMessage',
              Target: { 'Fn::GetAtt': ['constructor', 'Arn'] },
            },
          },
        },
      },
    });
    expect(response.status).toBe('success');
    const resources = response.fragment.Resources as JsonObject;
    expect(resources.hasOwnProperty).toEqual({ Type: 'AWS::SNS::Topic' });
    expect(resources.constructor).toEqual({ Type: 'AWS::SQS::Queue' });
  });

  it('referencedNames walks a value nested 3,000 deep without overflowing the stack (it recursed: "Maximum call stack size exceeded")', () => {
    const deep = { Before: { Ref: 'A' }, Deep: deeplyNested(3_000, true), After: { 'Fn::GetAtt': ['B', 'Arn'] } } as Json;
    expect([...referencedNames(deep)]).toEqual(['A', 'B']);
  });

  it('referencedNames finds names in the same depth-first order as before', () => {
    const value = {
      A: { Ref: 'x' },
      Ref: 'y',
      B: [{ 'Fn::Sub': ['${p.q}-${!no}-${r}', { V: { Ref: 'v' } }] }, { 'Fn::GetAtt': 'g.Arn' }],
      C: { 'Fn::GetAtt': ['h', 'Arn'] },
    } as Json;
    expect([...referencedNames(value)]).toEqual(['x', 'y', 'p', 'r', 'v', 'g', 'h']);
  });

  it('parseApiPath rejects a path longer than any API Gateway URL at once (a 100,000-segment path exhausted the heap in the emitters)', () => {
    const path = `/${Array.from({ length: 100_000 }, (_, i) => `s${i}`).join('/')}`;
    const started = performance.now();
    const parsed = parseApiPath(path);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { path: [], message: expect.stringMatching(/^the path is 688,890 characters long; no API Gateway URL can hold more than 10,240/) },
      ],
    });
    expect(parseApiPath(`/${'a'.repeat(10_239)}`).ok).toBe(true);
  });

  it('path resource IDs of every prefix of a deep path cost near-linear time (segment IDs are cached per segment)', () => {
    const path = (parseApiPath(`/${Array.from({ length: 2_000 }, () => 'a').join('/')}`) as { value: PathSegment[] }).value;
    const started = performance.now();
    const ids = path.map((_, depth) => pathResourceId('ServiceProxyApi', path.slice(0, depth + 1)));
    expect(new Set(ids).size).toBe(2_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(pathResourceId('ServiceProxyApi', path.slice(0, 2))).toBe('ServiceProxyApiAAResource');
  });

  it('renaming references walks a deeply nested template without overflowing the stack (found when new samples shifted the fuzz seed)', () => {
    const nested = deeplyNested(4_000, false);
    const renamed = renameReferences({ Value: { Ref: 'Old' }, Deep: nested }, { Old: 'New' }) as JsonObject;
    expect(renamed.Value).toEqual({ Ref: 'New' });
    expect(JSON.stringify(renamed.Deep)).toBe(JSON.stringify(nested));
  });

  it.each<[string, JsonObject]>([
    [
      'a Target whose resource Type is an object with a non-callable toString (found when a new sample shifted the fuzz seed)',
      {
        Log: { Type: { toString: '' } },
        S: {
          Type: 'Proxy::ServiceIntegration',
          Properties: { Path: '/o', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Log', 'Arn'] } },
        },
      },
    ],
    [
      'an OpenAPI Body whose openapi version is such an object',
      {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: { openapi: { toString: '' }, paths: {} } } },
        Orders: { Type: 'AWS::SQS::Queue' },
        S: {
          Type: 'Proxy::ServiceIntegration',
          Properties: {
            Path: '/o',
            Method: 'POST',
            Service: 'sqs',
            Action: 'SendMessage',
            Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
            RestApiId: { Ref: 'Api' },
          },
        },
      },
    ],
  ])('%s is a diagnostic, not a crash', (_, resources) => {
    const response = handleMacroEvent({ requestId: 'r', fragment: { Resources: resources } });
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toMatch(/\[PSI1\d\d\]/);
  });
});
