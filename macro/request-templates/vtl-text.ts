import type { Expr, Intrinsic } from '../types';
import { refusedRequestBodyVtl } from './vtl-limits';

/**
 * A deploy-time value (an intrinsic function) as a VTL expression that yields its exact text.
 * CloudFormation pastes the value into the template, where a `'`, `"`, `\`, `$`, `#` or newline in
 * it ("Don't panic") would be VTL syntax and break every request; pasted as base64 (Fn::Base64) it
 * is only letters, digits, `+`, `/` and `=`, and `$util.base64Decode` restores the text when a
 * request arrives.
 */
export function deployTimeTextVtl(value: Intrinsic): Expr[] {
  return ["$util.base64Decode('", { 'Fn::Base64': value }, "')"];
}

/**
 * A VTL expression for a fixed text known now: a single-quoted literal (never interpolated) when
 * the text has no quote or line break, else its base64 decoded at request time.
 */
export function vtlStringLiteral(text: string): string {
  if (!/['\r\n]/.test(text)) return `'${text}'`;
  return `$util.base64Decode('${Buffer.from(text, 'utf8').toString('base64')}')`;
}

/** VTL that renders an expression as the inside of a JSON string, safe for any input. */
export function jsonStringVtl(expression: string): string {
  // escapeJavaScript follows Java rules and turns ' into \' (invalid JSON); the replaceAll undoes
  // exactly that, using Java regex semantics as API Gateway evaluates it.
  return `$util.escapeJavaScript(${expression}).replaceAll("\\\\'","'")`;
}

/**
 * VTL rendering a service error as `{"message": ..., "code": ...}`.
 *
 * Query-protocol services answer `{"Error": {"Code", "Message"}}`, JSON-protocol services
 * `{"__type", "message"}`; one template reads either, so a definition never has to know which.
 */
export const errorBodyVtl = [
  "#set($spCode = $input.path('$.Error.Code'))",
  '#if("$!spCode" == "")#set($spCode = $input.path(\'$.__type\'))#end',
  "#set($spMessage = $input.path('$.Error.Message'))",
  '#if("$!spMessage" == "")#set($spMessage = $input.path(\'$.message\'))#end',
  '#if("$!spMessage" == "")#set($spMessage = $input.path(\'$.Message\'))#end',
  `{"message":"${jsonStringVtl('$spMessage')}","code":"${jsonStringVtl('$spCode')}"}`,
].join('');

/** The default error responses of every action: service 4xx → 400, service 5xx → 502, JSON bodies. */
export const defaultErrorResponses: readonly { selectionPattern: string; statusCode: string; responseTemplate: string }[] = [
  { selectionPattern: '4\\d{2}', statusCode: '400', responseTemplate: errorBodyVtl },
  { selectionPattern: '5\\d{2}', statusCode: '502', responseTemplate: errorBodyVtl },
];

/**
 * A JSON string literal of stack-author text that is also inert VTL: `$` and `#` are written as
 * JSON escapes, so the service reads the same text and the template engine sees no syntax.
 */
export function inertJsonString(text: string): string {
  return JSON.stringify(text).replace(/\$/g, '\\u0024').replace(/#/g, '\\u0023');
}

/** A JSON value written literally in the template, inert for VTL. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/\$/g, '\\u0024').replace(/#/g, '\\u0023');
}

/**
 * VTL rendering a JSON-protocol service error as `{"message", "code"}`, with the service's code
 * stripped of its namespace (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` →
 * `ConditionalCheckFailedException`) and a specific client status for codes that mean something.
 */
export function jsonErrorBodyVtl(statusByCode: Readonly<Record<string, number>> = {}, fallbackCode?: string): string {
  const overrides = Object.entries(statusByCode)
    .map(([code, status], i) => `#${i === 0 ? 'if' : 'elseif'}("$!spCode" == '${code}')#set($context.responseOverride.status = ${status})`)
    .join('');
  // A JSON request template may refuse a request it cannot carry whole (vtl-limits.ts): its reason comes first.
  return [
    refusedRequestBodyVtl,
    "#set($spCode = $input.path('$.__type'))",
    '#if("$!spCode" == "")#set($spCode = $input.path(\'$.code\'))#end',
    '#if("$!spCode" == "")#set($spCode = $input.path(\'$.errorType\'))#end',
    // Single-quoted VTL strings are never interpolated, so the '#' cannot start a directive.
    '#if("$!spCode" != "")#set($spCode = $spCode.replaceAll(\'^.*#\', \'\'))#end',
    // A code the body cannot tell (Lambda's is only in a header), known from the status this template answers.
    fallbackCode === undefined ? '' : `#if("$!spCode" == "")#set($spCode = '${fallbackCode}')#end`,
    "#set($spMessage = $input.path('$.message'))",
    '#if("$!spMessage" == "")#set($spMessage = $input.path(\'$.Message\'))#end',
    '#if("$!spMessage" == "")#set($spMessage = $input.path(\'$.errorMessage\'))#end',
    overrides === '' ? '' : `${overrides}#end`,
    `{"message":"${jsonStringVtl('$spMessage')}","code":"${jsonStringVtl('$spCode')}"}#end`,
  ].join('');
}

/** Error responses of a JSON-protocol action: 4xx → 400 (or the status its error code maps to), 5xx → 502. */
export function jsonErrorResponses(statusByCode: Readonly<Record<string, number>> = {}) {
  const overrideStatusCodes = [...new Set(Object.values(statusByCode).map(String))].sort();
  return [
    {
      selectionPattern: '4\\d{2}',
      statusCode: '400',
      responseTemplate: jsonErrorBodyVtl(statusByCode),
      ...(overrideStatusCodes.length > 0 ? { overrideStatusCodes } : {}),
    },
    { selectionPattern: '5\\d{2}', statusCode: '502', responseTemplate: jsonErrorBodyVtl() },
  ] as const;
}

/** Throttling codes common to AWS JSON services: the client should retry later, so 429. */
export const THROTTLING_STATUS = { ThrottlingException: 429, TooManyRequestsException: 429 } as const;

/** VTL setting `$spCode` to the ErrorCode of the first failed element of a batch answer's list (e.g. `$.Records`). */
export function firstErrorCodeVtl(listPath: string): string {
  return [
    '#set($spCode = "")',
    `#foreach($spEntry in $input.path('${listPath}'))#if("$spCode" == "" && "$!spEntry.ErrorCode" != "")#set($spCode = $spEntry.ErrorCode)#end#end`,
  ].join('');
}

/**
 * A success template guarded by a batch answer's failure count: above 0, the status becomes 502 and
 * the error body is rendered instead, so no custom success body can hide a partial failure.
 */
export function partialFailureGuard(failure: { failedCountPath: string; errorTemplate: string }, successTemplate: string): string {
  return [
    `#set($spFailed = $input.path('${failure.failedCountPath}'))`,
    '#if("$!spFailed" != "" && $spFailed > 0)#set($context.responseOverride.status = 502)',
    failure.errorTemplate,
    `#else${successTemplate}#end`,
  ].join('');
}
