/** The local API Gateway runtime behind `service-proxy render` and `serve`; re-exports only. */

export { type AccessDecision, type AccessPolicy, checkAccess, describeAccessPolicy } from './access-policy';
export { type LocalApi, type LocalApiOptions, localApiFromTemplate } from './api-from-template';
export type * from './api-model';
export { type BuildApiModelOptions, buildApiModel, parsePathPart, pathOf } from './build-api-model';
export { type EvaluatedConditions, evaluateConditions } from './conditions';
export { type CurlOptions, curlCommand, examplePath, shellQuote } from './curl-commands';
export {
  integrationServices,
  LOCAL_BACKENDS,
  type LocalBackend,
  type LocalGateway,
  type LocalGatewayOptions,
  startLocalGateway,
} from './gateway';
export { type GatewayResponseType, gatewayResponse } from './gateway-responses';
export {
  BackendUnavailableError,
  type HandledRequest,
  handleRequest,
  type RequestHandlerDeps,
  type RequestTrace,
  type ServiceSender,
  ServiceTimeoutError,
} from './handle-request';
export {
  CLIENT_CLOSED_STATUS,
  DRAIN_MILLIS,
  foreignHostReason,
  HEADERS_TIMEOUT_MILLIS,
  type HttpServerOptions,
  MAX_PAYLOAD_BYTES,
  REQUEST_TIMEOUT_MILLIS,
  type RequestLogEntry,
  type RunningHttpServer,
  startHttpServer,
} from './http-server';
export { type BackendResponse, type ClientResponse, headerValue, type LocalRequest, setHeader } from './http-types';
export {
  type IntegrationRequestInput,
  type IntegrationRequestResult,
  mapIntegrationRequest,
  type RequestMappingState,
  type ServiceRequest,
} from './integration-request';
export { type IntegrationResponseInput, type IntegrationResponseResult, mapIntegrationResponse } from './integration-response';
export { type AwsIntegrationUri, IntegrationUriError, parseIntegrationUri, serviceHost } from './integration-uri';
export {
  type IntrinsicEnvironment,
  type LocalResourceValues,
  pseudoParameters,
  resolveIntrinsics,
  resolveString,
  UnresolvableIntrinsicError,
} from './intrinsics';
export { isBinaryMediaType } from './media-types';
export { type MotoBackend, type MotoBackendOptions, startMotoBackend } from './moto-backend';
export { type MappedValue, requestParameterValue, responseParameterValue } from './parameter-mapping';
export { withQueryJsonResponses } from './query-json-sender';
export { queryXmlToJson } from './query-xml-to-json';
export { clfTime, type RequestFacts, requestContext } from './request-context';
export { type ValidationFailure, validateRequest } from './request-validation';
export { localId, localResourceValues } from './resource-values';
export { matchRoute, type RouteMatch, splitPath } from './route-matching';
export { isQueryProtocol, type JsonProtocol, jsonProtocolOf, signingName } from './service-protocols';
export { createServiceSender, endpointUrl, NoEndpointError, type SenderOptions, type SigningCredentials } from './service-sender';
