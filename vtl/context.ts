import { VtlEvaluationError } from './errors';
import { ContextMap, isIntegral, javaString } from './java-values';

/** Values for `$context`; anything not given renders as the empty string, as absent values do on AWS. */
export interface MappingContext {
  readonly requestId?: string;
  readonly extendedRequestId?: string;
  readonly accountId?: string;
  readonly apiId?: string;
  readonly stage?: string;
  readonly path?: string;
  readonly resourceId?: string;
  readonly resourcePath?: string;
  readonly httpMethod?: string;
  readonly protocol?: string;
  /** CLF time, `dd/MMM/yyyy:HH:mm:ss +-hhmm`; supplied by the caller because the engine reads no clock. */
  readonly requestTime?: string;
  /** Epoch milliseconds. */
  readonly requestTimeEpoch?: number;
  readonly domainName?: string;
  readonly domainPrefix?: string;
  readonly deploymentId?: string;
  readonly identity?: Readonly<Record<string, unknown>>;
  /** Lambda/Cognito authorizer output; `claims` holds Cognito user pool claims. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
  /** Response overrides already set by the request template (AWS carries them into the response template). */
  readonly responseOverride?: { readonly status?: number; readonly header?: Readonly<Record<string, string>> };
  readonly [extra: string]: unknown;
}

/** Parameter overrides a template set through `$context.requestOverride` / `$context.responseOverride`. */
export interface MappingOverrides {
  /** Integration request parameter overrides (request templates). */
  readonly requestOverride: {
    readonly header: Record<string, string>;
    readonly path: Record<string, string>;
    readonly querystring: Record<string, string>;
  };
  /** Method response overrides; `status` only when a template set it. */
  readonly responseOverride: { readonly status?: number; readonly header: Record<string, string> };
}

// Key order AWS printed for `#foreach($key in $context.keySet())` (LocalStack AWS-validated snapshot, research §1.3).
const CONTEXT_KEYS = [
  'resourceId',
  'resourcePath',
  'httpMethod',
  'extendedRequestId',
  'requestTime',
  'path',
  'accountId',
  'protocol',
  'requestOverride',
  'stage',
  'domainPrefix',
  'requestTimeEpoch',
  'requestId',
  'identity',
  'domainName',
  'deploymentId',
  'responseOverride',
  'apiId',
];
const IDENTITY_KEYS = [
  'cognitoIdentityPoolId',
  'accountId',
  'cognitoIdentityId',
  'caller',
  'sourceIp',
  'principalOrgId',
  'accessKey',
  'cognitoAuthenticationType',
  'cognitoAuthenticationProvider',
  'userArn',
  'userAgent',
  'user',
];

/**
 * An override map: "Overrides are final. An override may only be applied to each parameter once." A second write
 * of the same name fails the request (apigateway-override-request-response-parameters).
 */
export class OverrideMap extends ContextMap {
  private written: Set<string> | undefined;

  constructor(private readonly label: string) {
    super();
  }

  /** Ends seeding: from now on every write counts towards the once-only rule. */
  seal(): this {
    this.written = new Set();
    return this;
  }

  override set(key: string, value: unknown): this {
    if (this.written === undefined) return super.set(key, value);
    const name = javaString(key);
    if (this.written.has(name)) {
      throw new VtlEvaluationError(
        'OVERRIDE_TWICE',
        `${this.label}.${name} was overridden twice; overrides are final, set each parameter once`,
      );
    }
    this.written.add(name);
    return super.set(name, value);
  }
}

/** A context value built on first read, so a template reading `$context.requestId` does not build `identity`. */
class Deferred {
  constructor(readonly make: () => unknown) {}
}

/** The `$context` root: nested maps are materialised when first read or iterated. */
export class LazyContextMap extends ContextMap {
  /** The stored value without materialising it; Deferred means the template never touched it. */
  peek(key: string): unknown {
    return super.get(key);
  }

  override get(key: string): unknown {
    const value = super.get(key);
    if (!(value instanceof Deferred)) return value;
    const made = value.make();
    super.set(key, made);
    return made;
  }

  private materialise(): void {
    for (const key of super.keys()) this.get(key);
  }

  override entries(): MapIterator<[string, unknown]> {
    this.materialise();
    return super.entries();
  }

  override values(): MapIterator<unknown> {
    this.materialise();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.entries();
  }

  override forEach(callback: (value: unknown, key: string, map: Map<string, unknown>) => void, thisArg?: unknown): void {
    this.materialise();
    super.forEach(callback, thisArg);
  }
}

/** Builds the `$context` map from the caller's values, with the override maps templates write into. */
export function buildContext(context: MappingContext): LazyContextMap {
  const root = new LazyContextMap();
  for (const key of CONTEXT_KEYS) {
    if (key === 'requestOverride') root.seed(key, new Deferred(buildRequestOverride));
    else if (key === 'responseOverride') root.seed(key, new Deferred(() => buildResponseOverride(context)));
    else if (key === 'identity') root.seed(key, new Deferred(() => buildIdentity(context)));
    else root.seed(key, key in context ? toContextValue(context[key]) : null);
  }
  root.seed('authorizer', new Deferred(() => toContextValue(context.authorizer ?? {})));
  for (const [k, v] of Object.entries(context)) if (!root.has(k)) root.seed(k, toContextValue(v));
  return root;
}

function buildRequestOverride(): ContextMap {
  return new ContextMap()
    .seed('path', new OverrideMap('$context.requestOverride.path').seal())
    .seed('header', new OverrideMap('$context.requestOverride.header').seal())
    .seed('querystring', new OverrideMap('$context.requestOverride.querystring').seal());
}

function buildResponseOverride(context: MappingContext): OverrideMap {
  const responseOverride = new OverrideMap('$context.responseOverride');
  const responseHeaders = new OverrideMap('$context.responseOverride.header');
  for (const [k, v] of Object.entries(context.responseOverride?.header ?? {})) responseHeaders.seed(k, v);
  responseOverride.seed('header', responseHeaders.seal());
  if (context.responseOverride?.status !== undefined) responseOverride.seed('status', context.responseOverride.status);
  return responseOverride.seal();
}

function buildIdentity(context: MappingContext): ContextMap {
  const identity = toContextValue(context.identity ?? {}) as ContextMap;
  for (const key of IDENTITY_KEYS) if (!identity.has(key)) identity.seed(key, null);
  return identity;
}

function toContextValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toContextValue);
  if (typeof value === 'object' && value !== null && !(value instanceof Map)) {
    const map = new ContextMap();
    for (const [k, v] of Object.entries(value)) map.seed(k, toContextValue(v));
    return map;
  }
  return value;
}

/** Reads back what the template left in the override maps, converting values to the strings API Gateway sends. */
export function collectOverrides(context: LazyContextMap, carried: MappingContext): MappingOverrides {
  const requestOverride = context.peek('requestOverride');
  // Untouched override maps still hold their deferred builders; what they would hold is what was carried in.
  const responseOverride =
    context.peek('responseOverride') instanceof Deferred ? buildResponseOverride(carried) : context.peek('responseOverride');
  const section = (map: unknown, key: string): Record<string, string> => {
    const inner = map instanceof Map ? map.get(key) : undefined;
    const out: Record<string, string> = {};
    if (inner instanceof Map) for (const [k, v] of inner) if (v !== null && v !== undefined) out[javaString(k)] = javaString(v);
    return out;
  };
  const rawStatus = responseOverride instanceof Map ? responseOverride.get('status') : undefined;
  let status: number | undefined;
  if (rawStatus !== undefined && rawStatus !== null) {
    const text = javaString(rawStatus);
    status = isIntegral(rawStatus) ? Number(rawStatus) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new VtlEvaluationError('INVALID_OVERRIDE', `$context.responseOverride.status must be an HTTP status code; received '${text}'`);
    }
  }
  return {
    requestOverride: {
      header: section(requestOverride, 'header'),
      path: section(requestOverride, 'path'),
      querystring: section(requestOverride, 'querystring'),
    },
    responseOverride: { ...(status === undefined ? {} : { status }), header: section(responseOverride, 'header') },
  };
}
