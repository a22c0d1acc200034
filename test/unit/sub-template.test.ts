/** A raw RequestTemplate written as !Sub (issue 18): deploy-time values pasted as base64 and decoded, as in generated templates. */
import { subTemplateParts } from '../../macro/request-templates/sub-template';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

describe('subTemplateParts', () => {
  it('decodes each reference and map variable at request time; pseudo parameters and ${!literal} stay as they are', () => {
    const parts = subTemplateParts({
      'Fn::Sub': [
        '{"t":"${Table}","a":"${Table.Arn}","v":"${Name}","r":"${AWS::Region}","x":"${!spVar}","l":"${Fixed}"}',
        { Name: { Ref: 'P' }, Fixed: 'text' },
      ],
    });
    expect(parts).toEqual({
      ok: true,
      value: [
        '{"t":"',
        "$util.base64Decode('",
        { 'Fn::Base64': { Ref: 'Table' } },
        "')",
        '","a":"',
        "$util.base64Decode('",
        { 'Fn::Base64': { 'Fn::GetAtt': ['Table', 'Arn'] } },
        "')",
        '","v":"',
        "$util.base64Decode('",
        { 'Fn::Base64': { Ref: 'P' } },
        "')",
        '","r":"',
        { Ref: 'AWS::Region' },
        '","x":"',
        '${spVar}',
        '","l":"',
        'text',
        '"}',
      ],
    });
  });

  it.each<[string, Json, RegExp]>([
    ['an unclosed ${', { 'Fn::Sub': '{"t":"${Table' }, /opens a \$\{ that never closes/],
    ['an empty ${}', { 'Fn::Sub': '{"t":"${}"}' }, /"\$\{\}" names no parameter/],
    ['a name no template can have', { 'Fn::Sub': '{"t":"${Table"}' }, /"\$\{Table\\"\}" names no parameter/],
    ['a map that is not a map', { 'Fn::Sub': ['x', ['y']] }, /expected !Sub with a VTL text/],
  ])('refuses %s', (_name, value, message) => {
    const parts = subTemplateParts(value as never);
    expect(!parts.ok && parts.problems).toEqual([{ path: ['Fn::Sub'], message: expect.stringMatching(message) }]);
  });
});

describe('RequestTemplate as an intrinsic', () => {
  function expand(requestTemplate: Json) {
    const template = {
      Resources: {
        Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders' } },
        Put: {
          Type: 'Proxy::ServiceIntegration',
          Properties: {
            Path: '/o',
            Method: 'POST',
            Service: 'events',
            Action: 'PutEvents',
            Target: { 'Fn::GetAtt': ['Bus', 'Arn'] },
            RequestTemplate: requestTemplate,
          },
        },
      },
    };
    return transformTemplate(template, { params: {}, templateParameterValues: {} });
  }

  it('takes !Sub in the map form too, per content type', () => {
    const result = expand({ 'application/json': { 'Fn::Sub': '{"EventBusName":"${Bus}"}' }, 'text/plain': 'plain' });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const integration = (((result.template.Resources as JsonObject).PutMethod as JsonObject).Properties as JsonObject)
      .Integration as JsonObject;
    expect(integration.RequestTemplates).toEqual({
      'application/json': {
        'Fn::Sub': ['{"EventBusName":"$util.base64Decode(\'${Value1}\')"}', { Value1: { 'Fn::Base64': { Ref: 'Bus' } } }],
      },
      'text/plain': 'plain',
    });
  });

  it('refuses another intrinsic, saying to write !Sub', () => {
    const result = expand({ 'Fn::Join': ['', ['{"EventBusName":"', { Ref: 'Bus' }, '"}']] });
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'PSI100',
        path: 'Properties.RequestTemplate',
        message: expect.stringContaining('Write it as !Sub.'),
      }),
    ]);
  });

  it('reports a name the template does not define once, as an unknown reference', () => {
    const result = expand({ 'Fn::Sub': '{"EventBusName":"${Buss}"}' });
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({ code: 'PSI115', path: expect.stringContaining('Properties.RequestTemplate') }),
    ]);
  });
});
