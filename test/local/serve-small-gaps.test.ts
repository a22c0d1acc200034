/** `serve samples/small-gaps.yaml` end to end: the small gaps of issue 18 against the embedded emulators and moto. */
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, serveSample } from './serve-helpers';

describe.each(BACKENDS)('%s backend: serve small-gaps', (backend) => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('small-gaps', {}, backend);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('routes a path parameter with a dash ({item-id}) and reads it with $request.path.item-id', async () => {
    expect((await call(gateway, 'PUT', '/items/a-1%20b', { body: '{"name":"first"}' })).status).toBe(200);
    const read = await call(gateway, 'GET', '/items/a-1%20b');
    expect([read.status, read.json()]).toEqual([200, { id: 'a-1 b', name: 'first' }]);
  });

  it('answers the replaced name on PATCH (UPDATED_OLD) and the deleted item on DELETE (ALL_OLD)', async () => {
    expect((await call(gateway, 'PUT', '/items/r-1', { body: '{"name":"before"}' })).status).toBe(200);
    const renamed = await call(gateway, 'PATCH', '/items/r-1', { body: '{"name":"after"}' });
    expect([renamed.status, renamed.json()]).toEqual([200, { name: 'before' }]);
    const deleted = await call(gateway, 'DELETE', '/items/r-1');
    expect([deleted.status, deleted.json()]).toEqual([200, { id: 'r-1', name: 'after' }]);
    const again = await call(gateway, 'DELETE', '/items/r-1');
    expect([again.status, again.json()]).toEqual([200, {}]);
  });

  it('answers a body that fails RequestSchema with the RequestSchemaErrorMessage, before DynamoDB is called', async () => {
    const reply = await call(gateway, 'PUT', '/items/bad', { body: '{"name":""}' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ message: 'An item needs a name (a non-empty string); see https://example.com/docs/items.' });
    expect((await call(gateway, 'GET', '/items/bad')).status).toBe(404);
  });

  it('sends what a !Sub RequestTemplate names: the bus and the template parameter, filled in at deploy time', async () => {
    const reply = await call(gateway, 'POST', '/orders', { body: '{"id":"o-1","note":"it\'s \\"fine\\""}' });
    expect(reply.status).toBe(200);
    const state = (await gateway.state()) as { events: Record<string, { detail: unknown; 'detail-type': string; source: string }[]> };
    expect(state.events.orders?.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
      ['com.example.orders', 'OrderPlaced', { id: 'o-1', note: 'it\'s "fine"' }],
    ]);
  });

  it('publishes an SMS to the phone number in the body, with the AWS.SNS.SMS.* attributes, and no topic', async () => {
    const reply = await call(gateway, 'POST', '/verification-codes', { body: '{"phone":"+14155550100","text":"Code: 1 & 2"}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ messageId: expect.stringMatching(/\S/) });
    // moto records SMS in its own backend; the embedded emulator shows them in serve's state.
    if (backend === 'embedded') {
      const state = (await gateway.state()) as { sms: { phoneNumber: string; message: string; messageAttributes: object }[] };
      expect(state.sms.map((m) => [m.phoneNumber, m.message, m.messageAttributes])).toEqual([
        [
          '+14155550100',
          'Code: 1 & 2',
          {
            'AWS.SNS.SMS.SMSType': { Type: 'String', Value: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { Type: 'String', Value: 'Example' },
            'AWS.SNS.SMS.MaxPrice': { Type: 'Number', Value: '0.50' },
          },
        ],
      ]);
    }
  });

  it('answers a phone number SNS refuses (not E.164) with 400', async () => {
    const reply = await call(gateway, 'POST', '/verification-codes', { body: '{"phone":"0800 CALL ME","text":"x"}' });
    expect(reply.status).toBe(400);
  });
});
