/** The local API Gateway runtime's pure steps: routing, intrinsics, URIs, parameter mapping, request and response mapping. */
import {
  type ApiModel,
  buildApiModel,
  gatewayResponse,
  handleRequest,
  type IntegrationModel,
  type LocalApiModel,
  type LocalRequest,
  type MethodModel,
  mapIntegrationRequest,
  mapIntegrationResponse,
  matchRoute,
  parseIntegrationUri,
  type RouteModel,
  requestParameterValue,
  resolveIntrinsics,
  type ServiceRequest,
  ServiceTimeoutError,
  UnresolvableIntrinsicError,
} from '../../gateway';
import { evaluateConditions } from '../../gateway/conditions';
import { curlCommand, shellQuote } from '../../gateway/curl-commands';

const API: ApiModel = {
  apiId: 'Api',
  restApiId: 'abc123defg',
  stageName: 'prod',
  stageVariables: { v: 'stage-value' },
  binaryMediaTypes: ['image/*'],
  gatewayResponses: {},
};

function integration(overrides: Partial<IntegrationModel> = {}): IntegrationModel {
  return {
    type: 'AWS',
    uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders',
    integrationHttpMethod: 'POST',
    passthroughBehavior: 'NEVER',
    requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
    requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
    integrationResponses: [{ statusCode: '200', responseParameters: {}, responseTemplates: {} }],
    timeoutInMillis: 29_000,
    ...overrides,
  };
}

function method(httpMethod: string, overrides: Partial<MethodModel> = {}): MethodModel {
  return {
    logicalId: `${httpMethod}Method`,
    httpMethod,
    authorizationType: 'NONE',
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    methodResponses: { '200': [], '400': [], '502': [] },
    integration: integration(),
    ...overrides,
  };
}

function route(path: string, methods: MethodModel[]): RouteModel {
  const segments =
    path === '/'
      ? []
      : path
          .slice(1)
          .split('/')
          .map((part) => {
            const greedy = /^\{(.+)\+\}$/.exec(part);
            if (greedy) return { kind: 'greedy' as const, name: greedy[1] as string };
            const param = /^\{(.+)\}$/.exec(part);
            return param ? { kind: 'param' as const, name: param[1] as string } : { kind: 'literal' as const, value: part };
          });
  return {
    apiId: 'Api',
    resourceId: 'r1',
    resourcePath: path,
    segments,
    methods: Object.fromEntries(methods.map((m) => [m.httpMethod, m])),
  };
}

function request(overrides: Partial<LocalRequest> = {}): LocalRequest {
  return {
    method: 'POST',
    path: '/orders',
    query: {},
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from('{"a":1}'),
    ...overrides,
  };
}

const CONTEXT = { requestId: 'req-1', stage: 'prod' };

describe('route matching', () => {
  const routes = [
    route('/', [method('GET')]),
    route('/orders', [method('POST'), method('GET')]),
    route('/orders/{id}', [method('ANY')]),
    route('/orders/special', [method('GET')]),
    route('/files/{key+}', [method('PUT')]),
    route('/{proxy+}', [method('ANY')]),
  ];

  it.each([
    ['GET', '/', '/', {}],
    ['POST', '/orders', '/orders', {}],
    ['GET', '/orders/', '/orders', {}],
    ['DELETE', '/orders/o%201', '/orders/{id}', { id: 'o 1' }],
    ['GET', '/orders/special', '/orders/special', {}],
    ['POST', '/orders/special', '/orders/special', undefined],
    ['PUT', '/files/a/b/c.txt', '/files/{key+}', { key: 'a/b/c.txt' }],
    ['GET', '/files/a/b', '/files/{key+}', undefined],
    ['PATCH', '/x/y', '/{proxy+}', { proxy: 'x/y' }],
  ])('%s %s → %s', (httpMethod, path, resourcePath, params) => {
    const match = matchRoute(routes, httpMethod, path);
    if (params === undefined) {
      // The most specific resource wins even when it lacks the method: API Gateway then answers 403.
      expect(match).toMatchObject({ kind: 'method-not-defined', route: { resourcePath } });
      return;
    }
    expect(match).toMatchObject({ kind: 'matched', route: { resourcePath }, pathParams: params });
  });

  it('reports no route when nothing matches', () => {
    expect(matchRoute([route('/orders', [method('POST')])], 'POST', '/nope')).toEqual({ kind: 'no-route' });
  });
});

describe('intrinsics', () => {
  const env = {
    values: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '111122223333', 'AWS::Partition': 'aws', Stage: 'dev' },
    resources: {
      Orders: {
        ref: 'https://sqs/111122223333/orders',
        attributes: { Arn: 'arn:aws:sqs:eu-west-1:111122223333:orders', QueueName: 'orders' },
      },
    },
    conditions: { IsDev: true },
  };

  it('resolves Sub (with ${!literal}), Join, Select, Split, GetAtt, If and Ref', () => {
    const value = {
      uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${Orders.QueueName}' },
      vtl: { 'Fn::Sub': ['#set($x = "${!literal}")${Name}', { Name: { Ref: 'Stage' } }] },
      joined: { 'Fn::Join': ['/', ['a', { Ref: 'Stage' }]] },
      selected: { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Orders', 'Arn'] }] }] },
      chosen: { 'Fn::If': ['IsDev', 'yes', 'no'] },
      removed: { Ref: 'AWS::NoValue' },
    };
    expect(resolveIntrinsics(value, env)).toEqual({
      uri: 'arn:aws:apigateway:eu-west-1:sqs:path/111122223333/orders',
      vtl: '#set($x = "${literal}")dev',
      joined: 'a/dev',
      selected: 'aws',
      chosen: 'yes',
    });
  });

  it('names what it cannot resolve', () => {
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'shared' }, env)).toThrow(UnresolvableIntrinsicError);
    expect(() => resolveIntrinsics({ Ref: 'Missing' }, env)).toThrow('Ref Missing');
  });

  it('evaluates conditions against parameter values', () => {
    const conditions = {
      On: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] },
      Off: { 'Fn::Not': [{ Condition: 'On' }] },
      Both: { 'Fn::And': [{ Condition: 'On' }, { Condition: 'Off' }] },
    };
    expect(evaluateConditions(conditions, env).values).toEqual({ On: true, Off: false, Both: false });
  });
});

describe('integration URIs', () => {
  it.each([
    ['arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders', { service: 'sqs', style: 'path', path: '/123456789012/orders' }],
    ['arn:aws:apigateway:us-east-1:sns:path//', { service: 'sns', style: 'path', path: '/' }],
    [
      'arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem',
      { service: 'dynamodb', region: 'eu-west-1', style: 'action', action: 'PutItem', extra: '' },
    ],
    [
      'arn:aws:apigateway:us-east-1:s3:action/GetObject&Bucket={bucket}&Key={key}',
      { service: 's3', style: 'action', action: 'GetObject', extra: 'Bucket={bucket}&Key={key}' },
    ],
    ['arn:aws:apigateway:us-east-1:my-bucket.s3:path/{key}', { service: 's3', subdomain: 'my-bucket', style: 'path', path: '/{key}' }],
  ])('%s', (uri, expected) => {
    expect(parseIntegrationUri(uri)).toMatchObject(expected);
  });

  it('rejects a URI that is not an AWS integration URI', () => {
    expect(() => parseIntegrationUri('https://example.com')).toThrow(/not an AWS integration URI/);
  });
});

describe('request parameter mapping', () => {
  const source = {
    pathParams: { id: '42' },
    query: { tag: ['a', 'b'] },
    headers: { 'X-Trace': 't-1' },
    body: '{"order":{"id":"o-9"}}',
    stageVariables: { bucket: 'b1' },
    context: { requestId: 'r-1', identity: { sourceIp: '1.2.3.4' } },
  };
  it.each([
    ["'literal'", 'literal'],
    ['method.request.path.id', '42'],
    ['method.request.querystring.tag', 'b'],
    ['method.request.multivaluequerystring.tag', ['a', 'b']],
    ['method.request.header.x-trace', 't-1'],
    ['method.request.body.order.id', 'o-9'],
    ['method.request.body', '{"order":{"id":"o-9"}}'],
    ['stageVariables.bucket', 'b1'],
    ['context.identity.sourceIp', '1.2.3.4'],
    ['method.request.header.Missing', undefined],
    ['nonsense', null],
  ])('%s', (expression, expected) => {
    expect(requestParameterValue(expression, source)).toEqual(expected);
  });
});

describe('mapIntegrationRequest', () => {
  it('renders the template, maps headers and keeps the URI path', () => {
    const result = mapIntegrationRequest({
      api: API,
      integration: integration(),
      request: request({ body: Buffer.from('a&b=c') }),
      pathParams: {},
      context: CONTEXT,
    });
    expect(result).toMatchObject({
      kind: 'service',
      request: {
        service: 'sqs',
        url: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        action: 'SendMessage',
      },
    });
    expect(result.kind === 'service' && result.request.body.toString()).toBe('Action=SendMessage&MessageBody=a%26b%3Dc');
  });

  it('adds X-Amz-Target and the JSON content type for action URIs of JSON services, unless mapped', () => {
    const dynamo = integration({
      uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
      requestParameters: {},
      requestTemplates: { 'application/json': '{"TableName":"t"}' },
    });
    const result = mapIntegrationRequest({ api: API, integration: dynamo, request: request(), pathParams: {}, context: CONTEXT });
    expect(result).toMatchObject({
      kind: 'service',
      request: {
        url: 'https://dynamodb.us-east-1.amazonaws.com/',
        headers: { 'X-Amz-Target': 'DynamoDB_20120810.PutItem', 'Content-Type': 'application/x-amz-json-1.0' },
      },
    });
    const sns = integration({
      uri: 'arn:aws:apigateway:us-east-1:sns:action/Publish',
      requestTemplates: { 'application/json': 'Message=x' },
    });
    const query = mapIntegrationRequest({ api: API, integration: sns, request: request(), pathParams: {}, context: CONTEXT });
    expect(query.kind === 'service' && query.request.url).toBe('https://sns.us-east-1.amazonaws.com/?Action=Publish');
  });

  it('puts mapped path parameters into path URIs (greedy keys keep their slashes) and applies overrides last', () => {
    const s3 = integration({
      uri: 'arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}',
      integrationHttpMethod: 'PUT',
      passthroughBehavior: 'WHEN_NO_MATCH',
      requestParameters: {
        'integration.request.path.bucket': 'stageVariables.v',
        'integration.request.path.key': 'method.request.path.key',
        'integration.request.header.Content-Type': 'method.request.header.Content-Type',
      },
      requestTemplates: {},
    });
    const binary = Buffer.from([0xff, 0x00, 0x10]);
    const result = mapIntegrationRequest({
      api: API,
      integration: s3,
      request: request({ method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: binary }),
      pathParams: { key: 'a b/c.png' },
      context: CONTEXT,
    });
    expect(result).toMatchObject({
      kind: 'service',
      request: {
        method: 'PUT',
        url: 'https://s3.us-east-1.amazonaws.com/stage-value/a%20b/c.png',
        headers: { 'Content-Type': 'image/png' },
      },
    });
    expect(result.kind === 'service' && result.request.body.equals(binary)).toBe(true);

    const override = integration({
      requestTemplates: {
        'application/json':
          '#set($context.requestOverride.header.X-Amz-Target = "AWSEvents.PutEvents")#set($context.requestOverride.querystring.q = "1"){}',
      },
    });
    const overridden = mapIntegrationRequest({ api: API, integration: override, request: request(), pathParams: {}, context: CONTEXT });
    expect(overridden).toMatchObject({
      kind: 'service',
      request: {
        url: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders?q=1',
        headers: { 'X-Amz-Target': 'AWSEvents.PutEvents' },
        action: 'PutEvents',
      },
    });
  });

  it('answers 415 for an unmapped content type, 400 for a body that is not JSON, 500 for a broken template', () => {
    const rejected = mapIntegrationRequest({
      api: API,
      integration: integration(),
      request: request({ headers: { 'Content-Type': 'text/plain' } }),
      pathParams: {},
      context: CONTEXT,
    });
    expect(rejected).toMatchObject({ kind: 'error', response: { statusCode: 415 } });

    const jsonPath = integration({ requestTemplates: { 'application/json': "MessageBody=$input.path('$.a')" } });
    const badBody = mapIntegrationRequest({
      api: API,
      integration: jsonPath,
      request: request({ body: Buffer.from('{"a": nope') }),
      pathParams: {},
      context: CONTEXT,
    });
    expect(badBody).toMatchObject({
      kind: 'error',
      response: { statusCode: 400 },
      reason: expect.stringMatching(/not valid JSON.*line 1, column 13/),
    });

    const broken = integration({ requestTemplates: { 'application/json': '#if($x' } });
    const failed = mapIntegrationRequest({ api: API, integration: broken, request: request(), pathParams: {}, context: CONTEXT });
    expect(failed.kind === 'error' && failed.response.body.toString()).toBe('{"message": "Internal server error"}');
    expect(failed.kind === 'error' && failed.response.statusCode).toBe(500);
  });

  it('hands MOCK integrations the status code their request template renders', () => {
    const mock = integration({
      type: 'MOCK',
      uri: undefined,
      passthroughBehavior: 'WHEN_NO_MATCH',
      requestTemplates: { 'application/json': '{"statusCode": 204}' },
    });
    expect(
      mapIntegrationRequest({
        api: API,
        integration: mock,
        request: request({ method: 'OPTIONS', body: Buffer.alloc(0) }),
        pathParams: {},
        context: CONTEXT,
      }),
    ).toMatchObject({ kind: 'mock', statusCode: 204 });
  });
});

describe('mapIntegrationResponse', () => {
  const responses = integration({
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: {
          'method.response.header.X-Id': 'integration.response.header.x-amzn-requestid',
          'method.response.header.X-Static': "'yes'",
        },
        responseTemplates: { 'application/json': '{"id":"$input.path(\'$.id\')"}' },
      },
      {
        statusCode: '400',
        selectionPattern: '4\\d{2}',
        responseParameters: {},
        responseTemplates: { 'application/json': '#set($context.responseOverride.status = 409)conflict' },
      },
      { statusCode: '418', selectionPattern: '5\\d{2}', responseParameters: {}, responseTemplates: {} },
    ],
  });
  const state = { params: {}, context: CONTEXT, responseOverride: { header: {} }, warnings: [] };
  const map = (status: number, body: string) =>
    mapIntegrationResponse({
      api: API,
      integration: responses,
      methodResponses: { '200': ['method.response.header.X-Id'], '400': [] },
      backend: { status, headers: { 'x-amzn-requestid': 'aws-1' }, body: Buffer.from(body) },
      state,
      accept: undefined,
    });

  it('selects by status, renders the template and maps headers', () => {
    const result = map(200, '{"id":"m-1"}');
    expect(result).toMatchObject({
      kind: 'response',
      response: { statusCode: 200, headers: { 'Content-Type': 'application/json', 'X-Id': 'aws-1', 'X-Static': 'yes' } },
    });
    expect(result.response.body.toString()).toBe('{"id":"m-1"}');
  });

  it('honours $context.responseOverride.status', () => {
    expect(map(404, '{}')).toMatchObject({ kind: 'response', response: { statusCode: 409 } });
  });

  it('answers 500 when the selected response has no method response', () => {
    const result = map(503, '{}');
    expect(result).toMatchObject({
      kind: 'error',
      response: { statusCode: 500 },
      reason: expect.stringContaining('invalid method response: 418'),
    });
  });
});

describe('handleRequest', () => {
  const model = (m: MethodModel): LocalApiModel => ({
    region: 'us-east-1',
    accountId: '123456789012',
    apis: { Api: API },
    routes: [route('/orders', [m])],
    apiKeys: [],
    warnings: [],
  });
  const deps = (
    send: (r: ServiceRequest) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>,
    apiKeys: string[] = [],
    deny = false,
  ) => ({
    send,
    policy: { apiKeys: new Set(apiKeys), denyUnauthenticated: deny },
    newRequestId: () => 'req-1',
    now: () => new Date(0),
  });
  const ok = async () => ({ status: 200, headers: {}, body: Buffer.from('{}') });

  it('answers 403 Missing Authentication Token for unknown routes and methods', async () => {
    const { response } = await handleRequest(model(method('POST')), request({ path: '/nope' }), deps(ok));
    expect(response.statusCode).toBe(403);
    expect(response.body.toString()).toBe('{"message":"Missing Authentication Token"}');
    expect((await handleRequest(model(method('POST')), request({ method: 'GET' }), deps(ok))).trace.reason).toBe(
      'no GET method on /orders (defined: POST)',
    );
  });

  it('checks API keys and, when asked, the presence of an Authorization header', async () => {
    const keyed = model(method('POST', { apiKeyRequired: true }));
    expect((await handleRequest(keyed, request(), deps(ok, ['k1']))).response.statusCode).toBe(403);
    expect(
      (await handleRequest(keyed, request({ headers: { 'Content-Type': 'application/json', 'x-api-key': 'k1' } }), deps(ok, ['k1'])))
        .response.statusCode,
    ).toBe(200);
    const iam = model(method('POST', { authorizationType: 'AWS_IAM' }));
    expect((await handleRequest(iam, request(), deps(ok))).response.statusCode).toBe(200);
    expect((await handleRequest(iam, request(), deps(ok, [], true))).response.statusCode).toBe(401);
  });

  it('validates parameters and bodies against the request model', async () => {
    const validated = model(
      method('POST', {
        requestValidator: { validateRequestBody: true, validateRequestParameters: true },
        requestParameters: { 'method.request.header.X-Tenant': true },
        requestModels: { 'application/json': { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['id'] } },
      }),
    );
    const missing = await handleRequest(validated, request(), deps(ok));
    expect([missing.response.statusCode, missing.response.body.toString()]).toEqual([
      400,
      '{"message":"Missing required request parameters: [X-Tenant]"}',
    ]);
    const invalid = await handleRequest(validated, request({ headers: { 'Content-Type': 'application/json', 'X-Tenant': 't' } }), deps(ok));
    expect([invalid.response.statusCode, invalid.response.body.toString()]).toEqual([400, '{"message":"Invalid request body"}']);
    const valid = await handleRequest(
      validated,
      request({ headers: { 'Content-Type': 'application/json', 'X-Tenant': 't' }, body: Buffer.from('{"id":1}') }),
      deps(ok),
    );
    expect(valid.response.statusCode).toBe(200);
  });

  it('turns a failed service call into 500 and a timeout into 504, never a throw', async () => {
    const failed = await handleRequest(
      model(method('POST')),
      request(),
      deps(async () => Promise.reject(new Error('ECONNREFUSED'))),
    );
    expect([failed.response.statusCode, failed.response.body.toString()]).toEqual([500, '{"message": "Internal server error"}']);
    const slow = await handleRequest(
      model(method('POST')),
      request(),
      deps(async () => Promise.reject(new ServiceTimeoutError('late'))),
    );
    expect(slow.response.statusCode).toBe(504);
    expect(slow.response.headers['x-amzn-RequestId']).toBe('req-1');
  });
});

describe('the model from a template', () => {
  it('walks ParentId/PathPart trees from the RestApi root, skips false conditions and reads stages', () => {
    const template = {
      Parameters: { Enable: { Type: 'String', Default: 'no' } },
      Conditions: { On: { 'Fn::Equals': [{ Ref: 'Enable' }, 'yes'] } },
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { BinaryMediaTypes: ['image~1png'] } },
        A: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'a' },
        },
        B: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'A' }, PathPart: '{b+}' } },
        M1: {
          Type: 'AWS::ApiGateway::Method',
          Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { Ref: 'B' }, HttpMethod: 'get', Integration: { Type: 'MOCK' } },
        },
        M2: {
          Type: 'AWS::ApiGateway::Method',
          Condition: 'On',
          Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { Ref: 'A' }, HttpMethod: 'POST', Integration: { Type: 'MOCK' } },
        },
        M3: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ResourceId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
            HttpMethod: 'ANY',
            Integration: { Type: 'AWS', Uri: { 'Fn::ImportValue': 'x' } },
          },
        },
        Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v1', Variables: { k: 'v' } } },
      },
    };
    const model = buildApiModel(template);
    expect(model.routes.map((r) => `${Object.keys(r.methods).join(',')} ${r.resourcePath}`).sort()).toEqual(['ANY /', 'GET /a/{b+}']);
    expect(model.apis.Api).toMatchObject({ stageName: 'v1', stageVariables: { k: 'v' }, binaryMediaTypes: ['image/png'] });
    expect(model.routes.find((r) => r.resourcePath === '/')?.methods.ANY?.integration).toEqual({
      unresolved: expect.stringContaining('Fn::ImportValue'),
    });
  });
});

describe('gateway responses and curl commands', () => {
  it('applies a customised DEFAULT_4XX response', () => {
    const api = {
      ...API,
      gatewayResponses: {
        DEFAULT_4XX: {
          responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
          responseTemplates: { 'application/json': '{"error":$context.error.messageString}' },
        },
      },
    };
    const response = gatewayResponse(api, 'MISSING_AUTHENTICATION_TOKEN');
    expect(response.headers['Access-Control-Allow-Origin']).toBe('*');
    expect(response.body.toString()).toBe('{"error":"Missing Authentication Token"}');
  });

  it('prints pasteable curl commands with shell quoting', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const r = route('/orders/{id}', [
      method('POST', { apiKeyRequired: true, requestParameters: { 'method.request.querystring.q': true } }),
    ]);
    expect(curlCommand('http://127.0.0.1:3000', r, r.methods.POST as MethodModel, { apiKey: 'k' })).toBe(
      `curl -i -X POST 'http://127.0.0.1:3000/orders/example?q=example' -H 'x-api-key: k' -H 'Content-Type: application/json' -d '{"hello":"world"}'`,
    );
  });
});
