import { parseSelector, selectorToVtl } from '../../macro/selectors';

describe('request selectors compile to VTL that names its source explicitly', () => {
  it.each([
    { selector: '$request.body', vtl: '$input.body' },
    { selector: '$request.body.order.id', vtl: "$input.path('$.order.id')" },
    { selector: '$request.body.items[0].sku', vtl: "$input.path('$.items[0].sku')" },
    { selector: '$request.body.partition-key', vtl: "$input.path('$['partition-key']')" },
    { selector: '$request.header.X-Tenant', vtl: "$input.params().header.get('X-Tenant')" },
    { selector: '$request.querystring.page', vtl: "$input.params().querystring.get('page')" },
    { selector: '$request.path.id', vtl: "$input.params().path.get('id')" },
    { selector: '$request.path.stream-name', vtl: "$input.params().path.get('stream-name')" },
    { selector: '$context.requestId', vtl: '$context.requestId' },
    { selector: '$context.identity.sourceIp', vtl: '$context.identity.sourceIp' },
    { selector: '$context.authorizer.claims.email', vtl: '$context.authorizer.claims.email' },
    { selector: '$stageVariables.queue', vtl: '$stageVariables.queue' },
  ])('$selector → $vtl', ({ selector, vtl }) => {
    const parsed = parseSelector(selector);
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    expect(selectorToVtl(parsed.value)).toBe(vtl);
  });

  it.each([
    { selector: "$request.header.X'Evil", why: 'a quote would break out of the VTL string literal' },
    { selector: "$request.body.a')", why: 'a quote in a body key' },
    { selector: '$request.body.', why: 'an empty body key' },
    { selector: '$request.body..a', why: 'an empty body key in the middle' },
    { selector: "$request.path.a'b", why: 'path parameters are letters, digits, _ and -' },
    { selector: '$request.path.-a', why: 'a path parameter starts with a letter, digit or _' },
    { selector: '$request.headers.X', why: 'the source is "header", not "headers"' },
    { selector: '$context.', why: 'no context name' },
    { selector: '$context.a..b', why: 'an empty context segment' },
    { selector: '$stageVariables.a.b', why: 'stage variable names have no dots' },
    { selector: '$request.querystring.', why: 'no name' },
  ])('rejects $selector ($why)', ({ selector }) => {
    expect(parseSelector(selector)).toEqual({ ok: false, problems: [{ path: [], message: expect.stringContaining(selector) }] });
  });
});
