import { describeValue } from '../diagnostics';
import { type Checked, invalid, type Problem, type PropertyPath, valid, within } from '../problem';
import { type ResponseChoices, responseBodyTemplate, responseChoices } from '../request-templates/response-body';
import { type Expr, isJsonObject, type Json, type JsonObject } from '../types';
import validateJsonSchema from './validate-json-schema.generated';

/** CORS settings of one integration, normalised. */
export interface CorsConfig {
  allowOrigins: string[];
  allowHeaders: string[];
  /** Undefined: the methods integrated on the path. */
  allowMethods?: string[];
  allowCredentials: boolean;
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

/** How callers are authorised. */
export type AuthConfig =
  | { type: 'NONE' }
  | { type: 'AWS_IAM' }
  | { type: 'COGNITO_USER_POOLS'; userPoolArns?: Expr[]; authorizerId?: Expr; scopes: string[]; identitySource?: string }
  | { type: 'TOKEN' | 'REQUEST'; functionArn?: Expr; authorizerId?: Expr; identitySource: string; resultTtlInSeconds: number };

/** A response mapping the user asked for (success or error). */
export interface ResponseMapping {
  statusCode?: string;
  selectionPattern?: string;
  /** The response template, when the user gave a body or raw VTL. */
  template?: string;
  /** method.response.header.X → mapping source (`'literal'`, `integration.response.header.Y`, ...). */
  headers: Record<string, string>;
  /** Statuses chosen by conditions on the answer (success response only). */
  choices?: ResponseChoices;
}

/** Everything about the API surface of one integration, validated. */
export interface ApiSurface {
  cors?: CorsConfig;
  auth: AuthConfig;
  apiKeyRequired: boolean;
  requestSchema?: JsonObject;
  /** The message of the API's BAD_REQUEST_BODY response, replacing API Gateway's "Invalid request body". */
  requestSchemaErrorMessage?: string;
  /** method.request.(header|querystring).X → required. */
  requestParameters: Record<string, boolean>;
  /** `method.request.*` names a stage cache keys the method's responses by (filled in once the Path is known). */
  cacheKeyParameters?: string[];
  response?: ResponseMapping;
  errorResponses: ResponseMapping[];
  timeoutInMillis?: number;
  passthroughBehavior?: 'NEVER' | 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES';
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  binaryMediaTypes: string[];
  /** Fixed headers of an S3 object response: method.response.header.X → `'value'`. */
  objectResponseHeaders?: Record<string, string>;
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
/** One identity source: a request header or query string parameter, a context or a stage variable. */
const ONE_IDENTITY_SOURCE = String.raw`(method\.request\.(header|querystring)\.[A-Za-z0-9._-]+|context\.[A-Za-z0-9.]+|stageVariables\.[A-Za-z0-9_]+)`;
/** Identity sources separated by commas (REQUEST authorizers take several). */
const IDENTITY_SOURCE = new RegExp(String.raw`^${ONE_IDENTITY_SOURCE}(\s*,\s*${ONE_IDENTITY_SOURCE})*$`);

/** The API-surface settings of one integration's (schema-valid) properties. */
export function resolveApiSurface(properties: JsonObject, hasGeneratedApi: boolean): { surface: ApiSurface; problems: Problem[] } {
  const problems: Problem[] = [];
  const surface: ApiSurface = {
    auth: resolveAuth(properties.Auth, problems),
    apiKeyRequired: properties.ApiKeyRequired === true,
    requestParameters: {},
    errorResponses: [],
    binaryMediaTypes: (properties.BinaryMediaTypes as string[] | undefined) ?? [],
  };
  const cors = resolveCors(properties.Cors, problems);
  if (cors !== undefined) surface.cors = cors;
  if (isJsonObject(properties.RequestSchema)) {
    if (!validateJsonSchema(properties.RequestSchema)) {
      const first = validateJsonSchema.errors?.[0];
      const allowed = first?.params.allowedValues as unknown[] | undefined;
      const detail = allowed === undefined ? (first?.message ?? 'invalid') : `expected one of ${allowed.join(', ')}`;
      problems.push({
        path: ['RequestSchema', ...(first?.instancePath.split('/').filter((s) => s !== '') ?? [])],
        message: `is not a valid JSON Schema: ${detail}; received ${describeValue(first?.data)}.`,
      });
    } else surface.requestSchema = properties.RequestSchema;
  }
  if (typeof properties.RequestSchemaErrorMessage === 'string') {
    if (properties.RequestSchema === undefined)
      problems.push({
        path: ['RequestSchemaErrorMessage'],
        message:
          'is the message for a body that fails RequestSchema, and this integration has none; add RequestSchema, or remove the message.',
      });
    else surface.requestSchemaErrorMessage = properties.RequestSchemaErrorMessage;
  }
  for (const [key, required] of Object.entries((properties.RequestParameters as Record<string, boolean> | undefined) ?? {})) {
    surface.requestParameters[`method.request.${key}`] = required;
  }
  if (isJsonObject(properties.Response)) {
    surface.response = resolveResponse(properties.Response, ['Response'], problems);
  }
  (properties.ErrorResponses as JsonObject[] | undefined)?.forEach((entry, index) => {
    const mapping = resolveResponse(entry, ['ErrorResponses', index], problems);
    try {
      new RegExp(`^(?:${String(entry.SelectionPattern)})$`);
    } catch {
      problems.push({
        path: ['ErrorResponses', index, 'SelectionPattern'],
        message: `${describeValue(entry.SelectionPattern)} is not a valid regular expression.`,
      });
    }
    surface.errorResponses.push({ ...mapping, selectionPattern: String(entry.SelectionPattern) });
  });
  if (typeof properties.TimeoutInMillis === 'number') surface.timeoutInMillis = properties.TimeoutInMillis;
  if (typeof properties.PassthroughBehavior === 'string')
    surface.passthroughBehavior = properties.PassthroughBehavior as ApiSurface['passthroughBehavior'];
  if (typeof properties.ContentHandling === 'string') surface.contentHandling = properties.ContentHandling as ApiSurface['contentHandling'];
  if (isJsonObject(properties.ObjectResponse)) {
    const headers: Record<string, string> = {};
    const { ContentDisposition, ContentType } = properties.ObjectResponse;
    // Both are schema-checked (an enum, a media type): no quote can end the constant.
    if (typeof ContentDisposition === 'string') headers['method.response.header.Content-Disposition'] = `'${ContentDisposition}'`;
    if (typeof ContentType === 'string') headers['method.response.header.Content-Type'] = `'${ContentType}'`;
    surface.objectResponseHeaders = headers;
  }
  if (surface.binaryMediaTypes.length > 0 && !hasGeneratedApi) {
    problems.push({
      path: ['BinaryMediaTypes'],
      message:
        'only applies to an API the macro creates (the generated one, or a Proxy::Api); with RestApiId of your own API, set BinaryMediaTypes on that API instead.',
    });
  }
  return { surface, problems };
}

function resolveCors(raw: Json | undefined, problems: Problem[]): CorsConfig | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true)
    return {
      allowOrigins: ['*'],
      allowHeaders: ['Content-Type', 'Authorization', 'X-Api-Key', 'X-Amz-Date', 'X-Amz-Security-Token'],
      allowCredentials: false,
      exposeHeaders: [],
    };
  const cors = raw as JsonObject;
  const config: CorsConfig = {
    allowOrigins: (cors.AllowOrigins as string[] | undefined) ?? ['*'],
    allowHeaders: (cors.AllowHeaders as string[] | undefined) ?? [
      'Content-Type',
      'Authorization',
      'X-Api-Key',
      'X-Amz-Date',
      'X-Amz-Security-Token',
    ],
    allowCredentials: cors.AllowCredentials === true,
    exposeHeaders: (cors.ExposeHeaders as string[] | undefined) ?? [],
  };
  if (Array.isArray(cors.AllowMethods)) config.allowMethods = (cors.AllowMethods as string[]).map((m) => m.toUpperCase());
  if (typeof cors.MaxAge === 'number') config.maxAgeSeconds = cors.MaxAge;
  config.allowOrigins.forEach((origin, index) => {
    if (origin !== '*' && !ORIGIN.test(origin))
      problems.push({
        path: ['Cors', 'AllowOrigins', index],
        message: `${describeValue(origin)} is not an origin; write scheme://host[:port] without a path, e.g. "https://app.example.com", or "*".`,
      });
  });
  if (config.allowOrigins.includes('*') && config.allowOrigins.length > 1)
    problems.push({ path: ['Cors', 'AllowOrigins'], message: '"*" allows every origin; list specific origins or "*" alone.' });
  if (config.allowCredentials && config.allowOrigins.includes('*')) {
    problems.push({
      path: ['Cors', 'AllowCredentials'],
      message: 'browsers reject credentials with Access-Control-Allow-Origin "*"; list the allowed origins in AllowOrigins.',
    });
  }
  return config;
}

function resolveAuth(raw: Json | undefined, problems: Problem[]): AuthConfig {
  if (!isJsonObject(raw)) return { type: 'NONE' };
  const type = raw.Type as AuthConfig['type'];
  const allowed: Record<AuthConfig['type'], string[]> = {
    NONE: ['Type'],
    AWS_IAM: ['Type'],
    COGNITO_USER_POOLS: ['Type', 'UserPoolArn', 'AuthorizerId', 'Scopes', 'IdentitySource'],
    TOKEN: ['Type', 'FunctionArn', 'AuthorizerId', 'IdentitySource', 'ResultTtlInSeconds'],
    REQUEST: ['Type', 'FunctionArn', 'AuthorizerId', 'IdentitySource', 'ResultTtlInSeconds'],
  };
  for (const key of Object.keys(raw)) {
    if (!allowed[type].includes(key))
      problems.push({ path: ['Auth', key], message: `does not apply to Type ${type}; ${type} takes ${allowed[type].join(', ')}.` });
  }
  if (type === 'NONE' || type === 'AWS_IAM') return { type };
  const identitySource = typeof raw.IdentitySource === 'string' ? raw.IdentitySource : 'method.request.header.Authorization';
  if (!IDENTITY_SOURCE.test(identitySource))
    problems.push({
      path: ['Auth', 'IdentitySource'],
      message:
        `${describeValue(identitySource)} is not an identity source; ` +
        'e.g. "method.request.header.Authorization" (several separated by commas for REQUEST).',
    });
  const source = type === 'COGNITO_USER_POOLS' ? 'UserPoolArn' : 'FunctionArn';
  const given = [source, 'AuthorizerId'].filter((k) => raw[k] !== undefined);
  if (given.length !== 1)
    problems.push({
      path: ['Auth'],
      message:
        `${type} needs exactly one of ${source} (the macro creates the authorizer) or AuthorizerId (an existing authorizer); ` +
        `received ${given.length === 0 ? 'neither' : 'both'}.`,
    });
  if (type === 'COGNITO_USER_POOLS') {
    const config: AuthConfig = { type, scopes: (raw.Scopes as string[] | undefined) ?? [] };
    if (raw.UserPoolArn !== undefined)
      config.userPoolArns = (Array.isArray(raw.UserPoolArn) ? raw.UserPoolArn : [raw.UserPoolArn]) as Expr[];
    if (raw.AuthorizerId !== undefined) config.authorizerId = raw.AuthorizerId as Expr;
    if (typeof raw.IdentitySource === 'string') config.identitySource = raw.IdentitySource;
    return config;
  }
  const config: AuthConfig = {
    type,
    identitySource,
    resultTtlInSeconds: typeof raw.ResultTtlInSeconds === 'number' ? raw.ResultTtlInSeconds : 300,
  };
  if (raw.FunctionArn !== undefined) config.functionArn = raw.FunctionArn as Expr;
  if (raw.AuthorizerId !== undefined) config.authorizerId = raw.AuthorizerId as Expr;
  return config;
}

/** Where a response header's value comes from, in API Gateway's response-parameter syntax. */
function headerSource(value: string): Checked<string> {
  if (!value.startsWith('$')) {
    if (value.includes("'")) return invalid(`a constant header value cannot contain "'"; received ${describeValue(value)}.`);
    return valid(`'${value}'`);
  }
  if (value.startsWith('$response.header.') && /^[A-Za-z0-9._-]+$/.test(value.slice(17)))
    return valid(`integration.response.header.${value.slice(17)}`);
  if (value === '$response.body') return valid('integration.response.body');
  if (value.startsWith('$response.body.') && /^[A-Za-z0-9_.-]+$/.test(value.slice(15)))
    return valid(`integration.response.body.${value.slice(15)}`);
  if (value.startsWith('$context.') && /^[A-Za-z0-9.]+$/.test(value.slice(9))) return valid(`context.${value.slice(9)}`);
  if (value.startsWith('$stageVariables.') && /^[A-Za-z0-9_]+$/.test(value.slice(16))) return valid(`stageVariables.${value.slice(16)}`);
  return invalid(
    `${describeValue(value)} is not a header source; ` +
      'use a literal, "$response.header.Name", "$response.body.a.b", "$context.name" or "$stageVariables.name".',
  );
}

function resolveResponse(raw: JsonObject, path: PropertyPath, problems: Problem[]): ResponseMapping {
  const mapping: ResponseMapping = { headers: {} };
  if (typeof raw.StatusCode === 'number') mapping.statusCode = String(raw.StatusCode);
  if (raw.Body !== undefined && raw.Template !== undefined)
    problems.push({
      path: [...path, 'Template'],
      message: 'give either Body (selectors, rendered as JSON) or Template (raw VTL), not both.',
    });
  if (typeof raw.Template === 'string') mapping.template = raw.Template;
  if (raw.Body !== undefined) mapping.template = responseBodyTemplate(raw.Body, [...path, 'Body'], problems);
  if (raw.Choices !== undefined) {
    const choices = responseChoices(raw.Choices, [...path, 'Choices'], problems);
    if (choices !== undefined) mapping.choices = choices;
  }
  for (const [name, value] of Object.entries((raw.Headers as Record<string, string> | undefined) ?? {})) {
    const source = headerSource(value);
    if (source.ok) mapping.headers[`method.response.header.${name}`] = source.value;
    else problems.push(...within([...path, 'Headers', name], source.problems));
  }
  return mapping;
}

/** JSON text that is also inert VTL: `$` and `#` become JSON unicode escapes. */
export function jsonLiteral(value: Json): string {
  return JSON.stringify(value).replace(/\$/g, '\\u0024').replace(/#/g, '\\u0023');
}
