/**
 * API Gateway stops a `#foreach` after 1,000 iterations, silently ("API Gateway quotas": "Number of
 * iterations in a #foreach ... loop in mapping templates: 1,000", not adjustable). A generated loop
 * over what a caller or a service sends therefore checks the size first and refuses what it cannot
 * carry whole, instead of storing 1,000 of 1,005 attributes and answering 200.
 */

/** The most iterations one `#foreach` makes on API Gateway. */
export const MAX_FOREACH_ITERATIONS = 1000;

/**
 * The response header that carries why a request template refused a request. API Gateway cannot
 * stop a request in its template, so the template marks it (status 400 and this header, through
 * `$context.responseOverride`) and writes a body no service accepts; the service's 4xx then selects
 * the error template, which reads the reason back and returns it.
 */
export const REFUSAL_HEADER = 'X-Service-Proxy-Error';

/** The JSON token a refusing template writes: never valid JSON, so the service rejects the whole request. */
const REFUSED_TOKEN = 'service-proxy-refused';

/**
 * Fixed reasons only: they sit in a double-quoted VTL string, where `"`, `$` and `#` would be syntax,
 * and are echoed into a JSON string as they are, where `'` and `\` would need escaping.
 */
export function checkedReason(reason: string): string {
  if (/["$#'\\\r\n]/.test(reason)) throw new Error(`a refusal reason must be plain text: ${reason}`);
  return reason;
}

/**
 * VTL that marks the request it renders as refused, with the reason. Where it stands the template
 * writes nothing more of the value; {@link refusalVtl}, at the end of the template, does the rest.
 */
export function refuseRequestVtl(reason: string): string {
  return `#set($spRefused = "${checkedReason(reason)}")`;
}

/**
 * The end of a request template that may refuse: 400, the reason for the client (through
 * `$context.responseOverride`), and a token after the body, so no service accepts it.
 */
export const refusalVtl = `#if("$!spRefused" != "")#set($context.responseOverride.status = 400)#set($context.responseOverride.header.${REFUSAL_HEADER} = $spRefused)${REFUSED_TOKEN}#end`;

/** VTL statements that refuse a request at once, for templates with no body to spoil (S3 objects): status and reason. */
export function refuseNowVtl(reason: string): string {
  return `#set($context.responseOverride.status = 400)#set($context.responseOverride.header.${REFUSAL_HEADER} = "${checkedReason(reason)}")`;
}

/** VTL: `#foreach($variable in collection)body#end`, refusing the request when the collection is over the cap. */
export function guardedForeachVtl(variable: string, collection: string, body: string, reason: string): string {
  return `#if(${collection}.size() > ${MAX_FOREACH_ITERATIONS})${refuseRequestVtl(reason)}#else#foreach(${variable} in ${collection})${body}#end#end`;
}

/**
 * The start of an error template: when the request template refused the request, the reason it
 * gave, as `{"message", "code": "RequestRefused"}`; otherwise the template's own body follows.
 */
export const refusedRequestBodyVtl = `#set($spRefused = $context.responseOverride.header.${REFUSAL_HEADER})#if("$!spRefused" != ""){"message":"$spRefused","code":"RequestRefused"}#else`;

/**
 * An error template that answers a refused request with the reason first ({@link refusedRequestBodyVtl});
 * the same template when it already does.
 */
export function refusalFirstVtl(errorTemplate: string): string {
  return errorTemplate.startsWith(refusedRequestBodyVtl) ? errorTemplate : `${refusedRequestBodyVtl}${errorTemplate}#end`;
}

/**
 * Response side: a service answer larger than a template can carry (an item with more than 1,000
 * attributes, say) is a 502 with a message, not a truncated body. `body` renders the answer and may
 * set `$spTooLarge = true` (see {@link tooLargeVtl}); it is rendered once into a string first, so
 * that nothing of a partial answer reaches the client.
 */
export function unlessTooLargeVtl(body: string, what: string): string {
  return (
    `#set($spTooLarge = false)#define($spAnswer)${body}#end#set($spAnswerText = "$spAnswer")` +
    `#if($spTooLarge)#set($context.responseOverride.status = 502){"message":"${checkedReason(
      `The service answered with ${what} larger than a mapping template can carry (more than ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')} entries in one list or map).`,
    )}","code":"ResponseTooLarge"}#else$spAnswerText#end`
  );
}

/** Response side: VTL for a loop body's guard — marks the answer too large instead of iterating. */
export function tooLargeVtl(collection: string): string {
  return `${collection}.size() > ${MAX_FOREACH_ITERATIONS}`;
}
