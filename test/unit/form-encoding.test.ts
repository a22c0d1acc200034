import fc from 'fast-check';
import { formEncode } from '../../macro/request-templates/form';

describe("formEncode follows Java's URLEncoder (what $util.urlEncode does)", () => {
  it.each([
    { text: 'a b', encoded: 'a+b', source: 'java.net.URLEncoder: space becomes +' },
    { text: "*-._~!'()", encoded: '*-._%7E%21%27%28%29', source: 'URLEncoder leaves only A-Za-z0-9 . - * _ unescaped' },
    { text: '$#&=+%', encoded: '%24%23%26%3D%2B%25', source: 'reserved characters; $ and # are never left to VTL' },
    { text: 'é€😀', encoded: '%C3%A9%E2%82%AC%F0%9F%98%80', source: 'UTF-8 bytes' },
    { text: '', encoded: '', source: 'empty' },
    { text: 'a\uD800b\uDC00', encoded: 'a%3Fb%3F', source: 'URLEncoder writes a lone surrogate as ? (never throws)' },
  ])('$text → $encoded ($source)', ({ text, encoded }) => {
    expect(formEncode(text)).toBe(encoded);
  });

  it('decodes back to the input for any string, and never contains VTL syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const encoded = formEncode(text);
        expect(encoded).toMatch(/^[A-Za-z0-9.*_%+-]*$/);
        expect(decodeURIComponent(encoded.replace(/\+/g, ' '))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
