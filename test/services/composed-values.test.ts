/**
 * Composed request fields (issue 18, item 2): texts joined with selectors, maps sent as one JSON field
 * or as a JSON string; where each is accepted, and the diagnostic where it cannot be.
 */
import { joinedTextVtl, parseJoinedText } from '../../macro/selectors';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';
import { renderTemplate } from '../../vtl';

function expand(service: string, action: string, target: Json, parameters: JsonObject, path = '/call/{id}') {
  const template = {
    Resources: {
      Call: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { Path: path, Method: 'POST', Service: service, Action: action, Target: target, Parameters: parameters },
      },
    },
  };
  const result = transformTemplate(template, { params: {}, templateParameterValues: {} });
  return { ok: result.ok, text: result.ok ? JSON.stringify(result.template) : JSON.stringify(result.diagnostics) };
}

describe('joined texts: literal runs and selectors, as HTTP API parameter mapping writes them', () => {
  it.each([
    ['order-$request.path.id', ['order-', { source: 'path', name: 'id' }]],
    ['$request.path.id-suffix', [{ source: 'path', name: 'id' }, '-suffix']],
    ['Order $request.path.id.', ['Order ', { source: 'path', name: 'id' }, '.']],
    [
      '$request.header.X-Tenant/$context.requestId',
      [{ source: 'header', name: 'X-Tenant' }, '/', { source: 'context', name: 'requestId' }],
    ],
    ['a $request.body.items[0].sku b', ['a ', { source: 'body', jsonPath: ['items', 0, 'sku'] }, ' b']],
    ['US$5 and $ 100', undefined],
    ['${Table}', undefined],
  ])('%s', (text, parts) => {
    const parsed = parseJoinedText(text);
    if (parts === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toEqual({ ok: true, value: parts });
  });

  it.each([
    ['x-$request.heder.X', 'is not a request selector'],
    ["x-$request.body.'quoted'", 'is not a valid body selector'],
    ['x-$item.type', 'reads an element of a list'],
  ])('%s is refused: %s', (text, message) => {
    const parsed = parseJoinedText(text);
    expect(parsed?.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain(message);
  });

  it('writes literal runs with VTL or JSON syntax through base64, so no text is ever read as VTL', () => {
    const parsed = parseJoinedText('#set($x = 1) "$request.path.id" \\ $input.body');
    if (parsed?.ok !== true) throw new Error('expected a joined text');
    const vtl = joinedTextVtl(parsed.value);
    expect(vtl).not.toContain('#set');
    const { output } = renderTemplate(`#set($v = ${vtl})$v`, { body: '{}', params: { path: { id: '$x' } } } as never);
    expect(output).toBe('#set($x = 1) "$x" \\ $input.body');
  });
});

describe('where a composed value is accepted', () => {
  it('accepts a joined text in a string parameter and a map as a JSON document', () => {
    const result = expand('events', 'PutEvents', 'arn:aws:events:us-east-1:123456789012:event-bus/b', {
      Source: 'src',
      DetailType: 'Type-$request.path.id',
      Detail: { id: '$request.path.id', list: ['$request.body.a', 1] },
    });
    expect(result.ok).toBe(true);
  });

  it('sends a map given to SNS Message as its JSON text, form-encoded', () => {
    const result = expand('sns', 'Publish', 'arn:aws:sns:us-east-1:123456789012:t', {
      Message: { id: '$request.path.id', note: 'a & b = "c"', tags: ['$request.header.X-Tag'] },
    });
    expect(result.ok).toBe(true);
    const method = (JSON.parse(result.text).Resources.CallMethod.Properties.Integration.RequestTemplates as Record<string, string>)[
      'application/json'
    ] as string;
    const form = new URLSearchParams(
      renderTemplate(method, { body: '{}', params: { path: { id: 'i"1' }, header: { 'X-Tag': '#t' }, querystring: {} } } as never).output,
    );
    expect(JSON.parse(form.get('Message') ?? '')).toEqual({ id: 'i"1', note: 'a & b = "c"', tags: ['#t'] });
  });

  it.each([
    [
      'a joined text where API Gateway maps a parameter without a template',
      'lambda',
      'Invoke',
      { InvocationType: 'Event-$request.path.id' },
      'must be written literally',
    ],
    ['a joined text in an integer', 'sqs', 'SendMessage', { DelaySeconds: '1$request.path.id' }, 'takes an integer'],
    ['a joined text as a JSON document', 'states', 'StartExecution', { Input: 'x-$request.path.id' }, 'a JSON document'],
    [
      'a bad selector inside a map',
      'events',
      'PutEvents',
      { Source: 's', DetailType: 't', Detail: { a: 'x-$request.path.nope' } },
      'refers to a path parameter the Path does not have',
    ],
  ])('refuses %s', (_, service, action, parameters, message) => {
    const targets: Record<string, string> = {
      lambda: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      sqs: 'arn:aws:sqs:us-east-1:123456789012:q',
      states: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
      events: 'arn:aws:events:us-east-1:123456789012:event-bus/b',
    };
    const result = expand(service, action, targets[service] as string, parameters as JsonObject);
    expect(result.ok).toBe(false);
    expect(result.text).toContain(message);
  });
});
