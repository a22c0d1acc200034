/**
 * Shaped responses (issue 18, item 3): Body as any JSON shape over the answer, the request and the
 * context; projections; statuses chosen by the answer; failures and errors mapped first.
 */
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';
import { renderTemplate, selectIntegrationResponse } from '../../vtl';
import { inlineSharedTemplates } from '../helpers/inline-shared-templates';

function expand(service: string, action: string, target: string, response: JsonObject, path = '/call/{id}') {
  const template = {
    Resources: {
      Call: {
        Type: 'Proxy::ServiceIntegration',
        Properties: {
          Path: path,
          Method: 'POST',
          Service: service,
          Action: action,
          Target: target,
          Parameters: { Source: 'com.example', DetailType: 'Thing' },
          Response: response,
        },
      },
    },
  };
  return transformTemplate(template, { params: {}, templateParameterValues: {} });
}

/** The client's status and body for a service answer, request parameters given. */
function answer(response: JsonObject, status: number, body: string) {
  const result = expand('events', 'PutEvents', 'arn:aws:events:us-east-1:123456789012:event-bus/b', response);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const template = inlineSharedTemplates(result.template as JsonObject);
  const method = ((template.Resources as JsonObject).CallMethod as JsonObject).Properties as JsonObject;
  const responses = (method.Integration as JsonObject).IntegrationResponses as JsonObject[];
  const selected = selectIntegrationResponse(
    responses.map((r) => ({ response: r, selectionPattern: r.SelectionPattern as string | undefined })),
    status,
  )?.response as JsonObject;
  const vtl = (selected.ResponseTemplates as JsonObject)['application/json'] as string;
  const rendered = renderTemplate(vtl, { body, params: { path: { id: 'x' }, header: {}, querystring: {} } } as never);
  const declared = (method.MethodResponses as JsonObject[]).map((m) => String(m.StatusCode));
  const finalStatus = rendered.overrides.responseOverride.status ?? Number(selected.StatusCode);
  expect(declared).toContain(String(finalStatus));
  return { status: finalStatus, body: JSON.parse(rendered.output) as Json };
}

describe('shaped responses on a batch action: the partial-failure check runs first', () => {
  const response = {
    Body: { accepted: { ItemsPath: '$response.body.Entries', ItemSelector: '$item.EventId' }, id: '$request.path.id' },
    Choices: [{ Variable: '$response.body.FailedEntryCount', NumericEquals: 0, StatusCode: 202 }],
  };

  it('shapes a full success and applies its choice', () => {
    expect(answer(response, 200, '{"FailedEntryCount":0,"Entries":[{"EventId":"e1"}]}')).toEqual({
      status: 202,
      body: { accepted: ['e1'], id: 'x' },
    });
  });

  it('answers 502 with the failure, never the shaped body, when an entry failed', () => {
    const failed = answer(response, 200, '{"FailedEntryCount":1,"Entries":[{"ErrorCode":"E","ErrorMessage":"m"}]}');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'E' });
  });

  it('maps a service error by its status, not through the shaped body', () => {
    const error = answer(response, 400, '{"__type":"ValidationException","message":"bad"}');
    expect(error).toEqual({ status: 400, body: { message: 'bad', code: 'ValidationException' } });
  });
});

describe('a Body that cannot be shaped is refused with the reason', () => {
  it.each([
    [{ Body: { a: '$request.body.x' } }, 'the request body is not available when the answer is mapped'],
    [{ Body: { a: '$item.x' } }, 'is only meaningful inside ItemSelector'],
    [{ Body: { a: { ItemsPath: '$response.body.Items' } } }, 'a projection has exactly ItemsPath'],
    [{ Body: { a: { ItemsPath: 'Items', ItemSelector: '$item' } } }, 'expected a selector of a list in the answer'],
    [{ Body: { a: { Ref: 'AWS::StackName' } } }, 'intrinsic functions cannot stand in a response Body'],
    [{ Body: { a: '$response.header.X' } }, 'is not a selector of the answer'],
    [{ Body: { a: 'id-$response.body.id' } }, 'joins text with a selector of the answer'],
    [{ Body: { a: '$request.heder.X' } }, 'is not a request selector'],
    [{ Choices: [{ Variable: '$response.body.n', NumericEquals: 0, IsPresent: true, StatusCode: 404 }] }, 'give exactly one of'],
    [{ Choices: [{ Variable: 'n', IsPresent: true, StatusCode: 404 }] }, 'expected a selector of the answer'],
    [{ Choices: [{ Variable: '$response.body.n', StringEquals: 1, StatusCode: 404 }] }, 'received 1'],
  ])('%j: %s', (response, message) => {
    const result = expand('events', 'PutEvents', 'arn:aws:events:us-east-1:123456789012:event-bus/b', response as JsonObject);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result.ok ? [] : result.diagnostics)).toContain(message);
  });
});
