/**
 * The origins a template's own CORS configuration names: browser pages the API's author trusts, so
 * `serve` accepts requests from them (any other page's Origin is refused, see http-server.ts).
 */

/** An origin as API Gateway CORS writes it: scheme, host, optional port. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** Walks a value's strings without recursion (templates can be deep). */
function strings(value: unknown): string[] {
  const out: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') out.push(current);
    else if (Array.isArray(current)) pending.push(...current);
    else if (typeof current === 'object' && current !== null) pending.push(...Object.values(current));
  }
  return out;
}

/**
 * The named origins in the template's CORS answers: `'https://shop.example.com'` constants of
 * Access-Control-Allow-Origin, and the origins a response template echoes (`$spOrigin == "..."`).
 * A `*` names no page, so it adds none.
 */
export function corsOrigins(template: unknown): string[] {
  const sections = typeof template === 'object' && template !== null ? (template as { Resources?: unknown; Mappings?: unknown }) : {};
  const resources = typeof sections.Resources === 'object' && sections.Resources !== null ? sections.Resources : {};
  const texts: string[] = [];
  for (const resource of Object.values(resources)) {
    const type = (resource as { Type?: unknown }).Type;
    // Methods and gateway responses, or the whole API written as an OpenAPI Body (Definition: OpenApi).
    if (type === 'AWS::ApiGateway::Method' || type === 'AWS::ApiGateway::GatewayResponse' || type === 'AWS::ApiGateway::RestApi')
      texts.push(...strings((resource as { Properties?: unknown }).Properties));
  }
  // Echo blocks that several integrations share are written once, in Mappings (read with Fn::FindInMap).
  texts.push(...strings(sections.Mappings));
  const found = new Set<string>();
  for (const text of texts) {
    const constant = /^'(.*)'$/.exec(text)?.[1];
    if (constant !== undefined && ORIGIN.test(constant)) found.add(constant);
    for (const match of text.matchAll(/\$spOrigin == "([^"]+)"/g)) if (ORIGIN.test(match[1] as string)) found.add(match[1] as string);
  }
  return [...found].sort();
}
