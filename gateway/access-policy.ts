/**
 * The local access policy for API keys and authorizers. Tokens are never verified locally: the policy only says
 * whether a credential must be present, and it is printed at start-up so nobody mistakes it for real auth.
 */
import type { MethodModel } from './api-model';
import type { GatewayResponseType } from './gateway-responses';
import { headerValue, type LocalRequest } from './http-types';

/** How `serve` treats API keys and authorizers. */
export interface AccessPolicy {
  /** Accepted `x-api-key` values (from flags, a keys file and the template's literal ApiKey values). */
  readonly apiKeys: ReadonlySet<string>;
  /** Require an `Authorization` header on methods with IAM, Cognito or Lambda authorization (401 otherwise). */
  readonly denyUnauthenticated: boolean;
}

/** The decision for one request. */
export type AccessDecision =
  | { readonly allowed: true; readonly apiKey?: string }
  | { readonly allowed: false; readonly type: GatewayResponseType; readonly reason: string };

/** Applies the policy: authorization first, then the API key, as API Gateway orders them. */
export function checkAccess(policy: AccessPolicy, method: MethodModel, request: LocalRequest): AccessDecision {
  if (method.authorizationType !== 'NONE' && policy.denyUnauthenticated && !headerValue(request.headers, 'authorization')) {
    return {
      allowed: false,
      type: 'UNAUTHORIZED',
      reason: `${method.authorizationType} method and no Authorization header (--deny-unauthenticated)`,
    };
  }
  if (!method.apiKeyRequired) return { allowed: true };
  const key = headerValue(request.headers, 'x-api-key');
  if (key === undefined || !policy.apiKeys.has(key)) {
    return {
      allowed: false,
      type: 'INVALID_API_KEY',
      reason: key === undefined ? 'API key required: no x-api-key header' : 'x-api-key is not a known key',
    };
  }
  return { allowed: true, apiKey: key };
}

/** The policy in words, for the start-up banner. */
export function describeAccessPolicy(policy: AccessPolicy): string[] {
  return [
    policy.denyUnauthenticated
      ? 'Authorizers (AWS_IAM, COGNITO_USER_POOLS, CUSTOM): an Authorization header is required (401 without); it is NOT verified.'
      : 'Authorizers (AWS_IAM, COGNITO_USER_POOLS, CUSTOM): every request is accepted; tokens are NOT verified (--deny-unauthenticated requires a header).',
    policy.apiKeys.size > 0
      ? `API keys: ${policy.apiKeys.size} key(s) accepted in x-api-key on methods with ApiKeyRequired.`
      : 'API keys: none configured; methods with ApiKeyRequired answer 403 (add --api-key K or --api-keys-file F).',
  ];
}
