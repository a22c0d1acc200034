export type { MappingContext, MappingOverrides } from './context';
export { VtlError, VtlEvaluationError, VtlParseError, VtlPayloadError, type VtlErrorCode } from './errors';
export { MAX_FOREACH_ITERATIONS, type VtlWarning } from './evaluator';
export type { MappingParams } from './input';
export { selectIntegrationResponse, type IntegrationResponseLike } from './integration-response';
export { MAX_TEMPLATE_BYTES, parseTemplate, type CompiledTemplate } from './parse';
export { renderTemplate, type MappingInput, type RenderResult } from './render';
export {
  mediaTypeOf,
  selectRequestTemplate,
  selectResponseTemplate,
  type PassthroughBehavior,
  type RequestTemplateSelection,
} from './template-selection';
export { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './util';
