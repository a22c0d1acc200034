import { concat, ref } from '../emit/intrinsics';
import { renderFormTemplate } from '../protocols/form';
import type { AttributeField, BodyField, FieldValue } from '../protocols/values';
import type { ResponseDefinition, WireProtocol } from '../services/types';
import type { PathSegment } from '../spec/api-path';
import type { ApiRef } from '../spec/rest-api';
import type { TargetRef } from '../spec/targets';
import type { IntegrationSpec } from '../spec/validate';
import type { Expr, Json } from '../types';

/** How API Gateway gets the right to call the service. */
export type CredentialsPlan =
  /** A role the macro generates, allowing exactly these actions on exactly this resource. */
  | { kind: 'generated'; iamActions: readonly string[]; resource: Expr }
  /** A role ARN the user gave. */
  | { kind: 'given'; role: Expr };

/** One integration, fully decided: pure data, no CloudFormation syntax yet. */
export interface IntegrationPlan {
  logicalId: string;
  api: ApiRef;
  path: PathSegment[];
  httpMethod: string;
  uri: Expr;
  integrationHttpMethod: string;
  requestParameters: Record<string, string>;
  requestTemplates: Record<string, Expr>;
  passthroughBehavior: 'NEVER' | 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES';
  responses: readonly ResponseDefinition[];
  methodRequestParameters: Record<string, boolean>;
  credentials: CredentialsPlan;
  condition?: string;
  dependsOn: string[];
  metadata?: Json;
}

/** Request template renderers by wire protocol. */
const templateRenderers: Record<WireProtocol, (fields: readonly BodyField[], attributes: readonly AttributeField[]) => Expr[]> = {
  form: renderFormTemplate,
  json: () => {
    throw new Error('the JSON wire protocol has no renderer yet');
  },
};

function exprValue(value: Expr): FieldValue {
  return typeof value === 'string' ? { kind: 'literal', text: value } : { kind: 'intrinsic', value };
}

/** Fills `{TargetAccount}`-style placeholders of a definition's URI with the target's pieces. */
function fillUri(uri: string, target: TargetRef): Expr[] {
  const pieces: Record<string, Expr> = { TargetAccount: target.account, TargetName: target.name, TargetRegion: target.region };
  return uri.split(/(\{Target[A-Za-z]+\})/).map((part) => {
    const placeholder = /^\{(Target[A-Za-z]+)\}$/.exec(part);
    const piece = placeholder === null ? undefined : pieces[placeholder[1] as string];
    if (placeholder !== null && piece === undefined) throw new Error(`unknown URI placeholder ${part}`);
    return piece ?? part;
  });
}

/** Decides everything about one integration from its validated spec and its service definition. */
export function planIntegration(spec: IntegrationSpec): IntegrationPlan {
  const { action, target } = spec;
  const fields: BodyField[] = action.fixedFields.map(([wireName, text]) => ({ wireName, value: { kind: 'literal', text } }));
  for (const [wireName, part] of action.targetFields) fields.push({ wireName, value: exprValue(target[part]) });
  const attributes: AttributeField[] = [];
  // Definition order, not the user's key order: the same integration always renders the same template.
  for (const [name, definition] of Object.entries(action.parameters)) {
    const parameter = spec.parameters[name];
    if (parameter === undefined) continue;
    if (parameter.kind === 'value') fields.push({ wireName: definition.wireName, value: parameter.value });
    else for (const a of parameter.attributes) attributes.push({ wirePrefix: definition.wireName, ...a });
  }
  const generatedTemplate = concat(templateRenderers[action.protocol](fields, attributes));
  const requestTemplates: Record<string, Expr> = spec.requestTemplates ?? { 'application/json': generatedTemplate };

  const methodRequestParameters: Record<string, boolean> = {};
  for (const segment of spec.path) if (segment.kind === 'param') methodRequestParameters[`method.request.path.${segment.name}`] = true;

  const plan: IntegrationPlan = {
    logicalId: spec.logicalId,
    api: spec.api,
    path: spec.path,
    httpMethod: spec.httpMethod,
    uri: concat(['arn:', ref('AWS::Partition'), ':apigateway:', target.region, ':', ...fillUri(action.uri, target)]),
    integrationHttpMethod: action.integrationHttpMethod,
    requestParameters: action.requestParameters,
    requestTemplates,
    // Requests whose content type has no template are rejected (415), never passed raw to an AWS API.
    passthroughBehavior: 'NEVER',
    responses: action.responses,
    methodRequestParameters,
    credentials: spec.role !== undefined ? { kind: 'given', role: spec.role } : { kind: 'generated', iamActions: action.iamActions, resource: target.arn },
    dependsOn: spec.dependsOn,
  };
  if (spec.condition !== undefined) plan.condition = spec.condition;
  if (spec.metadata !== undefined) plan.metadata = spec.metadata;
  return plan;
}
