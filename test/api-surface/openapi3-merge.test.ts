/** Merging integrations into an existing OpenAPI 3.0 definition (issue 18): other routes kept, 3.0 spellings, precise conflicts. */
import type { OpenApiAdditions } from '../../macro/emit/openapi';
import { mergeIntoOpenApi } from '../../macro/emit/openapi-merge';
import type { JsonObject } from '../../macro/types';

const additions = (): OpenApiAdditions => ({
  paths: {
    '/items/{id}': {
      post: {
        parameters: [
          { name: 'id', in: 'path', required: true, type: 'string' },
          { in: 'body', name: 'Model', required: true, schema: { $ref: '#/definitions/Model' } },
        ],
        responses: { '200': { description: '200', headers: { ETag: { type: 'string' } } } },
        security: [{ sigv4: [] }],
        'x-amazon-apigateway-integration': { type: 'aws' },
      },
    },
  },
  securityDefinitions: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } },
  definitions: { Model: { type: 'object' } },
  requestValidators: {},
  gatewayResponses: {},
  binaryMediaTypes: [],
});

const document = (extra: JsonObject = {}): JsonObject => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: { '/ping': { get: { responses: { '200': { description: 'pong' } } } } },
  ...extra,
});

describe('OpenAPI 3.0 definitions', () => {
  it('keeps the existing routes and components, and writes the new operation in OpenAPI 3.0 terms', () => {
    const { document: merged, conflicts } = mergeIntoOpenApi(
      document({ components: { schemas: { Health: { type: 'object' } } } }),
      additions(),
    );
    expect(conflicts).toEqual([]);
    expect(merged.swagger).toBeUndefined();
    expect(merged.paths).toEqual({
      '/ping': { get: { responses: { '200': { description: 'pong' } } } },
      '/items/{id}': {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Model' } } } },
          responses: { '200': { description: '200', headers: { ETag: { schema: { type: 'string' } } } } },
          security: [{ sigv4: [] }],
          'x-amazon-apigateway-integration': { type: 'aws' },
        },
      },
    });
    expect(merged.components).toEqual({
      schemas: { Health: { type: 'object' }, Model: { type: 'object' } },
      securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } },
    });
    expect(merged.definitions).toBeUndefined();
    expect(merged.securityDefinitions).toBeUndefined();
  });

  it.each([
    {
      name: 'a different component of the same name',
      doc: document({ components: { schemas: { Model: { type: 'string' } } } }),
      message: "the API definition already has a different components.schemas entry 'Model'",
    },
    {
      name: 'the same route',
      doc: document({ paths: { '/items/{id}': { post: {} } } }),
      message: 'the API definition already has POST /items/{id}',
    },
    {
      name: 'OpenAPI 3.1, which API Gateway does not import',
      doc: document({ openapi: '3.1.0' }),
      message:
        'the API definition is OpenAPI 3.1.0; API Gateway imports OpenAPI 2.0 (swagger: "2.0") and 3.0 (openapi: 3.0.x) definitions, and the macro adds integrations to those',
    },
    {
      name: 'a document that says both swagger and openapi',
      doc: document({ swagger: '2.0' }),
      message: 'the API definition says both swagger and openapi; keep the one its paths are written in',
    },
  ])('reports $name, precisely', ({ doc, message }) => {
    const { conflicts } = mergeIntoOpenApi(doc, additions());
    expect(conflicts.map((c) => c.message)).toEqual([message]);
  });
});
