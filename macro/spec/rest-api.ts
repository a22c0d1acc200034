import { describeValue } from '../diagnostics';
import { type Expr, type JsonObject, isJsonObject } from '../types';

/** Which API an integration attaches to. */
export type ApiRef =
  /** The one API the macro creates for the template. */
  | { kind: 'generated' }
  /** An `AWS::ApiGateway::RestApi` declared in the same template. */
  | { kind: 'template'; logicalId: string }
  /** An API created elsewhere, known by its id and root resource id. */
  | { kind: 'external'; restApiId: Expr; rootResourceId: Expr };

/** A stable text key per API, for grouping integrations. */
export function apiKey(api: ApiRef): string {
  switch (api.kind) {
    case 'generated':
      return 'generated';
    case 'template':
      return `template:${api.logicalId}`;
    case 'external':
      return `external:${JSON.stringify(api.restApiId)}`;
  }
}

/** Resolves `RestApiId` / `RootResourceId` to an ApiRef, or explains what is wrong (with the property it concerns). */
export function resolveRestApi(
  restApiId: Expr | undefined,
  rootResourceId: Expr | undefined,
  resources: JsonObject,
): ApiRef | { error: string; property: 'RestApiId' | 'RootResourceId' } {
  if (restApiId === undefined) {
    if (rootResourceId !== undefined) return { property: 'RootResourceId', error: 'is only meaningful together with RestApiId; remove it, or add RestApiId.' };
    return { kind: 'generated' };
  }
  if (typeof restApiId !== 'string' && 'Ref' in restApiId && typeof restApiId.Ref === 'string' && restApiId.Ref in resources) {
    const resource = resources[restApiId.Ref];
    const type = isJsonObject(resource) ? resource.Type : undefined;
    if (type === 'AWS::ApiGateway::RestApi') {
      if (rootResourceId !== undefined) return { property: 'RootResourceId', error: `is not needed for an API in this template (the macro uses !GetAtt ${restApiId.Ref}.RootResourceId); remove it.` };
      return { kind: 'template', logicalId: restApiId.Ref };
    }
    return {
      property: 'RestApiId',
      error: `refers to ${restApiId.Ref} (${typeof type === 'string' ? type : describeValue(type)}); expected a Ref to an AWS::ApiGateway::RestApi in this template, or an external API id with RootResourceId.`,
    };
  }
  if (rootResourceId === undefined) {
    return { property: 'RootResourceId', error: `is required when RestApiId (${describeValue(restApiId)}) is not a Ref to an AWS::ApiGateway::RestApi in this template: give the API's root resource id, e.g. !ImportValue my-api-root-id.` };
  }
  return { kind: 'external', restApiId, rootResourceId };
}
