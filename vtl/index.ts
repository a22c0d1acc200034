export type { MappingContext, MappingOverrides } from './context';
export { VtlError, type VtlErrorCode, VtlEvaluationError, VtlParseError, VtlPayloadError } from './errors';
export { MAX_FOREACH_ITERATIONS, type VtlWarning } from './evaluator';
export type { MappingParams } from './input';
export { type IntegrationResponseLike, selectIntegrationResponse } from './integration-response';
export { type CompiledTemplate, MAX_TEMPLATE_BYTES, parseTemplate } from './parse';
export { type MappingInput, type RenderResult, renderTemplate } from './render';
export {
  mediaTypeOf,
  type PassthroughBehavior,
  type RequestTemplateSelection,
  selectRequestTemplate,
  selectResponseTemplate,
} from './template-selection';
export { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './util';
