import { concat, ref } from '../cloudformation/intrinsics';
import { type FormPiece, renderFormTemplate } from '../request-templates/form';
import { jsonTextValue, renderJsonTemplate } from '../request-templates/json';
import { requestParameterMapping } from '../request-templates/request-parameters';
import { renderRestTemplates } from '../request-templates/rest';
import { targetChoiceParts } from '../request-templates/target-choice';
import { type MappingTemplate, mappingTemplate, sharedText, type TemplatePart } from '../request-templates/template-parts';
import type { AttributeField, BodyField } from '../request-templates/values';
import { refusalFirstVtl } from '../request-templates/vtl-limits';
import type { PathSegment } from '../schema/api-path';
import type { ApiSurface } from '../schema/api-surface';
import type { IamStatementPlan } from '../schema/iam-statement';
import { type ApiRef, isMacroOwnedApi } from '../schema/rest-api';
import type { TargetChoice } from '../schema/target-choice';
import type { TargetRef } from '../schema/targets';
import type { IntegrationSpec } from '../schema/validate';
import { selectorToVtl } from '../selectors';
import type { ActionDefinition, IamGrant, ResponseDefinition } from '../services/types';
import { type Expr, type Json, ownValue } from '../types';
import { type PlannedResponse, planResponses } from './responses';

/** How API Gateway gets the right to call the service. */
export type CredentialsPlan =
  /** A role the macro generates, allowing exactly these actions on exactly these resources. */
  | { kind: 'generated'; statements: readonly IamStatementPlan[] }
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
  requestParameters: Record<string, Expr>;
  requestTemplates: Record<string, MappingTemplate>;
  passthroughBehavior: 'NEVER' | 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES';
  responses: readonly PlannedResponse[];
  /** CORS, auth, API keys, validation and integration settings. */
  surface: ApiSurface;
  methodRequestParameters: Record<string, boolean>;
  credentials: CredentialsPlan;
  condition?: string;
  dependsOn: string[];
  metadata?: Json;
}

/** Fills `{TargetAccount}`-style placeholders (and `{Parameter}` ones from literal parameters) with their values. */
function fillPlaceholders(text: string, target: TargetRef, parameters: IntegrationSpec['parameters']): Expr[] {
  const pieces: Record<string, Expr> = {
    Partition: ref('AWS::Partition'),
    TargetAccount: target.account,
    TargetName: target.name,
    TargetRegion: target.region,
    TargetArn: target.arn,
  };
  return text.split(/(\{[A-Za-z]+\})/).map((part) => {
    const placeholder = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
    if (placeholder === undefined) return part;
    const parameter = ownValue(parameters, placeholder);
    const piece =
      ownValue(pieces, placeholder) ??
      (parameter?.kind === 'value' && parameter.value.kind === 'literal'
        ? parameter.value.text
        : parameter?.kind === 'value' && parameter.value.kind === 'intrinsic'
          ? parameter.value.value
          : undefined);
    // API Gateway's own placeholders (`{object}` in an S3 URI) stay as they are.
    return piece ?? part;
  });
}

/** The request templates by content type, by the action's wire protocol; none when the request passes through as it came. */
function requestTemplates(spec: IntegrationSpec): Record<string, MappingTemplate> {
  // A raw template the user repeats on several integrations is shared like a generated one.
  if (spec.requestTemplates !== undefined)
    return Object.fromEntries(
      Object.entries(spec.requestTemplates).map(([type, raw]) => [
        type,
        mappingTemplate(typeof raw === 'string' ? [sharedText(raw)] : raw),
      ]),
    );
  if (spec.action.protocol === 'rest') {
    const rest = renderRestTemplates(spec.action, spec.parameters) ?? {};
    return Object.fromEntries(Object.entries(rest).map(([type, parts]) => [type, mappingTemplate(parts)]));
  }
  const template = spec.targetChoice === undefined ? requestTemplate(spec) : chosenTargetTemplate(spec, spec.targetChoice);
  // RequestContentTypes lists what the method accepts: each gets the same generated template.
  return template === undefined
    ? {}
    : Object.fromEntries((spec.requestContentTypes ?? ['application/json']).map((type) => [type, template]));
}

/** The request template of an integration whose caller chooses the target: one branch per declared target. */
function chosenTargetTemplate(spec: IntegrationSpec, choice: TargetChoice): MappingTemplate | undefined {
  const branches = choice.choices.map(({ key, target }) => {
    return { key, parts: requestTemplateParts({ ...spec, target }) ?? [] };
  });
  const keys = choice.choices.map(({ key }) => key).join(', ');
  const reason = `${choice.keyText.replace(/^\$/, '').replace(/[^A-Za-z0-9_.-]/g, ' ')} names no target of this API; expected one of ${keys}.`;
  return mappingTemplate(targetChoiceParts(selectorToVtl(choice.key), branches, reason));
}

/** The request template of a JSON or form (Query) action. */
function requestTemplate(spec: IntegrationSpec): MappingTemplate | undefined {
  const parts = requestTemplateParts(spec);
  return parts === undefined ? undefined : mappingTemplate(parts);
}

/** The parts of the request template of a JSON or form (Query) action. */
function requestTemplateParts(spec: IntegrationSpec): TemplatePart[] | undefined {
  const { action, target } = spec;
  const bodyParameters = Object.entries(action.parameters).filter(([, definition]) => definition.in !== 'requestParameter');
  switch (action.protocol) {
    case 'rest':
      return undefined;
    case 'json':
      if (action.body === undefined) throw new Error('a JSON action needs a body shape');
      return renderJsonTemplate({ body: action.body, parameters: spec.parameters, definitions: action.parameters, target });
    case 'form': {
      const fields: BodyField[] = action.fixedFields.map(([wireName, text]) => ({ wireName, value: { kind: 'literal', text } }));
      // A call on no resource (SNS Publish to a PhoneNumber) names none.
      const targetFields =
        action.noTargetWith !== undefined && Object.hasOwn(spec.parameters, action.noTargetWith) ? [] : action.targetFields;
      for (const [wireName, part] of targetFields) {
        const value = target[part];
        // An ARN or name has no quote to escape: it is inserted as it is (validated where the macro can see it).
        fields.push({
          wireName,
          value: typeof value === 'string' ? { kind: 'literal', text: value } : { kind: 'intrinsic', value, verbatim: true },
        });
      }
      const attributes: AttributeField[] = [];
      const pieces: FormPiece[] = [];
      // Definition order, not the user's key order: the same integration always renders the same template.
      for (const [name, definition] of bodyParameters) {
        const parameter = spec.parameters[name];
        if (parameter === undefined) continue;
        if (parameter.kind === 'value') fields.push({ wireName: definition.wireName, value: parameter.value });
        else if (parameter.kind === 'attributes')
          for (const a of parameter.attributes) attributes.push({ wirePrefix: definition.wireName, ...a });
        else if (parameter.kind === 'form') pieces.push(...parameter.pieces);
        // A map given to a text field: its JSON text, form-encoded.
        else if (parameter.kind === 'tree')
          fields.push({ wireName: definition.wireName, value: jsonTextValue(parameter.tree, `Form${fields.length}`) });
      }
      return renderFormTemplate(fields, attributes, pieces);
    }
  }
}

/**
 * The responses for this integration. A request template that chooses among targets may refuse the
 * request: its error responses then read the reason first, whatever the service's error shape.
 */
function responsesOf(spec: IntegrationSpec): readonly ResponseDefinition[] {
  const responses = actionResponsesOf(spec);
  if (spec.targetChoice === undefined) return responses;
  return responses.map((r) =>
    r.selectionPattern === undefined || r.responseTemplate === undefined
      ? r
      : { ...r, responseTemplate: refusalFirstVtl(r.responseTemplate) },
  );
}

/** The action's responses: a variant's when its literal parameter has the value it names. */
function actionResponsesOf(spec: IntegrationSpec): readonly ResponseDefinition[] {
  for (const variant of spec.action.responseVariants ?? []) {
    const parameter = spec.parameters[variant.parameter];
    if (parameter?.kind === 'value' && parameter.value.kind === 'literal' && parameter.value.text === variant.equals)
      return variant.responses;
  }
  return spec.action.responses;
}

/** The role's statements: each grant whose condition holds, its resource filled in. */
function iamStatements(action: ActionDefinition, spec: IntegrationSpec): IamStatementPlan[] {
  const applies = (grant: IamGrant) =>
    grant.when === undefined || Object.hasOwn(spec.parameters, grant.when.parameter) === grant.when.present;
  return action.iam.filter(applies).map((grant) => {
    const parts = fillPlaceholders(grant.resource, spec.target, spec.parameters).filter((p) => p !== '');
    // `{TargetArn}` alone stays the plain Ref/GetAtt the user wrote.
    const resource = parts.length === 1 ? (parts[0] as Expr) : concat(parts);
    return grant.note === undefined ? { actions: grant.actions, resource } : { actions: grant.actions, resource, note: grant.note };
  });
}

/** The role's statements: each declared target's, when the caller chooses among several. */
function choiceIamStatements(action: ActionDefinition, spec: IntegrationSpec): IamStatementPlan[] {
  if (spec.targetChoice === undefined) return iamStatements(action, spec);
  return spec.targetChoice.choices.flatMap(({ target }) => iamStatements(action, { ...spec, target }));
}

/**
 * The user's API-surface settings, completed by what the action needs: its content handling unless
 * the user chose one, and its binary media types on an API the macro generates (an API the user
 * declares is theirs to configure; the docs say which types to add).
 */
function surfaceWithActionDefaults(spec: IntegrationSpec): ApiSurface {
  const { action, surface } = spec;
  const out: ApiSurface = { ...surface };
  const contentHandling = surface.contentHandling ?? action.contentHandling;
  if (contentHandling !== undefined) out.contentHandling = contentHandling;
  if (isMacroOwnedApi(spec.api)) out.binaryMediaTypes = [...new Set([...surface.binaryMediaTypes, ...(action.binaryMediaTypes ?? [])])];
  return out;
}

/** Decides everything about one integration from its validated spec and its service definition. */
export function planIntegration(spec: IntegrationSpec): IntegrationPlan {
  const { action, target } = spec;
  const methodRequestParameters: Record<string, boolean> = {};
  for (const segment of spec.path) if (segment.kind === 'param') methodRequestParameters[`method.request.path.${segment.name}`] = true;

  const requestParameters: Record<string, Expr> = {};
  // Static values may name the target (`'{TargetName}'`, the bucket of an S3 object).
  for (const [name, value] of Object.entries(action.requestParameters)) {
    const parts = fillPlaceholders(value, target, spec.parameters).filter((p) => p !== '');
    requestParameters[name] = parts.length === 1 ? (parts[0] as Expr) : concat(parts);
  }
  for (const [name, definition] of Object.entries(action.parameters)) {
    const parameter = spec.parameters[name];
    if (definition.in !== 'requestParameter' || parameter?.kind !== 'value') continue;
    const mapping = requestParameterMapping(parameter.value);
    requestParameters[definition.wireName] = Array.isArray(mapping.source) ? concat(mapping.source) : mapping.source;
    // Declared so API Gateway lets the integration read it; required only if the action cannot do without it.
    if (mapping.methodParameter !== undefined) methodRequestParameters[mapping.methodParameter] ||= definition.required === true;
  }

  const templates = requestTemplates(spec);
  const passesThrough = Object.keys(templates).length === 0;
  let responses = planResponses(responsesOf(spec), spec.surface);
  // ObjectResponse fixes the headers of the object itself: the success answers of an action serving one.
  const objectHeaders = spec.surface.objectResponseHeaders;
  if (objectHeaders !== undefined && action.servesObject)
    responses = responses.map((r) =>
      r.selectionPattern === undefined || r.statusCode === '206'
        ? { ...r, responseParameters: { ...r.responseParameters, ...objectHeaders } }
        : r,
    );

  const plan: IntegrationPlan = {
    logicalId: spec.logicalId,
    api: spec.api,
    path: spec.path,
    httpMethod: spec.httpMethod,
    uri: concat([
      'arn:',
      ref('AWS::Partition'),
      ':apigateway:',
      target.region,
      ':',
      ...fillPlaceholders(action.uri, target, spec.parameters),
    ]),
    integrationHttpMethod: action.integrationHttpMethod,
    requestParameters,
    requestTemplates: templates,
    // Requests whose content type has no template are rejected (415), never passed raw to an AWS API;
    // only actions without templates (S3 objects) pass the body through as it came.
    passthroughBehavior: spec.surface.passthroughBehavior ?? (passesThrough ? 'WHEN_NO_TEMPLATES' : 'NEVER'),
    responses,
    surface: surfaceWithActionDefaults(spec),
    methodRequestParameters,
    credentials:
      spec.role !== undefined
        ? { kind: 'given', role: spec.role }
        : { kind: 'generated', statements: spec.iamStatements ?? choiceIamStatements(action, spec) },
    dependsOn: spec.dependsOn,
  };
  if (spec.condition !== undefined) plan.condition = spec.condition;
  if (spec.metadata !== undefined) plan.metadata = spec.metadata;
  return plan;
}
