import { propertiesSchema } from '../macro/schema/schema';

/**
 * A JSON Schema for a whole template file, for editors (the YAML language server maps schemas to
 * files, not to resources): every resource of type Proxy::ServiceIntegration gets its Properties
 * checked and completed; all other resources and sections are left to other schemas.
 */
export function templateSchema(): Record<string, unknown> {
  const { $schema, $id, ...properties } = propertiesSchema;
  return {
    $schema,
    $id: 'https://serviceproxy.dev/schemas/template-with-proxy-service-integrations.json',
    title: 'CloudFormation template with Proxy::ServiceIntegration resources',
    type: 'object',
    properties: {
      Resources: {
        type: 'object',
        additionalProperties: {
          if: { type: 'object', properties: { Type: { const: 'Proxy::ServiceIntegration' } }, required: ['Type'] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, never awaited.
          then: { properties: { Properties: properties }, required: ['Properties'] },
        },
      },
    },
  };
}
