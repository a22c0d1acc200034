import { expandFile } from '../../cli/expand-file';
import { renderTemplate } from '../../vtl';
import { inlineSharedTemplates } from '../helpers/inline-shared-templates';
import { samplePath } from '../helpers/samples';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

function expandCors(): Resources {
  const result = expandFile(samplePath('cors'));
  if (!result.ok) throw new Error('cors sample did not expand');
  return inlineSharedTemplates(result.template).Resources as Resources;
}

describe('CORS with several origins works in browsers: the response echoes the matching Origin', () => {
  const resources = expandCors();
  const responses = resources.AddToCartMethod?.Properties.Integration.IntegrationResponses as {
    StatusCode: string;
    ResponseTemplates: Record<string, string>;
  }[];

  it.each(responses.map((r) => [r.StatusCode, r]))('status %s (success and errors alike)', (_status, response) => {
    const template = response.ResponseTemplates['application/json'] as string;
    const render = (origin: string | undefined) =>
      renderTemplate(template, {
        body: '{"SendMessageResponse":{"SendMessageResult":{"MessageId":"m-1"}},"Error":{"Code":"X","Message":"y"}}',
        params: { header: origin === undefined ? {} : { Origin: origin } },
      });
    // An allowed origin is echoed, alone: browsers accept exactly one.
    expect(render('https://admin.example.com').overrides.responseOverride.header['Access-Control-Allow-Origin']).toBe(
      'https://admin.example.com',
    );
    expect(render('https://shop.example.com').overrides.responseOverride.header['Access-Control-Allow-Origin']).toBe(
      'https://shop.example.com',
    );
    // Anything else gets no Allow-Origin at all, never a comma-joined list.
    expect(render('https://evil.example.com').overrides.responseOverride.header['Access-Control-Allow-Origin']).toBeUndefined();
    expect(render(undefined).overrides.responseOverride.header['Access-Control-Allow-Origin']).toBeUndefined();
    expect(render('https://shop.example.com.evil.com').overrides.responseOverride.header['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('answers the preflight of the shared path once, for both methods, with credentials and max age', () => {
    const preflight = resources.ServiceProxyApiCartsCartIdVarOptionsMethod?.Properties;
    expect(preflight?.HttpMethod).toBe('OPTIONS');
    expect(preflight?.AuthorizationType).toBe('NONE');
    const parameters = preflight?.Integration.IntegrationResponses[0].ResponseParameters;
    expect(parameters['method.response.header.Access-Control-Allow-Methods']).toBe("'POST,PUT,OPTIONS'");
    expect(parameters['method.response.header.Access-Control-Allow-Credentials']).toBe("'true'");
    expect(parameters['method.response.header.Access-Control-Max-Age']).toBe("'600'");
    const echo = renderTemplate(preflight?.Integration.IntegrationResponses[0].ResponseTemplates['application/json'], {
      body: '{}',
      params: { header: { Origin: 'https://shop.example.com' } },
    });
    expect(echo.overrides.responseOverride.header['Access-Control-Allow-Origin']).toBe('https://shop.example.com');
  });

  it('puts a static * on every response of a path with Cors: true, and on gateway errors', () => {
    const responsesOfOrders = resources.SubmitOrderMethod?.Properties.Integration.IntegrationResponses as {
      ResponseParameters: Record<string, string>;
    }[];
    for (const r of responsesOfOrders) expect(r.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
    expect(
      resources.ServiceProxyApiDefault4xxGatewayResponse?.Properties.ResponseParameters[
        'gatewayresponse.header.Access-Control-Allow-Origin'
      ],
    ).toBe('method.request.header.Origin');
  });
});
