import { shortHash } from '../cloudformation/hash';
import { concat, ref } from '../cloudformation/intrinsics';
import { authorizerId, authorizerPermissionId } from '../logical-ids';
import type { IntegrationPlan } from '../plan/plan';
import type { AuthConfig } from '../schema/api-surface';
import type { Expr, Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';

/** The authorization properties of one method. */
export interface MethodAuthorization {
  AuthorizationType: string;
  AuthorizerId?: Expr;
  AuthorizationScopes?: string[];
}

/** A readable name for what an ARN expression refers to: the logical ID of a Ref/GetAtt, else a hash. */
function nameOf(arns: readonly Expr[]): string {
  const [only] = arns;
  if (arns.length === 1 && only !== undefined && typeof only !== 'string') {
    if ('Ref' in only && typeof only.Ref === 'string') return only.Ref;
    const getAttValue = (only as Record<string, Json>)['Fn::GetAtt'];
    if (Array.isArray(getAttValue) && typeof getAttValue[0] === 'string') return getAttValue[0];
  }
  return `Authorizer${shortHash(JSON.stringify(arns), 8)}`;
}

/**
 * The authorizers an API needs — one per user pool (set) and one per Lambda authorizer
 * configuration, shared by every method using it — and each method's authorization properties.
 * The invoke permission names the authorizer in its SourceArn and nothing names the permission,
 * so a same-template authorizer function never closes a dependency cycle.
 */
export function emitAuthorizers(
  api: ApiHandle,
  plans: readonly IntegrationPlan[],
): { resources: JsonObject; authorizationOf: (plan: IntegrationPlan) => MethodAuthorization } {
  const resources: JsonObject = {};
  const idOf = (auth: AuthConfig): string | undefined => {
    if (auth.type === 'COGNITO_USER_POOLS' && auth.userPoolArns !== undefined) {
      const custom = auth.identitySource === undefined ? '' : shortHash(auth.identitySource, 6);
      return authorizerId(api.prefix, `${nameOf(auth.userPoolArns)}Cognito${custom}`);
    }
    if ((auth.type === 'TOKEN' || auth.type === 'REQUEST') && auth.functionArn !== undefined) {
      const isDefault = auth.identitySource === 'method.request.header.Authorization' && auth.resultTtlInSeconds === 300;
      const settings = isDefault ? '' : shortHash(`${auth.identitySource}|${auth.resultTtlInSeconds}`, 6);
      const type = auth.type === 'TOKEN' ? 'Token' : 'Request';
      return authorizerId(api.prefix, `${nameOf([auth.functionArn])}${type}${settings}`);
    }
    return undefined;
  };
  for (const plan of plans) {
    const auth = plan.surface.auth;
    const id = idOf(auth);
    if (id === undefined || Object.hasOwn(resources, id)) continue;
    if (auth.type === 'COGNITO_USER_POOLS') {
      resources[id] = {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          RestApiId: api.restApiId as Json,
          Name: id,
          Type: 'COGNITO_USER_POOLS',
          ProviderARNs: auth.userPoolArns as Json,
          IdentitySource: auth.identitySource ?? 'method.request.header.Authorization',
        },
      };
    } else if (auth.type === 'TOKEN' || auth.type === 'REQUEST') {
      const functionArn = auth.functionArn as Expr;
      resources[id] = {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          RestApiId: api.restApiId as Json,
          Name: id,
          Type: auth.type,
          AuthorizerUri: concat([
            'arn:',
            ref('AWS::Partition'),
            ':apigateway:',
            ref('AWS::Region'),
            ':lambda:path/2015-03-31/functions/',
            functionArn,
            '/invocations',
          ]) as Json,
          IdentitySource: auth.identitySource,
          AuthorizerResultTtlInSeconds: auth.resultTtlInSeconds,
        },
      };
      resources[authorizerPermissionId(id)] = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: functionArn as Json,
          Principal: 'apigateway.amazonaws.com',
          SourceArn: concat([
            'arn:',
            ref('AWS::Partition'),
            ':execute-api:',
            ref('AWS::Region'),
            ':',
            ref('AWS::AccountId'),
            ':',
            api.restApiId,
            '/authorizers/',
            ref(id),
          ]) as Json,
        },
      };
    }
  }
  return {
    resources,
    authorizationOf: (plan) => {
      const auth = plan.surface.auth;
      switch (auth.type) {
        case 'NONE':
        case 'AWS_IAM':
          return { AuthorizationType: auth.type };
        case 'COGNITO_USER_POOLS': {
          const out: MethodAuthorization = {
            AuthorizationType: 'COGNITO_USER_POOLS',
            AuthorizerId: auth.authorizerId ?? ref(idOf(auth) as string),
          };
          if (auth.scopes.length > 0) out.AuthorizationScopes = auth.scopes;
          return out;
        }
        case 'TOKEN':
        case 'REQUEST':
          return { AuthorizationType: 'CUSTOM', AuthorizerId: auth.authorizerId ?? ref(idOf(auth) as string) };
      }
    },
  };
}
