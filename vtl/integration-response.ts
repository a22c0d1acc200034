import { compileJavaRegex } from './java-regex';

/** The part of an `IntegrationResponse` that selection needs. */
export interface IntegrationResponseLike {
  /** Java regex matched against the whole backend status code (Lambda non-proxy: the `errorMessage`). */
  readonly selectionPattern?: string;
}

/**
 * Picks the integration response for a backend result: the first whose `selectionPattern` matches the whole
 * string, else the default (no or empty pattern); undefined when nothing matches and there is no default, which
 * API Gateway answers with a 500 ("No match for output mapping and no default output mapping configured").
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html
 */
export function selectIntegrationResponse<T extends IntegrationResponseLike>(
  responses: readonly T[],
  statusOrErrorMessage: string | number,
): T | undefined {
  const subject = String(statusOrErrorMessage);
  let fallback: T | undefined;
  for (const response of responses) {
    const pattern = response.selectionPattern;
    if (pattern === undefined || pattern === '') {
      fallback ??= response;
      continue;
    }
    const regex = compileJavaRegex(pattern);
    if (new RegExp(`^(?:${regex.source})$`, regex.flags.replace('g', '')).test(subject)) return response;
  }
  return fallback;
}
