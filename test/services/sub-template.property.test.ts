/**
 * A raw RequestTemplate written as !Sub (issue 18): whatever text a template parameter holds, the service
 * receives exactly that text where the template names it — quotes, `$`, `#`, `${...}`, backslashes and
 * newlines are never VTL. Thousands of values through the local gateway's VTL engine.
 */
import fc from 'fast-check';
import { exchange } from './gateway-in-process';

const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\r',
      "'",
      '$',
      '#',
      '{',
      '}',
      '!',
      '$input.body',
      '#set($x = 1)',
      '${foreach.count}',
      '$!{x}',
      '##',
      '#*',
      'é',
      '😀',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 40,
});

const template = {
  Parameters: { Source: { Type: 'String' } },
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
        RequestTemplate: { 'Fn::Sub': '<${Bus}|${Source}|${AWS::Region}>' },
      },
    },
  },
};

it('a template parameter named in a !Sub RequestTemplate reaches the service as its exact text', async () => {
  await fc.assert(
    fc.asyncProperty(nasty, async (source) => {
      const { sent } = await exchange(template, { method: 'POST', path: '/o', body: '{}' }, undefined, { Source: source });
      expect(sent?.body.toString('utf8')).toBe(`<orders|${source}|us-east-1>`);
    }),
    { numRuns: 300 },
  );
});
