/** Builds `$context` for one request; ids and time are passed in so the mapping steps stay pure. */
import type { MappingContext } from '../vtl';
import type { ApiModel, MethodModel, RouteModel } from './api-model';
import { headerValue, type LocalRequest } from './http-types';

/** Per-request facts that come from the outside world (clock, id generator, API keys). */
export interface RequestFacts {
  readonly requestId: string;
  readonly now: Date;
  /** The `x-api-key` that passed the key check, if any. */
  readonly apiKey?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime`: Common Log Format, `dd/MMM/yyyy:HH:mm:ss +0000`, always UTC as API Gateway prints it. */
export function clfTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** The `$context` values API Gateway exposes to mapping templates for this request. */
export function requestContext(
  api: ApiModel,
  accountId: string,
  route: RouteModel,
  method: MethodModel,
  request: LocalRequest,
  facts: RequestFacts,
): MappingContext {
  const host = headerValue(request.headers, 'host') ?? 'localhost';
  return {
    requestId: facts.requestId,
    extendedRequestId: facts.requestId,
    accountId,
    apiId: api.restApiId,
    stage: api.stageName,
    path: `/${api.stageName}${request.path}`,
    resourceId: route.resourceId,
    resourcePath: route.resourcePath,
    httpMethod: request.method,
    protocol: 'HTTP/1.1',
    requestTime: clfTime(facts.now),
    requestTimeEpoch: facts.now.getTime(),
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    deploymentId: 'local',
    identity: {
      sourceIp: request.sourceIp ?? '127.0.0.1',
      userAgent: headerValue(request.headers, 'user-agent') ?? '',
      ...(facts.apiKey !== undefined ? { apiKey: facts.apiKey, apiKeyId: 'local' } : {}),
    },
    ...(method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS'
      ? { authorizer: { principalId: 'local' } }
      : {}),
  };
}
