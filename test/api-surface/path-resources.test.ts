import { expandFile } from '../../cli/expand-file';
import { transformTemplate } from '../../macro/transform';
import { isJsonObject, type JsonObject } from '../../macro/types';
import { sampleNames, samplePath } from '../helpers/samples';

// API Gateway refuses, at deploy time, two resources with the same parent and PathPart ("Another
// resource with the same parent already has this name"), and two variable path parts under one
// parent. An integration below a path the template already declares reuses that resource.

/** `RestApiId ParentId PathPart` of every path resource, to find siblings with the same name. */
function siblingKeys(resources: JsonObject): string[] {
  return Object.values(resources)
    .filter((r): r is JsonObject => isJsonObject(r) && r.Type === 'AWS::ApiGateway::Resource' && isJsonObject(r.Properties))
    .map((r) => {
      const p = r.Properties as JsonObject;
      return JSON.stringify([p.RestApiId, p.ParentId, p.PathPart]);
    });
}

describe('path resources the template already declares', () => {
  it.each(sampleNames().valid)('%s: no two path resources share a parent and a PathPart', (name) => {
    const result = expandFile(samplePath(name));
    if (!result.ok) throw new Error(`${name} did not expand`);
    const keys = siblingKeys(result.template.Resources as JsonObject);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('integrations below /orders and /orders/{orderId} use the declared resources and add only /notes', () => {
    const result = expandFile(samplePath('existing-path-resources'));
    if (!result.ok) throw new Error('existing-path-resources did not expand');
    const resources = result.template.Resources as JsonObject;
    const method = (id: string) => (resources[id] as JsonObject).Properties as JsonObject;
    expect(method('SubmitOrderMethod').ResourceId).toEqual({ Ref: 'OrdersResource' });
    const notes = Object.entries(resources).filter(
      ([, r]) => isJsonObject(r) && r.Type === 'AWS::ApiGateway::Resource' && (r.Properties as JsonObject).PathPart === 'notes',
    );
    expect(notes).toHaveLength(1);
    const [notesId, notesResource] = notes[0] as [string, JsonObject];
    expect((notesResource.Properties as JsonObject).ParentId).toEqual({ Ref: 'OrderResource' });
    expect(method('AddOrderNoteMethod').ResourceId).toEqual({ Ref: notesId });
  });

  it('a different {parameter} under a declared one, or a method the template already has, is an error', () => {
    const result = expandFile(samplePath('error-existing-path-resources'));
    if (result.ok) throw new Error('expected error-existing-path-resources to fail');
    expect(result.diagnostics.map((d) => [d.logicalId, d.code])).toEqual([
      ['CancelOrder', 'PSI108'],
      ['SubmitOrder', 'PSI107'],
    ]);
    expect(result.diagnostics[0]?.message).toContain('OrderResource already has {orderId}');
    expect(result.diagnostics[1]?.message).toContain("the template's method CreateOrder");
  });

  it('a reused path resource counts once against the resources-per-API quota', () => {
    // /a, /a/b and /a/b/c are declared; the integration at /a/b/c adds none: the API has 4 resources.
    const declared = (id: string, parent: unknown, part: string) => ({
      [id]: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: parent, PathPart: part } },
    });
    const template = {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'a' } },
        ...declared('A', { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, 'a'),
        ...declared('B', { Ref: 'A' }, 'b'),
        ...declared('C', { Ref: 'B' }, 'c'),
        Queue: { Type: 'AWS::SQS::Queue' },
        Send: {
          Type: 'Proxy::ServiceIntegration',
          Properties: {
            RestApiId: { Ref: 'Api' },
            Path: '/a/b/c',
            Method: 'POST',
            Service: 'sqs',
            Action: 'SendMessage',
            Target: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          },
        },
      },
    };
    const atQuota = transformTemplate(template, { templateParameterValues: {}, params: { ResourcesPerApiQuota: 4 } });
    expect(atQuota.ok ? [] : atQuota.diagnostics).toEqual([]);
    const overQuota = transformTemplate(template, { templateParameterValues: {}, params: { ResourcesPerApiQuota: 3 } });
    expect(overQuota.ok ? [] : overQuota.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('the API Api would have 4 resources (the root, 0 paths from integrations, 3 declared in the template)'),
    ]);
  });
});
