/** An in-process EventBridge emulator (AWS JSON 1.1): PutEvents with per-entry validation, event buses. */
import { randomUUID } from 'node:crypto';
import { createAwsJsonServer, type JsonInput } from './aws-json-server';
import { AwsServiceError } from './aws-service-error';
import { closeServer, listenOnLoopback } from './http-util';
import { isJsonObject, optionalString, requiredArray, requiredString } from './input-validation';
import { wireOf } from './service-wire';

/** PutEvents accepts at most 10 entries per call. */
const MAX_ENTRIES = 10;
/** PutEvents rejects a request whose entries total more than 256 KiB. */
const MAX_REQUEST_BYTES = 262_144;

/** An event as EventBridge delivers it to targets, plus the bus it was put on. */
interface RecordedEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: unknown;
  readonly eventBusName: string;
  readonly traceHeader?: string;
}

/** Options for {@link startEventBridgeEmulator}. */
interface EventBridgeEmulatorOptions {
  readonly region: string;
  readonly accountId: string;
}

/** A running EventBridge emulator. */
interface EventBridgeEmulator {
  readonly url: string;
  /** Creates a custom bus (idempotent) and returns its ARN; `default` always exists. */
  createEventBus(name: string): string;
  /** Every accepted event, oldest first. */
  events(): RecordedEvent[];
  /** Bus names, `default` first. */
  eventBusNames(): string[];
  close(): Promise<void>;
}

/** Bus names: 1–256 of `[/\.\-_A-Za-z0-9]`; `aws.partner/...` names are not emulated. */
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

/** Starts the EventBridge emulator on a free loopback port. */
async function startEventBridgeEmulator(options: EventBridgeEmulatorOptions): Promise<EventBridgeEmulator> {
  const busArn = (name: string) => `arn:aws:events:${options.region}:${options.accountId}:event-bus/${name}`;
  const buses = new Map<string, string>([['default', busArn('default')]]);
  const events: RecordedEvent[] = [];

  function createEventBus(name: string): string {
    if (!BUS_NAME.test(name) || name === 'default') {
      throw new AwsServiceError('ValidationException', `Event bus name ${name} is not valid.`);
    }
    const arn = busArn(name);
    buses.set(name, arn);
    return arn;
  }

  /** Resolves `EventBusName` given as nothing (default), a name, or an ARN of this account and region. */
  function busName(nameOrArn: string | undefined): string | undefined {
    if (nameOrArn === undefined || nameOrArn === '') return 'default';
    const arnMatch = /^arn:aws[\w-]*:events:([\w-]+):(\d{12}):event-bus\/(.+)$/.exec(nameOrArn);
    if (arnMatch !== null) {
      const [, region, account, name] = arnMatch;
      return region === options.region && account === options.accountId && name !== undefined && buses.has(name) ? name : undefined;
    }
    return buses.has(nameOrArn) ? nameOrArn : undefined;
  }

  /** Validates one entry the way EventBridge does: failures are per entry, never a request error. */
  function putEntry(entry: unknown): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if (!isJsonObject(entry)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Entry is not a structure.' };
    const field = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined);
    const source = field('Source');
    const detailType = field('DetailType');
    const detail = field('Detail');
    if (source === undefined || source === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' };
    }
    if (detailType === undefined || detailType === '') {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      };
    }
    if (detail === undefined || detail === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' };
    }
    let parsedDetail: unknown;
    try {
      parsedDetail = JSON.parse(detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    // EventBridge requires Detail to be a JSON object, not any JSON value.
    if (!isJsonObject(parsedDetail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const requested = field('EventBusName');
    const bus = busName(requested);
    if (bus === undefined) {
      return { ErrorCode: 'NotFoundException', ErrorMessage: `Event bus ${requested ?? ''} does not exist.` };
    }
    const time = entry.Time;
    const timestamp = typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : new Date();
    const resources = Array.isArray(entry.Resources) ? entry.Resources.filter((r): r is string => typeof r === 'string') : [];
    const id = randomUUID();
    const traceHeader = field('TraceHeader');
    events.push({
      version: '0',
      id,
      'detail-type': detailType,
      source,
      account: options.accountId,
      // EventBridge timestamps have second precision.
      time: (Number.isNaN(timestamp.getTime()) ? new Date() : timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: options.region,
      resources,
      detail: parsedDetail,
      eventBusName: bus,
      ...(traceHeader !== undefined ? { traceHeader } : {}),
    });
    return { EventId: id };
  }

  const server = createAwsJsonServer({
    ...wireOf('events'),
    operations: {
      PutEvents(input: JsonInput) {
        const entries = requiredArray(input, 'Entries', 1, MAX_ENTRIES);
        if (Buffer.byteLength(JSON.stringify(entries)) > MAX_REQUEST_BYTES) {
          throw new AwsServiceError('ValidationException', 'Total size of the entries in the request is over the limit.');
        }
        const results = entries.map(putEntry);
        return { Entries: results, FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length };
      },
      CreateEventBus(input: JsonInput) {
        const name = requiredString(input, 'Name');
        if (buses.has(name)) throw new AwsServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
        return { EventBusArn: createEventBus(name) };
      },
      DescribeEventBus(input: JsonInput) {
        const requested = optionalString(input, 'Name');
        const name = busName(requested);
        if (name === undefined) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${requested ?? ''} does not exist.`);
        return { Name: name, Arn: buses.get(name) };
      },
      ListEventBuses() {
        return { EventBuses: [...buses].map(([Name, Arn]) => ({ Name, Arn })) };
      },
    },
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    createEventBus: (name) => (name === 'default' ? busArn('default') : createEventBus(name)),
    events: () => [...events],
    eventBusNames: () => [...buses.keys()],
    close: () => closeServer(server),
  };
}

export { type EventBridgeEmulator, type EventBridgeEmulatorOptions, type RecordedEvent, startEventBridgeEmulator };
