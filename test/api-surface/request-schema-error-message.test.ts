/** `RequestSchemaErrorMessage` (issue 18): the text of the API's BAD_REQUEST_BODY response, one per API. */
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

const schema = { type: 'object', required: ['name'] };

function integration(path: string, extra: JsonObject): JsonObject {
  return {
    Type: 'Proxy::ServiceIntegration',
    Properties: {
      Path: path,
      Method: 'POST',
      Service: 'sqs',
      Action: 'SendMessage',
      Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
      ...extra,
    },
  };
}

function expand(resources: JsonObject) {
  return transformTemplate(
    { Resources: { Orders: { Type: 'AWS::SQS::Queue' }, ...resources } },
    { params: {}, templateParameterValues: {} },
  );
}

function badRequestBodyTemplate(resources: JsonObject): Json | undefined {
  const result = expand(resources);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const response = (result.template.Resources as JsonObject).ServiceProxyApiBadRequestBodyGatewayResponse as JsonObject;
  return ((response.Properties as JsonObject).ResponseTemplates as JsonObject)['application/json'];
}

describe('RequestSchemaErrorMessage', () => {
  it("replaces API Gateway's message; the validator's detail stays", () => {
    expect(
      badRequestBodyTemplate({ A: integration('/a', { RequestSchema: schema, RequestSchemaErrorMessage: 'Orders need a name.' }) }),
    ).toBe('{"message":"Orders need a name.","validation":"$context.error.validationErrorString"}');
  });

  it('stays text: quotes are JSON-escaped, and $ and # cannot become a substitution or a directive', () => {
    const text = 'Say "hi" \\ $context.error.messageString #set($x = 1)';
    const template = badRequestBodyTemplate({ A: integration('/a', { RequestSchema: schema, RequestSchemaErrorMessage: text }) });
    expect(String(template)).not.toContain('$context.error.messageString #');
    expect(String(template)).not.toContain('#set');
    expect(JSON.parse(String(template).replace('"$context.error.validationErrorString"', '""')).message).toBe(text);
  });

  it('applies to the whole API: one integration setting it is enough, and equal messages agree', () => {
    const template = badRequestBodyTemplate({
      A: integration('/a', { RequestSchema: schema, RequestSchemaErrorMessage: 'Bad order.' }),
      B: integration('/b', { RequestSchema: schema, RequestSchemaErrorMessage: 'Bad order.' }),
      C: integration('/c', { RequestSchema: schema }),
    });
    expect(template).toBe('{"message":"Bad order.","validation":"$context.error.validationErrorString"}');
  });

  it('refuses two different messages on one API, naming both', () => {
    const result = expand({
      A: integration('/a', { RequestSchema: schema, RequestSchemaErrorMessage: 'Bad order.' }),
      B: integration('/b', { RequestSchema: schema, RequestSchemaErrorMessage: 'Bad refund.' }),
    });
    expect(!result.ok && result.diagnostics).toEqual([
      {
        code: 'PSI113',
        logicalId: 'B',
        path: 'Properties.RequestSchemaErrorMessage',
        message: expect.stringMatching(
          /"Bad refund\." differs from the message A sets on the same API \("Bad order\."\).*one BAD_REQUEST_BODY/,
        ),
      },
    ]);
  });

  it('refuses a message without a RequestSchema', () => {
    const result = expand({ A: integration('/a', { RequestSchemaErrorMessage: 'Bad order.' }) });
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'PSI113',
        path: 'Properties.RequestSchemaErrorMessage',
        message: expect.stringContaining('add RequestSchema'),
      }),
    ]);
  });
});
