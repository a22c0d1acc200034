/** Integration `passthroughBehavior`; API Gateway's default when unset is WHEN_NO_MATCH. */
export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';

/** What API Gateway does with a request body, given the integration's request templates. */
export type RequestTemplateSelection =
  | { readonly kind: 'template'; readonly contentType: string; readonly template: string }
  | { readonly kind: 'passthrough' }
  | { readonly kind: 'reject'; readonly statusCode: 415; readonly body: string };

/** The media type API Gateway keys templates by: parameters dropped, lower-cased, `application/json` when absent. */
export function mediaTypeOf(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? 'application/json' : type;
}

function findTemplate(templates: Readonly<Record<string, string>>, mediaType: string): [string, string] | undefined {
  for (const [key, template] of Object.entries(templates)) if (key.toLowerCase() === mediaType) return [key, template];
  return undefined;
}

/**
 * Chooses the request mapping template for a request's `Content-Type`, applying the passthrough behaviour.
 *
 * | Content-Type vs templates | WHEN_NO_MATCH | WHEN_NO_TEMPLATES | NEVER |
 * |---|---|---|---|
 * | matches a template | template | template | template |
 * | no match, templates defined | passthrough | 415 | 415 |
 * | no templates at all | passthrough | passthrough | 415 |
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 */
export function selectRequestTemplate(
  templates: Readonly<Record<string, string>> | undefined,
  contentType: string | undefined,
  passthroughBehavior: PassthroughBehavior = 'WHEN_NO_MATCH',
): RequestTemplateSelection {
  const defined = templates !== undefined && Object.keys(templates).length > 0;
  const match = defined ? findTemplate(templates, mediaTypeOf(contentType)) : undefined;
  if (match !== undefined) return { kind: 'template', contentType: match[0], template: match[1] };
  const reject = passthroughBehavior === 'NEVER' || (passthroughBehavior === 'WHEN_NO_TEMPLATES' && defined);
  if (reject) return { kind: 'reject', statusCode: 415, body: JSON.stringify({ message: 'Unsupported Media Type' }) };
  return { kind: 'passthrough' };
}

/**
 * Chooses the response mapping template by the request's `Accept` header: its first media type, else
 * `application/json`; with no match the first template defined is used; with no templates the body passes through.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
export function selectResponseTemplate(
  templates: Readonly<Record<string, string>> | undefined,
  accept: string | undefined,
): { readonly kind: 'template'; readonly contentType: string; readonly template: string } | { readonly kind: 'passthrough' } {
  const entries = Object.entries(templates ?? {});
  const first = entries[0];
  if (first === undefined) return { kind: 'passthrough' };
  const match = findTemplate(templates ?? {}, mediaTypeOf(accept?.split(',')[0]));
  const [contentType, template] = match ?? first;
  return { kind: 'template', contentType, template };
}
