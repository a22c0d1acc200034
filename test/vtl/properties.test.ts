import fc from 'fast-check';
import { renderTemplate, urlDecode } from '../../vtl';

// Strings stressing every escaping rule: quotes, backslashes, control characters, VTL syntax, non-BMP characters.
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      "'",
      '\\',
      '/',
      '\n',
      '\r',
      '\t',
      '\b',
      '\f',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u2028',
      '$',
      '#',
      '{',
      '}',
      '&',
      '=',
      '+',
      '%',
      ' ',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

const ESCAPED = '{"value": "$util.escapeJavaScript($input.path(\'$.s\')).replaceAll("\\\\\'","\'")"}';

describe('round-trip properties', () => {
  it('escapeJavaScript + the documented replaceAll fix embeds any string as valid JSON', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const output = renderTemplate(ESCAPED, { body: JSON.stringify({ s }) }).output;
        expect(JSON.parse(output)).toEqual({ value: s });
      }),
      { numRuns: 500 },
    );
  });

  it('urlEncode output form-decodes back to the input', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const encoded = renderTemplate("$util.urlEncode($input.path('$.s'))", { body: JSON.stringify({ s }) }).output;
        expect(encoded).toMatch(/^[A-Za-z0-9.\-*_+%]*$/);
        expect(new URLSearchParams(`v=${encoded}`).get('v')).toBe(s);
        expect(urlDecode(encoded)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('base64Decode(base64Encode(s)) is s', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const output = renderTemplate("$util.base64Decode($util.base64Encode($input.path('$.s')))", { body: JSON.stringify({ s }) }).output;
        expect(output).toBe(s);
        expect(renderTemplate("$util.base64Encode($input.path('$.s'))", { body: JSON.stringify({ s }) }).output).toBe(
          Buffer.from(s, 'utf8').toString('base64'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('$input.json re-serialises any JSON document to an equal document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const body = JSON.stringify(doc);
        expect(JSON.parse(renderTemplate("$input.json('$')", { body: body === '' ? 'null' : body }).output)).toEqual(JSON.parse(body));
      }),
      { numRuns: 300 },
    );
  });
});
