/** The values `Ref`/`Fn::GetAtt` take locally for every resource of an expanded template. */
import { createHash } from 'node:crypto';
import { samDerivedLogicalId } from '../macro/schema/targets';
import { lambda } from '../macro/services/lambda';
import { isJsonObject, type Json, type JsonObject } from '../macro/types';
import type { LocalResourceValues } from './intrinsics';

/** An id shaped like API Gateway's (lower-case base 36), stable for a logical ID so logs and curl lines repeat. */
export function localId(logicalId: string, length: number): string {
  const digest = createHash('sha256').update(logicalId).digest();
  let id = '';
  for (let i = 0; id.length < length; i += 1) id += ((digest[i % digest.length] as number) % 36).toString(36);
  return id;
}

/** Service name and ARN shape for the resource types whose ARNs intrinsics often need. */
const ARN_SHAPES: Readonly<Record<string, (region: string, account: string, name: string) => string>> = {
  'AWS::IAM::Role': (_r, a, n) => `arn:aws:iam::${a}:role/${n}`,
  'AWS::Lambda::Function': (r, a, n) => `arn:aws:lambda:${r}:${a}:function:${n}`,
  'AWS::Serverless::Function': (r, a, n) => `arn:aws:lambda:${r}:${a}:function:${n}`,
  'AWS::Logs::LogGroup': (r, a, n) => `arn:aws:logs:${r}:${a}:log-group:${n}`,
};

/** The local name of the function a Lambda alias or version property names: a literal name or ARN, or the logical ID referred to. */
function functionNameOf(value: Json | undefined): string {
  if (typeof value === 'string') return value.startsWith('arn:') ? (value.split(':')[6] ?? value) : value;
  if (isJsonObject(value) && typeof value.Ref === 'string') return value.Ref;
  const getAtt = isJsonObject(value) ? value['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0] ?? getAtt;
  return 'function';
}

/** SAM's AutoPublishAlias reference (`Fn.Alias`), as the macro resolves it before SAM has run. */
const AUTO_PUBLISH_ALIAS = lambda.target.otherResourceTypes?.find((t) => t.type === 'AWS::Serverless::Function')?.samReferences?.Alias;

/**
 * The qualified function ARNs a template's Lambda aliases and versions stand for (their `Ref`), and
 * the alias SAM makes of a function's literal AutoPublishAlias, under both names a template may use
 * (`Fn.Alias` before SAM has run, `FnAlias<name>` after); the local version of a function is 1.
 */
function qualifiedFunctionValues(logicalId: string, type: string, properties: JsonObject, region: string, accountId: string) {
  const arn = (name: string, qualifier: string) => `arn:aws:lambda:${region}:${accountId}:function:${name}:${qualifier}`;
  const values: Record<string, LocalResourceValues> = {};
  if (type === 'AWS::Lambda::Alias') {
    const alias = arn(functionNameOf(properties.FunctionName), typeof properties.Name === 'string' ? properties.Name : logicalId);
    values[logicalId] = { ref: alias, attributes: { AliasArn: alias } };
  } else if (type === 'AWS::Lambda::Version') {
    const name = functionNameOf(properties.FunctionName);
    values[logicalId] = {
      ref: arn(name, '1'),
      attributes: { Version: '1', FunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${name}` },
    };
  } else if (type === 'AWS::Serverless::Function' && AUTO_PUBLISH_ALIAS !== undefined && typeof properties.AutoPublishAlias === 'string') {
    const alias = { ref: arn(logicalId, properties.AutoPublishAlias), attributes: {} };
    values[samDerivedLogicalId(logicalId, AUTO_PUBLISH_ALIAS, properties.AutoPublishAlias)] = alias;
    values[`${logicalId}.Alias`] = alias;
  }
  return values;
}

/**
 * Values for every resource: those the emulators describe (queues, topics, tables, ...) win; API Gateway
 * resources get API-Gateway-shaped ids; anything else refers to its logical ID, with an ARN of the usual shape.
 */
export function localResourceValues(
  template: unknown,
  emulated: Readonly<Record<string, LocalResourceValues>>,
  region: string,
  accountId: string,
): Record<string, LocalResourceValues> {
  const resources = isJsonObject(template) && isJsonObject(template.Resources) ? template.Resources : {};
  const out: Record<string, LocalResourceValues> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    const type = isJsonObject(resource) ? String(resource.Type) : '';
    const properties = isJsonObject(resource) && isJsonObject(resource.Properties) ? resource.Properties : {};
    const known = emulated[logicalId];
    if (known !== undefined) {
      out[logicalId] = known;
      continue;
    }
    switch (type) {
      case 'AWS::ApiGateway::RestApi': {
        const id = localId(logicalId, 10);
        out[logicalId] = { ref: id, attributes: { RootResourceId: localId(`${logicalId}/`, 6), RestApiId: id } };
        break;
      }
      case 'AWS::ApiGateway::Resource':
        out[logicalId] = { ref: localId(logicalId, 6), attributes: { ResourceId: localId(logicalId, 6) } };
        break;
      case 'AWS::ApiGateway::Stage':
        out[logicalId] = { ref: typeof properties.StageName === 'string' ? properties.StageName : logicalId, attributes: {} };
        break;
      default: {
        const arn =
          ARN_SHAPES[type]?.(region, accountId, logicalId) ?? `arn:aws:cloudformation:${region}:${accountId}:resource/${logicalId}`;
        out[logicalId] = { ref: logicalId, attributes: { Arn: arn } };
      }
    }
    for (const [id, values] of Object.entries(qualifiedFunctionValues(logicalId, type, properties, region, accountId))) {
      if (id === logicalId || !Object.hasOwn(out, id)) out[id] = values;
    }
  }
  return out;
}
