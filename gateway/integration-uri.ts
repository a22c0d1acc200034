/** Parses API Gateway AWS integration URIs: `arn:{partition}:apigateway:{region}:{[subdomain.]service}:{path|action}/...`. */

/** A parsed AWS integration URI. */
export type AwsIntegrationUri = {
  readonly partition: string;
  readonly region: string;
  /** The service as API Gateway names it (`sqs`, `dynamodb`, `s3`, ...). */
  readonly service: string;
  /** A host prefix before the service (`my-bucket` in `my-bucket.s3`), or undefined. */
  readonly subdomain?: string;
} & (
  | { readonly style: 'path' /** The service path with `{placeholders}` still in it, always starting with `/`. */; readonly path: string }
  | { readonly style: 'action'; readonly action: string /** Extra `&Name=value` parameters after the action. */; readonly extra: string }
);

/** Thrown for a URI that is not an AWS integration URI. */
export class IntegrationUriError extends Error {}

/**
 * Parses an AWS integration URI.
 *
 * @example
 * parseIntegrationUri('arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders')
 * // { partition: 'aws', region: 'us-east-1', service: 'sqs', style: 'path', path: '/123456789012/orders' }
 */
export function parseIntegrationUri(uri: string): AwsIntegrationUri {
  const match = /^arn:([^:]+):apigateway:([^:]*):([^:]+):(path|action)\/(.*)$/s.exec(uri);
  if (!match) {
    throw new IntegrationUriError(`'${uri}' is not an AWS integration URI (arn:{partition}:apigateway:{region}:{service}:path|action/...)`);
  }
  const [, partition, region, host, style, rest] = match as unknown as [string, string, string, string, string, string];
  const dot = host.lastIndexOf('.');
  const service = dot === -1 ? host : host.slice(dot + 1);
  const subdomain = dot === -1 ? undefined : host.slice(0, dot);
  const base = { partition, region, service, ...(subdomain !== undefined ? { subdomain } : {}) };
  if (style === 'path') return { ...base, style: 'path', path: rest.startsWith('/') ? rest : `/${rest}` };
  const amp = rest.indexOf('&');
  return { ...base, style: 'action', action: amp === -1 ? rest : rest.slice(0, amp), extra: amp === -1 ? '' : rest.slice(amp + 1) };
}

/** The public endpoint host of a service in a region (`sqs.us-east-1.amazonaws.com`), with the subdomain when given. */
export function serviceHost(uri: AwsIntegrationUri): string {
  const suffix = uri.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${uri.subdomain !== undefined ? `${uri.subdomain}.` : ''}${uri.service}.${uri.region}.${suffix}`;
}
