/**
 * The methods of an API defined by an OpenAPI 2.0 or 3.0 document (an AWS::ApiGateway::RestApi `Body`, an
 * AWS::Serverless::Api `DefinitionBody`), read as the `AWS::ApiGateway::Method` properties API Gateway
 * imports them into, so the local runtime serves them exactly like methods declared as resources.
 */
import { isJsonObject, type Json, type JsonObject } from '../macro/types';
import type { RequestValidatorModel } from './api-model';

/** One operation of the document, as a Method's properties plus what a document holds at its top level. */
export interface OpenApiMethod {
  /** A readable id for messages: `<Api> POST /orders`. */
  readonly id: string;
  /** `/orders/{id}` as the document writes it. */
  readonly path: string;
  /** `AWS::ApiGateway::Method` properties: HttpMethod, AuthorizationType, ApiKeyRequired, RequestParameters, MethodResponses, Integration. */
  readonly properties: JsonObject;
  /** The request validator the operation names (or the document's default). */
  readonly validator?: RequestValidatorModel;
  /** JSON Schemas of the request body, by content type. */
  readonly requestModels: Readonly<Record<string, unknown>>;
}

/** Document-wide settings API Gateway imports with the methods. */
export interface OpenApiDocument {
  readonly methods: readonly OpenApiMethod[];
  readonly binaryMediaTypes: readonly string[];
  /** `x-amazon-apigateway-gateway-responses`, by response type, in CloudFormation's property names. */
  readonly gatewayResponses: Readonly<Record<string, JsonObject>>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);
const PASSTHROUGH: Record<string, string> = { never: 'NEVER', when_no_match: 'WHEN_NO_MATCH', when_no_templates: 'WHEN_NO_TEMPLATES' };
const AUTH_TYPES: Record<string, string> = { cognito_user_pools: 'COGNITO_USER_POOLS', custom: 'CUSTOM', awssigv4: 'AWS_IAM' };

function record(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** `Integration` from `x-amazon-apigateway-integration` (the inverse of what the macro writes into documents). */
function integrationOf(extension: JsonObject): JsonObject {
  const integration: JsonObject = { Type: String(extension.type ?? 'aws').toUpperCase() };
  if (extension.uri !== undefined) integration.Uri = extension.uri;
  if (extension.httpMethod !== undefined) integration.IntegrationHttpMethod = extension.httpMethod;
  if (typeof extension.passthroughBehavior === 'string')
    integration.PassthroughBehavior = PASSTHROUGH[extension.passthroughBehavior.toLowerCase()] ?? extension.passthroughBehavior;
  if (extension.contentHandling !== undefined) integration.ContentHandling = extension.contentHandling;
  if (extension.timeoutInMillis !== undefined) integration.TimeoutInMillis = extension.timeoutInMillis;
  if (extension.requestParameters !== undefined) integration.RequestParameters = extension.requestParameters;
  if (extension.requestTemplates !== undefined) integration.RequestTemplates = extension.requestTemplates;
  integration.IntegrationResponses = Object.entries(record(extension.responses)).map(([pattern, raw]) => {
    const response = record(raw);
    const out: JsonObject = { StatusCode: String(response.statusCode ?? '200') };
    if (pattern !== 'default') out.SelectionPattern = pattern;
    if (response.responseParameters !== undefined) out.ResponseParameters = response.responseParameters;
    if (response.responseTemplates !== undefined) out.ResponseTemplates = response.responseTemplates;
    if (response.contentHandling !== undefined) out.ContentHandling = response.contentHandling;
    return out;
  });
  return integration;
}

/** AuthorizationType and ApiKeyRequired from an operation's security requirements. */
function authorizationOf(security: unknown, definitions: JsonObject): { type: string; apiKeyRequired: boolean } {
  let type = 'NONE';
  let apiKeyRequired = false;
  for (const requirement of Array.isArray(security) ? security : []) {
    for (const name of Object.keys(record(requirement))) {
      const definition = record(definitions[name]);
      const authType = String(definition['x-amazon-apigateway-authtype'] ?? '').toLowerCase();
      if (AUTH_TYPES[authType] !== undefined) type = AUTH_TYPES[authType] as string;
      else if (definition.type === 'apiKey' && String(definition.name).toLowerCase() === 'x-api-key') apiKeyRequired = true;
    }
  }
  return { type, apiKeyRequired };
}

/** The schema a `$ref: '#/definitions/X'` (OpenAPI 3.0: `#/components/schemas/X`) points at, or the inline schema. */
function schemaOf(schema: unknown, definitions: JsonObject): unknown {
  const ref = record(schema).$ref;
  for (const prefix of ['#/definitions/', '#/components/schemas/'])
    if (typeof ref === 'string' && ref.startsWith(prefix)) return definitions[ref.slice(prefix.length)];
  return schema;
}

/** Reads every operation of an OpenAPI 2.0 or 3.0 document; paths and operations that are not objects are skipped. */
export function readOpenApiDocument(apiLogicalId: string, document: unknown): OpenApiDocument {
  const doc = record(document);
  // OpenAPI 3.0 keeps security schemes and models under components.
  const securityDefinitions = record(doc.securityDefinitions ?? record(doc.components).securitySchemes);
  const definitions = record(doc.definitions ?? record(doc.components).schemas);
  const validators = record(doc['x-amazon-apigateway-request-validators']);
  const consumes = Array.isArray(doc.consumes) ? doc.consumes.map(String) : ['application/json'];
  const methods: OpenApiMethod[] = [];
  for (const [path, rawItem] of Object.entries(record(doc.paths))) {
    const item = record(rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [key, rawOperation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(key) || !isJsonObject(rawOperation)) continue;
      const operation = rawOperation;
      const httpMethod = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      const requestParameters: JsonObject = {};
      const requestModels: Record<string, unknown> = {};
      for (const rawParameter of [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
        const parameter = record(rawParameter);
        const where = parameter.in === 'query' ? 'querystring' : parameter.in;
        if (where === 'path' || where === 'querystring' || where === 'header')
          requestParameters[`method.request.${where}.${String(parameter.name)}`] = where === 'path' || parameter.required === true;
        else if (where === 'body' && parameter.schema !== undefined) {
          const types = Array.isArray(operation.consumes) ? operation.consumes.map(String) : consumes;
          for (const type of types) requestModels[type] = schemaOf(parameter.schema, definitions);
        }
      }
      for (const [type, media] of Object.entries(record(record(operation.requestBody).content)))
        if (record(media).schema !== undefined) requestModels[type] = schemaOf(record(media).schema, definitions);
      const methodResponses: Json[] = Object.entries(record(operation.responses)).map(([status, raw]) => ({
        StatusCode: status,
        ResponseParameters: Object.fromEntries(Object.keys(record(record(raw).headers)).map((h) => [`method.response.header.${h}`, false])),
      }));
      const auth = authorizationOf(operation.security ?? doc.security, securityDefinitions);
      const properties: JsonObject = {
        HttpMethod: httpMethod,
        AuthorizationType: auth.type,
        ApiKeyRequired: auth.apiKeyRequired,
        RequestParameters: requestParameters,
        MethodResponses: methodResponses,
        Integration: integrationOf(record(operation['x-amazon-apigateway-integration'])),
      };
      const validatorName = operation['x-amazon-apigateway-request-validator'] ?? doc['x-amazon-apigateway-request-validator'];
      const validatorDefinition = typeof validatorName === 'string' ? validators[validatorName] : undefined;
      const method: OpenApiMethod = {
        id: `${apiLogicalId} ${httpMethod} ${path}`,
        path,
        properties,
        requestModels,
        ...(isJsonObject(validatorDefinition)
          ? {
              validator: {
                validateRequestBody: validatorDefinition.validateRequestBody === true,
                validateRequestParameters: validatorDefinition.validateRequestParameters === true,
              },
            }
          : {}),
      };
      methods.push(method);
    }
  }
  const gatewayResponses: Record<string, JsonObject> = {};
  for (const [type, raw] of Object.entries(record(doc['x-amazon-apigateway-gateway-responses']))) {
    const response = record(raw);
    gatewayResponses[type] = {
      ...(response.statusCode !== undefined ? { StatusCode: response.statusCode } : {}),
      ResponseParameters: record(response.responseParameters),
      ResponseTemplates: record(response.responseTemplates),
    };
  }
  const binary = doc['x-amazon-apigateway-binary-media-types'];
  return { methods, binaryMediaTypes: Array.isArray(binary) ? binary.map(String) : [], gatewayResponses };
}
