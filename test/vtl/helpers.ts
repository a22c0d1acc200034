import { type MappingInput, renderTemplate } from '../../vtl';

/** Renders with a small default request so table rows only state what they vary. */
export function render(template: string, input: Partial<MappingInput> = {}): string {
  return renderTemplate(template, { body: '', ...input }).output;
}

/** Source labels used in the table rows (see the research notes for full citations). */
export const SRC = {
  mappingRef: 'AWS docs: api-gateway-mapping-template-reference',
  passthrough: 'AWS docs: integration-passthrough-behaviors',
  dataMappings: 'AWS docs: request-response-data-mappings',
  overrides: 'AWS docs: apigateway-override-request-response-parameters',
  quotas: 'AWS docs: api-gateway-execution-service-limits-table',
  integrationResponse: 'AWS API reference: IntegrationResponse.selectionPattern',
  localstackObs: 'AWS-observed: LocalStack AWS-validated snapshot (research §1.10)',
  toqoz: 'AWS-observed: ToQoz/api-gateway-mapping-template test/_.md',
  awsObs: 'AWS-observed (research §1.1/§1.6)',
  velocity17: 'Apache Velocity 1.7 semantics (API Gateway engine base, research §1.9)',
  commonsLang: 'commons-lang 2.6 StringEscapeUtils.escapeJavaScript (doc wording; research §1.2)',
  javaUrlEncoder: 'java.net.URLEncoder/URLDecoder (doc: application/x-www-form-urlencoded)',
  javaString: 'java.lang.String Javadoc',
  jayway: 'Jayway JsonPath semantics (doc links "JSONPath for Java")',
} as const;
