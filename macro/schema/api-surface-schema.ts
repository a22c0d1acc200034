/**
 * The API-surface part of the Proxy::ServiceIntegration schema: CORS, authorization, API keys,
 * request validation, response mapping and integration settings. Spread into `propertiesSchema`.
 */

import { intrinsicSchema as intrinsic } from './schema-intrinsic';

const arnLike = {
  description: 'an ARN, or an intrinsic function (Ref, Fn::GetAtt, Fn::Sub, Fn::ImportValue) that yields one',
  anyOf: [{ type: 'string', pattern: '^arn:' }, intrinsic],
} as const;

const stringList = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } as const;

const headerMap = {
  description:
    'response headers: name → a literal value, or "$response.header.Name", "$response.body.a.b", "$context.requestId", "$stageVariables.name"',
  type: 'object',
  propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
  additionalProperties: { type: 'string' },
} as const;

const responseBody = {
  description:
    'the response body, rendered as JSON: literals, selectors of the answer ("$response.body.a.b", "$item.x" in a projection), ' +
    'of the request ("$request.header.Name", "$request.path.id") and "$context.requestId", texts joined with request selectors, ' +
    'nested maps and lists, and projections {ItemsPath: "$response.body.Items", ItemSelector: {...}}',
  anyOf: [{ type: 'object' }, { type: 'array' }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
} as const;

const responseChoices = {
  description:
    'statuses chosen by the answer: the first choice whose Variable (a selector) meets its condition ' +
    '(StringEquals, NumericEquals, BooleanEquals or IsPresent) sets StatusCode and, if given, its own Body',
  type: 'array',
  minItems: 1,
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['Variable', 'StatusCode'],
    properties: {
      Variable: { type: 'string', description: 'a selector: "$response.body.Count", "$response.body.Item", "$request.header.Name"' },
      StringEquals: { type: 'string', description: 'the text the value must equal' },
      NumericEquals: { type: 'number', description: 'the number the value must equal' },
      BooleanEquals: { type: 'boolean', description: 'the flag the value must equal' },
      IsPresent: { type: 'boolean', description: 'true: the answer has the value (not empty); false: it has none' },
      StatusCode: { type: 'integer', minimum: 200, maximum: 599, description: 'the status when the condition holds' },
      Body: { ...responseBody, description: 'the body when the condition holds (default: the success body)' },
    },
  },
} as const;

/** JSON Schema of the API-surface properties, keyed by property name. */
export const apiSurfaceProperties = {
  Cors: {
    description:
      'CORS for this path: true (any origin) or an object with AllowOrigins, AllowHeaders, AllowMethods, AllowCredentials, ExposeHeaders, MaxAge',
    anyOf: [
      { type: 'boolean' },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          AllowOrigins: { ...stringList, description: 'allowed origins, e.g. ["https://app.example.com"]; ["*"] for any' },
          AllowHeaders: { ...stringList, description: 'request headers browsers may send' },
          AllowMethods: { ...stringList, description: 'methods browsers may use; default: the methods integrated on the path' },
          AllowCredentials: { type: 'boolean', description: 'whether browsers may send credentials (not with origin *)' },
          ExposeHeaders: { ...stringList, description: 'response headers browsers may read' },
          MaxAge: { type: 'integer', minimum: 0, maximum: 86400, description: 'seconds browsers may cache the preflight' },
        },
      },
    ],
  },
  Auth: {
    description:
      'who may call the method: Type NONE, AWS_IAM, COGNITO_USER_POOLS (UserPoolArn or AuthorizerId, Scopes), ' +
      'TOKEN or REQUEST (a Lambda authorizer: FunctionArn or AuthorizerId)',
    type: 'object',
    additionalProperties: false,
    required: ['Type'],
    properties: {
      Type: { description: 'the authorization type', type: 'string', enum: ['NONE', 'AWS_IAM', 'COGNITO_USER_POOLS', 'TOKEN', 'REQUEST'] },
      UserPoolArn: {
        description: 'the Cognito user pool (or pools) whose tokens are accepted',
        anyOf: [arnLike, { type: 'array', minItems: 1, items: arnLike }],
      },
      FunctionArn: { ...arnLike, description: 'the Lambda authorizer function' },
      AuthorizerId: { description: 'an existing authorizer of the API', anyOf: [{ type: 'string', minLength: 1 }, intrinsic] },
      Scopes: { ...stringList, description: 'OAuth scopes, one of which the Cognito access token must carry' },
      IdentitySource: { type: 'string', minLength: 1, description: 'where the token is read, e.g. method.request.header.Authorization' },
      ResultTtlInSeconds: { type: 'integer', minimum: 0, maximum: 3600, description: 'how long API Gateway caches the authorizer result' },
    },
  },
  ApiKeyRequired: { type: 'boolean', description: 'whether callers must send a valid x-api-key header (attach a usage plan to the stage)' },
  RequestSchema: {
    type: 'object',
    description: 'a JSON Schema (draft 4) the request body must satisfy; invalid bodies get 400 before the service is called',
  },
  RequestSchemaErrorMessage: {
    type: 'string',
    minLength: 1,
    maxLength: 1000,
    description:
      'the message of the 400 a body failing RequestSchema gets, instead of "Invalid request body" ' +
      "(API Gateway's BAD_REQUEST_BODY response: one per API, so every integration of the API that sets it must agree)",
  },
  RequestParameters: {
    description:
      'request headers and query strings the method reads: "header.Name" or "querystring.name" → true when required (validated, 400 when missing)',
    type: 'object',
    propertyNames: { pattern: '^(header|querystring)\\.[A-Za-z0-9._-]+$' },
    additionalProperties: { type: 'boolean' },
  },
  CacheKeyParameters: {
    description:
      'the request values a stage cache keys this method by (with CachingEnabled on the stage): ' +
      '"$request.path.name", "$request.querystring.name" or "$request.header.Name"',
    type: 'array',
    minItems: 1,
    uniqueItems: true,
    // No pattern: the macro's own check says which selectors can key a cache, and why.
    items: { type: 'string', minLength: 1 },
  },
  Response: {
    description:
      'the success response: StatusCode, Body (a JSON shape over the service answer and the request) or Template (raw VTL), Headers, Choices',
    type: 'object',
    additionalProperties: false,
    properties: {
      StatusCode: { type: 'integer', minimum: 200, maximum: 299, description: 'the success status, e.g. 202' },
      Body: responseBody,
      Choices: responseChoices,
      Template: { type: 'string', minLength: 1, description: 'a raw VTL response template (application/json)' },
      Headers: headerMap,
    },
  },
  ErrorResponses: {
    description:
      'custom error mappings, tried before the defaults: SelectionPattern (regex on the service status), StatusCode, Body or Template',
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['SelectionPattern', 'StatusCode'],
      properties: {
        SelectionPattern: {
          type: 'string',
          minLength: 1,
          description: 'a regex matched against the whole service status code, e.g. "404"',
        },
        StatusCode: { type: 'integer', minimum: 400, maximum: 599, description: 'the status the client gets' },
        Body: responseBody,
        Template: { type: 'string', minLength: 1, description: 'a raw VTL response template' },
        Headers: headerMap,
      },
    },
  },
  TimeoutInMillis: { type: 'integer', minimum: 50, maximum: 29000, description: 'integration timeout in milliseconds (50-29000)' },
  PassthroughBehavior: {
    type: 'string',
    enum: ['NEVER', 'WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES'],
    description: 'what happens to a request whose content type has no template (default NEVER: 415)',
  },
  ContentHandling: {
    type: 'string',
    enum: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'],
    description: 'how the request payload is converted for the service',
  },
  BinaryMediaTypes: { ...stringList, description: 'media types the generated API treats as binary, e.g. ["image/*"]' },
  ObjectResponse: {
    description:
      "S3 GetObject/HeadObject: fixed headers on the object response, so a stored file cannot run as a page of the API's origin: ContentDisposition (attachment: browsers download it) and ContentType (e.g. application/octet-stream, replacing the stored type)",
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      ContentDisposition: {
        type: 'string',
        enum: ['attachment', 'inline'],
        description: 'the Content-Disposition every object is served with: attachment makes browsers download it',
      },
      ContentType: {
        type: 'string',
        pattern: '^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$',
        description: 'the Content-Type every object is served with, whatever type it was stored with, e.g. application/octet-stream',
      },
    },
  },
} as const;
