/** An in-process Step Functions emulator (AWS JSON 1.0) running ASL definitions with aws-local-stepfunctions. */
import { randomUUID } from 'node:crypto';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { findAslProblem } from './asl-validation';
import { createAwsJsonServer, type JsonInput } from './aws-json-server';
import { AwsServiceError } from './aws-service-error';
import { closeServer, listenOnLoopback } from './http-util';
import { isJsonObject, optionalString, requiredString } from './input-validation';
import { wireOf } from './service-wire';

/** Step Functions' two workflow types; only EXPRESS may run synchronously. */
type StateMachineType = 'STANDARD' | 'EXPRESS';

/** Execution states as the API reports them. */
type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A state machine to create: the ASL definition as a JSON string or an already-parsed object. */
interface StateMachineSpec {
  readonly name: string;
  readonly definition: string | Record<string, unknown>;
  readonly type?: StateMachineType;
  readonly roleArn?: string;
}

/** One execution, as recorded for DescribeExecution and inspection. */
interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly type: StateMachineType;
  status: ExecutionStatus;
  readonly startDate: Date;
  stopDate?: Date;
  readonly input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** A local implementation of a Task `Resource` (e.g. `arn:aws:states:::sqs:sendMessage`); gets the effective input. */
type TaskHandler = (input: unknown, stateName: string) => Promise<unknown>;

/** Options for {@link startStepFunctionsEmulator}. */
interface StepFunctionsEmulatorOptions {
  readonly region: string;
  readonly accountId: string;
  /** Task resources the emulator can run, by exact `Resource` ARN; any other Task fails with `UnsupportedTaskResource`. */
  readonly taskHandlers?: Readonly<Record<string, TaskHandler>>;
  /** When set, every Wait state waits this many milliseconds instead of its real duration. */
  readonly waitTimeOverrideMs?: number;
}

/** A running Step Functions emulator. */
interface StepFunctionsEmulator {
  readonly url: string;
  /** Creates a state machine (idempotent for an identical definition) and returns its ARN. */
  createStateMachine(spec: StateMachineSpec): string;
  /** All executions so far, oldest first (snapshots). */
  executions(): ExecutionRecord[];
  /** Resolves when every running execution has finished (tests use it after StartExecution). */
  settled(): Promise<void>;
  /** Aborts running executions and stops the server. */
  close(): Promise<void>;
}

interface StateMachineEntry {
  readonly arn: string;
  readonly name: string;
  readonly type: StateMachineType;
  readonly definitionText: string;
  readonly definition: StateMachineDefinition;
  readonly roleArn: string;
  readonly creationDate: Date;
  readonly taskStates: Map<string, string>;
  readonly waitStates: string[];
}

/** The error a Task fails with when its resource has no local handler; named so `Catch` can match it. */
const UNSUPPORTED_TASK_ERROR = 'UnsupportedTaskResource';

/** Names: 1–80 characters without whitespace, brackets, wildcards or control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Step Functions refuses control characters in names; this pattern excludes them.
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

/**
 * aws-local-stepfunctions 3 targets Node 22 and calls `Promise.withResolvers` (ES2024) in Task states;
 * Node 20 lacks it, so add the standard-conforming polyfill once, only when missing.
 */
function ensurePromiseWithResolvers(): void {
  const ctor = Promise as unknown as { withResolvers?: unknown };
  if (typeof ctor.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** Collects Task and Wait state names at every nesting level (Parallel branches, Map processors). */
function collectStates(definition: unknown, tasks: Map<string, string>, waits: string[]): void {
  if (!isJsonObject(definition) || !isJsonObject(definition.States)) return;
  for (const [name, state] of Object.entries(definition.States)) {
    if (!isJsonObject(state)) continue;
    if (state.Type === 'Task' && typeof state.Resource === 'string') tasks.set(name, state.Resource);
    if (state.Type === 'Wait') waits.push(name);
    if (Array.isArray(state.Branches)) for (const branch of state.Branches) collectStates(branch, tasks, waits);
    collectStates(state.ItemProcessor ?? state.Iterator, tasks, waits);
  }
}

/** Epoch seconds with milliseconds: how JSON-protocol timestamps travel. */
function epochSeconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime() / 1000;
}

/** Maps the interpreter's outcome to status/error/cause as Step Functions reports them. */
function failureOf(error: unknown): { status: ExecutionStatus; error?: string; cause?: string } {
  if (error instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out (TimeoutSeconds elapsed).' };
  }
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof ExecutionError) {
    const inner = error.cause;
    if (inner instanceof Error) return { status: 'FAILED', error: inner.name, cause: inner.message };
  }
  return { status: 'FAILED', error: 'States.Runtime', cause: error instanceof Error ? error.message : String(error) };
}

/** Starts the Step Functions emulator on a free loopback port. */
async function startStepFunctionsEmulator(options: StepFunctionsEmulatorOptions): Promise<StepFunctionsEmulator> {
  ensurePromiseWithResolvers();
  const machines = new Map<string, StateMachineEntry>();
  const executions = new Map<string, ExecutionRecord>();
  const running = new Map<string, { abort: () => void; done: Promise<void> }>();
  const stateMachineArn = (name: string) => `arn:aws:states:${options.region}:${options.accountId}:stateMachine:${name}`;

  function createStateMachine(spec: StateMachineSpec): string {
    if (!NAME.test(spec.name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${spec.name}'`);
    const type = spec.type ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    }
    const definitionText = typeof spec.definition === 'string' ? spec.definition : JSON.stringify(spec.definition);
    let parsed: unknown;
    try {
      parsed = JSON.parse(definitionText);
    } catch (error) {
      throw new AwsServiceError('InvalidDefinition', `Invalid State Machine Definition: '${(error as Error).message}'`);
    }
    if (!isJsonObject(parsed)) throw new AwsServiceError('InvalidDefinition', "Invalid State Machine Definition: 'not a JSON object'");
    const definition = parsed as unknown as StateMachineDefinition;
    const problem = findAslProblem(parsed);
    if (problem !== undefined) throw new AwsServiceError('InvalidDefinition', `Invalid State Machine Definition: '${problem}'`);
    const arn = stateMachineArn(spec.name);
    const existing = machines.get(arn);
    if (existing !== undefined) {
      if (existing.definitionText === definitionText && existing.type === type) return arn;
      throw new AwsServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const taskStates = new Map<string, string>();
    const waitStates: string[] = [];
    collectStates(parsed, taskStates, waitStates);
    machines.set(arn, {
      arn,
      name: spec.name,
      type,
      definitionText,
      definition,
      roleArn: spec.roleArn ?? `arn:aws:iam::${options.accountId}:role/service-proxy-local`,
      creationDate: new Date(),
      taskStates,
      waitStates,
    });
    return arn;
  }

  function machineFor(input: JsonInput): StateMachineEntry {
    const arn = requiredString(input, 'stateMachineArn', 'stateMachineArn');
    if (!/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:.+$/.test(arn)) {
      throw new AwsServiceError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
    }
    const machine = machines.get(arn);
    if (machine === undefined) throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** Validates `input` (a JSON text, default `{}`) and returns both text and value. */
  function executionInput(input: JsonInput): { text: string; value: unknown } {
    const text = optionalString(input, 'input') ?? '{}';
    try {
      return { text, value: JSON.parse(text) };
    } catch (error) {
      throw new AwsServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
    }
  }

  /** Runs one execution to completion, recording the outcome; never rejects. */
  function run(machine: StateMachineEntry, record: ExecutionRecord, value: unknown): Promise<void> {
    const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, resource] of machine.taskStates) {
      const handler = options.taskHandlers?.[resource];
      taskResourceLocalHandlers[stateName] = async (taskInput) => {
        if (handler === undefined) {
          const error = new Error(
            `Task state '${stateName}' uses resource '${resource}', which the local Step Functions emulator cannot call; ` +
              'only Pass, Choice, Wait, Succeed, Fail, Map, Parallel and the service integrations the emulator wires are supported',
          );
          error.name = UNSUPPORTED_TASK_ERROR;
          throw error;
        }
        return handler(taskInput, stateName);
      };
    }
    const waitTimeOverrides: Record<string, number> = {};
    if (options.waitTimeOverrideMs !== undefined) {
      for (const name of machine.waitStates) waitTimeOverrides[name] = options.waitTimeOverrideMs;
    }
    const execution = new StateMachine(machine.definition, { validationOptions: { noValidate: true } }).run(value as never, {
      overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, waitTimeOverrides },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: machine.roleArn, StartTime: record.startDate.toISOString() },
        StateMachine: { Id: machine.arn, Name: machine.name },
      } as never,
    });
    const done = execution.result
      .then(
        (result) => {
          record.status = 'SUCCEEDED';
          record.output = JSON.stringify(result ?? null);
        },
        (error: unknown) => {
          const failure = failureOf(error);
          record.status = failure.status;
          if (failure.error !== undefined) record.error = failure.error;
          if (failure.cause !== undefined) record.cause = failure.cause;
        },
      )
      .finally(() => {
        record.stopDate = new Date();
        running.delete(record.executionArn);
      });
    running.set(record.executionArn, { abort: execution.abort, done });
    return done;
  }

  function start(input: JsonInput, sync: boolean): { machine: StateMachineEntry; record: ExecutionRecord; done: Promise<void> } {
    const machine = machineFor(input);
    if (sync && machine.type !== 'EXPRESS') {
      throw new AwsServiceError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    }
    const name = optionalString(input, 'name') ?? randomUUID();
    if (!NAME.test(name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
    const { text, value } = executionInput(input);
    const executionArn =
      machine.type === 'EXPRESS'
        ? `arn:aws:states:${options.region}:${options.accountId}:express:${machine.name}:${name}:${randomUUID()}`
        : `arn:aws:states:${options.region}:${options.accountId}:execution:${machine.name}:${name}`;
    const duplicate = [...executions.values()].find((e) => e.stateMachineArn === machine.arn && e.name === name);
    if (duplicate !== undefined) {
      // AWS treats a repeat of a running execution with identical input as idempotent.
      if (!sync && duplicate.status === 'RUNNING' && duplicate.input === text) {
        return { machine, record: duplicate, done: Promise.resolve() };
      }
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${duplicate.executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      type: machine.type,
      status: 'RUNNING',
      startDate: new Date(),
      input: text,
    };
    executions.set(executionArn, record);
    return { machine, record, done: run(machine, record, value) };
  }

  function describe(record: ExecutionRecord): Record<string, unknown> {
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: epochSeconds(record.startDate),
      stopDate: epochSeconds(record.stopDate),
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      ...(record.output !== undefined ? { outputDetails: { included: true } } : {}),
      error: record.error,
      cause: record.cause,
    };
  }

  const server = createAwsJsonServer({
    ...wireOf('states'),
    operations: {
      CreateStateMachine(input: JsonInput) {
        const arn = createStateMachine({
          name: requiredString(input, 'name', 'name'),
          definition: requiredString(input, 'definition', 'definition'),
          type: (optionalString(input, 'type') ?? 'STANDARD') as StateMachineType,
          ...(optionalString(input, 'roleArn') !== undefined ? { roleArn: optionalString(input, 'roleArn') as string } : {}),
        });
        return { stateMachineArn: arn, creationDate: epochSeconds(machines.get(arn)?.creationDate) };
      },
      DescribeStateMachine(input: JsonInput) {
        const machine = machineFor(input);
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          status: 'ACTIVE',
          definition: machine.definitionText,
          roleArn: machine.roleArn,
          type: machine.type,
          creationDate: epochSeconds(machine.creationDate),
        };
      },
      ListStateMachines() {
        return {
          stateMachines: [...machines.values()].map((m) => ({
            stateMachineArn: m.arn,
            name: m.name,
            type: m.type,
            creationDate: epochSeconds(m.creationDate),
          })),
        };
      },
      StartExecution(input: JsonInput) {
        const { record } = start(input, false);
        return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
      },
      async StartSyncExecution(input: JsonInput) {
        const { record, done } = start(input, true);
        await done;
        // AWS answers 200 even for FAILED/TIMED_OUT; the status field carries the outcome.
        return { ...describe(record), billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 } };
      },
      DescribeExecution(input: JsonInput) {
        const arn = requiredString(input, 'executionArn', 'executionArn');
        const record = executions.get(arn);
        if (record === undefined) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
        return describe(record);
      },
      ListExecutions(input: JsonInput) {
        const machine = machineFor(input);
        const filter = optionalString(input, 'statusFilter');
        const list = [...executions.values()]
          .filter((e) => e.stateMachineArn === machine.arn && (filter === undefined || e.status === filter))
          .reverse();
        return {
          executions: list.map((e) => ({
            executionArn: e.executionArn,
            stateMachineArn: e.stateMachineArn,
            name: e.name,
            status: e.status,
            startDate: epochSeconds(e.startDate),
            stopDate: epochSeconds(e.stopDate),
          })),
        };
      },
      StopExecution(input: JsonInput) {
        const arn = requiredString(input, 'executionArn', 'executionArn');
        const record = executions.get(arn);
        if (record === undefined) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
        running.get(arn)?.abort();
        return { stopDate: epochSeconds(new Date()) };
      },
    },
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    createStateMachine,
    executions: () => [...executions.values()].map((e) => ({ ...e })),
    settled: async () => {
      await Promise.all([...running.values()].map((r) => r.done));
    },
    close: async () => {
      // Aborting stops Wait timers, so stop() leaves no pending handles behind.
      for (const execution of running.values()) execution.abort();
      await Promise.all([...running.values()].map((r) => r.done));
      await closeServer(server);
    },
  };
}

export {
  type ExecutionRecord,
  type ExecutionStatus,
  type StateMachineSpec,
  type StateMachineType,
  type StepFunctionsEmulator,
  type StepFunctionsEmulatorOptions,
  startStepFunctionsEmulator,
  type TaskHandler,
  UNSUPPORTED_TASK_ERROR,
};
