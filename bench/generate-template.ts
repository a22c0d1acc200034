// Generates realistic templates with N Proxy::ServiceIntegration resources of mixed services, for
// the benchmarks (bench/run.mjs), the robustness suite and the limit tests. The services come from
// the registry at run time, so services added later are benchmarked without editing this file.
import { services } from '../macro/services';
import type { ActionDefinition, ParameterDefinition, ServiceDefinition } from '../macro/services/types';
import { transformTemplate } from '../macro/transform';
import type { Json, JsonObject, Template } from '../macro/types';

/** One service action the generator can integrate, with properties known to expand. */
export interface IntegrationKind {
  service: string;
  action: string;
  /** Builds the integration's properties for a target resource's logical ID. */
  properties: (targetLogicalId: string, index: number) => JsonObject;
}

/** The HTTP methods, eight per path, so that integrations share path resources as real APIs do. */
const METHODS = ['POST', 'PUT', 'GET', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'] as const;

/** Distinct targets per service: integrations share queues and topics, as they do in real stacks. */
const TARGETS_PER_SERVICE = 8;

/** A selector or literal for a parameter, by its kind; undefined when the kind is unknown to the generator. */
function sampleValue(definition: ParameterDefinition, index: number): Json | undefined {
  switch (definition.kind) {
    case 'string':
      return [
        `$request.body`,
        `$request.body.order.id`,
        `$request.header.X-Request-Id`,
        `$context.requestId`,
        { 'Fn::Sub': '${AWS::StackName}-value' },
      ][index % 5] as Json;
    case 'integer':
      return definition.minimum ?? 0;
    case 'messageAttributes':
      return {
        tenant: '$request.header.X-Tenant',
        source: 'bench',
        priority: { DataType: 'Number', Value: '$request.querystring.priority' },
      };
    default:
      return undefined;
  }
}

/** The Target of an integration: a same-template reference, the way most templates write it. */
function targetOf(definition: ServiceDefinition, targetLogicalId: string): Json {
  return definition.target.arnAttribute === undefined
    ? { Ref: targetLogicalId }
    : { 'Fn::GetAtt': [targetLogicalId, definition.target.arnAttribute] };
}

/** Parameters for an action: required ones always, optional ones when `withOptional`. */
function parametersFor(action: ActionDefinition, index: number, withOptional: boolean): JsonObject | undefined {
  const parameters: JsonObject = {};
  for (const [name, definition] of Object.entries(action.parameters)) {
    if (!definition.required && !withOptional) continue;
    if (definition.required && definition.default !== undefined && !withOptional) continue;
    const value = sampleValue(definition, index);
    if (value === undefined) {
      if (definition.required && definition.default === undefined) return undefined;
      continue;
    }
    parameters[name] = value;
  }
  return parameters;
}

/** Tells whether properties expand in a one-integration template (the generator never emits broken input). */
function expands(definition: ServiceDefinition, properties: JsonObject): boolean {
  const template: Template = {
    Resources: { Target0: { Type: definition.target.resourceType }, Probe: { Type: 'Proxy::ServiceIntegration', Properties: properties } },
  };
  return transformTemplate(template, { params: {}, templateParameterValues: {} }).ok;
}

/**
 * Every registered service action for which the generator finds properties that expand: first
 * with optional parameters filled in, then with only the required ones.
 */
export function integrationKinds(): IntegrationKind[] {
  const kinds: IntegrationKind[] = [];
  for (const definition of Object.values(services)) {
    for (const [actionName, action] of Object.entries(definition.actions)) {
      for (const withOptional of [true, false]) {
        const build = (targetLogicalId: string, index: number): JsonObject | undefined => {
          const parameters = parametersFor(action, index, withOptional);
          if (parameters === undefined) return undefined;
          const properties: JsonObject = {
            Path: '/probe',
            Method: 'POST',
            Service: definition.service,
            Action: actionName,
            Target: targetOf(definition, targetLogicalId),
          };
          if (Object.keys(parameters).length > 0) properties.Parameters = parameters;
          return properties;
        };
        const probes = [0, 1, 2, 3, 4].map((i) => build('Target0', i));
        if (!probes.every((p) => p !== undefined && expands(definition, p))) continue;
        kinds.push({ service: definition.service, action: actionName, properties: (target, index) => build(target, index) as JsonObject });
        break;
      }
    }
  }
  return kinds;
}

/** The path of integration `index`: groups of eight methods share a path; three shapes of path. */
export function pathOf(index: number): string {
  const group = Math.floor(index / METHODS.length);
  switch (group % 3) {
    case 0:
      return `/api/g${group}`;
    case 1:
      return `/api/g${group}/{id}`;
    default:
      return `/api/g${group}/{id}/items`;
  }
}

/** Options of a generated template. */
export interface GenerateOptions {
  /** Every n-th integration is conditional (0: none). */
  conditionalEvery?: number;
  /** The kinds to cycle through; all that expand by default. */
  kinds?: readonly IntegrationKind[];
}

/**
 * A template with `count` integrations cycling through every service action that expands, their
 * target resources (shared, a few per service), some conditional integrations, and a few resources
 * that are not the macro's.
 */
export function generateTemplate(count: number, options: GenerateOptions = {}): Template {
  const kinds = options.kinds ?? integrationKinds();
  if (kinds.length === 0) throw new Error('no registered service action expands with generated properties');
  const conditionalEvery = options.conditionalEvery ?? 25;
  const resources: JsonObject = {
    AuditBucket: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-audit' } },
    },
  };
  for (let index = 0; index < count; index++) {
    const kind = kinds[index % kinds.length] as IntegrationKind;
    const definition = services[kind.service] as ServiceDefinition;
    const targetId = `Target${kind.service.replace(/[^A-Za-z0-9]/g, '')}${Math.floor(index / kinds.length) % TARGETS_PER_SERVICE}`;
    resources[targetId] ??= { Type: definition.target.resourceType };
    const properties = { ...kind.properties(targetId, index), Path: pathOf(index), Method: METHODS[index % METHODS.length] as string };
    const integration: JsonObject = { Type: 'Proxy::ServiceIntegration', Properties: properties };
    if (conditionalEvery > 0 && index % conditionalEvery === conditionalEvery - 1) integration.Condition = 'IsProduction';
    resources[`Integration${index}`] = integration;
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Generated: ${count} service integrations of mixed services`,
    Parameters: { Environment: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } },
    Conditions: { IsProduction: { 'Fn::Equals': [{ Ref: 'Environment' }, 'prod'] } },
    Resources: resources,
    Outputs: { AuditBucketName: { Value: { Ref: 'AuditBucket' } } },
  };
}

/** One route of a generated API: its path and method, and the integration's other properties. */
interface RouteRecipe {
  method: string;
  /** The path below the entity's base path (`''` for the base itself). */
  path: string;
  properties: (target: (kind: TargetKind) => Json) => JsonObject;
}

/** The target resources a route mix uses, a few of each. */
type TargetKind = 'table' | 'queue' | 'topic' | 'bus';

const TARGET_TYPES: Record<TargetKind, { type: string; properties?: (id: string) => JsonObject; ref: (id: string) => Json }> = {
  table: {
    type: 'AWS::DynamoDB::Table',
    properties: () => ({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
    ref: (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }),
  },
  queue: { type: 'AWS::SQS::Queue', ref: (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }) },
  topic: { type: 'AWS::SNS::Topic', ref: (id) => ({ Ref: id }) },
  bus: {
    type: 'AWS::Events::EventBus',
    // Each bus its own name: two with one name would be one bus (cfn-lint E3019).
    properties: (id) => ({ Name: { 'Fn::Sub': `\${AWS::StackName}-${id.toLowerCase()}` } }),
    ref: (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }),
  },
};

const byPathId = { Key: { id: '$request.path.id' } };

/**
 * A DynamoDB-heavy REST API, per entity: create, list (Query), read, replace, update and delete
 * items, a scan, plus an event, a queue message and a notification: 7 of 10 routes on DynamoDB.
 */
const DYNAMODB_HEAVY: readonly RouteRecipe[] = [
  {
    method: 'POST',
    path: '',
    properties: (t) => ({ Service: 'dynamodb', Action: 'PutItem', Target: t('table'), Parameters: { Key: { id: '$context.requestId' } } }),
  },
  {
    method: 'GET',
    path: '',
    properties: (t) => ({
      Service: 'dynamodb',
      Action: 'Query',
      Target: t('table'),
      Parameters: { KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': '$request.querystring.id' }, Limit: 50 },
    }),
  },
  {
    method: 'GET',
    path: '/{id}',
    properties: (t) => ({ Service: 'dynamodb', Action: 'GetItem', Target: t('table'), Parameters: byPathId }),
  },
  {
    method: 'PUT',
    path: '/{id}',
    properties: (t) => ({ Service: 'dynamodb', Action: 'PutItem', Target: t('table'), Parameters: byPathId }),
  },
  {
    method: 'PATCH',
    path: '/{id}',
    properties: (t) => ({
      Service: 'dynamodb',
      Action: 'UpdateItem',
      Target: t('table'),
      Parameters: {
        ...byPathId,
        UpdateExpression: 'SET #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': '$request.body.status' },
      },
    }),
  },
  {
    method: 'DELETE',
    path: '/{id}',
    properties: (t) => ({ Service: 'dynamodb', Action: 'DeleteItem', Target: t('table'), Parameters: byPathId }),
  },
  {
    method: 'GET',
    path: '/all',
    properties: (t) => ({ Service: 'dynamodb', Action: 'Scan', Target: t('table'), Parameters: { Limit: 100 } }),
  },
  {
    method: 'POST',
    path: '/events',
    properties: (t) => ({
      Service: 'events',
      Action: 'PutEvents',
      Target: t('bus'),
      Parameters: { Source: 'com.example.api', DetailType: 'Changed' },
    }),
  },
  { method: 'POST', path: '/queue', properties: (t) => ({ Service: 'sqs', Action: 'SendMessage', Target: t('queue') }) },
  { method: 'POST', path: '/notify', properties: (t) => ({ Service: 'sns', Action: 'Publish', Target: t('topic') }) },
];

/** Options of a generated route mix. */
export interface RouteMixOptions {
  /** Attach every route to a Proxy::Api written this way; the implicit API when absent. */
  definition?: 'Resources' | 'OpenApi';
  cors?: boolean;
}

/** How many targets of each kind a route mix shares, as real stacks share a few tables and queues. */
const TARGETS_PER_KIND = 5;

/**
 * A REST API of `count` routes, DynamoDB-heavy (see DYNAMODB_HEAVY), on entities `/e1`, `/e2`, ...
 * Deterministic: the same count gives the same template.
 */
export function generateDynamoDbHeavyTemplate(count: number, options: RouteMixOptions = {}): Template {
  const resources: JsonObject = {};
  if (options.definition !== undefined) resources.Api = { Type: 'Proxy::Api', Properties: { Definition: options.definition } };
  for (let index = 0; index < count; index++) {
    const recipe = DYNAMODB_HEAVY[index % DYNAMODB_HEAVY.length] as RouteRecipe;
    const entity = Math.floor(index / DYNAMODB_HEAVY.length) + 1;
    const target = (kind: TargetKind): Json => {
      const id = `${kind.charAt(0).toUpperCase()}${kind.slice(1)}${(entity % TARGETS_PER_KIND) + 1}`;
      const definition = TARGET_TYPES[kind];
      resources[id] ??=
        definition.properties === undefined ? { Type: definition.type } : { Type: definition.type, Properties: definition.properties(id) };
      return definition.ref(id);
    };
    const properties: JsonObject = { Path: `/e${entity}${recipe.path}`, Method: recipe.method, ...recipe.properties(target) };
    if (options.definition !== undefined) properties.RestApiId = { Ref: 'Api' };
    if (options.cors === true) properties.Cors = true;
    resources[`Route${index}`] = { Type: 'Proxy::ServiceIntegration', Properties: properties };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Generated: ${count} routes of a DynamoDB-heavy REST API`,
    Resources: resources,
  };
}
