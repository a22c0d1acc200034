import { unmarshalItemVtl } from '../request-templates/dynamodb-values';
import { unlessTooLargeVtl } from '../request-templates/vtl-limits';
import { jsonErrorResponses, THROTTLING_STATUS } from '../request-templates/vtl-text';
import type { ActionDefinition, BodyNode, ParameterDefinition, ServiceDefinition } from './types';

// A failed condition is a conflict with the item's current state; throttling asks the client to retry.
const errors = jsonErrorResponses({
  ConditionalCheckFailedException: 409,
  TransactionConflictException: 409,
  ProvisionedThroughputExceededException: 429,
  RequestLimitExceeded: 429,
  ...THROTTLING_STATUS,
});

const key: ParameterDefinition = {
  description: 'the primary key: attribute name → value (a {Type, Value} object forces N, B or BOOL)',
  kind: 'attributeValues',
  wireName: 'Key',
  required: true,
};
const names: ParameterDefinition = {
  description: "placeholders for attribute names in expressions: '#name' → attribute name",
  kind: 'attributeNames',
  wireName: 'ExpressionAttributeNames',
};
const values: ParameterDefinition = {
  description: "values for expressions: ':name' → value (literal or selector)",
  kind: 'attributeValues',
  wireName: 'ExpressionAttributeValues',
};
// Expressions are the stack author's: a caller choosing them could read or change what they like.
const expression = (description: string, wireName: string, required = false): ParameterDefinition => ({
  description,
  kind: 'string',
  wireName,
  literalOnly: true,
  ...(required ? { required } : {}),
});
const condition = expression(
  'a condition the item must meet, e.g. attribute_not_exists(id); when it fails the client gets 409',
  'ConditionExpression',
);
const projection = expression('the attributes to return, e.g. "id, #n"', 'ProjectionExpression');
const consistentRead: ParameterDefinition = {
  description: 'strongly consistent read (true/false)',
  kind: 'boolean',
  wireName: 'ConsistentRead',
};
const indexName: ParameterDefinition = {
  description: 'a global or local secondary index to read (the role may read only that index)',
  kind: 'string',
  wireName: 'IndexName',
  literalOnly: true,
};
const limit: ParameterDefinition = {
  description: 'items per page, 1-1000 (default 100); VTL iterates at most 1000 items, so larger pages are not allowed',
  kind: 'integer',
  wireName: 'Limit',
  minimum: 1,
  maximum: 1000,
  pattern: '[1-9][0-9]{0,2}|1000',
  default: '100',
};
const pageToken: ParameterDefinition = {
  description: 'the nextToken of the previous page',
  kind: 'pageToken',
  wireName: 'ExclusiveStartKey',
  default: '$request.querystring.nextToken',
};

const table: BodyNode = { target: 'name' };
const field = (parameter: string): BodyNode => ({ parameter });

/** The common parts of every DynamoDB action: JSON protocol, action URI, error mapping. */
function action(
  name: string,
  definition: Pick<ActionDefinition, 'parameters' | 'body' | 'responses'> & Partial<ActionDefinition>,
): ActionDefinition {
  return {
    uri: `dynamodb:action/${name}`,
    integrationHttpMethod: 'POST',
    protocol: 'json',
    requestParameters: {},
    fixedFields: [],
    targetFields: [],
    iam: [{ actions: [`dynamodb:${name}`], resource: '{TargetArn}' }],
    ...definition,
  };
}

const itemOrNotFound = [
  "#set($spFound = $input.path('$.Item'))",
  '#if("$!spFound" == "")#set($context.responseOverride.status = 404){"message":"No item has this key.","code":"NotFound"}',
  `#else${unlessTooLargeVtl(unmarshalItemVtl('spFound'), 'an item')}#end`,
].join('');

// At most Limit (≤ 1,000) items: the page loop is within VTL's cap; an item's own maps, lists and sets may not be.
const page = unlessTooLargeVtl(
  [
    `{"items":[#foreach($spFound in $input.path('$.Items'))${unmarshalItemVtl('spFound')}#if($foreach.hasNext),#end#end]`,
    ',"count":$input.path(\'$.Count\')',
    // The token is LastEvaluatedKey as base64url, opaque to the client and safe in a query string.
    "#set($spLastKey = $input.path('$.LastEvaluatedKey'))",
    `#if("$!spLastKey" != ""),"nextToken":"$util.base64Encode($input.json('$.LastEvaluatedKey')).replace("+", "-").replace("/", "_")"#end}`,
  ].join(''),
  'a page of items',
);

// UpdateItem's and DeleteItem's `Attributes` (what ReturnValues asked for) as plain JSON, `{}` when there are none.
const returnedAttributes = `#set($spFound = $input.path('$.Attributes'))#if("$!spFound" == ""){}#else${unlessTooLargeVtl(unmarshalItemVtl('spFound'), 'an item')}#end`;

/** Query and Scan read the table, or with IndexName only that index. */
const readIam = (name: string) => [
  { actions: [`dynamodb:${name}`], resource: '{TargetArn}', when: { parameter: 'IndexName', present: false } },
  { actions: [`dynamodb:${name}`], resource: '{TargetArn}/index/{IndexName}', when: { parameter: 'IndexName', present: true } },
];

/**
 * Amazon DynamoDB: items as plain JSON in and out. Values from the request are typed at call time
 * (S, N, BOOL, NULL, M, L); responses are unmarshalled back to plain JSON.
 */
export const dynamodb: ServiceDefinition = {
  service: 'dynamodb',
  target: {
    description: 'the table (!Ref Table, !GetAtt Table.Arn, or a table ARN)',
    resourceType: 'AWS::DynamoDB::Table',
    arnAttribute: 'Arn',
    arnService: 'dynamodb',
    iamResourceType: 'table',
    resourcePrefix: 'table/',
    otherResourceTypes: [{ type: 'AWS::Serverless::SimpleTable', arnAttribute: 'Arn' }],
    namePattern: '[A-Za-z0-9_.-]{3,255}',
  },
  actions: {
    PutItem: action('PutItem', {
      parameters: {
        Item: {
          description: 'the item: a JSON object from the request (default the body) or a map attribute → value',
          kind: 'item',
          wireName: 'Item',
          default: '$request.body',
          required: true,
        },
        Key: {
          ...key,
          description: 'key attributes added to the item (e.g. the id from the path), replacing same-named body fields',
          required: false,
        },
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      body: {
        object: {
          TableName: table,
          Item: { parameter: 'Item', mergeKeyFrom: 'Key' },
          ConditionExpression: field('ConditionExpression'),
          ExpressionAttributeNames: field('ExpressionAttributeNames'),
          ExpressionAttributeValues: field('ExpressionAttributeValues'),
        },
      },
      responses: [{ statusCode: '200', responseTemplate: '{}' }, ...errors],
    }),
    GetItem: action('GetItem', {
      parameters: { Key: key, ProjectionExpression: projection, ExpressionAttributeNames: names, ConsistentRead: consistentRead },
      body: {
        object: {
          TableName: table,
          Key: field('Key'),
          ProjectionExpression: field('ProjectionExpression'),
          ExpressionAttributeNames: field('ExpressionAttributeNames'),
          ConsistentRead: field('ConsistentRead'),
        },
      },
      responses: [{ statusCode: '200', responseTemplate: itemOrNotFound, overrideStatusCodes: ['404'] }, ...errors],
    }),
    DeleteItem: action('DeleteItem', {
      parameters: {
        Key: key,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: {
          description: 'ALL_OLD answers the deleted item (`{}` when there was none); NONE (the default) answers {}',
          kind: 'string',
          wireName: 'ReturnValues',
          allowed: ['NONE', 'ALL_OLD'],
          literalOnly: true,
        },
      },
      body: {
        object: {
          TableName: table,
          Key: field('Key'),
          ConditionExpression: field('ConditionExpression'),
          ExpressionAttributeNames: field('ExpressionAttributeNames'),
          ExpressionAttributeValues: field('ExpressionAttributeValues'),
          ReturnValues: field('ReturnValues'),
        },
      },
      responses: [{ statusCode: '200', responseTemplate: '{}' }, ...errors],
      // Only ALL_OLD has anything to answer; without it the response stays the one every delete had.
      responseVariants: [
        {
          parameter: 'ReturnValues',
          equals: 'ALL_OLD',
          responses: [{ statusCode: '200', responseTemplate: returnedAttributes }, ...errors],
        },
      ],
    }),
    UpdateItem: action('UpdateItem', {
      parameters: {
        Key: key,
        UpdateExpression: expression('the update, e.g. "SET #s = :s"', 'UpdateExpression', true),
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: {
          description: 'what the response holds: ALL_NEW (default), UPDATED_NEW, ALL_OLD, UPDATED_OLD or NONE',
          kind: 'string',
          wireName: 'ReturnValues',
          default: 'ALL_NEW',
          allowed: ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'],
          literalOnly: true,
        },
      },
      body: {
        object: {
          TableName: table,
          Key: field('Key'),
          UpdateExpression: field('UpdateExpression'),
          ConditionExpression: field('ConditionExpression'),
          ExpressionAttributeNames: field('ExpressionAttributeNames'),
          ExpressionAttributeValues: field('ExpressionAttributeValues'),
          ReturnValues: field('ReturnValues'),
        },
      },
      responses: [
        {
          statusCode: '200',
          responseTemplate: returnedAttributes,
        },
        ...errors,
      ],
    }),
    Query: action('Query', {
      parameters: {
        KeyConditionExpression: expression(
          'the key condition, e.g. "pk = :pk AND begins_with(sk, :prefix)"',
          'KeyConditionExpression',
          true,
        ),
        ExpressionAttributeValues: { ...values, required: true },
        ExpressionAttributeNames: names,
        IndexName: indexName,
        FilterExpression: expression('a filter applied after reading', 'FilterExpression'),
        ProjectionExpression: projection,
        Limit: limit,
        ScanIndexForward: {
          description: 'ascending sort key order (true, the default) or descending (false)',
          kind: 'boolean',
          wireName: 'ScanIndexForward',
        },
        ConsistentRead: consistentRead,
        ExclusiveStartKey: pageToken,
      },
      body: {
        object: {
          TableName: table,
          IndexName: field('IndexName'),
          KeyConditionExpression: field('KeyConditionExpression'),
          FilterExpression: field('FilterExpression'),
          ProjectionExpression: field('ProjectionExpression'),
          ExpressionAttributeNames: field('ExpressionAttributeNames'),
          ExpressionAttributeValues: field('ExpressionAttributeValues'),
          Limit: field('Limit'),
          ScanIndexForward: field('ScanIndexForward'),
          ConsistentRead: field('ConsistentRead'),
          ExclusiveStartKey: field('ExclusiveStartKey'),
        },
      },
      iam: readIam('Query'),
      responses: [{ statusCode: '200', responseTemplate: page }, ...errors],
    }),
    Scan: action('Scan', {
      parameters: {
        IndexName: indexName,
        FilterExpression: expression('a filter applied after reading', 'FilterExpression'),
        ProjectionExpression: projection,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: limit,
        ConsistentRead: consistentRead,
        ExclusiveStartKey: pageToken,
      },
      body: {
        object: {
          TableName: table,
          IndexName: field('IndexName'),
          FilterExpression: field('FilterExpression'),
          ProjectionExpression: field('ProjectionExpression'),
          ExpressionAttributeNames: field('ExpressionAttributeNames'),
          ExpressionAttributeValues: field('ExpressionAttributeValues'),
          Limit: field('Limit'),
          ConsistentRead: field('ConsistentRead'),
          ExclusiveStartKey: field('ExclusiveStartKey'),
        },
      },
      iam: readIam('Scan'),
      responses: [{ statusCode: '200', responseTemplate: page }, ...errors],
    }),
  },
};
