/** API Gateway's own error responses (gateway responses), with the template's customisations applied. */
import type { ApiModel, GatewayResponseModel } from './api-model';
import type { ClientResponse } from './http-types';

/** The gateway response types the local runtime produces. */
export type GatewayResponseType =
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_API_KEY'
  | 'UNAUTHORIZED'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'REQUEST_TOO_LARGE'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'API_CONFIGURATION_ERROR';

/** AWS's defaults: status, message and the `x-amzn-ErrorType` header. */
const DEFAULTS: Readonly<Record<GatewayResponseType, { status: number; message: string; errorType: string }>> = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token', errorType: 'MissingAuthenticationTokenException' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Media Type', errorType: 'UnsupportedMediaTypeException' },
  INVALID_API_KEY: { status: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body', errorType: 'BadRequestException' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Missing required request parameters', errorType: 'BadRequestException' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long', errorType: 'RequestTooLargeException' },
  INTEGRATION_FAILURE: { status: 500, message: 'Internal server error', errorType: 'InternalServerErrorException' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out', errorType: 'InternalServerErrorException' },
  API_CONFIGURATION_ERROR: { status: 500, message: 'Internal server error', errorType: 'InternalServerErrorException' },
};

/**
 * The body AWS sends for the default template `{"message":$context.error.messageString}`; the 500 for a failed
 * integration or mapping is recorded with a space after the colon (`{"message": "Internal server error"}`).
 */
function defaultBody(type: GatewayResponseType, message: string): string {
  if ((type === 'INTEGRATION_FAILURE' || type === 'API_CONFIGURATION_ERROR') && message === 'Internal server error') {
    return '{"message": "Internal server error"}';
  }
  return JSON.stringify({ message });
}

/** Substitutes `$context.error.*` (gateway response templates are simple substitutions, not VTL). */
function substitute(template: string, message: string, type: GatewayResponseType, validationError: string): string {
  return template
    .replace(/\$context\.error\.messageString/g, JSON.stringify(message))
    .replace(/\$context\.error\.message/g, message)
    .replace(/\$context\.error\.responseType/g, type)
    .replace(/\$context\.error\.validationErrorString/g, validationError.replace(/["\\]/g, '\\$&'));
}

/** Details of one gateway response. */
export interface GatewayResponseDetails {
  /** Replaces AWS's default message (`$context.error.message`). */
  readonly message?: string;
  /** Replaces the whole default body (for errors AWS words itself, such as payload parse failures). */
  readonly body?: string;
  /** `$context.error.validationErrorString`. */
  readonly validationError?: string;
}

/**
 * Builds a gateway response: AWS's default for `type`, or the template's `AWS::ApiGateway::GatewayResponse` for
 * that type (falling back to `DEFAULT_4XX`/`DEFAULT_5XX`, as API Gateway does).
 */
export function gatewayResponse(
  api: ApiModel | undefined,
  type: GatewayResponseType,
  details: GatewayResponseDetails = {},
): ClientResponse {
  const defaults = DEFAULTS[type];
  const text = details.message ?? defaults.message;
  const family = defaults.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const custom: GatewayResponseModel | undefined = api?.gatewayResponses[type] ?? api?.gatewayResponses[family];
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-ErrorType': defaults.errorType };
  const requestHeaders: Record<string, string> = {};
  let responseBody = details.body ?? defaultBody(type, text);
  let status = defaults.status;
  if (custom !== undefined) {
    if (custom.statusCode !== undefined && /^\d{3}$/.test(custom.statusCode)) status = Number(custom.statusCode);
    for (const [key, value] of Object.entries(custom.responseParameters)) {
      const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
      const literal = /^'(.*)'$/s.exec(value)?.[1];
      if (name === undefined) continue;
      if (literal !== undefined) headers[name] = literal;
      else requestHeaders[name] = value;
    }
    const template = custom.responseTemplates['application/json'] ?? Object.values(custom.responseTemplates)[0];
    if (template !== undefined) responseBody = substitute(template, text, type, details.validationError ?? '');
  }
  return {
    statusCode: status,
    headers,
    body: Buffer.from(responseBody, 'utf8'),
    ...(Object.keys(requestHeaders).length > 0 ? { requestHeaders } : {}),
  };
}
