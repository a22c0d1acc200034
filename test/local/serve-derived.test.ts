/**
 * `serve --backend moto` runs the actions derived from AWS's models end to end: the expanded API on
 * localhost, moto_server behind it with the template's queue, parameter and email identity. SQS messages
 * are received and deleted through the API; SSM, SES, SageMaker runtime and Step Functions answer through
 * the derived templates, and service errors come back mapped.
 */
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { LocalGateway } from '../../gateway/gateway';
import { call, QueueReader, serveSample } from './serve-helpers';

describe('moto backend: derived actions', () => {
  describe('SQS ReceiveMessage and DeleteMessage', () => {
    let gateway: LocalGateway;
    let queues: QueueReader;
    beforeAll(async () => {
      gateway = await serveSample('sqs-receive-delete', {}, 'moto');
      queues = new QueueReader(gateway.endpoints.sqs!);
    });
    afterAll(async () => {
      queues?.destroy();
      await gateway?.stop();
    });

    it('receives the messages on the queue with their attributes, and deletes one by its receipt handle', async () => {
      const { QueueUrl } = await queues.client.send(new GetQueueUrlCommand({ QueueName: 'Orders' }));
      await queues.client.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: '{"order":"o-1 & co"}',
          MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } },
        }),
      );
      const received = await call(gateway, 'GET', '/orders?wait=1');
      expect(received.status).toBe(200);
      const { Messages } = received.json() as { Messages: { Body: string; ReceiptHandle: string; MessageAttributes: unknown }[] };
      expect(Messages).toHaveLength(1);
      expect(Messages[0]).toMatchObject({
        Body: '{"order":"o-1 & co"}',
        MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } },
      });

      const deleted = await call(gateway, 'DELETE', `/orders/${encodeURIComponent(Messages[0]!.ReceiptHandle)}`);
      expect(deleted.status).toBe(200);
      expect(await queues.drain('Orders')).toEqual([]);
    });

    it('maps an SQS error to 400 with {message, code}', async () => {
      const reply = await call(gateway, 'DELETE', '/orders/not-a-receipt-handle');
      expect(reply.status).toBe(400);
      expect(reply.json()).toEqual({ message: expect.any(String), code: 'ReceiptHandleIsInvalid' });
    });
  });

  it('SSM GetParameter answers with the parameter the template declares', async () => {
    const gateway = await serveSample('ssm-get-parameter', {}, 'moto');
    try {
      const reply = await call(gateway, 'GET', '/flags');
      expect(reply.status).toBe(200);
      expect(reply.json()).toMatchObject({ Parameter: { Name: '/app/feature-flags', Value: '{"beta":false}' } });
    } finally {
      await gateway.stop();
    }
  });

  it('SES SendEmail sends from the verified identity and answers with the message id', async () => {
    const gateway = await serveSample('ses-send-email', {}, 'moto');
    try {
      const reply = await call(gateway, 'POST', '/welcome', {
        body: '{"to":["a@example.org","b@example.org"],"subject":"Hi","text":"hello"}',
      });
      expect(reply.status).toBe(200);
      expect(reply.json()).toEqual({ MessageId: expect.any(String) });
    } finally {
      await gateway.stop();
    }
  });

  it('SageMaker runtime InvokeEndpoint reaches the endpoint path and passes the model answer on', async () => {
    const gateway = await serveSample('sagemaker-invoke-endpoint', {}, 'moto');
    try {
      const reply = await call(gateway, 'POST', '/predict', { body: '{"features":[1,2]}' });
      expect(reply.status).toBe(200);
      // moto answers every invocation with a fixed body.
      expect(reply.text).toBe('body');
    } finally {
      await gateway.stop();
    }
  });

  it('Step Functions SendTaskSuccess is accepted', async () => {
    const gateway = await serveSample('stepfunctions-send-task-success', {}, 'moto');
    try {
      const reply = await call(gateway, 'POST', '/tasks/token-1/success', { body: '{"ok":true}' });
      expect(reply.status).toBe(200);
      expect(reply.json()).toEqual({});
    } finally {
      await gateway.stop();
    }
  });
});
