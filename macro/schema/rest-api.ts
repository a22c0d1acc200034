import { describeValue } from '../diagnostics';
import { type Checked, invalid, valid } from '../problem';
import { PROXY_API_TYPE } from '../template/parse';
import { type Expr, isJsonObject, type JsonObject } from '../types';

/** Which API an integration attaches to. */
export type ApiRef =
  /** The one API the macro creates for the template. */
  | { kind: 'generated' }
  /**
   * An API declared in the same template, defined by resources (methods beside it), by an OpenAPI
   * `Body` (an AWS::ApiGateway::RestApi, or a SAM API after SAM ran), or by SAM (an
   * AWS::Serverless::Api, before SAM runs).
   */
  | { kind: 'template'; logicalId: string; definition: 'resources' | 'body' | 'sam-api' }
  /** An API created elsewhere, known by its id and root resource id. */
  | { kind: 'external'; restApiId: Expr; rootResourceId: Expr }
  /** A Proxy::Api of the template: the macro creates it with the user's settings, written as resources or as one OpenAPI Body. */
  | { kind: 'proxy-api'; logicalId: string; definition: 'resources' | 'openapi' };

/** Tells whether the macro creates the API (so it also sets its binary media types and deploys it). */
export function isMacroOwnedApi(api: ApiRef): boolean {
  return api.kind === 'generated' || api.kind === 'proxy-api';
}

/** The logical ID SAM gives the API it generates from function events. */
export const SAM_IMPLICIT_API = 'ServerlessRestApi';

/** A stable text key per API, for grouping integrations. */
export function apiKey(api: ApiRef): string {
  switch (api.kind) {
    case 'generated':
      return 'generated';
    case 'template':
      return `template:${api.logicalId}`;
    case 'external':
      return `external:${JSON.stringify(api.restApiId)}`;
    case 'proxy-api':
      return `proxy-api:${api.logicalId}`;
  }
}

/** Resolves `RestApiId` / `RootResourceId` to an ApiRef, or explains what is wrong (the problem's path names the property). */
export function resolveRestApi(restApiId: Expr | undefined, rootResourceId: Expr | undefined, resources: JsonObject): Checked<ApiRef> {
  if (restApiId === undefined) {
    if (rootResourceId !== undefined)
      return invalid('is only meaningful together with RestApiId; remove it, or add RestApiId.', ['RootResourceId']);
    return valid({ kind: 'generated' });
  }
  if (typeof restApiId !== 'string' && 'Ref' in restApiId && typeof restApiId.Ref === 'string' && Object.hasOwn(resources, restApiId.Ref)) {
    return resolveTemplateApi(restApiId.Ref, rootResourceId, resources);
  }
  if (typeof restApiId !== 'string' && 'Ref' in restApiId && restApiId.Ref === SAM_IMPLICIT_API) {
    return invalid(
      `refers to ${SAM_IMPLICIT_API}, the API SAM creates from function events, which does not exist yet when this macro runs before SAM. ` +
        'List the transforms as [AWS::Serverless-2016-10-31, ServiceProxy] (SAM first), or declare an AWS::Serverless::Api and refer to it.',
      ['RestApiId'],
    );
  }
  if (rootResourceId === undefined) {
    return invalid(
      `is required when RestApiId (${describeValue(restApiId)}) is not a Ref to an AWS::ApiGateway::RestApi in this template: ` +
        "give the API's root resource id, e.g. !ImportValue my-api-root-id.",
      ['RootResourceId'],
    );
  }
  return valid({ kind: 'external', restApiId, rootResourceId });
}

/** A RestApiId that is a Ref to a resource of this template: it must be an API whose definition the macro can add to. */
function resolveTemplateApi(logicalId: string, rootResourceId: Expr | undefined, resources: JsonObject): Checked<ApiRef> {
  const resource = resources[logicalId];
  const type = isJsonObject(resource) ? resource.Type : undefined;
  const properties = isJsonObject(resource) && isJsonObject(resource.Properties) ? resource.Properties : {};
  const notNeeded = invalid(`is not needed for an API in this template; remove it.`, ['RootResourceId']);
  if (type === 'AWS::ApiGateway::RestApi') {
    if (rootResourceId !== undefined) return notNeeded;
    if (properties.BodyS3Location !== undefined) {
      return invalid(
        `refers to ${logicalId}, whose OpenAPI definition is a file in S3 (BodyS3Location) the macro cannot add to; ` +
          'inline it as Body, or attach the integrations to another API.',
        ['RestApiId'],
      );
    }
    return valid({ kind: 'template', logicalId, definition: isJsonObject(properties.Body) ? 'body' : 'resources' });
  }
  if (type === PROXY_API_TYPE) {
    if (rootResourceId !== undefined) return notNeeded;
    // The Proxy::Api's own checks report a Definition that is not one of these.
    return valid({ kind: 'proxy-api', logicalId, definition: properties.Definition === 'OpenApi' ? 'openapi' : 'resources' });
  }
  if (type === 'AWS::Serverless::Api') {
    if (rootResourceId !== undefined) return notNeeded;
    if (properties.DefinitionUri !== undefined) {
      return invalid(
        `refers to ${logicalId}, whose OpenAPI definition is a file (DefinitionUri) the macro cannot add to; ` +
          'inline it as DefinitionBody, or remove it so SAM generates the definition.',
        ['RestApiId'],
      );
    }
    return valid({ kind: 'template', logicalId, definition: 'sam-api' });
  }
  return invalid(
    `refers to ${logicalId} (${typeof type === 'string' ? type : describeValue(type)}); ` +
      'expected a Ref to a Proxy::Api, AWS::ApiGateway::RestApi or AWS::Serverless::Api in this template, or an external API id with RootResourceId.',
    ['RestApiId'],
  );
}
