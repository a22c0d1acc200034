/** `serve --backend moto`: one moto_server for every AWS service, holding the template's resources. */

import { MotoNotFoundError } from '../emulators/moto/moto-executable';
import { provisionMoto } from '../emulators/moto/moto-provisioner';
import { type MotoServer, startMotoServer } from '../emulators/moto/moto-server';
import { MotoStartError } from '../emulators/moto/moto-start-error';
import { readMotoState } from '../emulators/moto/moto-state';
import type { EmulatorResourceSpec } from '../emulators/resource-spec';
import type { EmulatorState } from '../emulators/start-emulators';

/** Options for {@link startMotoBackend}. */
export interface MotoBackendOptions {
  readonly spec: EmulatorResourceSpec;
  readonly region: string;
  readonly accountId: string;
  /** An already running moto_server to use (not stopped by `stop()`); else one is started. */
  readonly endpoint?: string;
}

/** A moto_server with the template's resources created in it. */
export interface MotoBackend {
  readonly url: string;
  /** Milliseconds until moto_server answered (0 for a given endpoint). */
  readonly startupMillis: number;
  state(): Promise<EmulatorState>;
  /** Stops moto_server (and its child processes) if this backend started it; safe to call twice. */
  stop(): Promise<void>;
  /** The process id of the moto_server this backend started. */
  readonly pid?: number;
  /** Why moto_server is gone, once it exited without stop(); undefined while it runs. */
  failure(): string | undefined;
  /** Calls `listener` once when moto_server exits without stop(). */
  onFailure(listener: (reason: string) => void): void;
}

/**
 * Starts moto_server (unless `endpoint` is given) and creates `spec` in it.
 *
 * @throws MotoNotFoundError when moto_server is not on the PATH; MotoStartError when it fails to start or to create a resource
 */
export async function startMotoBackend(options: MotoBackendOptions): Promise<MotoBackend> {
  const started = Date.now();
  let server: MotoServer | undefined;
  if (options.endpoint === undefined) {
    try {
      server = await startMotoServer({ accountId: options.accountId });
    } catch (error) {
      if (error instanceof MotoNotFoundError) throw error;
      throw new MotoStartError('moto', 'failed to start moto_server', error);
    }
  }
  const url = server?.url ?? (options.endpoint as string).replace(/\/$/, '');
  const startupMillis = server !== undefined ? Date.now() - started : 0;
  const target = { endpoint: url, region: options.region, accountId: options.accountId };
  try {
    await provisionMoto(options.spec, target);
  } catch (error) {
    await server?.stop();
    throw error;
  }
  let failure: string | undefined;
  server?.onUnexpectedExit((reason) => {
    failure = reason;
  });
  return {
    url,
    startupMillis,
    ...(server !== undefined ? { pid: server.pid } : {}),
    state: () => readMotoState(options.spec, target),
    stop: async () => {
      await server?.stop();
    },
    failure: () => failure,
    onFailure: (listener) => server?.onUnexpectedExit(listener),
  };
}
