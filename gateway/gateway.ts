/**
 * `serve` without the command line: starts the embedded emulators a template needs (except services pointed
 * elsewhere), creates its resources, and serves the API on node:http.
 */
import { randomUUID } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
// Light modules only: the emulator packages (s3rver, dynalite, ...) load when serve starts them, not with the CLI.
import { LOCAL_CREDENTIALS } from '../emulators/aws-json-client';
import { EMULATED_SERVICES, type EmulatedService, type EmulatorResourceSpec } from '../emulators/resource-spec';
import type { EmulatorState, RunningEmulators } from '../emulators/start-emulators';
import type { AccessPolicy } from './access-policy';
import { localApiFromTemplate } from './api-from-template';
import type { LocalApiModel } from './api-model';
import { corsOrigins } from './cors-origins';
import { BackendUnavailableError } from './handle-request';
import { type RequestLogEntry, startHttpServer } from './http-server';
import { parseIntegrationUri } from './integration-uri';
import type { MotoBackend } from './moto-backend';
import { withQueryJsonResponses } from './query-json-sender';
import { createServiceSender, type SigningCredentials } from './service-sender';

/** Where serve's AWS services run: the embedded emulators, or one moto_server. */
export type LocalBackend = 'embedded' | 'moto';

/** The backends `--backend` accepts. */
export const LOCAL_BACKENDS: readonly LocalBackend[] = ['embedded', 'moto'];

/** Options for {@link startLocalGateway}. */
export interface LocalGatewayOptions {
  /** The expanded template. */
  readonly template: unknown;
  readonly region: string;
  readonly accountId: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Services reached at another endpoint (LocalStack, AWS): their emulators are not started. */
  readonly endpoints?: Readonly<Record<string, string>>;
  /** API keys given on the command line; the template's literal ApiKey values are added. */
  readonly apiKeys?: readonly string[];
  readonly denyUnauthenticated?: boolean;
  /** Credentials for `endpoints` (the emulators get local test credentials). */
  readonly externalCredentials?: SigningCredentials;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** @default 'embedded' */
  readonly backend?: LocalBackend;
  /** With `backend: 'moto'`: a moto_server already running there is used (and not stopped) instead of starting one. */
  readonly motoEndpoint?: string;
  /** Host names accepted besides loopback (see HttpServerOptions.allowedHosts); `host` is added when it is a name or address. */
  readonly allowedHosts?: readonly string[];
  /** Told once when a backend process (moto_server) exits while serving. */
  readonly onBackendFailure?: (reason: string) => void;
}

/** A running local gateway. */
export interface LocalGateway {
  readonly url: string;
  readonly model: LocalApiModel;
  readonly policy: AccessPolicy;
  /** Every service endpoint in use: emulators and overrides. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Services started as embedded emulators, with start-up milliseconds. */
  readonly emulated: Readonly<Partial<Record<EmulatedService, number>>>;
  /** Services integrations call that have neither an emulator nor an endpoint. */
  readonly unreachable: readonly string[];
  readonly warnings: readonly string[];
  readonly backend: LocalBackend;
  /** With the moto backend: its URL (every service's endpoint), start-up milliseconds, and the pid of the moto_server it started. */
  readonly moto?: { readonly url: string; readonly startupMillis: number; readonly pid?: number };
  state(): Promise<EmulatorState | Record<string, never>>;
  /** Stops the server, then the emulators; safe to call twice. */
  stop(): Promise<void>;
}

/** Which spec entries belong to which service, so an overridden service's resources are not created locally. */
const SPEC_KEYS: Readonly<Record<EmulatedService, keyof EmulatorResourceSpec>> = {
  sqs: 'queues',
  sns: 'topics',
  dynamodb: 'tables',
  kinesis: 'streams',
  firehose: 'deliveryStreams',
  events: 'eventBuses',
  s3: 'buckets',
  states: 'stateMachines',
};

function isEmulated(service: string): service is EmulatedService {
  return (EMULATED_SERVICES as readonly string[]).includes(service);
}

/**
 * The names a request to `host` may use: the name or address itself, or — bound to every interface
 * (0.0.0.0, ::) — this machine's addresses and host name.
 */
function hostNamesOf(host: string): string[] {
  if (!['0.0.0.0', '::', ''].includes(host)) return [host];
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return [...addresses, hostname()];
}

/** The services the model's AWS integrations call. */
export function integrationServices(model: LocalApiModel): Set<string> {
  const services = new Set<string>();
  for (const route of model.routes) {
    for (const method of Object.values(route.methods)) {
      const integration = method.integration;
      if ('unresolved' in integration || integration.type !== 'AWS' || integration.uri === undefined) continue;
      try {
        services.add(parseIntegrationUri(integration.uri).service);
      } catch {
        // A malformed URI is reported per request (500 with the reason); it needs no emulator.
      }
    }
  }
  return services;
}

/**
 * Starts everything. On failure nothing is left running.
 *
 * @throws EmulatorStartError naming the emulator that failed
 */
export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const overrides = options.endpoints ?? {};
  const base = {
    region: options.region,
    accountId: options.accountId,
    ...(options.parameters !== undefined ? { parameters: options.parameters } : {}),
  };
  const first = localApiFromTemplate(options.template, base);
  const used = integrationServices(first.model);

  const spec: Record<string, unknown> = { ...first.emulation.spec };
  for (const service of Object.keys(overrides)) if (isEmulated(service)) delete spec[SPEC_KEYS[service]];
  const wanted = [...used].filter((s): s is EmulatedService => isEmulated(s) && overrides[s] === undefined);

  let emulators: RunningEmulators | undefined;
  let moto: MotoBackend | undefined;
  const backend = options.backend ?? 'embedded';
  const hasResources = Object.values(spec).some((list) => Array.isArray(list) && list.length > 0);
  if (backend === 'moto') {
    const { startMotoBackend } = await import('./moto-backend');
    moto = await startMotoBackend({
      spec: spec as EmulatorResourceSpec,
      region: options.region,
      accountId: options.accountId,
      ...(options.motoEndpoint !== undefined ? { endpoint: options.motoEndpoint } : {}),
    });
  } else if (wanted.length > 0 || hasResources) {
    const { startEmulators } = await import('../emulators/start-emulators');
    emulators = await startEmulators(spec as EmulatorResourceSpec, {
      region: options.region,
      accountId: options.accountId,
      services: wanted,
    });
  }
  // moto serves every service on one endpoint: the emulated ones and whatever else the integrations call.
  const motoEndpoints: Record<string, string> = {};
  if (moto !== undefined) for (const service of new Set([...EMULATED_SERVICES, ...used])) motoEndpoints[service] = moto.url;
  const endpoints: Record<string, string> = { ...emulators?.endpoints, ...motoEndpoints, ...overrides };
  // Second pass: queue URLs (`Ref Queue`) must point where the queue really is.
  const sqsEndpoint = endpoints.sqs;
  const { model, emulation } = localApiFromTemplate(options.template, { ...base, ...(sqsEndpoint !== undefined ? { sqsEndpoint } : {}) });

  const policy: AccessPolicy = {
    apiKeys: new Set([...(options.apiKeys ?? []), ...model.apiKeys]),
    denyUnauthenticated: options.denyUnauthenticated ?? false,
  };
  const signedSender = createServiceSender({
    endpoints,
    credentialsFor: (service) =>
      overrides[service] !== undefined ? (options.externalCredentials ?? LOCAL_CREDENTIALS) : LOCAL_CREDENTIALS,
  });
  const queryJson = moto !== undefined ? withQueryJsonResponses(signedSender, (service) => overrides[service] === undefined) : signedSender;
  // Once moto_server is gone, its calls answer 502 with the reason at once (it is told once, below).
  const sender: typeof queryJson = async (request, timeoutMillis) => {
    const down = overrides[request.service] === undefined ? moto?.failure() : undefined;
    if (down !== undefined) throw new BackendUnavailableError(down);
    return queryJson(request, timeoutMillis);
  };
  if (moto !== undefined && options.onBackendFailure !== undefined) moto.onFailure(options.onBackendFailure);
  const readState = async () => (moto !== undefined ? moto.state() : emulators !== undefined ? emulators.state() : {});
  let server;
  try {
    server = await startHttpServer({
      model,
      deps: { send: sender, policy, newRequestId: randomUUID, now: () => new Date() },
      host: options.host,
      port: options.port,
      allowedHosts: [...(options.allowedHosts ?? []), ...hostNamesOf(options.host)],
      // Pages the template's own CORS names may call it, as on AWS; any other site's page may not.
      allowedOrigins: corsOrigins(options.template),
      state: readState,
      ...(options.onRequest !== undefined ? { onRequest: options.onRequest } : {}),
    });
  } catch (error) {
    await emulators?.stop().catch(() => undefined);
    await moto?.stop().catch(() => undefined);
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    model,
    policy,
    endpoints,
    emulated: emulators?.startupMillis ?? {},
    unreachable: [...used].filter((service) => endpoints[service] === undefined),
    warnings: [...emulation.warnings, ...model.warnings],
    backend,
    ...(moto !== undefined
      ? { moto: { url: moto.url, startupMillis: moto.startupMillis, ...(moto.pid !== undefined ? { pid: moto.pid } : {}) } }
      : {}),
    state: readState,
    stop: () => {
      stopped ??= (async () => {
        await server.close();
        await emulators?.stop();
        await moto?.stop();
      })();
      return stopped;
    },
  };
}
