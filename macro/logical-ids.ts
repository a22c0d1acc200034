import { shortHash } from './cloudformation/hash';
import type { PathSegment } from './schema/api-path';
import type { ApiRef } from './schema/rest-api';

/**
 * Logical IDs are a contract: users Ref them, and CloudFormation replaces a resource whose ID
 * changes. They derive only from the user's logical IDs and paths, never from order or position.
 */

/** Logical ID of the API the macro generates when no RestApiId is given. */
export const GENERATED_API_ID = 'ServiceProxyApi';

const MAX_ID_LENGTH = 255;

/** The prefix of every shared resource of one API (path resources, role, deployment, stage). */
export function apiPrefix(api: ApiRef): string {
  switch (api.kind) {
    case 'generated':
      return GENERATED_API_ID;
    case 'template':
    case 'proxy-api':
      return api.logicalId;
    case 'external':
      return `ServiceProxyExternalApi${shortHash(JSON.stringify(api.restApiId), 8)}`;
  }
}

/**
 * The ID fragment of one path segment. Plain lower-case words map losslessly (`orders` → `Orders`);
 * anything else (`my-orders`, `Orders`, `v1.2`) gets a hash of its exact text so that two segments
 * that look alike can never share an ID.
 */
function segmentId(segment: PathSegment): string {
  // Every prefix of a path maps the same segment objects again: caching by object keeps a deep path
  // linear in its segments instead of quadratic (a 5,000-segment path took 45 s without it).
  const cached = segmentIds.get(segment);
  if (cached !== undefined) return cached;
  const id = computeSegmentId(segment);
  segmentIds.set(segment, id);
  return id;
}

const segmentIds = new WeakMap<PathSegment, string>();

function computeSegmentId(segment: PathSegment): string {
  const text = segment.kind === 'literal' ? segment.text : segment.name;
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const lossless = /^[a-z0-9][a-z0-9]*$/.test(text) || (segment.kind === 'param' && /^[a-z][A-Za-z0-9]*$/.test(text));
  const base = lossless ? pascal : `${pascal}${shortHash(text, 6)}`;
  if (segment.kind === 'literal') return base;
  return segment.greedy ? `${base}ProxyVar` : `${base}Var`;
}

/** Keeps IDs within CloudFormation's length limit; long ones end in a hash of the full ID. */
function bounded(id: string): string {
  return id.length <= MAX_ID_LENGTH ? id : `${id.slice(0, MAX_ID_LENGTH - 10)}${shortHash(id, 10)}`;
}

/** Logical ID of the API Gateway resource for a path, e.g. `ServiceProxyApiOrdersTenantVarResource`. */
export function pathResourceId(prefix: string, path: readonly PathSegment[]): string {
  return bounded(`${prefix}${path.map(segmentId).join('')}Resource`);
}

/** Logical ID of the method generated from one Proxy::ServiceIntegration. */
export function methodId(integrationLogicalId: string): string {
  return bounded(`${integrationLogicalId}Method`);
}

/**
 * Logical ID of an API's integration role; conditional integrations get a role per condition, and
 * a role split for IAM's policy size quota numbers its parts from 2 (`ServiceProxyApiRole2`).
 */
export function roleId(prefix: string, condition: string | undefined, part = 1): string {
  const suffix = part === 1 ? '' : String(part);
  return bounded(condition === undefined ? `${prefix}Role${suffix}` : `${prefix}${condition}Role${suffix}`);
}

/** Logical ID of the gate that makes an API's deployment wait for a conditional method. */
export function deploymentGateId(methodLogicalId: string): string {
  return bounded(`${methodLogicalId.replace(/Method$/, '')}DeploymentGate`);
}

/** Logical ID of an API's deployment: the hash of the API's content, so that every change redeploys. */
export function deploymentId(prefix: string, contentHash: string): string {
  return bounded(`${prefix}Deployment${contentHash}`);
}

/** Logical ID of an API's stage. */
export function stageId(prefix: string): string {
  return bounded(`${prefix}Stage`);
}

/** Logical ID of the Output holding an API's invoke URL. */
export function urlOutputId(prefix: string): string {
  return bounded(`${prefix}Url`);
}

/** Logical ID of the OPTIONS method answering the CORS preflight of a path. */
export function optionsMethodId(prefix: string, path: readonly PathSegment[]): string {
  return bounded(`${pathResourceId(prefix, path).replace(/Resource$/, '')}OptionsMethod`);
}

/** Logical ID of an authorizer the macro creates, from a readable name and its settings' fingerprint. */
export function authorizerId(prefix: string, name: string): string {
  return bounded(`${prefix}${name}Authorizer`);
}

/** Logical ID of the permission that lets API Gateway invoke a Lambda authorizer. */
export function authorizerPermissionId(authorizerLogicalId: string): string {
  return bounded(`${authorizerLogicalId}Permission`);
}

/** Logical ID of the JSON Schema model of one integration's request body. */
export function requestModelId(integrationLogicalId: string): string {
  return bounded(`${integrationLogicalId}RequestModel`);
}

/** Logical ID of an API's request validator of one kind. */
export function requestValidatorId(prefix: string, kind: 'Body' | 'Parameters' | 'BodyAndParameters'): string {
  return bounded(`${prefix}${kind}Validator`);
}

/** Logical ID of an API's gateway response of one type (DEFAULT_4XX → Default4XX). */
export function gatewayResponseId(prefix: string, responseType: string): string {
  const name = responseType
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return bounded(`${prefix}${name}GatewayResponse`);
}
