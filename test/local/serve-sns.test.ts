/** `serve` end to end for the SNS samples, plus what API Gateway answers for requests a template cannot map. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { expandFile } from '../../cli/expand-file';
import { type LocalGateway, startLocalGateway } from '../../gateway/gateway';
import { ACCOUNT, BACKENDS, call, credentials, HOSTILE, serveSample } from './serve-helpers';

interface Published {
  message: string;
  subject?: string;
  messageAttributes: Record<string, { Type: string; Value: string }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}
type Topics = Record<string, Published[]>;

async function published(gateway: LocalGateway): Promise<Topics> {
  return ((await gateway.state()) as { topics: Topics }).topics;
}

describe.each(BACKENDS)('%s backend', (backend) => {
  describe('serve sns-publish', () => {
    let gateway: LocalGateway;
    beforeAll(async () => {
      gateway = await serveSample('sns-publish', {}, backend);
    });
    afterAll(() => gateway?.stop());

    it('creates the template topic in the emulator', async () => {
      const sns = new SNSClient({ endpoint: gateway.endpoints.sns, region: 'us-east-1', credentials });
      const { Topics = [] } = await sns.send(new ListTopicsCommand({}));
      sns.destroy();
      expect(Topics.map((t) => t.TopicArn)).toEqual([`arn:aws:sns:us-east-1:${ACCOUNT}:Notifications`]);
    });

    it('publishes hostile bodies byte for byte, with subject and attributes', async () => {
      const channel = `web & "beta" = 'x'+%`;
      for (const body of HOSTILE) {
        const reply = await call(gateway, 'POST', `/notifications?channel=${encodeURIComponent(channel)}`, { body });
        expect(reply.status).toBe(200);
        expect(reply.json()).toEqual({ messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      }
      const messages = (await published(gateway)).Notifications ?? [];
      expect(messages.map((m) => m.message)).toEqual(HOSTILE);
      expect(messages[0]).toMatchObject({
        subject: 'New notification',
        messageAttributes: { channel: { Type: 'String', Value: channel }, origin: { Type: 'String', Value: 'api' } },
      });
    });

    it('answers 400 (not 500) for a body the template reads as JSON but is not, and 400 for a topic not in the template', async () => {
      const invalid = await call(gateway, 'POST', '/alerts/high', { body: '{"text": oops' });
      expect(invalid.status).toBe(400);
      expect(invalid.json()).toEqual({ message: expect.stringContaining('Could not process payload') });
      const missingTopic = await call(gateway, 'POST', '/alerts/high', { body: '{"text":"disk full","title":"Alert"}' });
      expect(missingTopic.status).toBe(400);
      // AWS documents the error code (Publish: NotFound, "the requested resource does not exist"), not its text: the
      // embedded emulator answers AWS's observed 'Topic does not exist', moto 5.2.1 'Endpoint does not exist'.
      expect(missingTopic.json()).toEqual({
        code: 'NotFound',
        message: backend === 'embedded' ? 'Topic does not exist' : expect.any(String),
      });
    });
  });

  describe('serve sns-fifo', () => {
    let gateway: LocalGateway;
    beforeAll(async () => {
      gateway = await serveSample('sns-fifo', {}, backend);
    });
    afterAll(() => gateway?.stop());

    it('sets the message group from the path and the deduplication id from the body', async () => {
      const body = `{"entryId":"e-1","note":"it's \\"quoted\\" & = + % $ #"}`;
      const reply = await call(gateway, 'POST', '/accounts/acc%201/entries', { body });
      expect(reply.status).toBe(200);
      const [message] = (await published(gateway))['ledger.fifo'] ?? [];
      // moto keeps no deduplication id in its record of published messages, so its state cannot show one.
      const expected = backend === 'embedded' ? { messageDeduplicationId: 'e-1' } : {};
      expect(message).toMatchObject({ message: body, messageGroupId: 'acc 1', ...expected });
    });

    it('returns the topic error as 400 when the body has no deduplication id', async () => {
      const reply = await call(gateway, 'POST', '/accounts/a/entries', { body: '{"note":"no id"}' });
      expect(reply.status).toBe(400);
    });
  });
});

describe('serve: a template that fails at request time', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'service-proxy-serve-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      [
        'Transform: ServiceProxy',
        'Resources:',
        '  Q:',
        '    Type: AWS::SQS::Queue',
        '  Broken:',
        '    Type: Proxy::ServiceIntegration',
        '    Properties:',
        '      Path: /broken',
        '      Method: POST',
        '      Service: sqs',
        '      Action: SendMessage',
        '      Target: !GetAtt Q.Arn',
        // Overrides are final: setting one twice fails the request with a 500 on AWS.
        '      RequestTemplate: \'#set($context.requestOverride.header.X-A = "1")#set($context.requestOverride.header.X-A = "2")Action=SendMessage&MessageBody=x\'',
      ].join('\n'),
    );
    const expanded = expandFile(file);
    if (!expanded.ok) throw new Error(JSON.stringify(expanded.diagnostics));
    gateway = await startLocalGateway({ template: expanded.template, region: 'us-east-1', accountId: ACCOUNT, host: '127.0.0.1', port: 0 });
  });
  afterAll(() => gateway?.stop());

  it('answers 500 Internal server error and keeps serving', async () => {
    for (let i = 0; i < 3; i += 1) {
      const reply = await call(gateway, 'POST', '/broken', { body: '{}' });
      expect([reply.status, reply.text]).toEqual([500, '{"message": "Internal server error"}']);
    }
  });
});
