/** The local API Gateway runtime behind `service-proxy render` and `serve`; re-exports only. */
export type * from './api-model';
export { checkAccess, describeAccessPolicy, type AccessDecision, type AccessPolicy } from './access-policy';
export { curlCommand, examplePath, shellQuote, type CurlOptions } from './curl-commands';
export { buildApiModel, parsePathPart, pathOf, type BuildApiModelOptions } from './build-api-model';
export { evaluateConditions, type EvaluatedConditions } from './conditions';
export { gatewayResponse, type GatewayResponseType } from './gateway-responses';
export {
  ServiceTimeoutError,
  handleRequest,
  type HandledRequest,
  type RequestHandlerDeps,
  type RequestTrace,
  type ServiceSender,
} from './handle-request';
export { MAX_PAYLOAD_BYTES, startHttpServer, type HttpServerOptions, type RequestLogEntry, type RunningHttpServer } from './http-server';
export { headerValue, setHeader, type BackendResponse, type ClientResponse, type LocalRequest } from './http-types';
export {
  mapIntegrationRequest,
  type IntegrationRequestInput,
  type IntegrationRequestResult,
  type RequestMappingState,
  type ServiceRequest,
} from './integration-request';
export { mapIntegrationResponse, type IntegrationResponseInput, type IntegrationResponseResult } from './integration-response';
export { IntegrationUriError, parseIntegrationUri, serviceHost, type AwsIntegrationUri } from './integration-uri';
export {
  UnresolvableIntrinsicError,
  pseudoParameters,
  resolveIntrinsics,
  resolveString,
  type IntrinsicEnvironment,
  type LocalResourceValues,
} from './intrinsics';
export { localApiFromTemplate, type LocalApi, type LocalApiOptions } from './api-from-template';
export { LOCAL_BACKENDS, integrationServices, startLocalGateway, type LocalBackend, type LocalGateway, type LocalGatewayOptions } from './gateway';
export { startMotoBackend, type MotoBackend, type MotoBackendOptions } from './moto-backend';
export { withQueryJsonResponses } from './query-json-sender';
export { queryXmlToJson } from './query-xml-to-json';
export { localId, localResourceValues } from './resource-values';
export { isBinaryMediaType } from './media-types';
export { requestParameterValue, responseParameterValue, type MappedValue } from './parameter-mapping';
export { clfTime, requestContext, type RequestFacts } from './request-context';
export { validateRequest, type ValidationFailure } from './request-validation';
export { matchRoute, splitPath, type RouteMatch } from './route-matching';
export { JSON_PROTOCOLS, signingName, type JsonProtocol } from './service-protocols';
export { NoEndpointError, createServiceSender, endpointUrl, type SenderOptions, type SigningCredentials } from './service-sender';
