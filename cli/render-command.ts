/** `service-proxy render`: prints the integration request API Gateway would send for one request (and the mapped response). */

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type ClientResponse,
  headerValue,
  type LocalApiModel,
  type LocalRequest,
  localApiFromTemplate,
  mapIntegrationRequest,
  mapIntegrationResponse,
  matchRoute,
  type RequestMappingState,
  requestContext,
} from '../gateway';
import { expandFile, formatDiagnosticsForFile } from './expand-file';
import { headerPairs, multiPairs, nestedPairs, OptionPairError, pairs } from './option-pairs';
import { COMMANDS } from './usage';

/** Usage text of the render command (the CLI's USAGE lists it too). */
export const RENDER_USAGE = COMMANDS.render.synopsis;

/** A text body as is; bytes that are not UTF-8 as base64 with a marker, so the JSON output is lossless. */
function printableBody(body: Buffer): { body: string; bodyEncoding?: 'base64' } {
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body) ? { body: text } : { body: body.toString('base64'), bodyEncoding: 'base64' };
}

function clientResponseJson(response: ClientResponse): Record<string, unknown> {
  return { statusCode: response.statusCode, headers: response.headers, ...printableBody(response.body) };
}

/** Lists the routes of the model, one per line, for "no such route" errors. */
function routeList(model: LocalApiModel): string {
  const lines = model.routes.flatMap((route) =>
    Object.keys(route.methods)
      .sort()
      .map((method) => `  ${method} ${route.resourcePath}`),
  );
  return lines.length > 0 ? lines.join('\n') : '  (none: the template has no API Gateway methods)';
}

function fail(message: string): number {
  process.stderr.write(`service-proxy render: ${message}\n`);
  return 1;
}

/** Runs `render`; returns the exit code (0 printed, 1 the request cannot be rendered, 2 usage). */
export function renderCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        method: { type: 'string' },
        path: { type: 'string' },
        header: { type: 'string', multiple: true },
        query: { type: 'string', multiple: true },
        body: { type: 'string' },
        'body-file': { type: 'string' },
        context: { type: 'string', multiple: true },
        'stage-variable': { type: 'string', multiple: true },
        region: { type: 'string', default: 'us-east-1' },
        account: { type: 'string', default: '123456789012' },
        parameter: { type: 'string', multiple: true },
        'response-status': { type: 'string' },
        'response-body': { type: 'string' },
        'response-header': { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) return usage('render takes one template file.');
  if (values.method === undefined || values.path === undefined) return usage('render needs --method and --path.');
  if (values.body !== undefined && values['body-file'] !== undefined) return usage('give --body or --body-file, not both.');
  if (values['response-status'] !== undefined && !/^\d{3}$/.test(values['response-status'])) {
    return usage(`--response-status must be a 3-digit HTTP status; received '${values['response-status']}'.`);
  }

  let headers: Record<string, string>;
  let query: Record<string, string[]>;
  let context: Record<string, unknown>;
  let stageVariables: Record<string, string>;
  let parameters: Record<string, string>;
  let responseHeaders: Record<string, string>;
  try {
    headers = headerPairs(values.header);
    query = multiPairs(values.query, '--query');
    context = nestedPairs(values.context, '--context');
    stageVariables = pairs(values['stage-variable'], '--stage-variable');
    parameters = pairs(values.parameter, '--parameter');
    responseHeaders = headerPairs(values['response-header'], '--response-header');
  } catch (error) {
    if (error instanceof OptionPairError) return usage(error.message);
    throw error;
  }

  let body: Buffer;
  try {
    body = values['body-file'] !== undefined ? readFileSync(values['body-file']) : Buffer.from(values.body ?? '', 'utf8');
  } catch (error) {
    return fail(`cannot read --body-file: ${(error as Error).message}`);
  }

  const expanded = expandFile(file, parameters);
  if (!expanded.ok) {
    process.stderr.write(`${formatDiagnosticsForFile(file, expanded.diagnostics)}\n`);
    return 1;
  }
  const { model } = localApiFromTemplate(expanded.template, { region: values.region, accountId: values.account, parameters });

  // `--path '/orders?x=1'` is accepted too: the query part joins the --query values.
  const [rawPath = '/', search] = values.path.split(/\?(.*)/s);
  for (const [name, value] of new URLSearchParams(search ?? '')) (query[name] ??= []).push(value);
  const method = values.method.toUpperCase();
  const request: LocalRequest = { method, path: rawPath.startsWith('/') ? rawPath : `/${rawPath}`, query, headers, body };

  const match = matchRoute(model.routes, method, request.path);
  if (match.kind === 'no-route')
    return fail(
      `no route matches ${method} ${request.path} (API Gateway would answer 403 Missing Authentication Token).\nRoutes in ${file}:\n${routeList(model)}`,
    );
  if (match.kind === 'method-not-defined') {
    return fail(
      `${match.route.resourcePath} has no ${method} method (API Gateway would answer 403 Missing Authentication Token); ` +
        `it has ${match.allowed.join(', ')}.\nRoutes in ${file}:\n${routeList(model)}`,
    );
  }
  const baseApi = model.apis[match.route.apiId];
  if (baseApi === undefined) return fail(`the route ${match.route.resourcePath} belongs to no API`);
  // A stage given with --context is the stage the request came through: $context.path follows it, as on AWS.
  const stageName = typeof context.stage === 'string' || typeof context.stage === 'number' ? String(context.stage) : baseApi.stageName;
  const api = { ...baseApi, stageName, stageVariables: { ...baseApi.stageVariables, ...stageVariables } };
  const integration = match.method.integration;
  if ('unresolved' in integration) return fail(integration.unresolved);

  const mappingContext = mergeContext(
    requestContext(api, model.accountId, match.route, match.method, request, { requestId: randomUUID(), now: new Date() }),
    context,
  );
  const mapped = mapIntegrationRequest({ api, integration, request, pathParams: match.pathParams, context: mappingContext });
  if (mapped.kind === 'error') {
    const status = mapped.response.statusCode;
    return fail(
      `${match.method.httpMethod} ${match.route.resourcePath}: ${mapped.reason}\nAPI Gateway would answer ${status} ${mapped.response.body.toString('utf8')}`,
    );
  }

  const output: Record<string, unknown> =
    mapped.kind === 'mock'
      ? { integrationType: 'MOCK', statusCode: mapped.statusCode }
      : {
          uri: mapped.request.url,
          integrationHttpMethod: mapped.request.method,
          headers: mapped.request.headers,
          ...printableBody(mapped.request.body),
        };
  for (const warning of mapped.state.warnings)
    process.stderr.write(`warning: request template line ${warning.line}, column ${warning.column}: ${warning.message}\n`);

  const responseStatus = mapped.kind === 'mock' ? String(mapped.statusCode) : values['response-status'];
  if (responseStatus !== undefined) {
    const response = mapResponse(api, integration, match.method.methodResponses, mapped.state, headerValue(headers, 'accept'), {
      status: Number(responseStatus),
      headers: Object.fromEntries(Object.entries(responseHeaders).map(([k, v]) => [k.toLowerCase(), v])),
      body: Buffer.from(values['response-body'] ?? '', 'utf8'),
    });
    if (typeof response === 'string') return fail(response);
    output.response = response;
  }
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

function mapResponse(
  api: Parameters<typeof mapIntegrationResponse>[0]['api'],
  integration: Parameters<typeof mapIntegrationResponse>[0]['integration'],
  methodResponses: Readonly<Record<string, readonly string[]>>,
  state: RequestMappingState,
  accept: string | undefined,
  backend: Parameters<typeof mapIntegrationResponse>[0]['backend'],
): Record<string, unknown> | string {
  const result = mapIntegrationResponse({ api, integration, methodResponses, backend, state, accept });
  if (result.kind === 'error')
    return `${result.reason}\nAPI Gateway would answer ${result.response.statusCode} ${result.response.body.toString('utf8')}`;
  for (const warning of result.warnings)
    process.stderr.write(`warning: response template line ${warning.line}, column ${warning.column}: ${warning.message}\n`);
  return clientResponseJson(result.response);
}

/** The request's $context with the --context values laid over it; `identity.sourceIp` keeps the other identity fields. */
function mergeContext<T extends Record<string, unknown>>(base: T, overrides: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const inner = out[key];
    const bothMaps = [inner, value].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    out[key] = bothMaps ? mergeContext(inner as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out as T;
}

function usage(message: string): number {
  process.stderr.write(`service-proxy render: ${message}\n\nUsage: service-proxy ${RENDER_USAGE}\n`);
  return 2;
}
