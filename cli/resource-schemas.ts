import { apiPropertiesSchema } from '../macro/schema/api-schema';
import { propertiesSchema } from '../macro/schema/schema';
import { PROXY_API_TYPE, PROXY_RESOURCE_TYPE } from '../macro/template/parse';

/**
 * The resource types the macro expands, each with the JSON Schema of its Properties (the one schema
 * its types and validator derive from): what `service-proxy schema` publishes, alone or in the
 * template schema for editors. A new macro resource type is one more entry here.
 */
export const RESOURCE_PROPERTIES_SCHEMAS: Readonly<Record<string, { schema: Record<string, unknown>; propertiesRequired: boolean }>> = {
  [PROXY_RESOURCE_TYPE]: { schema: propertiesSchema, propertiesRequired: true },
  // A Proxy::Api without Properties is an API with every default.
  [PROXY_API_TYPE]: { schema: apiPropertiesSchema, propertiesRequired: false },
};
