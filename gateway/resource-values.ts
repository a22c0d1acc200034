/** The values `Ref`/`Fn::GetAtt` take locally for every resource of an expanded template. */
import { createHash } from 'node:crypto';
import { isJsonObject } from '../macro/types';
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
  }
  return out;
}
