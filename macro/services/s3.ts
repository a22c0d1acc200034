import { refusedRequestBodyVtl } from '../request-templates/vtl-limits';
import type { ActionDefinition, ParameterDefinition, ResponseDefinition, ServiceDefinition } from './types';

// S3 errors are XML, which $input.path cannot read: each status gets a fixed JSON body instead —
// or, for a request the key check refused, its reason. Patterns are disjoint because API Gateway
// documents no order for matching them.
const errorBody = (message: string, code: string) => `{"message":"${message}","code":"${code}"}`;

/**
 * The error responses. A call the key check refused goes to a bucket that does not exist and the
 * role may not reach: S3 answers 404, 403 or 400 (InvalidBucketName), so with `refusable` those
 * templates return the refusal's reason instead of their own body.
 */
function s3Errors(refusable: boolean): ResponseDefinition[] {
  const orRefusal = (body: string) => (refusable ? `${refusedRequestBodyVtl}${body}#end` : body);
  return [
    { selectionPattern: '404', statusCode: '404', responseTemplate: orRefusal(errorBody('No object has this key.', 'NotFound')) },
    {
      selectionPattern: '403',
      statusCode: '403',
      responseTemplate: orRefusal(errorBody('Access to the object was denied.', 'AccessDenied')),
    },
    { selectionPattern: '412', statusCode: '412', responseTemplate: errorBody('A precondition failed.', 'PreconditionFailed') },
    { selectionPattern: '416', statusCode: '416', responseTemplate: errorBody('The range cannot be satisfied.', 'InvalidRange') },
    {
      selectionPattern: '4(?!0[34]|1[26])\\d{2}',
      statusCode: '400',
      responseTemplate: orRefusal(errorBody('S3 rejected the request.', 'BadRequest')),
    },
    { selectionPattern: '5\\d{2}', statusCode: '502', responseTemplate: errorBody('S3 failed to answer.', 'ServiceError') },
  ];
}
const errors = s3Errors(true);

const header = (name: string) => ({ [`method.response.header.${name}`]: `integration.response.header.${name}` });
// Every answer says "do not sniff": an object is served from the API's origin as the type it was stored with, never guessed.
const nosniff = { 'method.response.header.X-Content-Type-Options': "'nosniff'" };
const objectHeaders = {
  ...header('Content-Type'),
  ...header('Content-Length'),
  ...header('ETag'),
  ...header('Last-Modified'),
  ...header('Accept-Ranges'),
};

// Binary bodies must pass through untouched: these types are binary on a generated API. JSON and
// text stay text, so the other integrations of the API keep working with their templates.
const BINARY_MEDIA_TYPES = [
  'application/octet-stream',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'image/*',
  'audio/*',
  'video/*',
];

// What PutObject carries: a request template must name each media type it takes (templates are
// chosen by exact Content-Type), and every request must pass through one, since the key check runs
// there. The binary types are within BINARY_MEDIA_TYPES; others get 415.
const UPLOAD_MEDIA_TYPES = {
  binary: [
    'application/octet-stream',
    'application/pdf',
    'application/zip',
    'application/gzip',
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
  ],
  text: ['text/plain', 'text/csv', 'application/json'],
};

// A refused request is sent to a key in a bucket no one can have (two adjacent periods are not
// allowed in a bucket name) and the role is not granted — the key replaced too, since its '..' would
// climb out of any bucket: S3 touches nothing, and the client gets the reason.
const pathGuard = { parameter: 'Key', refusedPath: { bucket: 'service-proxy-refused..request', object: 'refused' } };

const key: ParameterDefinition = {
  description: 'the object key (default: the path parameter {key}, or greedy {key+} for keys with slashes)',
  kind: 'string',
  in: 'requestParameter',
  wireName: 'integration.request.path.object',
  default: '$request.path.key',
  required: true,
};
const passHeader = (name: string, description: string): ParameterDefinition => ({
  description,
  kind: 'string',
  in: 'requestParameter',
  wireName: `integration.request.header.${name}`,
  default: `$request.header.${name}`,
});

/**
 * The common parts of every object action: the REST path of the object (the bucket a path parameter,
 * so that a refused request can be steered away), the key checked, every answer marked nosniff.
 */
function objectAction(
  method: ActionDefinition['integrationHttpMethod'],
  definition: Pick<ActionDefinition, 'parameters' | 'iam' | 'responses'> & Partial<ActionDefinition>,
): ActionDefinition {
  return {
    uri: 's3:path/{bucket}/{object}',
    integrationHttpMethod: method,
    protocol: 'rest',
    requestParameters: { 'integration.request.path.bucket': "'{TargetName}'" },
    fixedFields: [],
    targetFields: [],
    pathGuard,
    ...definition,
    responses: definition.responses.map((r) => ({ ...r, responseParameters: { ...r.responseParameters, ...nosniff } })),
  };
}

// Without s3:ListBucket, S3 answers 403 for a key that does not exist; with it, 404.
const readIam = [
  { actions: ['s3:GetObject'], resource: '{TargetArn}/*' },
  { actions: ['s3:ListBucket'], resource: '{TargetArn}' },
];

/** Amazon S3: objects in one bucket, bodies passed through as they are (binary included). */
export const s3: ServiceDefinition = {
  service: 's3',
  target: {
    description: 'the bucket (!Ref Bucket, !GetAtt Bucket.Arn, or a bucket ARN arn:aws:s3:::name)',
    resourceType: 'AWS::S3::Bucket',
    arnAttribute: 'Arn',
    arnService: 's3',
    emptyArnFields: ['region', 'account'],
    iamResourceType: 'bucket',
    namePattern: '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]',
  },
  actions: {
    GetObject: objectAction('GET', {
      parameters: {
        Key: key,
        Range: passHeader('Range', 'a byte range, e.g. bytes=0-99 (answered with 206)'),
        IfNoneMatch: passHeader('If-None-Match', 'an ETag: 304 when the object has not changed'),
      },
      iam: readIam,
      servesObject: true,
      responses: [
        { statusCode: '200', responseParameters: objectHeaders },
        { selectionPattern: '206', statusCode: '206', responseParameters: { ...objectHeaders, ...header('Content-Range') } },
        { selectionPattern: '304', statusCode: '304', responseParameters: header('ETag') },
        ...errors,
      ],
      binaryMediaTypes: BINARY_MEDIA_TYPES,
    }),
    HeadObject: objectAction('HEAD', {
      parameters: { Key: key },
      iam: readIam,
      servesObject: true,
      responses: [{ statusCode: '200', responseParameters: objectHeaders }, ...errors],
    }),
    PutObject: objectAction('PUT', {
      // No x-amz-acl: objects stay private (and buckets with ACLs disabled accept the call).
      parameters: { Key: key, ContentType: passHeader('Content-Type', "the object's content type (default: the request's)") },
      iam: [{ actions: ['s3:PutObject'], resource: '{TargetArn}/*' }],
      responses: [{ statusCode: '200', responseParameters: header('ETag') }, ...errors],
      binaryMediaTypes: BINARY_MEDIA_TYPES,
      bodyMediaTypes: UPLOAD_MEDIA_TYPES,
      contentHandling: 'CONVERT_TO_BINARY',
    }),
    DeleteObject: objectAction('DELETE', {
      parameters: { Key: key },
      iam: [{ actions: ['s3:DeleteObject'], resource: '{TargetArn}/*' }],
      responses: [{ statusCode: '204' }, ...errors],
    }),
    ListObjectsV2: {
      uri: 's3:path/{TargetName}',
      integrationHttpMethod: 'GET',
      protocol: 'rest',
      requestParameters: { 'integration.request.querystring.list-type': "'2'" },
      fixedFields: [],
      targetFields: [],
      parameters: {
        Prefix: {
          description: 'only keys that begin with it (default: ?prefix=)',
          kind: 'string',
          in: 'requestParameter',
          wireName: 'integration.request.querystring.prefix',
          default: '$request.querystring.prefix',
        },
        ContinuationToken: {
          description: 'the NextContinuationToken of the previous page (default: ?continuation-token=)',
          kind: 'string',
          in: 'requestParameter',
          wireName: 'integration.request.querystring.continuation-token',
          default: '$request.querystring.continuation-token',
        },
        MaxKeys: {
          description: 'keys per page, up to 1000 (default: ?max-keys=)',
          kind: 'string',
          in: 'requestParameter',
          wireName: 'integration.request.querystring.max-keys',
          default: '$request.querystring.max-keys',
        },
      },
      iam: [{ actions: ['s3:ListBucket'], resource: '{TargetArn}' }],
      // S3 lists only in XML; the listing is passed on as application/xml.
      // No key to check, so no refusal to report: the plain error bodies.
      responses: [{ statusCode: '200', responseParameters: header('Content-Type') }, ...s3Errors(false)].map((r) => ({
        ...r,
        responseParameters: { ...r.responseParameters, ...nosniff },
      })),
    },
  },
};
