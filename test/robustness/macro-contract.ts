// The invariants every macro response must satisfy, whatever the event: the robustness suite checks
// them on every generated case.

import { referencedNames } from '../../macro/cloudformation/intrinsics';
import { MAX_ERROR_MESSAGE_BYTES } from '../../macro/diagnostics';
import { handleMacroEvent, type MacroResponse } from '../../macro/handler';
import { renameReferences } from '../../macro/template/rename';
import { isJsonObject, type Json } from '../../macro/types';

let checked = 0;

/** How many events checkMacroContract has checked in this test file. */
export function casesChecked(): number {
  return checked;
}

/** The prefix of the handler's message for a caught exception: a bug in the macro, never a user mistake. */
export const INTERNAL_ERROR_PREFIX = 'ServiceProxy internal error';

const PROXY_TYPE = 'Proxy::ServiceIntegration';
/** The API resource the macro replaces by an AWS::ApiGateway::RestApi under the same logical ID. */
const PROXY_API_TYPE = 'Proxy::Api';
/** The mappings the macro adds: mapping-template text that integrations share. */
const SHARED_MAPPING = /^ServiceProxyTemplates\d*$/;

/** Resources of an API the macro may edit when integrations attach to it (documented behaviour). */
const API_RESOURCE_TYPES = new Set([
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::Serverless::Api',
]);

/** A copy of a JSON-like value that shares nothing with it (events are JSON: no cycles, no functions). */
function copyOf<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The JSON text of a value with its DependsOn removed: what must survive expansion byte for byte. */
function withoutDependsOn(resource: unknown): string {
  if (!isJsonObject(resource)) return JSON.stringify(resource);
  const { DependsOn: _ignored, ...rest } = resource;
  return JSON.stringify(rest);
}

/** Names a resource's DependsOn lists (a string or a list). */
function dependsOnNames(resource: unknown): unknown[] {
  if (!isJsonObject(resource)) return [];
  const d = resource.DependsOn;
  return typeof d === 'string' ? [d] : Array.isArray(d) ? d : [];
}

/**
 * Runs the handler on an event and checks the macro contract; returns the response, or throws an
 * Error that says which invariant broke.
 *
 * - the handler returns (never throws), echoes the requestId, and answers success or failure;
 * - failure: a non-empty errorMessage that is not an internal error and fits MAX_ERROR_MESSAGE_BYTES, and the fragment it was given;
 * - success: no Proxy::ServiceIntegration left; every other resource unchanged byte for byte
 *   (only DependsOn may change, and only where it named an integration or is an API deployment
 *   the macro must make wait; the API the integrations attach to — RestApi, its Deployment and
 *   Stage — is edited by design); every other section unchanged; the output is plain JSON;
 * - the event is not mutated, and the same event gives the same bytes again (checked on every fourth case).
 */
export function checkMacroContract(event: unknown): MacroResponse {
  checked++;
  const eventText = JSON.stringify(event);
  let response: MacroResponse;
  try {
    response = handleMacroEvent(event);
  } catch (error) {
    throw new Error(`the handler threw: ${(error as Error).stack ?? String(error)}`);
  }
  if (JSON.stringify(event) !== eventText) throw new Error('the handler mutated its event');
  const input = isJsonObject(event) ? event : undefined;
  const expectedRequestId = input !== undefined && typeof input.requestId === 'string' ? input.requestId : '';
  if (response.requestId !== expectedRequestId)
    throw new Error(`requestId ${JSON.stringify(response.requestId)} is not the event's ${JSON.stringify(expectedRequestId)}`);
  const fragment = input?.fragment;

  if (response.status === 'failure') {
    if (typeof response.errorMessage !== 'string' || response.errorMessage.trim() === '')
      throw new Error('a failure without an errorMessage');
    if (response.errorMessage.startsWith(INTERNAL_ERROR_PREFIX)) throw new Error(`the macro crashed: ${response.errorMessage}`);
    if (Buffer.byteLength(response.errorMessage, 'utf8') > MAX_ERROR_MESSAGE_BYTES)
      throw new Error(
        `an errorMessage of ${Buffer.byteLength(response.errorMessage, 'utf8')} bytes, over the bound CloudFormation shows whole`,
      );
    const expectedFragment = isJsonObject(fragment) ? fragment : {};
    if (JSON.stringify(response.fragment) !== JSON.stringify(expectedFragment))
      throw new Error('a failure returned a fragment other than its input');
  } else if (response.status === 'success') {
    if (response.errorMessage !== undefined) throw new Error('a success with an errorMessage');
    checkExpansion(fragment, response.fragment);
  } else {
    throw new Error(`unknown status ${JSON.stringify(response.status)}`);
  }

  // Same input, same bytes: a second run on a fresh copy of the event — on every fourth case, which
  // keeps thousands of determinism checks within the suite's time budget.
  if (checked % 4 === 1) {
    const again = handleMacroEvent(copyOf(event));
    if (JSON.stringify(again) !== JSON.stringify(response)) throw new Error('the same event gave different output');
  }
  return response;
}

function checkExpansion(input: unknown, output: unknown): void {
  if (!isJsonObject(input) || !isJsonObject(output)) throw new Error('a success without fragments');
  const outputText = JSON.stringify(output);
  // Plain JSON: nothing undefined, NaN or non-serialisable hides in the output.
  if (!isDeepJson(output)) throw new Error('the output is not plain JSON');
  const inputResources = isJsonObject(input.Resources) ? input.Resources : {};
  const outputResources = isJsonObject(output.Resources) ? output.Resources : {};
  const proxyIds = new Set(
    Object.entries(inputResources)
      .filter(([, r]) => isJsonObject(r) && r.Type === PROXY_TYPE)
      .map(([id]) => id),
  );
  for (const [id, resource] of Object.entries(outputResources)) {
    if (isJsonObject(resource) && (resource.Type === PROXY_TYPE || resource.Type === PROXY_API_TYPE))
      throw new Error(`${id}: a ${String(resource.Type)} is left in the output`);
  }
  const proxyApiIds = new Set(
    Object.entries(inputResources)
      .filter(([, r]) => isJsonObject(r) && r.Type === PROXY_API_TYPE)
      .map(([id]) => id),
  );
  for (const id of proxyApiIds) {
    const replacement = outputResources[id];
    if (!isJsonObject(replacement) || replacement.Type !== 'AWS::ApiGateway::RestApi')
      throw new Error(`${id}: a ${PROXY_API_TYPE} did not become an AWS::ApiGateway::RestApi`);
  }
  // A deployment of an API the integrations attach to takes a new, content-hashed ID, and every
  // reference to it follows (even from a resource whose Type a mutation made unrecognisable).
  const renames: Record<string, string> = {};
  for (const [id, resource] of Object.entries(inputResources)) {
    if (id in outputResources || !isJsonObject(resource) || resource.Type !== 'AWS::ApiGateway::Deployment') continue;
    const stem = id.replace(/[0-9a-f]{10}$/, '');
    const successor = Object.keys(outputResources).find(
      (candidate) => !(candidate in inputResources) && candidate.startsWith(stem) && /^[0-9a-f]{10}$/.test(candidate.slice(stem.length)),
    );
    if (successor !== undefined) renames[id] = successor;
  }
  for (const [id, original] of Object.entries(inputResources)) {
    if (proxyIds.has(id) || proxyApiIds.has(id)) continue;
    const resource = Object.keys(renames).length === 0 ? original : renameReferences(original as Json, renames);
    // The API the integrations attach to is edited by design: its OpenAPI body gains the methods,
    // and its own deployment is re-created under a content-hashed ID so that it redeploys.
    if (isJsonObject(original) && typeof original.Type === 'string' && API_RESOURCE_TYPES.has(original.Type)) continue;
    if (!(id in outputResources)) throw new Error(`${id}: a resource of the template disappeared`);
    const out = outputResources[id];
    if (JSON.stringify(out) === JSON.stringify(resource)) continue;
    if (withoutDependsOn(out) !== withoutDependsOn(resource)) throw new Error(`${id}: a resource of the template changed`);
    const namedProxy = dependsOnNames(resource).some((n) => typeof n === 'string' && proxyIds.has(n));
    const isDeployment = isJsonObject(resource) && resource.Type === 'AWS::ApiGateway::Deployment';
    if (!namedProxy && !isDeployment) throw new Error(`${id}: DependsOn changed without naming an integration`);
  }
  for (const [key, value] of Object.entries(input)) {
    if (key === 'Resources' || key === 'Outputs' || key === 'Mappings') continue;
    if (JSON.stringify(output[key]) !== JSON.stringify(value)) throw new Error(`section ${key} changed`);
  }
  // Mappings keep the template's own and may gain only the macro's shared mapping templates.
  const inputMappings = isJsonObject(input.Mappings) ? input.Mappings : {};
  const outputMappings = isJsonObject(output.Mappings) ? output.Mappings : {};
  for (const [name, value] of Object.entries(inputMappings))
    if (JSON.stringify(outputMappings[name]) !== JSON.stringify(value)) throw new Error(`mapping ${name} changed`);
  for (const name of Object.keys(outputMappings))
    if (!Object.hasOwn(inputMappings, name) && !SHARED_MAPPING.test(name)) throw new Error(`mapping ${name} appeared`);
  if (input.Mappings !== undefined && !isJsonObject(input.Mappings) && JSON.stringify(output.Mappings) !== JSON.stringify(input.Mappings))
    throw new Error('section Mappings changed');
  const inputOutputs = isJsonObject(input.Outputs) ? input.Outputs : {};
  const outputOutputs = isJsonObject(output.Outputs) ? output.Outputs : {};
  const apiIds = new Set(
    Object.entries(inputResources)
      .filter(([, r]) => isJsonObject(r) && typeof r.Type === 'string' && (API_RESOURCE_TYPES.has(r.Type) || r.Type === PROXY_API_TYPE))
      .map(([id]) => id),
  );
  for (const [id, value] of Object.entries(inputOutputs)) {
    if (JSON.stringify(outputOutputs[id]) === JSON.stringify(value)) continue;
    // An output of the API's own deployment follows the deployment's new ID.
    if (![...referencedNames(value as Json)].some((name) => apiIds.has(name))) throw new Error(`output ${id} changed`);
  }
  // Methods are resources, or operations in the OpenAPI body of an API declared with one.
  if (proxyIds.size > 0 && !outputText.includes('AWS::ApiGateway::Method') && !outputText.includes('x-amazon-apigateway-integration'))
    throw new Error('integrations expanded to no method');
}

/** Whether a value is made only of JSON values (finite numbers, no undefined, no functions). */
function isDeepJson(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (isJsonObject(v)) for (const item of Object.values(v)) stack.push(item);
    else return false;
  }
  return true;
}
