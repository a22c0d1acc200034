import { isJsonObject, type Json, type JsonObject } from '../types';

/**
 * OpenAPI 3.0 spellings of what `toOpenApi` writes in OpenAPI 2.0 terms, for an API whose existing
 * definition is an OpenAPI 3 document (`openapi: 3.0.x`): API Gateway imports both, with the same
 * `x-amazon-apigateway-*` extensions, but a document must not mix them. Parameters carry a `schema`
 * instead of a `type`, a body is a `requestBody` naming `#/components/schemas/...`, response headers
 * carry a `schema`, and security definitions and models live under `components`.
 */

const DEFINITIONS_REF = '#/definitions/';
const SCHEMAS_REF = '#/components/schemas/';

/** An OpenAPI 2.0 operation as the macro writes it, in OpenAPI 3.0 form. */
export function toOpenApi3Operation(operation: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(operation)) {
    if (key === 'parameters' && Array.isArray(value)) {
      const parameters: Json[] = [];
      for (const parameter of value) {
        if (!isJsonObject(parameter)) continue;
        if (parameter.in === 'body') {
          // The macro writes one body model, for application/json (macro/emit/openapi.ts).
          out.requestBody = { required: true, content: { 'application/json': { schema: toOpenApi3Schema(parameter.schema) } } };
          continue;
        }
        const { type, ...rest } = parameter;
        parameters.push({ ...rest, schema: { type: type ?? 'string' } });
      }
      if (parameters.length > 0) out.parameters = parameters;
    } else if (key === 'responses' && isJsonObject(value)) {
      out.responses = Object.fromEntries(
        Object.entries(value).map(([status, raw]) => {
          if (!isJsonObject(raw) || !isJsonObject(raw.headers)) return [status, raw];
          const headers = Object.fromEntries(Object.entries(raw.headers).map(([name, header]) => [name, { schema: header }]));
          return [status, { ...raw, headers }];
        }),
      );
    } else out[key] = value;
  }
  return out;
}

/** A schema reference into OpenAPI 3.0's components (the schema itself is JSON Schema either way). */
function toOpenApi3Schema(schema: Json | undefined): Json {
  if (isJsonObject(schema) && typeof schema.$ref === 'string' && schema.$ref.startsWith(DEFINITIONS_REF))
    return { $ref: `${SCHEMAS_REF}${schema.$ref.slice(DEFINITIONS_REF.length)}` };
  return schema ?? {};
}

/** Whether a document is OpenAPI 3.0 (what API Gateway imports besides 2.0). */
export function isOpenApi30(document: JsonObject): boolean {
  return typeof document.openapi === 'string' && /^3\.0(\.\d+)?$/.test(document.openapi);
}
