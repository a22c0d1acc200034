/** Start-up and shut-down behaviour of the emulator manager: only what is needed, clear errors, nothing left behind. */
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { EmulatorStartError, startEmulators } from '../../emulators';

const s3TempDirs = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('service-proxy-s3-'));

describe('startEmulators lifecycle', () => {
  it('starts only the services the spec needs (SNS→SQS subscriptions pull in SQS)', async () => {
    // Arrange / Act
    const emulators = await startEmulators({
      topics: [{ name: 't', subscriptions: [{ protocol: 'sqs', queueName: 'q' }] }],
      queues: [{ name: 'q' }],
    });
    // Assert
    expect(Object.keys(emulators.endpoints).sort()).toEqual(['sns', 'sqs']);
    await emulators.stop();
  });

  it('starts extra services on request, honours region and account, and stop() is idempotent', async () => {
    const emulators = await startEmulators({}, { services: ['events'], region: 'eu-west-1', accountId: '111122223333' });
    const response = await fetch(emulators.endpoints.events!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListEventBuses' },
      body: '{}',
    });
    expect(await response.json()).toEqual({
      EventBuses: [{ Name: 'default', Arn: 'arn:aws:events:eu-west-1:111122223333:event-bus/default' }],
    });
    await emulators.stop();
    await emulators.stop();
    await expect(fetch(emulators.endpoints.events!)).rejects.toThrow();
  });

  it('removes the s3rver temporary directory on stop', async () => {
    const before = await s3TempDirs();
    const emulators = await startEmulators({ buckets: [{ name: 'bucket-one' }] });
    expect((await s3TempDirs()).length).toBe(before.length + 1);
    await emulators.stop();
    expect(await s3TempDirs()).toEqual(before);
  });

  it('fails with an error naming the service and resource when a resource cannot be created, and stops the rest', async () => {
    const before = await s3TempDirs();
    const attempt = startEmulators({
      buckets: [{ name: 'fine-bucket' }],
      tables: [{ name: 'x', keySchema: [], attributeDefinitions: [] }],
    });
    await expect(attempt).rejects.toBeInstanceOf(EmulatorStartError);
    await expect(attempt).rejects.toMatchObject({
      service: 'dynamodb',
      message: expect.stringContaining("failed to create table 'x' in the dynamodb emulator"),
    });
    expect(await s3TempDirs()).toEqual(before);
  });

  it('rejects an invalid state machine definition at start-up with InvalidDefinition', async () => {
    const attempt = startEmulators({
      stateMachines: [{ name: 'bad', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } } }],
    });
    await expect(attempt).rejects.toMatchObject({
      service: 'states',
      message: expect.stringContaining("MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at /States/A/Next"),
    });
  });
});
