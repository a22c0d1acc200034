/** `service-proxy serve`: the expanded API on localhost, backed by embedded AWS emulators. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type ClientResponse,
  curlCommand,
  DRAIN_MILLIS,
  describeAccessPolicy,
  type LocalGateway,
  type RequestLogEntry,
  type ServiceRequest,
  startLocalGateway,
} from '../gateway';
import { expandFile, formatDiagnosticsForFile } from './expand-file';
import { OptionPairError, pairs } from './option-pairs';
import { COMMANDS } from './usage';

/** Usage text of the serve command (the CLI's USAGE lists it too). */
export const SERVE_USAGE = COMMANDS.serve.synopsis;

/** Reads an API keys file: one key per line, `#` comments and blank lines ignored. */
function readKeysFile(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function usage(message: string): number {
  process.stderr.write(`service-proxy serve: ${message}\n\nUsage: service-proxy ${SERVE_USAGE}\n`);
  return 2;
}

/** Text for a log, with bytes that are not UTF-8 shown as a size. */
function preview(body: Buffer): string {
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body) ? text : `<${body.length} bytes of binary>`;
}

function indent(text: string): string {
  return text.replace(/^/gm, '      ');
}

/** One log line per request; with --verbose, the integration request and the raw service response below it. */
function logLine(entry: RequestLogEntry, verbose: boolean): string {
  const { trace } = entry;
  const action = trace.serviceRequest !== undefined ? `${trace.serviceRequest.service}:${trace.action ?? ''}` : (trace.action ?? '-');
  let line = `${entry.method} ${entry.path} ${entry.status} ${entry.millis.toFixed(1)}ms ${action}`;
  if (trace.reason !== undefined) line += ` (${trace.reason})`;
  for (const warning of trace.warnings) line += `\n    warning: ${warning}`;
  if (verbose) {
    const request: ServiceRequest | undefined = trace.serviceRequest;
    if (request !== undefined) {
      const headers = Object.entries(request.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      line += `\n  → ${request.method} ${request.url}\n${indent(headers)}\n${indent(preview(request.body))}`;
    }
    if (trace.backend !== undefined) line += `\n  ← ${trace.backend.status}\n${indent(preview(trace.backend.body))}`;
    const response: ClientResponse = entry.response;
    line += `\n  ⇐ ${response.statusCode} ${preview(response.body)}`;
  }
  return `${line}\n`;
}

/** The start-up banner: base URL, policy, emulators, and a curl command per route. */
function banner(gateway: LocalGateway, file: string, apiKey: string | undefined, denyUnauthenticated: boolean): string {
  const lines = [`service-proxy serve: ${file} on ${gateway.url}`];
  if (gateway.moto !== undefined)
    lines.push(`Backend: moto_server ${gateway.moto.url} (${gateway.moto.startupMillis} ms) for every AWS service`);
  const emulated = Object.entries(gateway.emulated).map(([service, ms]) => `${service} ${gateway.endpoints[service]} (${ms} ms)`);
  if (emulated.length > 0) lines.push(`Emulators: ${emulated.join(', ')}`);
  for (const [service, url] of Object.entries(gateway.endpoints))
    if (!(service in gateway.emulated) && url !== gateway.moto?.url) lines.push(`Endpoint: ${service} → ${url}`);
  for (const service of gateway.unreachable)
    lines.push(`Warning: integrations call '${service}', which has no emulator; pass --endpoint ${service}=URL`);
  for (const warning of gateway.warnings) lines.push(`Warning: ${warning}`);
  lines.push(...describeAccessPolicy(gateway.policy));
  lines.push(`State: curl -s ${gateway.url}/_proxy/state`, '', 'Routes:');
  for (const route of gateway.model.routes) {
    for (const method of Object.values(route.methods)) {
      lines.push(`  ${method.httpMethod} ${route.resourcePath}`);
      lines.push(
        `    ${curlCommand(gateway.url, route, method, { ...(apiKey !== undefined ? { apiKey } : {}), authorization: denyUnauthenticated })}`,
      );
    }
  }
  if (gateway.model.routes.length === 0) lines.push('  (none: the template has no API Gateway methods)');
  lines.push('', 'Press Ctrl+C to stop.');
  return `${lines.join('\n')}\n`;
}

/** Runs `serve`; resolves with the exit code once stopped by SIGINT/SIGTERM (0), or at once on failure (1, 2). */
export async function serveCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '3000' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-host': { type: 'string', multiple: true },
        backend: { type: 'string', default: 'embedded' },
        endpoint: { type: 'string', multiple: true },
        'api-key': { type: 'string', multiple: true },
        'api-keys-file': { type: 'string' },
        'deny-unauthenticated': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        region: { type: 'string', default: 'us-east-1' },
        account: { type: 'string', default: '123456789012' },
        parameter: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) return usage('serve takes one template file.');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be 0-65535; received '${values.port}'.`);
  const backend = values.backend;
  if (backend !== 'embedded' && backend !== 'moto') return usage(`--backend must be 'embedded' or 'moto'; received '${backend}'.`);
  let endpoints: Record<string, string>;
  let parameters: Record<string, string>;
  try {
    endpoints = pairs(values.endpoint, '--endpoint');
    parameters = pairs(values.parameter, '--parameter');
  } catch (error) {
    if (error instanceof OptionPairError) return usage(error.message);
    throw error;
  }
  for (const [service, url] of Object.entries(endpoints)) {
    if (!/^https?:\/\/[^/]/.test(url)) return usage(`--endpoint ${service}= needs an http(s) URL; received '${url}'.`);
  }
  const apiKeys = [...(values['api-key'] ?? [])];
  if (values['api-keys-file'] !== undefined) {
    try {
      apiKeys.push(...readKeysFile(values['api-keys-file']));
    } catch (error) {
      process.stderr.write(`service-proxy serve: cannot read --api-keys-file: ${(error as Error).message}\n`);
      return 1;
    }
  }

  const expanded = expandFile(file, parameters);
  if (!expanded.ok) {
    process.stderr.write(`${formatDiagnosticsForFile(file, expanded.diagnostics)}\n`);
    return 1;
  }
  const env = process.env;
  const verbose = values.verbose;
  let gateway: LocalGateway;
  try {
    gateway = await startLocalGateway({
      template: expanded.template,
      region: values.region,
      accountId: values.account,
      parameters,
      host: values.host,
      port,
      endpoints,
      apiKeys,
      denyUnauthenticated: values['deny-unauthenticated'],
      backend,
      allowedHosts: values['allow-host'] ?? [],
      onBackendFailure: (reason) =>
        process.stderr.write(`service-proxy serve: ${reason}. Every call to it now answers 502; restart serve.\n`),
      ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? {
            externalCredentials: {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
            },
          }
        : {}),
      onRequest: (entry) => process.stdout.write(logLine(entry, verbose)),
    });
  } catch (error) {
    // Matched by name: importing the class would load every emulator package with the CLI.
    if (['EmulatorStartError', 'MotoStartError', 'MotoNotFoundError'].includes((error as Error).name)) {
      process.stderr.write(`service-proxy serve: ${(error as Error).message}\n`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      process.stderr.write(`service-proxy serve: cannot listen on ${values.host}:${port} (${code}); choose another --port or --host.\n`);
      return 1;
    }
    throw error;
  }
  const firstKey = [...gateway.policy.apiKeys][0];
  process.stdout.write(banner(gateway, file, firstKey, values['deny-unauthenticated']));

  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stdout.write(`\nservice-proxy serve: ${signal}, stopping.\n`);
      gateway.stop().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`service-proxy serve: error while stopping: ${(error as Error).message}\n`);
          resolve(1);
        },
      );
      // Requests in flight get DRAIN_MILLIS to finish; after that and a grace period, an emulator library
      // that keeps a handle open must not keep the process alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), DRAIN_MILLIS + 3_000).unref();
    };
    const onInt = () => shutdown('SIGINT');
    const onTerm = () => shutdown('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}
