import type { FromSchema } from 'json-schema-to-ts';
import type { propertiesSchema } from './schema';

/** The `Properties` of a `Proxy::ServiceIntegration`, as the schema admits them. */
export type IntegrationProperties = FromSchema<typeof propertiesSchema>;
