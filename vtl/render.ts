import { buildContext, collectOverrides, type LazyContextMap, type MappingContext, type MappingOverrides } from './context';
import { Evaluator, LazyGlobal, type VtlWarning } from './evaluator';
import { InputObject, type MappingParams } from './input';
import { ContextMap } from './java-values';
import { parseTemplate } from './parse';
import { UtilObject } from './util';

/** Everything a mapping template can see for one request (or one integration response). */
export interface MappingInput {
  /** The raw payload; `''` for none (`$input.body` then reads `{}`). */
  readonly body: string;
  /** Parameters for `$input.params()`. */
  readonly params?: MappingParams;
  /** Values for `$context`; the caller supplies ids and times because the engine reads no clock. */
  readonly context?: MappingContext;
  /** Values for `$stageVariables`. */
  readonly stageVariables?: Readonly<Record<string, string>>;
}

/** The result of rendering a template. */
export interface RenderResult {
  /** The rendered text, byte for byte what API Gateway would send on. */
  readonly output: string;
  /** What the template set through `$context.requestOverride` / `$context.responseOverride`. */
  readonly overrides: MappingOverrides;
  /** Things AWS tolerates silently but that are probably mistakes (unknown methods, the #foreach cap, ...). */
  readonly warnings: readonly VtlWarning[];
}

const UTIL = new UtilObject();

/**
 * Renders an API Gateway mapping template. Parsing is cached by template text, so rendering the same template
 * again costs only evaluation.
 *
 * @throws VtlParseError when the template is not valid VTL (API Gateway: 500)
 * @throws VtlPayloadError when `$input.path`/`$input.json` meet a body that is not JSON (API Gateway: 400)
 * @throws VtlEvaluationError when evaluation fails (API Gateway: 500 `{"message": "Internal server error"}`)
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 * @example
 * renderTemplate("Action=SendMessage&MessageBody=$util.urlEncode($input.body)", { body: '{"a":1}' }).output
 * // 'Action=SendMessage&MessageBody=%7B%22a%22%3A1%7D'
 */
export function renderTemplate(template: string, input: MappingInput): RenderResult {
  const compiled = parseTemplate(template);
  let context: LazyContextMap | undefined;
  const globals = new Map<string, unknown>([
    ['input', new InputObject(input.body, input.params ?? {})],
    ['util', UTIL],
    [
      'context',
      new LazyGlobal(() => {
        context = buildContext(input.context ?? {});
        return context;
      }),
    ],
    [
      'stageVariables',
      new LazyGlobal(() => {
        const stageVariables = new ContextMap();
        for (const [k, v] of Object.entries(input.stageVariables ?? {})) stageVariables.seed(k, v);
        return stageVariables;
      }),
    ],
  ]);
  const evaluator = new Evaluator(compiled, globals);
  const output = evaluator.render();
  // Without a $context reference the template cannot have set overrides, apart from those carried in.
  const overrides = context === undefined ? carriedOverrides(input.context) : collectOverrides(context, input.context ?? {});
  return { output, overrides, warnings: evaluator.warnings };
}

function carriedOverrides(context: MappingContext | undefined): MappingOverrides {
  const carried = context?.responseOverride;
  return {
    requestOverride: { header: {}, path: {}, querystring: {} },
    responseOverride: { ...(carried?.status === undefined ? {} : { status: carried.status }), header: { ...carried?.header } },
  };
}
