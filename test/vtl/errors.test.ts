import { parseTemplate, renderTemplate, VtlEvaluationError, VtlParseError, VtlPayloadError } from '../../vtl';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('parse errors name line and column', () => {
  it.each([
    { name: 'bad expression in #set', template: 'ok\n#set($x = -$y)', line: 2, column: 11 },
    { name: 'unclosed #if', template: 'a\n  #if($x)\nb', line: 2, column: 3 },
    { name: 'stray #end', template: 'a\nb #end\nc', line: 2, column: 3 },
    { name: 'unclosed #foreach inside #if', template: '#if(true)\n#foreach($i in [1])\n#end', line: 1, column: 1 },
    { name: 'unterminated string', template: 'x\n#set($a = "abc)', line: 2, column: 11 },
  ])('$name', ({ template, line, column }) => {
    // Act
    const error = caught(() => parseTemplate(template));
    // Assert
    expect(error).toBeInstanceOf(VtlParseError);
    expect(error).toMatchObject({ code: 'PARSE_ERROR', line, column, statusCode: 500 });
  });

  it('rejects templates over 300 KB  [AWS docs: quotas "Mapping template size 300 KB"]', () => {
    expect(() => parseTemplate('x'.repeat(300 * 1024 + 1))).toThrow(expect.objectContaining({ code: 'TEMPLATE_TOO_LARGE' }));
    expect(() => parseTemplate('y'.repeat(300 * 1024))).not.toThrow();
  });

  it('parses once and reuses the result for the same text', () => {
    expect(parseTemplate('$a #if($b)c#end')).toBe(parseTemplate('$a #if($b)c#end'));
  });
});

describe('evaluation errors are typed and map to 500 Internal server error', () => {
  it.each([
    { name: 'substring out of range (Java throws)', template: '#set($s = "abc")\n$s.substring(5)', code: 'METHOD_THREW', line: 2 },
    { name: 'List.get out of range', template: '#set($l = [1])$l.get(3)', code: 'METHOD_THREW', line: 1 },
    { name: 'invalid Java regex', template: '#set($s = "a")$s.replaceAll("(", "x")', code: 'INVALID_REGEX', line: 1 },
    { name: 'bad group reference in a replacement', template: '#set($s = "a")$s.replaceAll("a", "$")', code: 'INVALID_REGEX', line: 1 },
    { name: 'invalid JSONPath', template: "$input.path('$.a[')", code: 'INVALID_JSONPATH', line: 1 },
    { name: '$util.parseJson of invalid JSON', template: "$util.parseJson('{nope')", code: 'METHOD_THREW', line: 1 },
    { name: 'malformed %-escape in urlDecode', template: "$util.urlDecode('%zz')", code: 'METHOD_THREW', line: 1 },
    { name: 'invalid base64', template: "$util.base64Decode('!!')", code: 'METHOD_THREW', line: 1 },
    { name: '#include is not available', template: 'a\n#include("x")', code: 'UNSUPPORTED_DIRECTIVE', line: 2 },
    { name: '#parse is not available', template: '#parse("x")', code: 'UNSUPPORTED_DIRECTIVE', line: 1 },
  ])('$name', ({ template, code, line }) => {
    const error = caught(() => renderTemplate(template, { body: '' }));
    expect(error).toBeInstanceOf(VtlEvaluationError);
    expect(error).toMatchObject({ code, line, statusCode: 500 });
    expect((error as VtlEvaluationError).responseBody).toBe('{"message":"Internal server error"}');
  });
});

describe('payload errors', () => {
  it.each([
    { name: 'truncated object', body: '{a' },
    { name: 'truncated array', body: '[a' },
  ])('answers 400 "Could not process payload" for $name  [ToQoz test/_.md examples 122ff6ce, 2b1f2df4]', ({ body }) => {
    const error = caught(() => renderTemplate('"$input.path(\'$\')"', { body }));
    expect(error).toBeInstanceOf(VtlPayloadError);
    expect(error).toMatchObject({ code: 'INVALID_PAYLOAD', statusCode: 400 });
    expect(JSON.parse((error as VtlPayloadError).responseBody).message).toMatch(/^Could not process payload/);
  });

  it('does not parse the body when the template only uses $input.body', () => {
    expect(renderTemplate('$input.body', { body: '{a' }).output).toBe('{a');
  });
});

describe('warnings', () => {
  it('reports an unknown method with its position', () => {
    const result = renderTemplate('x\n$util.escapeJavascript("a")', { body: '' });
    expect(result.output).toBe('x\n');
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 2, column: 1, message: expect.stringContaining('escapeJavascript') }),
    ]);
  });
});
