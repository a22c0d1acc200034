/** A sender wrapper for backends that answer Query-protocol calls only in XML (moto): JSON when the request accepts it. */
import type { ServiceSender } from './handle-request';
import { queryXmlToJson } from './query-xml-to-json';
import { isQueryProtocol } from './service-protocols';

/**
 * Wraps `send` so that an XML Query response to a request whose `Accept` includes `application/json` becomes
 * AWS's JSON form, as AWS itself answers such requests (API Gateway integrations rely on it).
 */
export function withQueryJsonResponses(send: ServiceSender, appliesTo: (service: string) => boolean): ServiceSender {
  return async (request, timeoutMillis) => {
    const response = await send(request, timeoutMillis);
    if (!isQueryProtocol(request.service) || !appliesTo(request.service)) return response;
    const accept = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'accept')?.[1] ?? '';
    if (!accept.toLowerCase().includes('application/json') || !/xml/i.test(response.headers['content-type'] ?? '')) return response;
    const json = queryXmlToJson(response.body.toString('utf8'));
    if (json === undefined) return response;
    const body = Buffer.from(JSON.stringify(json), 'utf8');
    return {
      ...response,
      headers: { ...response.headers, 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    };
  };
}
