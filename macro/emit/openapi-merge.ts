import { describeValue, quoted } from '../diagnostics';
import { isJsonObject, type Json, type JsonObject, ownValue, setOwn } from '../types';
import type { OpenApiAdditions } from './openapi';
import { isOpenApi30, toOpenApi3Operation } from './openapi3';

/** Something the document already has that an addition would replace: a readable sentence, and the route (`POST /orders`) when it is an operation. */
export interface OpenApiConflict {
  message: string;
  route?: string;
}

/** The merged document, and what could not be merged. */
export interface OpenApiMerge {
  document: JsonObject;
  conflicts: OpenApiConflict[];
}

function mergeSection(document: JsonObject, key: string, additions: JsonObject, conflicts: OpenApiConflict[], label = key): void {
  if (Object.keys(additions).length === 0) return;
  const existing = isJsonObject(document[key]) ? (document[key] as JsonObject) : {};
  const merged: JsonObject = { ...existing };
  for (const [name, value] of Object.entries(additions)) {
    if (Object.hasOwn(existing, name) && JSON.stringify(existing[name]) !== JSON.stringify(value)) {
      conflicts.push({ message: `the API definition already has a different ${label} entry ${quoted(name)}` });
      continue;
    }
    setOwn(merged, name, value);
  }
  document[key] = merged;
}

/**
 * Where an operation already in the document comes from, when it says: SAM writes a function's Api
 * event as a Lambda proxy integration whose URI names the function (`${Fn.Arn}`).
 */
function origin(operation: Json | undefined): string {
  const integration = isJsonObject(operation) ? operation['x-amazon-apigateway-integration'] : undefined;
  if (!isJsonObject(integration) || integration.type !== 'aws_proxy' || !isJsonObject(integration.uri)) return '';
  const sub = integration.uri['Fn::Sub'];
  const functionId = typeof sub === 'string' ? /lambda:path\/2015-03-31\/functions\/\$\{([A-Za-z0-9]+)\.Arn\}/.exec(sub)?.[1] : undefined;
  return functionId === undefined
    ? ', a Lambda proxy integration'
    : ` (the Lambda proxy integration SAM made from an Api event of the function ${functionId})`;
}

/**
 * Adds operations and document-level sections to an OpenAPI 2.0 or 3.0 document (each in its own
 * spelling), leaving everything the user wrote as it was: their other routes, servers, components.
 * An operation or component the document already has differently is a conflict, never overwritten.
 */
export function mergeIntoOpenApi(original: JsonObject, additions: OpenApiAdditions): OpenApiMerge {
  const document: JsonObject = structuredClone(original);
  const conflicts: OpenApiConflict[] = [];
  const openApi3 = document.swagger === undefined && isOpenApi30(document);
  if (document.swagger === undefined && document.openapi !== undefined && !openApi3) {
    return {
      document,
      conflicts: [
        {
          message:
            `the API definition is OpenAPI ${typeof document.openapi === 'string' ? document.openapi : describeValue(document.openapi)}; ` +
            'API Gateway imports OpenAPI 2.0 (swagger: "2.0") and 3.0 (openapi: 3.0.x) definitions, and the macro adds integrations to those',
        },
      ],
    };
  }
  if (document.swagger !== undefined && document.openapi !== undefined) {
    return {
      document,
      conflicts: [{ message: 'the API definition says both swagger and openapi; keep the one its paths are written in' }],
    };
  }
  if (!openApi3) document.swagger ??= '2.0';
  if (!isJsonObject(document.info)) document.info = { title: 'ServiceProxy', version: '1.0' };
  const paths: JsonObject = isJsonObject(document.paths) ? { ...document.paths } : {};
  for (const [path, operations] of Object.entries(additions.paths)) {
    const existingItem = ownValue(paths, path);
    const item: JsonObject = isJsonObject(existingItem) ? { ...existingItem } : {};
    for (const [method, operation] of Object.entries(operations)) {
      if (Object.hasOwn(item, method)) {
        const route = `${method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase()} ${path}`;
        conflicts.push({ message: `the API definition already has ${route}${origin(item[method])}`, route });
      } else item[method] = (openApi3 ? toOpenApi3Operation(operation) : operation) as Json;
    }
    setOwn(paths, path, item);
  }
  document.paths = paths;
  if (openApi3) {
    // OpenAPI 3.0 keeps security schemes and models under components; the extensions stay top-level.
    const components: JsonObject = isJsonObject(document.components) ? { ...document.components } : {};
    mergeSection(components, 'securitySchemes', additions.securityDefinitions, conflicts, 'components.securitySchemes');
    mergeSection(components, 'schemas', additions.definitions, conflicts, 'components.schemas');
    if (Object.keys(components).length > 0) document.components = components;
  } else {
    mergeSection(document, 'securityDefinitions', additions.securityDefinitions, conflicts);
    mergeSection(document, 'definitions', additions.definitions, conflicts);
  }
  mergeSection(document, 'x-amazon-apigateway-request-validators', additions.requestValidators, conflicts);
  mergeSection(document, 'x-amazon-apigateway-gateway-responses', additions.gatewayResponses, conflicts);
  if (additions.binaryMediaTypes.length > 0) {
    const existing = Array.isArray(document['x-amazon-apigateway-binary-media-types'])
      ? (document['x-amazon-apigateway-binary-media-types'] as string[])
      : [];
    document['x-amazon-apigateway-binary-media-types'] = [...new Set([...existing, ...additions.binaryMediaTypes])];
  }
  return { document, conflicts };
}
