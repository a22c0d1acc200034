/**
 * The integration request: template selection, VTL rendering, parameter mapping and overrides, turned into the
 * HTTP request API Gateway sends the service. Pure: no clock, no network.
 */
import { type MappingContext, type MappingParams, renderTemplate, selectRequestTemplate, VtlError, type VtlWarning } from '../vtl';
import type { ApiModel, IntegrationModel } from './api-model';
import { gatewayResponse } from './gateway-responses';
import { type ClientResponse, headerValue, headerValues, type LocalRequest, setHeader } from './http-types';
import { IntegrationUriError, parseIntegrationUri, serviceHost } from './integration-uri';
import { isBinaryMediaType } from './media-types';
import { type MappedValue, requestParameterValue } from './parameter-mapping';
import { jsonProtocolOf } from './service-protocols';

/** The HTTP request API Gateway sends to the AWS service. */
export interface ServiceRequest {
  /** API Gateway's service name (`sqs`, `dynamodb`, ...). */
  readonly service: string;
  readonly region: string;
  /** Full URL at the public AWS endpoint: `https://sqs.us-east-1.amazonaws.com/123456789012/orders`. */
  readonly url: string;
  readonly method: string;
  /** Headers as mapped, before SigV4 signing adds `Authorization`, `X-Amz-Date` and `Host`. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** The service action, for logs (`SendMessage`, `PutItem`, `PUT s3`). */
  readonly action: string;
}

/** What the response phase needs from the request phase. */
export interface RequestMappingState {
  readonly params: MappingParams;
  readonly context: MappingContext;
  /** `$context.responseOverride` set by the request template (AWS carries it into the response template). */
  readonly responseOverride: { readonly status?: number; readonly header: Record<string, string> };
  readonly warnings: readonly VtlWarning[];
}

/** The outcome of mapping a request. */
export type IntegrationRequestResult =
  | { readonly kind: 'service'; readonly request: ServiceRequest; readonly state: RequestMappingState }
  | { readonly kind: 'mock'; readonly statusCode: number; readonly state: RequestMappingState }
  | {
      readonly kind: 'error';
      readonly response: ClientResponse /** Why, for the log (API Gateway's execution log). */;
      readonly reason: string;
    };

/** Everything {@link mapIntegrationRequest} reads. */
export interface IntegrationRequestInput {
  readonly api: ApiModel;
  readonly integration: IntegrationModel;
  readonly request: LocalRequest;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly context: MappingContext;
}

/** Single-value views API Gateway gives templates: the last query value, the last header value. */
function mappingParams(request: LocalRequest, pathParams: Readonly<Record<string, string>>): MappingParams {
  const querystring: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.query)) if (values.length > 0) querystring[name] = values.at(-1) as string;
  // The last time a header was sent, whole: a comma inside a value ("Smith, John") is part of it.
  const header: Record<string, string> = {};
  for (const name of Object.keys(request.headers)) header[name] = headerValues(request, name).at(-1) ?? '';
  return { path: { ...pathParams }, querystring, header };
}

/** Percent-encodes a path parameter value for the URI; `/` stays so greedy keys keep their structure (S3). */
function encodePathValue(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}

/** Form-encodes a query string value (RFC 3986 unreserved characters stay as they are). */
function encodeQuery(name: string, value: string): string {
  return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

function values(value: MappedValue): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** The action for logs: the URI action, the `X-Amz-Target` operation, a form `Action=`, or `METHOD service`. */
function describeAction(
  service: string,
  method: string,
  action: string | undefined,
  headers: Record<string, string>,
  body: Buffer,
): string {
  if (action !== undefined) return action;
  const target = headerValue(headers, 'x-amz-target');
  if (target !== undefined) return target.slice(target.lastIndexOf('.') + 1);
  const form = /(?:^|&)Action=([A-Za-z]+)/.exec(body.subarray(0, 512).toString('latin1'));
  if (form) return form[1] as string;
  return `${method} ${service}`;
}

/**
 * Maps a method request to the integration request.
 *
 * @example
 * mapIntegrationRequest({ api, integration, request, pathParams: { tenant: 'acme' }, context })
 * // { kind: 'service', request: { url: 'https://sqs.us-east-1.amazonaws.com/123456789012/Orders', body: 'Action=SendMessage&...' } }
 */
export function mapIntegrationRequest(input: IntegrationRequestInput): IntegrationRequestResult {
  const { api, integration, request, pathParams, context } = input;
  const contentType = headerValue(request.headers, 'content-type');
  const binary = isBinaryMediaType(api.binaryMediaTypes, contentType);
  const params = mappingParams(request, pathParams);

  const selection = selectRequestTemplate(integration.requestTemplates, contentType, integration.passthroughBehavior);
  if (selection.kind === 'reject') {
    return {
      kind: 'error',
      response: gatewayResponse(api, 'UNSUPPORTED_MEDIA_TYPE'),
      reason:
        `no request template for Content-Type '${contentType ?? '(none)'}' and PassthroughBehavior ${integration.passthroughBehavior}; ` +
        `the method accepts ${acceptedContentTypes(integration)}`,
    };
  }

  let body: Buffer;
  let overrides: {
    requestOverride: { header: Record<string, string>; path: Record<string, string>; querystring: Record<string, string> };
    responseOverride: RequestMappingState['responseOverride'];
  } = {
    requestOverride: { header: {}, path: {}, querystring: {} },
    responseOverride: { header: {} },
  };
  let warnings: readonly VtlWarning[] = [];
  if (selection.kind === 'template') {
    // A binary payload reaches a template only as base64 (CONVERT_TO_TEXT), as on AWS.
    const text = binary ? request.body.toString('base64') : request.body.toString('utf8');
    try {
      const rendered = renderTemplate(selection.template, { body: text, params, context, stageVariables: api.stageVariables });
      overrides = rendered.overrides;
      warnings = rendered.warnings;
      body = Buffer.from(rendered.output, 'utf8');
    } catch (error) {
      if (!(error instanceof VtlError)) throw error;
      const reason = `request template for '${selection.contentType}' failed: ${error.message}`;
      if (error.statusCode === 400) {
        const why = `the request body is not valid JSON, but the request template for '${selection.contentType}' reads it as JSON: ${error.message}`;
        return { kind: 'error', response: gatewayResponse(api, 'BAD_REQUEST_BODY', { body: error.responseBody }), reason: why };
      }
      return {
        kind: 'error',
        response: gatewayResponse(api, 'API_CONFIGURATION_ERROR'),
        reason: `Execution failed due to configuration error: ${reason}`,
      };
    }
    if (integration.contentHandling === 'CONVERT_TO_BINARY') body = Buffer.from(body.toString('utf8'), 'base64');
  } else {
    body =
      binary && integration.contentHandling === 'CONVERT_TO_TEXT' ? Buffer.from(request.body.toString('base64'), 'utf8') : request.body;
  }

  const state: RequestMappingState = { params, context, responseOverride: overrides.responseOverride, warnings };
  if (integration.type === 'MOCK') return { kind: 'mock', statusCode: mockStatus(body), state };
  if (integration.type !== 'AWS') {
    return {
      kind: 'error',
      response: gatewayResponse(api, 'API_CONFIGURATION_ERROR'),
      reason: `integration type ${integration.type} is not supported locally (AWS and MOCK are)`,
    };
  }

  let uri;
  try {
    uri = parseIntegrationUri(integration.uri ?? '');
  } catch (error) {
    if (!(error instanceof IntegrationUriError)) throw error;
    return { kind: 'error', response: gatewayResponse(api, 'API_CONFIGURATION_ERROR'), reason: error.message };
  }

  // Request parameters, then template overrides (overrides are applied last and win).
  const source = {
    pathParams,
    query: request.query,
    headers: request.headers,
    ...(request.multiValueHeaders !== undefined ? { multiValueHeaders: request.multiValueHeaders } : {}),
    body: request.body.toString('utf8'),
    stageVariables: api.stageVariables,
    context: context as Record<string, unknown>,
  };
  const headers: Record<string, string> = {};
  const query: [string, string][] = [];
  const pathValues: Record<string, string> = {};
  for (const [target, expression] of Object.entries(integration.requestParameters)) {
    const match = /^integration\.request\.(header|querystring|path)\.(.+)$/.exec(target);
    const value = requestParameterValue(expression, source);
    if (!match || value === null) {
      return {
        kind: 'error',
        response: gatewayResponse(api, 'API_CONFIGURATION_ERROR'),
        reason: `unsupported request parameter mapping ${target} = ${expression}`,
      };
    }
    const [, location, name] = match as unknown as [string, string, string];
    const all = values(value);
    if (all.length === 0) continue;
    if (location === 'header') setHeader(headers, name, all.join(','));
    else if (location === 'querystring') for (const v of all) query.push([name, v]);
    else pathValues[name] = all.join(',');
  }
  for (const [name, value] of Object.entries(overrides.requestOverride.header)) setHeader(headers, name, value);
  for (const [name, value] of Object.entries(overrides.requestOverride.path)) pathValues[name] = value;
  for (const [name, value] of Object.entries(overrides.requestOverride.querystring)) {
    for (let i = query.length - 1; i >= 0; i -= 1) if (query[i]?.[0] === name) query.splice(i, 1);
    query.push([name, value]);
  }

  let path: string;
  let action: string | undefined;
  const search: string[] = [];
  if (uri.style === 'path') {
    path = uri.path.replace(/\{([^}]+)\}/g, (placeholder, name: string) =>
      Object.hasOwn(pathValues, name) ? encodePathValue(pathValues[name] as string) : placeholder,
    );
  } else {
    path = '/';
    action = uri.action;
    // A form body is a Query call whatever the service's current protocol (SQS accepts both).
    const form = /x-www-form-urlencoded/i.test(headerValue(headers, 'content-type') ?? '');
    const protocol = form ? undefined : jsonProtocolOf(uri.subdomain !== undefined ? `${uri.subdomain}.${uri.service}` : uri.service);
    if (protocol !== undefined) {
      if (headerValue(headers, 'x-amz-target') === undefined) headers['X-Amz-Target'] = `${protocol.targetPrefix}.${uri.action}`;
      if (headerValue(headers, 'content-type') === undefined) headers['Content-Type'] = protocol.contentType;
    } else {
      search.push(encodeQuery('Action', uri.action));
      if (uri.extra !== '') search.push(uri.extra);
    }
  }
  for (const [name, value] of query) search.push(encodeQuery(name, value));
  if (headerValue(headers, 'content-type') === undefined) {
    const passthroughType = selection.kind === 'passthrough' ? contentType : undefined;
    headers['Content-Type'] = passthroughType ?? 'application/json';
  }
  // AWS integrations ask for JSON unless a mapping says otherwise: SQS and SNS then answer JSON, not XML (research §4.1).
  if (headerValue(headers, 'accept') === undefined) headers.Accept = 'application/json';

  const method = (
    integration.integrationHttpMethod === 'ANY' || integration.integrationHttpMethod === undefined
      ? request.method
      : integration.integrationHttpMethod
  ).toUpperCase();
  const url = `https://${serviceHost(uri)}${path}${search.length > 0 ? `?${search.join('&')}` : ''}`;
  return {
    kind: 'service',
    request: {
      service: uri.service,
      region: uri.region,
      url,
      method,
      headers,
      body,
      action: describeAction(uri.service, method, action, headers, body),
    },
    state,
  };
}

/** A MOCK integration answers with the `statusCode` its request template renders (`{"statusCode": 200}`); 200 otherwise. */
function mockStatus(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { statusCode?: unknown };
    const status = Number(parsed?.statusCode);
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 200;
  } catch {
    return 200;
  }
}

/** The content types a method's integration takes, for a 415's log line: its request templates' (RequestContentTypes lists more). */
function acceptedContentTypes(integration: IntegrationModel): string {
  const types = Object.keys(integration.requestTemplates);
  return types.length === 0 ? 'no content type' : types.join(', ');
}
