/** Test helper: sends a SigV4-signed request the way API Gateway's AWS integration does (aws4 + fetch). */
import aws4 from 'aws4';

/** A request as API Gateway sends it to a service endpoint. */
interface ApiGatewayRequest {
  readonly endpoint: string;
  readonly service: string;
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Signs with the local test credentials and returns status, content type and text body. */
async function sendAsApiGateway(request: ApiGatewayRequest): Promise<{ status: number; contentType: string; text: string }> {
  const url = new URL(request.path ?? '/', request.endpoint);
  const signed = {
    host: url.host,
    path: `${url.pathname}${url.search}`,
    method: request.method ?? 'POST',
    service: request.service,
    region: 'us-east-1',
    body: request.body ?? '',
    headers: { ...(request.headers ?? {}) } as Record<string, string>,
  };
  aws4.sign(signed, { accessKeyId: 'test', secretAccessKey: 'test' });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => !['host', 'content-length'].includes(k.toLowerCase())));
  const response = await fetch(url, { method: signed.method, headers, body: signed.method === 'GET' ? undefined : signed.body });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Form-encodes like `$util.urlEncode` in a mapping template. */
function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export { form, sendAsApiGateway };
