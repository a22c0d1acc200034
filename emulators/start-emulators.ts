/** Starts the embedded AWS emulators a template needs, creates its resources, and reports their contents. */
import { type DynamoDbEmulator, type DynamoItem, startDynamoDbEmulator } from './dynamodb-emulator';
import { type EventBridgeEmulator, type RecordedEvent, startEventBridgeEmulator } from './eventbridge-emulator';
import { type FirehoseEmulator, type FirehoseRecord, startFirehoseEmulator } from './firehose-emulator';
import { type KinesisEmulator, type KinesisRecordView, startKinesisEmulator } from './kinesis-emulator';
import { EMULATED_SERVICES, type EmulatedService, type EmulatorResourceSpec, servicesFor } from './resource-spec';
import { type S3Emulator, type S3ObjectView, startS3Emulator } from './s3-emulator';
import { type PublishedSnsMessage, type SnsEmulator, startSnsEmulator } from './sns-emulator';
import { type PeekedSqsMessage, type SqsEmulator, startSqsEmulator } from './sqs-emulator';
import { type ExecutionRecord, type StepFunctionsEmulator, startStepFunctionsEmulator, type TaskHandler } from './stepfunctions-emulator';

/** Options for {@link startEmulators}. */
interface StartEmulatorsOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** Services to start even when the spec has no resources for them. */
  readonly services?: readonly EmulatedService[];
  /** Step Functions: local Task implementations by resource ARN, and a fixed Wait duration. */
  readonly stepFunctions?: { readonly taskHandlers?: Readonly<Record<string, TaskHandler>>; readonly waitTimeOverrideMs?: number };
}

/** What the emulators hold, keyed by resource name. Reading it consumes nothing. */
interface EmulatorState {
  readonly queues: Record<string, PeekedSqsMessage[]>;
  readonly tables: Record<string, DynamoItem[]>;
  readonly streams: Record<string, KinesisRecordView[]>;
  readonly buckets: Record<string, S3ObjectView[]>;
  /** Published messages by topic name. */
  readonly topics: Record<string, PublishedSnsMessage[]>;
  /** Messages published to a PhoneNumber (SMS), oldest first; the embedded emulator only. */
  readonly sms?: PublishedSnsMessage[];
  /** Accepted events by bus name. */
  readonly events: Record<string, RecordedEvent[]>;
  readonly deliveryStreams: Record<string, FirehoseRecord[]>;
  /** Executions by state machine name. */
  readonly executions: Record<string, ExecutionRecord[]>;
}

/** The running set returned by {@link startEmulators}. */
interface RunningEmulators {
  readonly region: string;
  readonly accountId: string;
  /** Base URL per started service, keyed by API Gateway's service name. */
  readonly endpoints: Partial<Record<EmulatedService, string>>;
  /** Milliseconds each service took to start (server only, not resource creation). */
  readonly startupMillis: Partial<Record<EmulatedService, number>>;
  /** Resolves once every asynchronous Step Functions execution has finished. */
  settled(): Promise<void>;
  state(): Promise<EmulatorState>;
  /** Stops every emulator and removes temporary directories; safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown when an emulator cannot start or a resource cannot be created; names the service and the cause. */
class EmulatorStartError extends Error {
  readonly service: EmulatedService;
  constructor(service: EmulatedService, message: string, cause: unknown) {
    super(`${message}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EmulatorStartError';
    this.service = service;
  }
}

/** The package behind each service, for error messages. */
const IMPLEMENTATION: Record<EmulatedService, string> = {
  sqs: 'local-aws-sqs',
  sns: 'service-proxy SNS emulator',
  dynamodb: 'dynalite',
  kinesis: 'kinesalite',
  firehose: 'service-proxy Firehose emulator',
  events: 'service-proxy EventBridge emulator',
  s3: 's3rver',
  states: 'service-proxy Step Functions emulator (aws-local-stepfunctions)',
};

interface Handles {
  sqs?: SqsEmulator;
  sns?: SnsEmulator;
  dynamodb?: DynamoDbEmulator;
  kinesis?: KinesisEmulator;
  firehose?: FirehoseEmulator;
  events?: EventBridgeEmulator;
  s3?: S3Emulator;
  states?: StepFunctionsEmulator;
}

/**
 * Starts only the emulators `resources` needs (plus `options.services`) on free 127.0.0.1 ports and
 * creates the resources in them.
 *
 * @example
 * const emulators = await startEmulators({ queues: [{ name: 'orders' }] });
 * // POST `${emulators.endpoints.sqs}/123456789012/orders` with `Action=SendMessage&MessageBody=...`
 * await emulators.stop();
 */
async function startEmulators(resources: EmulatorResourceSpec, options: StartEmulatorsOptions = {}): Promise<RunningEmulators> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const needed = servicesFor(resources);
  for (const service of options.services ?? []) needed.add(service);
  const handles: Handles = {};
  const startupMillis: Partial<Record<EmulatedService, number>> = {};
  const account = { region, accountId };

  const starters: Record<EmulatedService, () => Promise<{ url: string; close(): Promise<void> }>> = {
    sqs: async () => (handles.sqs = await startSqsEmulator(account)),
    sns: async () =>
      (handles.sns = await startSnsEmulator({
        ...account,
        deliverToSqs: async (delivery) => {
          if (handles.sqs === undefined) throw new Error('no SQS emulator is running');
          await handles.sqs.sendMessage(delivery);
        },
      })),
    dynamodb: async () => (handles.dynamodb = await startDynamoDbEmulator(account)),
    kinesis: async () => (handles.kinesis = await startKinesisEmulator(account)),
    firehose: async () => (handles.firehose = await startFirehoseEmulator(account)),
    events: async () => (handles.events = await startEventBridgeEmulator(account)),
    s3: async () => (handles.s3 = await startS3Emulator()),
    states: async () =>
      (handles.states = await startStepFunctionsEmulator({
        ...account,
        ...(options.stepFunctions?.taskHandlers !== undefined ? { taskHandlers: options.stepFunctions.taskHandlers } : {}),
        ...(options.stepFunctions?.waitTimeOverrideMs !== undefined
          ? { waitTimeOverrideMs: options.stepFunctions.waitTimeOverrideMs }
          : {}),
      })),
  };

  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    const running = Object.values(handles) as { close(): Promise<void> }[];
    const results = await Promise.allSettled(running.map((handle) => handle.close()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length > 0) {
      throw new AggregateError(
        failures.map((f) => f.reason),
        `failed to stop ${failures.length} emulator(s)`,
      );
    }
  }

  const endpoints: Partial<Record<EmulatedService, string>> = {};
  const order = EMULATED_SERVICES.filter((service) => needed.has(service));
  const outcomes = await Promise.allSettled(
    order.map(async (service) => {
      const started = Date.now();
      try {
        const handle = await starters[service]();
        endpoints[service] = handle.url;
        startupMillis[service] = Date.now() - started;
      } catch (error) {
        throw new EmulatorStartError(service, `failed to start the ${service} emulator (${IMPLEMENTATION[service]})`, error);
      }
    }),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed !== undefined) {
    await stop().catch(() => undefined);
    throw failed.reason;
  }

  try {
    await createResources(resources, handles, account);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  return {
    region,
    accountId,
    endpoints,
    startupMillis,
    settled: async () => {
      await handles.states?.settled();
    },
    state: () => readState(resources, handles),
    stop,
  };
}

/** Runs `create` and rethrows failures as {@link EmulatorStartError} naming the resource. */
async function creating<T>(service: EmulatedService, what: string, create: () => Promise<T> | T): Promise<T> {
  try {
    return await create();
  } catch (error) {
    throw new EmulatorStartError(service, `failed to create ${what} in the ${service} emulator`, error);
  }
}

/** The handle of an emulator the spec needs; the spec decided which emulators start, so absence is a bug. */
function started<T>(handle: T | undefined, service: EmulatedService): T {
  if (handle === undefined) throw new EmulatorStartError(service, `the ${service} emulator was not started`, undefined);
  return handle;
}

/** Creates every resource; queues come before topics so subscriptions can point at them. */
async function createResources(
  spec: EmulatorResourceSpec,
  handles: Handles,
  account: { region: string; accountId: string },
): Promise<void> {
  const { sqs, sns, dynamodb, kinesis, firehose, events, s3, states } = handles;
  for (const queue of spec.queues ?? []) await creating('sqs', `queue '${queue.name}'`, () => started(sqs, 'sqs').createQueue(queue));
  await Promise.all([
    ...(spec.tables ?? []).map((table) =>
      creating('dynamodb', `table '${table.name}'`, () => started(dynamodb, 'dynamodb').createTable(table)),
    ),
    ...(spec.streams ?? []).map((stream) =>
      creating('kinesis', `stream '${stream.name}'`, () => started(kinesis, 'kinesis').createStream(stream)),
    ),
    ...(spec.buckets ?? []).map((bucket) => creating('s3', `bucket '${bucket.name}'`, () => started(s3, 's3').createBucket(bucket))),
  ]);
  for (const topic of spec.topics ?? []) {
    const topicArn = await creating('sns', `topic '${topic.name}'`, () => started(sns, 'sns').createTopic(topic));
    for (const subscription of topic.subscriptions ?? []) {
      const endpoint =
        subscription.endpoint ??
        (subscription.queueName !== undefined ? `arn:aws:sqs:${account.region}:${account.accountId}:${subscription.queueName}` : '');
      await creating('sns', `subscription of '${topic.name}' to '${endpoint}'`, () =>
        started(sns, 'sns').subscribe({
          topicArn,
          protocol: subscription.protocol,
          endpoint,
          ...(subscription.rawMessageDelivery !== undefined ? { rawMessageDelivery: subscription.rawMessageDelivery } : {}),
        }),
      );
    }
  }
  for (const bus of spec.eventBuses ?? [])
    await creating('events', `event bus '${bus.name}'`, () => started(events, 'events').createEventBus(bus.name));
  for (const stream of spec.deliveryStreams ?? []) {
    await creating('firehose', `delivery stream '${stream.name}'`, () => started(firehose, 'firehose').createDeliveryStream(stream.name));
  }
  for (const machine of spec.stateMachines ?? []) {
    await creating('states', `state machine '${machine.name}'`, () => started(states, 'states').createStateMachine(machine));
  }
}

/** Groups records by a key, keeping order; every `names` key is present even when empty. */
function groupBy<T>(names: readonly string[], items: readonly T[], keyOf: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = Object.fromEntries(names.map((name) => [name, [] as T[]]));
  for (const item of items) (groups[keyOf(item)] ??= []).push(item);
  return groups;
}

/** Reads every emulator's contents without consuming anything. */
async function readState(spec: EmulatorResourceSpec, handles: Handles): Promise<EmulatorState> {
  const { sqs, sns, dynamodb, kinesis, firehose, events, s3, states } = handles;
  const entries = async <T>(names: readonly string[], read: (name: string) => Promise<T>) =>
    Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
  return {
    queues: sqs ? await entries(sqs.queueNames(), (name) => sqs.peek(name)) : {},
    tables: dynamodb
      ? await entries(
          (spec.tables ?? []).map((t) => t.name),
          (name) => dynamodb.scan(name),
        )
      : {},
    streams: kinesis
      ? await entries(
          (spec.streams ?? []).map((s) => s.name),
          (name) => kinesis.records(name),
        )
      : {},
    buckets: s3
      ? await entries(
          (spec.buckets ?? []).map((b) => b.name),
          (name) => s3.objects(name),
        )
      : {},
    topics: sns
      ? groupBy(
          sns.topicArns().map(lastArnSegment),
          sns.published().filter((message) => message.phoneNumber === undefined),
          (message) => lastArnSegment(message.topicArn),
        )
      : {},
    sms: sns ? sns.published().filter((message) => message.phoneNumber !== undefined) : [],
    events: events ? groupBy(events.eventBusNames(), events.events(), (event) => event.eventBusName) : {},
    deliveryStreams: firehose ? groupBy(firehose.deliveryStreamNames(), firehose.records(), (record) => record.deliveryStreamName) : {},
    executions: states
      ? groupBy(
          (spec.stateMachines ?? []).map((m) => m.name),
          states.executions(),
          (e) => lastArnSegment(e.stateMachineArn),
        )
      : {},
  };
}

function lastArnSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

export { EmulatorStartError, type EmulatorState, type RunningEmulators, type StartEmulatorsOptions, startEmulators };
