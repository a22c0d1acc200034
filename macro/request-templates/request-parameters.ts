import type { Selector } from '../selectors';
import { toJsonPath } from '../selectors';
import type { Expr } from '../types';
import type { FieldValue } from './values';

/**
 * API Gateway's own parameter mapping (no template): a value for `integration.request.*`, and the
 * method request parameter it reads, which the Method must declare.
 */
export interface RequestParameterMapping {
  /** `method.request.path.key`, `context.requestId`, or a quoted static value `'text'`. */
  source: Expr | Expr[];
  /** The method request parameter read, e.g. `method.request.querystring.key`. */
  methodParameter?: string;
}

/** The mapping expression that reads a selector's value, in API Gateway's parameter mapping syntax. */
function selectorSource(selector: Selector): string {
  switch (selector.source) {
    case 'body':
      return selector.jsonPath.length === 0 ? 'method.request.body' : `method.request.body.${toJsonPath(selector.jsonPath).slice(2)}`;
    case 'header':
    case 'querystring':
    case 'path':
      return `method.request.${selector.source}.${selector.name}`;
    case 'context':
      return `context.${selector.name}`;
    case 'stageVariables':
      return `stageVariables.${selector.name}`;
    case 'item':
      throw new Error('item selectors have no parameter mapping');
  }
}

/**
 * Compiles a value into a parameter mapping. Static values are quoted literals, which cannot contain
 * a single quote (the resolver rejects those); API Gateway passes mapped values on unchanged.
 */
export function requestParameterMapping(value: FieldValue): RequestParameterMapping {
  switch (value.kind) {
    case 'literal':
      return { source: `'${value.text}'` };
    case 'intrinsic':
      return { source: ["'", value.value, "'"] };
    case 'selector': {
      const source = selectorSource(value.selector);
      return source.startsWith('method.request.') && !source.startsWith('method.request.body')
        ? { source, methodParameter: source }
        : { source };
    }
    case 'computed':
      // Validation refuses joined texts where API Gateway maps a parameter without a template.
      throw new Error('a computed value has no parameter mapping');
  }
}
