/** The plain-data model of a deployed REST API that the local runtime serves: routes, methods, integrations. */

/** One segment of a resource path: `orders`, `{id}` or a greedy `{proxy+}`. */
export type PathSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** An integration response, with intrinsics already resolved. */
export interface IntegrationResponseModel {
  readonly statusCode: string;
  readonly selectionPattern?: string;
  /** `method.response.header.X` → `'literal'` | `integration.response.header.Y` | ... */
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
  readonly contentHandling?: string;
}

/** A method's integration, with intrinsics already resolved. */
export interface IntegrationModel {
  /** `AWS`, `MOCK`, `HTTP`, `HTTP_PROXY`, `AWS_PROXY`. */
  readonly type: string;
  readonly uri?: string;
  readonly integrationHttpMethod?: string;
  readonly passthroughBehavior: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  /** `integration.request.{header|querystring|path}.X` → source expression. */
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly contentHandling?: string;
  readonly integrationResponses: readonly IntegrationResponseModel[];
  readonly timeoutInMillis: number;
}

/** A request validator: what API Gateway checks before it calls the integration. */
export interface RequestValidatorModel {
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
}

/** One method of a resource (`AWS::ApiGateway::Method`). */
export interface MethodModel {
  readonly logicalId: string;
  /** Upper-case HTTP method, or `ANY`. */
  readonly httpMethod: string;
  /** `NONE`, `AWS_IAM`, `COGNITO_USER_POOLS`, `CUSTOM`. */
  readonly authorizationType: string;
  readonly apiKeyRequired: boolean;
  /** `method.request.{path|querystring|header}.X` → required. */
  readonly requestParameters: Readonly<Record<string, boolean>>;
  readonly requestValidator?: RequestValidatorModel;
  /** JSON Schemas of the request models, by content type. */
  readonly requestModels: Readonly<Record<string, unknown>>;
  /** Declared method response status codes, with their declared headers. */
  readonly methodResponses: Readonly<Record<string, readonly string[]>>;
  /** The integration, or the reason it could not be resolved locally (the method then answers 500). */
  readonly integration: IntegrationModel | { readonly unresolved: string };
}

/** A resource path with its methods. */
export interface RouteModel {
  /** The REST API it belongs to (a logical ID, or a description of an external API). */
  readonly apiId: string;
  /** The local id API Gateway would show for it (`$context.resourceId`). */
  readonly resourceId: string;
  /** `/orders/{id}`. */
  readonly resourcePath: string;
  readonly segments: readonly PathSegment[];
  /** Methods by upper-case HTTP method (`ANY` included). */
  readonly methods: Readonly<Record<string, MethodModel>>;
}

/** A gateway response customised in the template (`AWS::ApiGateway::GatewayResponse`). */
export interface GatewayResponseModel {
  readonly statusCode?: string;
  /** `gatewayresponse.header.X` → `'literal'`. */
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

/** One REST API's deployment facts. */
export interface ApiModel {
  readonly apiId: string;
  /** The id `$context.apiId` shows. */
  readonly restApiId: string;
  readonly stageName: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** Media types treated as binary (`BinaryMediaTypes`, `*~1*` style already decoded). */
  readonly binaryMediaTypes: readonly string[];
  /** Customised gateway responses by response type (`DEFAULT_4XX`, `MISSING_AUTHENTICATION_TOKEN`, ...). */
  readonly gatewayResponses: Readonly<Record<string, GatewayResponseModel>>;
}

/** Everything the runtime needs: APIs, routes, API keys declared in the template, and what could not be modelled. */
export interface LocalApiModel {
  readonly region: string;
  readonly accountId: string;
  readonly apis: Readonly<Record<string, ApiModel>>;
  readonly routes: readonly RouteModel[];
  /** Literal `Value`s of `AWS::ApiGateway::ApiKey` resources. */
  readonly apiKeys: readonly string[];
  readonly warnings: readonly string[];
}
