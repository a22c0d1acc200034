import fc from 'fast-check';
import type { JsonObject } from '../../macro/types';
import { renderTemplate } from '../../vtl';
import { expandSample, integrationOf, renderRequest } from './expanded';

// Strings built to break templates: quotes, backslashes, newlines, VTL syntax, unicode, separators.
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\r',
      '\t',
      "'",
      '$',
      '#',
      '{',
      '}',
      '&',
      '=',
      '+',
      '%',
      '/',
      '\u2028',
      '\u0000',
      'é',
      '€',
      '😀',
      '$input.body',
      '#set($x = 1)',
      '${foreach.count}',
      '\\u0022',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const nonEmpty = nasty.filter((s) => s !== '');
// JSON values whose keys and strings are nasty too (numbers limited to what JSON round-trips exactly).
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(nonEmpty, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const jsonObject = fc.dictionary(nonEmpty, jsonValue, { maxKeys: 4 });
const RUNS = { numRuns: 1000 };
/** A value read from the body that a template treats as not given: null, or the empty string. */
const absent = (value: unknown) => value === null || value === '';

/** Plain JSON from a DynamoDB typed value, to compare an item with what was sent. */
function plain(typed: Record<string, unknown>): unknown {
  const [type, value] = Object.entries(typed)[0] as [string, unknown];
  if (type === 'S' || type === 'BOOL') return value;
  if (type === 'N') return Number(value);
  if (type === 'NULL') return null;
  if (type === 'L') return (value as Record<string, unknown>[]).map(plain);
  return Object.fromEntries(Object.entries(value as Record<string, Record<string, unknown>>).map(([k, v]) => [k, plain(v)]));
}

describe('every default request template keeps any input inside its field (VTL engine, thousands of inputs)', () => {
  it('EventBridge PutEvents: Detail is the body exactly, TraceHeader the header exactly', () => {
    const integration = integrationOf(expandSample('eventbridge-put-events'), 'PlaceOrder');
    fc.assert(
      fc.property(jsonObject, nonEmpty, (detail, trace) => {
        const body = JSON.stringify(detail);
        const sent = JSON.parse(renderRequest(integration, { body, params: { header: { 'X-Amzn-Trace-Id': trace } } }));
        expect(sent.Entries).toHaveLength(1);
        expect(sent.Entries[0]).toEqual({
          Source: 'com.example.orders',
          DetailType: 'OrderPlaced',
          Detail: body,
          EventBusName: 'arn:aws:svc:eu-west-1:123456789012:OrdersBus',
          TraceHeader: trace,
        });
      }),
      RUNS,
    );
  });

  it('EventBridge batch: one entry per element, type and detail from each element', () => {
    const integration = integrationOf(expandSample('eventbridge-put-events'), 'PlaceOrders');
    fc.assert(
      fc.property(fc.array(fc.record({ type: nonEmpty, detail: jsonObject }), { minLength: 1, maxLength: 10 }), (events) => {
        const sent = JSON.parse(renderRequest(integration, { body: JSON.stringify({ events }) }));
        expect(sent.Entries.map((e: { DetailType: string }) => e.DetailType)).toEqual(events.map((e) => e.type));
        expect(sent.Entries.map((e: { Detail: string }) => JSON.parse(e.Detail))).toEqual(events.map((e) => e.detail));
      }),
      RUNS,
    );
  });

  it('Kinesis PutRecord: Data decodes to the raw body, PartitionKey is the header', () => {
    const integration = integrationOf(expandSample('kinesis-put-records'), 'PutClick');
    fc.assert(
      fc.property(nonEmpty, nonEmpty, (body, user) => {
        const sent = JSON.parse(renderRequest(integration, { body, params: { header: { 'X-User-Id': user } } }));
        expect(Buffer.from(sent.Data, 'base64').toString('utf8')).toBe(Buffer.from(body, 'utf8').toString('utf8'));
        expect(sent.PartitionKey).toBe(user);
        expect(sent.StreamName).toBe('Clicks');
      }),
      RUNS,
    );
  });

  it('Kinesis PutRecords: each record from its element (string data as is, objects as JSON)', () => {
    const integration = integrationOf(expandSample('kinesis-put-records'), 'PutClicks');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            data: fc.oneof(
              nonEmpty,
              jsonObject.filter((o) => Object.keys(o).length > 0),
            ),
            key: nonEmpty,
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (records) => {
          const sent = JSON.parse(renderRequest(integration, { body: JSON.stringify({ records }) }));
          expect(sent.Records.map((r: { PartitionKey: string }) => r.PartitionKey)).toEqual(records.map((r) => r.key));
          sent.Records.forEach((r: { Data: string }, i: number) => {
            const data = Buffer.from(r.Data, 'base64').toString('utf8');
            const expected = records[i]?.data;
            if (typeof expected === 'string') expect(data).toBe(expected);
            else expect(JSON.parse(data)).toEqual(expected);
          });
        },
      ),
      RUNS,
    );
  });

  it('Step Functions StartExecution: input is the body exactly, name the request id', () => {
    const integration = integrationOf(expandSample('stepfunctions-executions'), 'StartOrder');
    fc.assert(
      fc.property(jsonObject, nonEmpty, (input, requestId) => {
        const body = JSON.stringify(input);
        const sent = JSON.parse(renderRequest(integration, { body, context: { requestId } }));
        expect(sent).toEqual({ stateMachineArn: 'OrderWorkflow', name: requestId, input: body });
      }),
      RUNS,
    );
  });

  it('DynamoDB PutItem: the body becomes a typed item equal to it, the key from the path wins', () => {
    const integration = integrationOf(expandSample('dynamodb-crud'), 'PutItem');
    fc.assert(
      fc.property(jsonObject, nonEmpty, (item, id) => {
        const sent = JSON.parse(renderRequest(integration, { body: JSON.stringify(item), params: { path: { id } } }));
        expect(sent.TableName).toBe('Items');
        const stored = Object.fromEntries(
          Object.entries(sent.Item as Record<string, Record<string, unknown>>).map(([k, v]) => [k, plain(v)]),
        );
        expect(stored).toEqual({ ...item, id });
      }),
      RUNS,
    );
  });

  it('DynamoDB UpdateItem and Query: values from body, path, query string and context are typed and exact', () => {
    const update = integrationOf(expandSample('dynamodb-crud'), 'RenameItem');
    const query = integrationOf(expandSample('dynamodb-query'), 'ListCustomerOrders');
    fc.assert(
      fc.property(nonEmpty, jsonValue, nonEmpty, nonEmpty, (id, name, customer, status) => {
        const updated = JSON.parse(
          renderRequest(update, { body: JSON.stringify({ name }), params: { path: { id } }, context: { identity: { sourceIp: status } } }),
        );
        expect(updated.Key).toEqual({ id: { S: id } });
        if (name !== null && name !== '') expect(plain(updated.ExpressionAttributeValues[':name'])).toEqual(name);
        expect(updated.ExpressionAttributeValues[':caller']).toEqual({ S: status });
        const queried = JSON.parse(renderRequest(query, { params: { path: { customer }, querystring: { status, limit: status } } }));
        expect(queried.ExpressionAttributeValues).toEqual({ ':customer': { S: customer }, ':status': { S: status } });
        expect(queried.Limit).toBe(100);
      }),
      RUNS,
    );
  });

  it('Lambda Invoke: a payload built from the path, the body and the context parses and holds each exactly', () => {
    const integration = integrationOf(expandSample('lambda-invoke'), 'GetQuote');
    fc.assert(
      fc.property(nonEmpty, jsonObject, nonEmpty, (product, order, ip) => {
        const sent = JSON.parse(
          renderRequest(integration, {
            body: JSON.stringify(order),
            params: { path: { product } },
            context: { identity: { sourceIp: ip } },
          }),
        );
        expect(sent).toEqual({ product, order, caller: ip });
      }),
      RUNS,
    );
  });

  it('generic mode (Translate): every field from the request exactly', () => {
    const integration = integrationOf(expandSample('generic-translate'), 'Translate');
    fc.assert(
      fc.property(nonEmpty, nonEmpty, (text, target) => {
        const sent = JSON.parse(renderRequest(integration, { body: JSON.stringify({ text }), params: { path: { target } } }));
        expect(sent).toEqual({ Text: text, SourceLanguageCode: 'auto', TargetLanguageCode: target });
      }),
      RUNS,
    );
  });

  it('derived Query (SES SendEmail): list elements, subject and text from the body land in exactly their form fields', () => {
    const integration = integrationOf(expandSample('ses-send-email'), 'SendWelcome');
    fc.assert(
      fc.property(fc.array(nonEmpty, { maxLength: 4 }), nasty, nasty, (to, subject, text) => {
        const form = new URLSearchParams(renderRequest(integration, { body: JSON.stringify({ to, subject, text }) }));
        const expected: [string, string][] = [
          ['Action', 'SendEmail'],
          ['Version', '2010-12-01'],
          ['Source', 'hello@example.com'],
          ...to.map((address, i): [string, string] => [`Destination.ToAddresses.member.${i + 1}`, address]),
          ['Destination.BccAddresses.member.1', 'archive@example.com'],
          ...(subject === '' ? [] : [['Message.Subject.Data', subject] as [string, string]]),
          ['Message.Subject.Charset', 'UTF-8'],
          ...(text === '' ? [] : [['Message.Body.Text.Data', text] as [string, string]]),
          ['ReplyToAddresses.member.1', 'support@example.com'],
          ['Tags.member.1.Name', 'campaign'],
          ['Tags.member.1.Value', 'welcome'],
        ];
        expect([...form.entries()]).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("derived Query (SES SendEmail): a body of any JSON shape yields only the model's fields, never a field of its own", () => {
    const integration = integrationOf(expandSample('ses-send-email'), 'SendWelcome');
    const allowed =
      /^(Action|Version|Source|Destination\.(To|Bcc)Addresses\.member\.\d+|Message\.Subject\.(Data|Charset)|Message\.Body\.Text\.Data|ReplyToAddresses\.member\.1|Tags\.member\.1\.(Name|Value))$/;
    fc.assert(
      fc.property(jsonObject, jsonValue, (body, to) => {
        const form = new URLSearchParams(renderRequest(integration, { body: JSON.stringify({ ...body, to }) }));
        for (const name of form.keys()) expect(name).toMatch(allowed);
      }),
      RUNS,
    );
  });

  it('derived AWS JSON (SQS ReceiveMessage, DeleteMessage): path and query values stay in their fields; numbers only when numbers', () => {
    const receive = integrationOf(expandSample('sqs-receive-delete'), 'ReceiveOrders');
    const remove = integrationOf(expandSample('sqs-receive-delete'), 'DeleteOrder');
    fc.assert(
      fc.property(nasty, nonEmpty, (wait, receipt) => {
        const received = JSON.parse(renderRequest(receive, { params: { querystring: { wait } } }));
        const waitNumber = /^-?[0-9]{1,15}$/.test(wait) ? { WaitTimeSeconds: Number(wait) } : {};
        expect(received).toEqual({ QueueUrl: expect.any(String), MessageAttributeNames: ['All'], MaxNumberOfMessages: 5, ...waitNumber });
        const deleted = JSON.parse(renderRequest(remove, { params: { path: { receipt } } }));
        expect(deleted).toEqual({ QueueUrl: expect.any(String), ReceiptHandle: receipt });
      }),
      RUNS,
    );
  });

  it('derived AWS JSON (Step Functions SendTaskSuccess): the token is the path value, the output the body, exactly', () => {
    const integration = integrationOf(expandSample('stepfunctions-send-task-success'), 'CompleteTask');
    fc.assert(
      fc.property(nonEmpty, jsonObject, (token, output) => {
        const body = JSON.stringify(output);
        const sent = JSON.parse(renderRequest(integration, { body, params: { path: { token } } }));
        expect(sent).toEqual({ taskToken: token, output: body });
      }),
      RUNS,
    );
  });
  it('composed (EventBridge Detail as a map): every selector, joined text and header lands in exactly its field of the Detail', () => {
    const integration = integrationOf(expandSample('composed-fields'), 'PlaceOrder');
    fc.assert(
      fc.property(nonEmpty, nonEmpty, nonEmpty, jsonValue, (id, kind, customer, items) => {
        const sent = JSON.parse(
          renderRequest(integration, {
            body: JSON.stringify({ items }),
            params: { path: { id }, querystring: { kind }, header: { 'X-Customer': customer } },
            context: { requestId: 'r-1', identity: { sourceIp: '10.0.0.1' } } as never,
          }),
        );
        expect(sent.Entries).toHaveLength(1);
        expect(sent.Entries[0].DetailType).toBe(`Order${kind}`);
        const detail = JSON.parse(sent.Entries[0].Detail);
        expect(detail).toEqual({
          orderId: id,
          reference: `order-${id}/r-1`,
          customer: { id: customer, sourceIp: '10.0.0.1' },
          ...(absent(items) ? {} : { items }),
          tags: ['api', kind, 42, true, null],
          stack: expect.any(String),
          note: 'it\'s $ 100 # "quoted"',
        });
      }),
      RUNS,
    );
  });

  it('composed (Step Functions input as a map, joined text of two selectors): the input is exactly the map', () => {
    const integration = integrationOf(expandSample('composed-fields'), 'GetQuote');
    fc.assert(
      fc.property(nonEmpty, nasty, jsonValue, (id, name, lines) => {
        const sent = JSON.parse(
          renderRequest(integration, { body: JSON.stringify({ customer: { name }, lines }), params: { path: { id } } }),
        );
        expect(JSON.parse(sent.input)).toEqual({
          quoteId: id,
          label: `quote ${id} for ${name}`,
          ...(absent(lines) ? {} : { lines }),
          currency: 'EUR',
        });
      }),
      RUNS,
    );
  });

  it("composed (SQS MessageBody as a map, form-encoded): the only fields are the form's, the body is the JSON of the map", () => {
    const integration = integrationOf(expandSample('composed-fields'), 'OpenTicket');
    fc.assert(
      fc.property(nonEmpty, jsonValue, nonEmpty, (id, subject, user) => {
        const form = new URLSearchParams(
          renderRequest(integration, { body: JSON.stringify({ subject }), params: { path: { id }, header: { 'X-User': user } } }),
        );
        expect([...form.keys()]).toEqual(['Action', 'Version', 'MessageBody']);
        expect(JSON.parse(form.get('MessageBody') ?? '')).toEqual({
          ticket: id,
          ...(absent(subject) ? {} : { subject }),
          requestedBy: user,
        });
      }),
      RUNS,
    );
  });

  it('composed (DynamoDB key joined with a literal, AsJsonString attribute, Lambda body as a JSON string): exactly the values', () => {
    const put = integrationOf(expandSample('composed-fields'), 'PutNote');
    const hook = integrationOf(expandSample('composed-fields'), 'CallHook');
    fc.assert(
      fc.property(nonEmpty, nasty, nonEmpty, fc.array(jsonValue, { maxLength: 3 }), jsonObject, (id, text, user, tags, body) => {
        const sent = JSON.parse(
          renderRequest(put, { body: JSON.stringify({ text, tags }), params: { path: { id }, header: { 'X-User': user } } }),
        );
        expect(sent.Item.pk).toEqual({ S: `note#${id}` });
        expect(JSON.parse(sent.Item.meta.S)).toEqual({ author: user, tags });
        const payload = JSON.parse(
          renderRequest(hook, { body: JSON.stringify(body), params: { path: { id } }, context: { requestId: 'r-2' } as never }),
        );
        expect(payload).toEqual({ resource: `hooks/${id}`, requestId: 'r-2', body: JSON.stringify(body) });
      }),
      RUNS,
    );
  });
  it('shaped response (projection, request and context values): any answer and header land in exactly their fields', () => {
    const integration = integrationOf(expandSample('shaped-responses'), 'ListOrders');
    const [success] = integration.IntegrationResponses as [JsonObject];
    const template = (success.ResponseTemplates as JsonObject)['application/json'] as string;
    const order = fc.record({ id: nasty, status: fc.option(nasty, { nil: undefined }), skus: fc.array(nasty, { maxLength: 3 }) });
    fc.assert(
      fc.property(nonEmpty, nasty, fc.array(order, { minLength: 1, maxLength: 4 }), (customer, tenant, orders) => {
        const items = orders.map((o) => ({
          orderId: { S: o.id },
          ...(o.status === undefined ? {} : { status: { S: o.status } }),
          lines: { L: o.skus.map((sku) => ({ M: { sku: { S: sku }, quantity: { N: '1' } } })) },
        }));
        const rendered = renderTemplate(template, {
          body: JSON.stringify({ Count: orders.length, Items: items }),
          params: { path: { customer }, header: { 'X-Tenant': tenant }, querystring: {} },
          context: { requestId: 'r-3' },
        } as never);
        expect(JSON.parse(rendered.output)).toEqual({
          customer,
          request: { id: 'r-3', tenant: tenant === '' ? null : tenant },
          count: orders.length,
          orders: orders.map((o) => ({
            id: o.id,
            status: o.status ?? null,
            lines: o.skus.map((sku) => ({ sku, quantity: '1' })),
          })),
          links: [`/customers/${customer}`, `/customers/${customer}/orders`],
        });
      }),
      RUNS,
    );
  });
});
