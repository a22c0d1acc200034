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
export const defaultErrorResponses = [
  { selectionPattern: '4\\d{2}', statusCode: '400', responseTemplate: errorBodyVtl },
  { selectionPattern: '5\\d{2}', statusCode: '502', responseTemplate: errorBodyVtl },
] as const;
