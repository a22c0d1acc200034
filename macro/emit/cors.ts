import { optionsMethodId } from '../logical-ids';
import type { PathCors } from '../plan/cors';
import { mappingTemplate, sharedText } from '../request-templates/template-parts';
import type { PathSegment } from '../schema/api-path';
import type { CorsConfig } from '../schema/api-surface';
import type { Expr, Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';

/** The CORS headers of a response: static response parameters plus, for several origins, VTL that echoes the caller's. */
export interface CorsHeaders {
  /** method.response.header.X → static value. */
  parameters: Record<string, string>;
  /** Prepended to every response template: sets Access-Control-Allow-Origin to the matching request Origin. */
  templatePrefix: string;
}

/**
 * Browsers accept one origin in Access-Control-Allow-Origin, never a list: with several allowed
 * origins the response echoes the request's Origin when it is one of them (and says Vary: Origin).
 * Origins were validated as scheme://host[:port], so they are safe inside VTL string literals.
 */
export function corsHeaders(config: CorsConfig, extraMethodHeaders: Record<string, string> = {}): CorsHeaders {
  const parameters: Record<string, string> = { ...extraMethodHeaders };
  let templatePrefix = '';
  const [single] = config.allowOrigins;
  if (config.allowOrigins.length === 1 && single !== undefined) {
    parameters['method.response.header.Access-Control-Allow-Origin'] = `'${single}'`;
    if (single !== '*') parameters['method.response.header.Vary'] = "'Origin'";
  } else {
    parameters['method.response.header.Vary'] = "'Origin'";
    const match = config.allowOrigins.map((o) => `$spOrigin == "${o}"`).join(' || ');
    templatePrefix = [
      "#set($spOrigin = $input.params().header.get('Origin'))",
      `#if("$!spOrigin" == "")#set($spOrigin = $input.params().header.get('origin'))#end`,
      `#if(${match})#set($context.responseOverride.header.Access-Control-Allow-Origin = $spOrigin)#end`,
    ].join('');
  }
  if (config.allowCredentials) parameters['method.response.header.Access-Control-Allow-Credentials'] = "'true'";
  if (config.exposeHeaders.length > 0)
    parameters['method.response.header.Access-Control-Expose-Headers'] = `'${config.exposeHeaders.join(',')}'`;
  return { parameters, templatePrefix };
}

/** Declares the headers a method response may carry (API Gateway requires the declaration). */
export function declaredHeaders(parameters: Record<string, string>, extra: readonly string[] = []): Record<string, boolean> | undefined {
  const names = [...new Set([...Object.keys(parameters), ...extra])].sort();
  return names.length === 0 ? undefined : Object.fromEntries(names.map((n) => [n, false]));
}

/** The OPTIONS method answering the CORS preflight of one path: a MOCK integration, no auth, no API key. */
export function emitPreflight(api: ApiHandle, cors: PathCors, resourceId: Expr, path: readonly PathSegment[]): [string, JsonObject] {
  const { config } = cors;
  const headers = corsHeaders(config, {
    'method.response.header.Access-Control-Allow-Headers': `'${config.allowHeaders.join(',')}'`,
    'method.response.header.Access-Control-Allow-Methods': `'${[...cors.methods, 'OPTIONS'].join(',')}'`,
  });
  if (config.maxAgeSeconds !== undefined) headers.parameters['method.response.header.Access-Control-Max-Age'] = `'${config.maxAgeSeconds}'`;
  const declared = declaredHeaders(
    headers.parameters,
    headers.templatePrefix === '' ? [] : ['method.response.header.Access-Control-Allow-Origin'],
  );
  const integrationResponse: JsonObject = { StatusCode: '204', ResponseParameters: headers.parameters };
  if (headers.templatePrefix !== '')
    integrationResponse.ResponseTemplates = { 'application/json': mappingTemplate([sharedText(headers.templatePrefix)]) as Json };
  const methodResponse: JsonObject = { StatusCode: '204' };
  if (declared !== undefined) methodResponse.ResponseParameters = declared;
  return [
    optionsMethodId(api.prefix, path),
    {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: api.restApiId as Json,
        ResourceId: resourceId as Json,
        HttpMethod: 'OPTIONS',
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'MOCK',
          // A preflight has no body; any content type must still get its answer.
          PassthroughBehavior: 'WHEN_NO_MATCH',
          RequestTemplates: { 'application/json': '{"statusCode": 204}' },
          IntegrationResponses: [integrationResponse],
        },
        MethodResponses: [methodResponse],
      },
    },
  ];
}
