/** AWS Query protocol helpers: form parsing, indexed members, and JSON-or-XML responses like SNS/SQS send. */
import type { ServerResponse } from 'node:http';
import type { AwsServiceError } from './aws-service-error';
import { sendResponse } from './http-util';

/** Decoded form parameters; `application/x-www-form-urlencoded` with `+` as space, as API Gateway's `$util.urlEncode` produces. */
type QueryParams = ReadonlyMap<string, string>;

/** Parses a form body (and merges query-string parameters, which API Gateway may map instead of the body). */
function parseQueryParams(body: string, search = ''): QueryParams {
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(search)) params.set(key, value);
  for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
  return params;
}

/**
 * Groups `Prefix.N.Rest=value` members by N (ascending), e.g. `MessageAttributes.entry.1.Name`
 * → `[{Name: ..., 'Value.DataType': ...}]`.
 */
function indexedMembers(params: QueryParams, prefix: string): Record<string, string>[] {
  const groups = new Map<number, Record<string, string>>();
  const head = `${prefix}.`;
  for (const [key, value] of params) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 1) continue;
    const group = groups.get(index) ?? {};
    group[dot === -1 ? '' : rest.slice(dot + 1)] = value;
    groups.set(index, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/** A Query result: objects become elements, arrays become `<member>` lists, null is omitted in XML. */
type QueryValue = string | number | boolean | null | QueryValue[] | { [key: string]: QueryValue };

/** Escapes text for XML element content. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders a result value as Query-protocol XML (the format the AWS SDKs parse). */
function toXml(value: QueryValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, child]) => child !== null)
      .map(([key, child]) => `<${key}>${toXml(child)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

/** Where a Query service lives: the XML namespace its documents carry. */
interface QueryServiceInfo {
  readonly xmlns: string;
}

/**
 * Sends `{Action}Response` as JSON when the caller accepts JSON (what API Gateway gets), else as XML
 * (what the SDKs get): `{"PublishResponse":{"PublishResult":{...},"ResponseMetadata":{"RequestId":...}}}`.
 */
function sendQueryResult(
  res: ServerResponse,
  service: QueryServiceInfo,
  action: string,
  result: { [key: string]: QueryValue } | null,
  json: boolean,
  requestId: string,
): void {
  if (json) {
    const body: Record<string, unknown> = {};
    if (result !== null) body[`${action}Result`] = result;
    body.ResponseMetadata = { RequestId: requestId };
    sendResponse(res, 200, 'application/json', JSON.stringify({ [`${action}Response`]: body }), requestId);
    return;
  }
  const resultXml = result === null ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  const xml =
    `<?xml version="1.0"?><${action}Response xmlns="${service.xmlns}">${resultXml}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  sendResponse(res, 200, 'text/xml', xml, requestId);
}

/** Sends a Query-protocol error: `{"Error":{"Code","Message","Type"},"RequestId"}` or `<ErrorResponse>` XML. */
function sendQueryError(res: ServerResponse, service: QueryServiceInfo, error: AwsServiceError, json: boolean, requestId: string): void {
  if (json) {
    const body = { Error: { Code: error.code, Message: error.message, Type: error.faultType }, RequestId: requestId };
    sendResponse(res, error.status, 'application/json', JSON.stringify(body), requestId);
    return;
  }
  const xml =
    `<?xml version="1.0"?><ErrorResponse xmlns="${service.xmlns}"><Error><Type>${error.faultType}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  sendResponse(res, error.status, 'text/xml', xml, requestId);
}

export {
  escapeXml,
  indexedMembers,
  parseQueryParams,
  type QueryParams,
  type QueryServiceInfo,
  type QueryValue,
  sendQueryError,
  sendQueryResult,
  toXml,
};
