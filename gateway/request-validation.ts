/** API Gateway request validation: required method request parameters, and the body against the request model. */
import Ajv, { type ValidateFunction } from 'ajv';
import { mediaTypeOf } from '../vtl';
import type { MethodModel } from './api-model';
import { headerValue, type LocalRequest } from './http-types';

/** Why a request failed validation, as API Gateway words it. */
export type ValidationFailure =
  | { readonly type: 'BAD_REQUEST_PARAMETERS'; readonly message: string }
  | {
      readonly type: 'BAD_REQUEST_BODY';
      readonly message: string /** Details for the log; API Gateway keeps them out of the response. */;
      readonly details: string;
    };

// Models are JSON Schema draft 4; ajv (draft 7+) reads the common subset when told not to be strict about the rest.
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    const { $schema: _draft, ...rest } = schema as Record<string, unknown>;
    validate = ajv.compile(rest);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Checks a request against the method's validator; undefined when it passes (or the method has no validator). */
export function validateRequest(
  method: MethodModel,
  request: LocalRequest,
  pathParams: Readonly<Record<string, string>>,
): ValidationFailure | undefined {
  const validator = method.requestValidator;
  if (validator === undefined) return undefined;
  if (validator.validateRequestParameters) {
    const missing: string[] = [];
    for (const [name, required] of Object.entries(method.requestParameters)) {
      if (!required) continue;
      const match = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(name);
      if (!match) continue;
      const [, location, param] = match as unknown as [string, string, string];
      const present =
        location === 'path'
          ? pathParams[param] !== undefined
          : location.endsWith('querystring')
            ? (request.query[param]?.length ?? 0) > 0
            : headerValue(request.headers, param) !== undefined;
      if (!present) missing.push(param);
    }
    if (missing.length > 0)
      return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.join(', ')}]` };
  }
  if (validator.validateRequestBody) {
    const contentType = mediaTypeOf(headerValue(request.headers, 'content-type'));
    const schema = method.requestModels[contentType] ?? method.requestModels.$default;
    if (schema === undefined || schema === null || typeof schema !== 'object') return undefined;
    let document: unknown;
    try {
      document = JSON.parse(request.body.length === 0 ? '{}' : request.body.toString('utf8'));
    } catch (error) {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', details: `the body is not JSON: ${(error as Error).message}` };
    }
    const validate = validatorFor(schema);
    if (!validate(document)) {
      const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', details };
    }
  }
  return undefined;
}
