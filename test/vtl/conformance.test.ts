import { renderTemplate } from '../../vtl';
import { render, SRC } from './helpers';

const PARAMS = {
  path: { tenant: 'acme', id: 'p-1' },
  querystring: { id: 'q-1', q: 'hello world' },
  header: { 'Content-Type': 'application/json', 'X-Trace': 'h-1', id: 'h-id' },
};

interface Row {
  name: string;
  source: string;
  template: string;
  body?: string;
  expected: string;
}

const inputRows: Row[] = [
  { name: '$input.body passes the raw payload', source: SRC.mappingRef, template: '$input.body', body: '{"a": 1}', expected: '{"a": 1}' },
  { name: '$input.body of an empty payload is {}', source: SRC.awsObs, template: '$input.body', body: '', expected: '{}' },
  {
    name: 'urlEncode of an empty payload is %7B%7D',
    source: SRC.awsObs,
    template: '$util.urlEncode($input.body)',
    body: '',
    expected: '%7B%7D',
  },
  {
    name: "$input.json('$') of an empty payload is {}",
    source: `${SRC.toqoz} example-098fd028`,
    template: "$input.json('$')",
    body: '',
    expected: '{}',
  },
  {
    name: "$input.json('$') of {} is {}",
    source: `${SRC.toqoz} example-b9f18c27`,
    template: "$input.json('$')",
    body: '{}',
    expected: '{}',
  },
  {
    name: "$input.path('$') of {} renders {}",
    source: `${SRC.toqoz} example-03be1e25`,
    template: '"$input.path(\'$\')"',
    body: '{}',
    expected: '"{}"',
  },
  {
    name: 'a non-JSON payload reads as a string via $input.path',
    source: `${SRC.toqoz} example-12f77fd5`,
    template: '"$input.path(\'$\')"',
    body: 'a=b',
    expected: '"a=b"',
  },
  {
    name: 'a non-JSON payload is a JSON string via $input.json',
    source: `${SRC.toqoz} example-0dce6fa3`,
    template: "$input.json('$')",
    body: 'a=b',
    expected: '"a=b"',
  },
  {
    name: 'a JSON string payload via $input.json',
    source: `${SRC.toqoz} example-dbd6cf1c`,
    template: "$input.json('$')",
    body: '"a=b"',
    expected: '"a=b"',
  },
  {
    name: 'text merely containing { is a bare string',
    source: `${SRC.toqoz} example-d4719b3d`,
    template: '"$input.path(\'$\')"',
    body: 'a{b',
    expected: '"a{b"',
  },
  {
    name: 'null{ is a bare string',
    source: `${SRC.toqoz} example-a7361ae0`,
    template: '"$input.path(\'$\')"',
    body: 'null{',
    expected: '"null{"',
  },
  { name: '$input renders empty', source: `${SRC.toqoz} example-cd963d7c`, template: '[$input]', expected: '[]' },
  { name: '$util renders empty', source: `${SRC.toqoz} example-a35f2355`, template: '[$util]', expected: '[]' },
  { name: '$input.params (no call) renders empty', source: `${SRC.toqoz} example-29301967`, template: '[$input.params]', expected: '[]' },
  {
    name: '$util.urlEncode (no call) renders empty',
    source: `${SRC.toqoz} example-caa3f41d`,
    template: '[$util.urlEncode]',
    expected: '[]',
  },
  {
    name: "$input.json('$.a.b') returns JSON text",
    source: SRC.mappingRef,
    template: "$input.json('$.a')",
    body: '{"a":{"b":"x","c":[1,2]}}',
    expected: '{"b":"x","c":[1,2]}',
  },
  {
    name: '$input.json quotes a string result',
    source: SRC.mappingRef,
    template: "$input.json('$.a.b')",
    body: '{"a":{"b":"x"}}',
    expected: '"x"',
  },
  {
    name: "$input.path('$.pets').size()",
    source: SRC.mappingRef,
    template: "$input.path('$.pets').size()",
    body: '{"pets":[{},{},{}]}',
    expected: '3',
  },
  {
    name: '$input.path object renders Java-style {k=v}',
    source: SRC.localstackObs,
    template: '$input.path("$.json")',
    body: '{"json":{"foo":"bar"}}',
    expected: '{foo=bar}',
  },
  {
    name: '$input.path array renders compact JSON',
    source: SRC.localstackObs,
    template: '$input.path("$.json")',
    body: '{"json":[{"foo":"bar"}]}',
    expected: '[{"foo":"bar"}]',
  },
  {
    name: 'map holding an array renders {k=[json]}',
    source: SRC.localstackObs,
    template: '$input.path("$.json")',
    body: '{"json":{"foo":[{"nested":"bar"}]}}',
    expected: '{foo=[{"nested":"bar"}]}',
  },
  {
    name: 'three keys print with ", " separators',
    source: SRC.localstackObs,
    template: '$input.path("$.json")',
    body: '{"json":{"bigger":"dict","to":"test","with":"separators"}}',
    expected: '{bigger=dict, to=test, with=separators}',
  },
  {
    name: 'keys keep document order, even integer-like ones',
    source: `${SRC.velocity17} (json-smart LinkedHashMap)`,
    template: '$input.path("$")',
    body: '{"b":1,"10":2,"a":3}',
    expected: '{b=1, 10=2, a=3}',
  },
  {
    name: 'map toString() equals its rendering',
    source: SRC.localstackObs,
    template: '$input.path("$.json").toString()',
    body: '{"json":{"foo":"bar"}}',
    expected: '{foo=bar}',
  },
  {
    name: 'a missing path renders empty',
    source: SRC.localstackObs,
    template: '[$input.path("$.nope")][$input.path("$.nope").nested]',
    body: '{"a":1}',
    expected: '[][]',
  },
  {
    name: 'JSON null renders like a missing value',
    source: SRC.localstackObs,
    template: '[$input.path("$.a")]',
    body: '{"a":null}',
    expected: '[]',
  },
  { name: 'an empty array renders []', source: SRC.localstackObs, template: '$input.path("$.a")', body: '{"a":[]}', expected: '[]' },
  {
    name: 'a JSON double keeps its Java form',
    source: `${SRC.velocity17} (Double.toString)`,
    template: '$input.path("$.a") $input.path("$.b") $input.path("$.c")',
    body: '{"a":10.0,"b":12345678.9,"c":0.0001}',
    expected: '10.0 1.23456789E7 1.0E-4',
  },
  {
    name: 'integers beyond 2^53 keep every digit',
    source: `${SRC.velocity17} (json-smart Long/BigInteger)`,
    template: '$input.path("$.id")',
    body: '{"id":12345678901234567890}',
    expected: '12345678901234567890',
  },
  {
    name: 'live reference: mutations through $input.path show in $input.json',
    source: `${SRC.awsObs} (Qiita makisyu)`,
    template: "#set($b = $input.path('$'))#set($b.url = 'x')$input.json('$')",
    body: '{"a":1}',
    expected: '{"a":1,"url":"x"}',
  },
  {
    name: '$input.params() has path, querystring and header maps',
    source: SRC.mappingRef,
    template: '$input.params().keySet()',
    expected: '[path, querystring, header]',
  },
  {
    name: "$input.params().header.get('X-Trace')",
    source: SRC.mappingRef,
    template: "$input.params().header.get('X-Trace')",
    expected: 'h-1',
  },
  {
    name: '$input.params().querystring.keySet()',
    source: SRC.mappingRef,
    template: '$input.params().querystring.keySet()',
    expected: '[id, q]',
  },
  { name: "$input.params('id') looks in path first", source: SRC.mappingRef, template: "$input.params('id')", expected: 'p-1' },
  {
    name: "$input.params('q') falls back to the query string",
    source: SRC.mappingRef,
    template: "$input.params('q')",
    expected: 'hello world',
  },
  { name: "$input.params('X-Trace') falls back to headers", source: SRC.mappingRef, template: "$input.params('X-Trace')", expected: 'h-1' },
  {
    name: 'a missing param renders empty and equals ""',
    source: SRC.awsObs,
    template: "[$input.params('nope')]#if($input.params('nope') != \"\")set#else unset#end",
    expected: '[] unset',
  },
];

describe('$input', () => {
  it.each(inputRows)('$name  [$source]', ({ template, body, expected }) => {
    // Arrange / Act
    const output = render(template, { body: body ?? '', params: PARAMS });
    // Assert
    expect(output).toBe(expected);
  });
});

const jsonPathRows: Row[] = [
  { name: '$ is the root', source: SRC.jayway, template: "$input.json('$')", body: '{"a":1}', expected: '{"a":1}' },
  { name: '$.a.b nested property', source: SRC.jayway, template: "$input.path('$.a.b')", body: '{"a":{"b":"v"}}', expected: 'v' },
  { name: '$.a[0] array index', source: SRC.jayway, template: "$input.path('$.a[0]')", body: '{"a":["x","y"]}', expected: 'x' },
  { name: '$.a[-1] counts from the end', source: SRC.jayway, template: "$input.path('$.a[-1]')", body: '{"a":["x","y"]}', expected: 'y' },
  {
    name: "$['a-b'] bracket notation for hyphenated keys",
    source: SRC.jayway,
    template: '$input.path("$[\'a-b\']")',
    body: '{"a-b":"h"}',
    expected: 'h',
  },
  {
    name: '$.a[*].b wildcard returns a JSON array',
    source: SRC.jayway,
    template: "$input.path('$.a[*].b')",
    body: '{"a":[{"b":1},{"c":2},{"b":3}]}',
    expected: '[1,3]',
  },
  {
    name: '$..id deep scan',
    source: SRC.jayway,
    template: "$input.json('$..id')",
    body: '{"id":1,"x":{"id":2,"y":[{"id":3}]}}',
    expected: '[1,2,3]',
  },
  { name: '$.a[0:2] slice', source: SRC.jayway, template: "$input.json('$.a[0:2]')", body: '{"a":[1,2,3]}', expected: '[1,2]' },
  { name: '$.a[0,2] union of indexes', source: SRC.jayway, template: "$input.json('$.a[0,2]')", body: '{"a":[1,2,3]}', expected: '[1,3]' },
  {
    name: 'filter [?(@.price < 10)]',
    source: SRC.jayway,
    template: "$input.json('$.items[?(@.price < 10)].name')",
    body: '{"items":[{"name":"a","price":5},{"name":"b","price":50}]}',
    expected: '["a"]',
  },
  {
    name: 'filter existence [?(@.isbn)]',
    source: SRC.jayway,
    template: "$input.json('$.b[?(@.isbn)].t')",
    body: '{"b":[{"t":"x","isbn":"1"},{"t":"y"}]}',
    expected: '["x"]',
  },
  {
    name: 'a path without $ gets $. prepended',
    source: SRC.jayway,
    template: "$input.path('a.b')",
    body: '{"a":{"b":"v"}}',
    expected: 'v',
  },
  { name: 'an index past the end is empty', source: SRC.jayway, template: "[$input.path('$.a[5]')]", body: '{"a":[1]}', expected: '[]' },
  { name: 'a property of a string is empty', source: SRC.jayway, template: "[$input.path('$.a.b')]", body: '{"a":"s"}', expected: '[]' },
];

describe('JSONPath', () => {
  it.each(jsonPathRows)('$name  [$source]', ({ template, body, expected }) => {
    expect(render(template, { body })).toBe(expected);
  });
});

const utilRows: Row[] = [
  { name: "escapeJavaScript turns ' into \\'", source: SRC.mappingRef, template: '$util.escapeJavaScript("it\'s")', expected: "it\\'s" },
  {
    name: 'escapeJavaScript escapes " \\ and /',
    source: SRC.commonsLang,
    template: "$util.escapeJavaScript('a\"b\\c/d')",
    expected: 'a\\"b\\\\c\\/d',
  },
  {
    name: 'escapeJavaScript control characters',
    source: SRC.commonsLang,
    template: '$util.escapeJavaScript($input.path("$.s"))',
    body: '{"s":"\\b\\t\\n\\f\\r\\u0001\\u001f"}',
    expected: '\\b\\t\\n\\f\\r\\u0001\\u001F',
  },
  {
    name: 'escapeJavaScript non-ASCII as uppercase \\uXXXX',
    source: SRC.commonsLang,
    template: '$util.escapeJavaScript($input.path("$.s"))',
    body: '{"s":"é€😀\\u007f"}',
    expected: '\\u00E9\\u20AC\\uD83D\\uDE00\u007f',
  },
  {
    name: 'the documented replaceAll("\\\\\'","\'") fix un-escapes quotes',
    source: SRC.mappingRef,
    template: '$util.escapeJavaScript("it\'s").replaceAll("\\\\\'","\'")',
    expected: "it's",
  },
  {
    name: 'escapeJavaScript of null is empty',
    source: SRC.localstackObs,
    template: '[$util.escapeJavaScript($input.path("$.x"))]',
    body: '{}',
    expected: '[]',
  },
  {
    name: 'urlEncode of a JSON body',
    source: `${SRC.awsObs} (research §1.2)`,
    template: '$util.urlEncode($input.body)',
    body: '{"some": "value"}',
    expected: '%7B%22some%22%3A+%22value%22%7D',
  },
  {
    name: 'urlEncode space is +',
    source: `${SRC.awsObs} (research §1.2)`,
    template: '$util.urlEncode($input.body)',
    body: 'some raw data',
    expected: 'some+raw+data',
  },
  {
    name: 'urlEncode keeps only A-Za-z0-9.-*_',
    source: SRC.javaUrlEncoder,
    template: '$util.urlEncode("a.b-c*d_e~f!g\'h(i)j&k=l+m%")',
    expected: 'a.b-c*d_e%7Ef%21g%27h%28i%29j%26k%3Dl%2Bm%25',
  },
  { name: 'urlEncode is UTF-8', source: SRC.javaUrlEncoder, template: '$util.urlEncode("é😀")', expected: '%C3%A9%F0%9F%98%80' },
  { name: 'urlDecode turns + into space', source: SRC.javaUrlEncoder, template: '$util.urlDecode("a+b%20c%C3%A9")', expected: 'a b cé' },
  { name: 'base64Encode is UTF-8 based', source: SRC.mappingRef, template: '$util.base64Encode("héllo")', expected: 'aMOpbGxv' },
  { name: 'base64Decode reads UTF-8', source: SRC.mappingRef, template: '$util.base64Decode("aMOpbGxv")', expected: 'héllo' },
  {
    name: 'parseJson navigates a stringified document',
    source: SRC.mappingRef,
    template: "$util.parseJson($input.path('$.errorMessage')).key2.arr[0]",
    body: '{"errorMessage":"{\\"key2\\":{\\"arr\\":[7,8]}}"}',
    expected: '7',
  },
];

describe('$util', () => {
  it.each(utilRows)('$name  [$source]', ({ template, body, expected }) => {
    expect(render(template, { body: body ?? '' })).toBe(expected);
  });
});

const CONTEXT = {
  requestId: 'req-1',
  extendedRequestId: 'ext-1',
  accountId: '123456789012',
  apiId: 'abc123',
  stage: 'prod',
  path: '/prod/orders/1',
  resourcePath: '/orders/{id}',
  httpMethod: 'POST',
  requestTime: '09/Apr/2015:12:34:56 +0000',
  requestTimeEpoch: 1428582896000,
  domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
  identity: { sourceIp: '203.0.113.7', userAgent: 'curl/8' },
  authorizer: { principalId: 'user-1', claims: { sub: 'sub-1', 'cognito:username': 'alice' } },
};

const contextRows: Row[] = [
  { name: 'request ids', source: SRC.mappingRef, template: '$context.requestId $context.extendedRequestId', expected: 'req-1 ext-1' },
  {
    name: 'stage, path, resourcePath, httpMethod',
    source: SRC.mappingRef,
    template: '$context.stage $context.path $context.resourcePath $context.httpMethod',
    expected: 'prod /prod/orders/1 /orders/{id} POST',
  },
  {
    name: 'requestTime and requestTimeEpoch come from the caller',
    source: SRC.mappingRef,
    template: '$context.requestTime|$context.requestTimeEpoch',
    expected: '09/Apr/2015:12:34:56 +0000|1428582896000',
  },
  {
    name: 'apiId, accountId, domainName',
    source: SRC.mappingRef,
    template: '$context.apiId $context.accountId $context.domainName',
    expected: 'abc123 123456789012 abc123.execute-api.us-east-1.amazonaws.com',
  },
  {
    name: 'identity.*',
    source: SRC.mappingRef,
    template: '$context.identity.sourceIp $context.identity.userAgent',
    expected: '203.0.113.7 curl/8',
  },
  {
    name: 'absent identity values render empty',
    source: SRC.localstackObs,
    template: '[$context.identity.caller][$context.identity.userArn]',
    expected: '[][]',
  },
  { name: 'identity has the 12 keys AWS lists', source: SRC.localstackObs, template: '$context.identity.keySet().size()', expected: '12' },
  {
    name: 'authorizer.principalId and authorizer.claims.*',
    source: SRC.mappingRef,
    template: '$context.authorizer.principalId $context.authorizer.claims.sub',
    expected: 'user-1 sub-1',
  },
  {
    name: 'a nested context map renders empty',
    source: SRC.localstackObs,
    template: "[$context.get('identity')][$context.authorizer.claims]",
    expected: '[][]',
  },
  {
    name: 'context keys come in the order AWS prints them',
    source: SRC.localstackObs,
    template: '#foreach($k in $context.keySet())#if($foreach.index < 4)$k,#end#end',
    expected: 'resourceId,resourcePath,httpMethod,extendedRequestId,',
  },
  { name: '$stageVariables.name', source: SRC.mappingRef, template: '$stageVariables.env', expected: 'live' },
  {
    name: "$stageVariables['name'] and ${stageVariables['name']}",
    source: SRC.mappingRef,
    template: "$stageVariables['env']-${stageVariables['env']}",
    expected: 'live-live',
  },
];

describe('$context and $stageVariables', () => {
  it.each(contextRows)('$name  [$source]', ({ template, expected }) => {
    expect(render(template, { context: CONTEXT, stageVariables: { env: 'live' } })).toBe(expected);
  });
});

describe('overrides', () => {
  it('returns status and header overrides set in a template  [AWS docs: apigateway-override-request-response-parameters]', () => {
    // Arrange
    const template = '#set($context.responseOverride.status = 400)#set($context.responseOverride.header.X-Reason = "bad")done';
    // Act
    const result = renderTemplate(template, { body: '' });
    // Assert
    expect(result.output).toBe('done');
    expect(result.overrides.responseOverride).toEqual({ status: 400, header: { 'X-Reason': 'bad' } });
  });

  it('returns request overrides, including hyphenated header names  [AWS-observed 2024-07, research §1.6]', () => {
    const template = [
      '#set($context.requestOverride.header.X-Amz-Target = "AWSEvents.PutEvents")',
      '#set($context.requestOverride.header.Content-Type = "application/x-amz-json-1.1")',
      '#set($context.requestOverride.path.id = "42")',
      '#set($k = \'page\')#set($context.requestOverride.querystring[$k] = "2")',
      "#set($ignored = $context.requestOverride.querystring.put('size', '10'))",
    ].join('\n');
    const result = renderTemplate(template, { body: '' });
    expect(result.output).toBe('');
    expect(result.overrides.requestOverride).toEqual({
      header: { 'X-Amz-Target': 'AWSEvents.PutEvents', 'Content-Type': 'application/x-amz-json-1.1' },
      path: { id: '42' },
      querystring: { page: '2', size: '10' },
    });
  });

  it('fails when the same parameter is overridden twice  [AWS docs: "Overrides are final"]', () => {
    const template = '#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 500)';
    expect(() => renderTemplate(template, { body: '' })).toThrow(
      expect.objectContaining({ code: 'OVERRIDE_TWICE', line: 2, statusCode: 500 }),
    );
  });

  it('carries response overrides from the request template into the response template  [AWS-observed, research §1.6]', () => {
    const result = renderTemplate('$context.responseOverride.status', {
      body: '',
      context: { responseOverride: { status: 444, header: { A: 'b' } } },
    });
    expect(result.output).toBe('444');
    expect(result.overrides.responseOverride).toEqual({ status: 444, header: { A: 'b' } });
  });

  it('rejects a status override that is not an HTTP status', () => {
    expect(() => renderTemplate('#set($context.responseOverride.status = "teapot")', { body: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OVERRIDE' }),
    );
  });
});

const javaRows: Row[] = [
  {
    name: 'null renders as empty string',
    source: SRC.localstackObs,
    template: '[$nothing][$nothing.deeper][$!nothing]',
    expected: '[][][]',
  },
  { name: 'null == "" is true in #if', source: SRC.localstackObs, template: '#if($nothing == "")yes#end', expected: 'yes' },
  {
    name: 'undefined != "" is false',
    source: `${SRC.awsObs} (Kinesis 2024-11)`,
    template: "#if($foo.bar.stuff != '')then#{else}else#end",
    expected: 'else',
  },
  {
    name: 'null is falsy, "" and 0 are truthy',
    source: SRC.velocity17,
    template: '#if($nothing)a#end#if("")b#end#if(0)c#end#if(false)d#end',
    expected: 'bc',
  },
  { name: '"1" == 1 and true == "true"', source: SRC.velocity17, template: '#if("1" == 1)a#end#if(true == "true")b#end', expected: 'ab' },
  {
    name: 'integer division',
    source: SRC.velocity17,
    template: '#set($x = 7 / 2)#set($y = 7.0 / 2)#set($z = 7 % 3)$x $y $z',
    expected: '3 3.5 1',
  },
  { name: 'string + number concatenates', source: SRC.velocity17, template: '#set($x = "3" + 1)$x', expected: '31' },
  {
    name: 'division by zero yields null, so #set keeps the old value',
    source: SRC.velocity17,
    template: '#set($x = 1)#set($x = 1 / 0)$x',
    expected: '1',
  },
  {
    name: '#set to null leaves the variable unchanged',
    source: `${SRC.velocity17} directive.set.null.allowed=false`,
    template: '#set($a = "old")#set($a = $nothing)$a',
    expected: 'old',
  },
  { name: 'list literal renders [a, b]', source: SRC.velocity17, template: '#set($l = [1, "two"])$l', expected: '[1, two]' },
  { name: 'map literal renders {k=v}', source: SRC.velocity17, template: '#set($m = {"a": 1, "b": "x"})$m', expected: '{a=1, b=x}' },
  {
    name: 'replaceAll uses Java regex',
    source: SRC.javaString,
    template: '#set($s = "a1b22c")$s.replaceAll("[0-9]+", "#")',
    expected: 'a#b#c',
  },
  {
    name: 'replaceAll group references',
    source: SRC.javaString,
    template: '#set($s = "john smith")$s.replaceAll("(\\w+) (\\w+)", "$2, $1")',
    expected: 'smith, john',
  },
  {
    name: 'replace replaces every literal occurrence',
    source: SRC.javaString,
    template: '#set($s = "a.b.c")$s.replace(".", "-")',
    expected: 'a-b-c',
  },
  {
    name: 'split takes a regex and drops trailing empties',
    source: SRC.javaString,
    template: '#set($s = "a1b2c33d")#set($p = $s.split("[0-9]"))$p.size():#foreach($x in $p)[$x]#end',
    expected: '5:[a][b][c][][d]',
  },
  { name: 'split keeps inner empties', source: SRC.javaString, template: '#set($s = "a,,b,,")$s.split(",").size()', expected: '3' },
  {
    name: 'length(), isEmpty(), contains()',
    source: SRC.javaString,
    template: '#set($s = "hello")$s.length() $s.isEmpty() $s.contains("ell") $s.contains("x")',
    expected: '5 false true false',
  },
  {
    name: 'matches() is a whole-string match',
    source: SRC.javaString,
    template: '#set($s = "abc123")$s.matches("[a-z]+") $s.matches("[a-z]+[0-9]+")',
    expected: 'false true',
  },
  {
    name: 'substring, toLowerCase, toUpperCase, trim',
    source: SRC.javaString,
    template: '#set($s = "  MiXeD  ")[$s.trim().substring(1, 3)][$s.toLowerCase().trim()][$s.toUpperCase().trim()]',
    expected: '[iX][mixed][MIXED]',
  },
  {
    name: 'startsWith, endsWith, indexOf, equals, toString',
    source: SRC.javaString,
    template: '#set($s = "orders/42")$s.startsWith("orders") $s.endsWith("42") $s.indexOf("/") $s.equals("orders/42") $s.toString()',
    expected: 'true true 6 true orders/42',
  },
  {
    name: 'List size(), get(), isEmpty(), contains()',
    source: SRC.velocity17,
    template: '#set($l = ["a", "b"])$l.size() $l.get(1) $l.isEmpty() $l.contains("a")',
    expected: '2 b false true',
  },
  {
    name: 'Map get(), keySet(), containsKey(), size(), isEmpty()',
    source: SRC.velocity17,
    template: '#set($m = {"k": "v", "n": 2})$m.get("k") $m.keySet() $m.containsKey("n") $m.size() $m.isEmpty()',
    expected: 'v [k, n] true 2 false',
  },
  {
    name: 'Map entrySet() and values()',
    source: SRC.velocity17,
    template: '#set($m = {"k": "v", "n": 2})#foreach($e in $m.entrySet())$e.key=$e.value;#end $m.values()',
    expected: 'k=v;n=2; [v, 2]',
  },
  {
    name: 'Map.put as a bare reference renders the previous value (null → empty)',
    source: SRC.velocity17,
    template: '#set($m = {})$m.put("a", 1)|$m.put("a", 2)|$m',
    expected: '|1|{a=2}',
  },
  {
    name: '$x.class.name reports Java classes',
    source: 'AWS-observed: functionless #23 (research §1.9)',
    template: '$input.path("$").class.name $input.path("$.a").class.name $input.path("$.s").class.name $input.path("$.n").class.name',
    body: '{"a":[1],"s":"x","n":1}',
    expected: 'java.util.LinkedHashMap net.minidev.json.JSONArray java.lang.String java.lang.Integer',
  },
  {
    name: 'hyphenated identifiers as properties',
    source: SRC.awsObs,
    template: '#foreach($elem in $input.path("$.items"))$elem.partition-key;#end',
    body: '{"items":[{"partition-key":"p1"},{"partition-key":"p2"}]}',
    expected: 'p1;p2;',
  },
  {
    name: 'an unknown method renders empty',
    source: SRC.velocity17,
    template: '[$input.path("$.s").noSuchMethod()]',
    body: '{"s":"x"}',
    expected: '[]',
  },
  { name: '\\$ escapes a reference', source: SRC.velocity17, template: '\\$x', expected: '$x' },
];

describe('Java semantics', () => {
  it.each(javaRows)('$name  [$source]', ({ template, body, expected }) => {
    expect(render(template, { body: body ?? '' })).toBe(expected);
  });

  it('renders a String[] as its Java identity, not its items  [java.lang.Object.toString]', () => {
    expect(render('#set($s = "a,b")$s.split(",")')).toMatch(/^\[Ljava\.lang\.String;@[0-9a-f]+$/);
  });
});

const foreachRows: Row[] = [
  {
    name: '$foreach.hasNext separates items',
    source: SRC.mappingRef,
    template: '#foreach($i in [1, 2, 3])$i#if($foreach.hasNext),#end#end',
    expected: '1,2,3',
  },
  {
    name: '$foreach.index is 0-based, $foreach.count 1-based',
    source: SRC.velocity17,
    template: '#foreach($i in ["a", "b"])$foreach.index/$foreach.count #end',
    expected: '0/1 1/2 ',
  },
  { name: '$velocityCount is 1-based', source: SRC.velocity17, template: '#foreach($i in ["a", "b"])$velocityCount#end', expected: '12' },
  {
    name: '$foreach.first and $foreach.last',
    source: SRC.velocity17,
    template: '#foreach($i in [1, 2, 3])$foreach.first$foreach.last #end',
    expected: 'truefalse falsefalse falsetrue ',
  },
  {
    name: 'nested loops have their own $foreach',
    source: SRC.velocity17,
    template: '#foreach($a in [1, 2])#foreach($b in [1, 2])$foreach.count#end$foreach.count;#end',
    expected: '121;122;',
  },
  {
    name: '#break leaves the loop',
    source: SRC.velocity17,
    template: '#foreach($i in [1, 2, 3, 4])#if($i == 3)#break#end$i#end',
    expected: '12',
  },
  {
    name: '#foreach over a map iterates its values',
    source: SRC.velocity17,
    template: '#foreach($v in $input.path("$"))$v;#end',
    body: '{"a":1,"b":2}',
    expected: '1;2;',
  },
  { name: '#foreach over null renders nothing', source: SRC.velocity17, template: '[#foreach($v in $nothing)x#end]', expected: '[]' },
  {
    name: 'the loop variable is restored afterwards',
    source: SRC.velocity17,
    template: '#set($i = "outer")#foreach($i in [1])$i#end$i',
    expected: '1outer',
  },
  {
    name: 'a line holding only a directive leaves no blank line',
    source: SRC.velocity17,
    template: '#foreach($i in [1, 2])\n$i\n#end\ndone',
    expected: '1\n2\ndone',
  },
  { name: '## comments swallow their line break', source: SRC.velocity17, template: 'a=1&##\nb=2', expected: 'a=1&b=2' },
  {
    name: 'whitespace between a reference and #set belongs to the #set token',
    source: `${SRC.velocity17} (SET_DIRECTIVE token)`,
    template: '$a #set($b = 1)$b',
    expected: '1',
  },
  {
    name: 'indented #set lines vanish, CRLF included',
    source: SRC.velocity17,
    template: '{\r\n  #set($x = 1)\r\n  "x": $x\r\n}',
    expected: '{\r\n  "x": 1\r\n}',
  },
];

describe('#foreach and whitespace', () => {
  it.each(foreachRows)('$name  [$source]', ({ template, body, expected }) => {
    expect(render(template, { body: body ?? '' })).toBe(expected);
  });

  it('stops after 1000 iterations and warns  [AWS docs: quotas "Iterations in a #foreach ... loop: 1,000"; behaviour past it: Velocity maxloops]', () => {
    // Arrange
    const items = JSON.stringify({ a: Array.from({ length: 1005 }, (_, i) => i) });
    // Act
    const result = renderTemplate('#foreach($i in $input.path("$.a"))x#end|$foreach.hasNext', { body: items });
    // Assert
    expect(result.output).toBe(`${'x'.repeat(1000)}|`);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('1000 of 1005') })]);
  });

  it('keeps $foreach.hasNext true on the 1000th item when more remain, like Velocity', () => {
    const items = JSON.stringify({ a: Array.from({ length: 1001 }, (_, i) => i) });
    const output = renderTemplate('#foreach($i in $input.path("$.a"))#if($foreach.count == 1000)$foreach.hasNext#end#end', {
      body: items,
    }).output;
    expect(output).toBe('true');
  });

  it('runs exactly 1000 iterations without a warning', () => {
    const items = JSON.stringify({ a: Array.from({ length: 1000 }, (_, i) => i) });
    const result = renderTemplate('#foreach($i in $input.path("$.a"))x#end', { body: items });
    expect(result.output).toHaveLength(1000);
    expect(result.warnings).toEqual([]);
  });
});

const directiveRows: Row[] = [
  {
    name: '#if / #elseif / #else',
    source: SRC.velocity17,
    template: '#foreach($n in [1, 2, 3])#if($n == 1)one#elseif($n == 2)two#{else}many#end #end',
    expected: 'one two many ',
  },
  {
    name: 'gt/lt/and/or/not word operators',
    source: SRC.velocity17,
    template: '#if(2 gt 1 and not false or 1 lt 0)ok#end',
    expected: 'ok',
  },
  {
    name: '#macro with arguments, callable before its definition',
    source: SRC.velocity17,
    template: '#greet("Ann")#macro(greet $who)Hi $who#end',
    expected: 'Hi Ann',
  },
  {
    name: '#define renders its block where referenced',
    source: SRC.velocity17,
    template: '#set($n = 1)#define($d)n=$n#end#set($n = 2)$d',
    expected: 'n=2',
  },
  { name: '#stop() ends output', source: SRC.velocity17, template: 'a#stop()b', expected: 'a' },
  {
    name: 'an unknown #name(...) prints literally',
    source: SRC.velocity17,
    template: 'tag #hashtag(1) here',
    expected: 'tag #hashtag(1) here',
  },
  { name: '#[[raw]]# is not evaluated', source: SRC.velocity17, template: '#[[$input.body]]#', expected: '$input.body' },
  {
    name: 'double-quoted strings interpolate, single-quoted do not',
    source: SRC.velocity17,
    template: "#set($a = 'x')#set($b = \"[$a]\")#set($c = '[$a]')$b$c",
    expected: '[x][$a]',
  },
  { name: 'range [1..3]', source: SRC.velocity17, template: '#foreach($i in [3..1])$i#end', expected: '321' },
];

describe('directives', () => {
  it.each(directiveRows)('$name  [$source]', ({ template, expected }) => {
    expect(render(template)).toBe(expected);
  });
});
