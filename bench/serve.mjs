// Benchmark: SQS SendMessage through `service-proxy serve` versus a direct AWS SDK v3 call to the same
// embedded SQS emulator, on loopback. Run after `node build.mjs`:
//   node bench/serve.mjs [--requests 2000] [--seconds 15] [--concurrency 16]
// Prints requests/s and p50/p99 latency for both, and the overhead of serve as a ratio.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '16' },
  },
});
const maxRequests = Number(values.requests);
const maxMillis = Number(values.seconds) * 1000;
const concurrency = Number(values.concurrency);
const body = JSON.stringify({ orderId: 'o-1', items: [{ sku: 'A-1', qty: 2 }], note: "it's & = + % fine" });

/** Starts serve on a free port and returns its URL, the SQS emulator URL and the child. */
function startServe() {
  const child = spawn(process.execPath, ['dist/cli.js', 'serve', 'samples/quickstart.yaml', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('Press Ctrl+C')) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume(); // keep draining request log lines
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const sqs = /sqs (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      resolve({ child, url, sqs });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

/** Runs `send` with bounded concurrency until `maxRequests` are done or `maxMillis` passed; returns latencies (ms). */
async function load(send) {
  const latencies = [];
  const started = performance.now();
  let issued = 0;
  let failures = 0;
  async function worker() {
    while (issued < maxRequests && performance.now() - started < maxMillis) {
      issued += 1;
      const t = performance.now();
      try {
        await send();
        latencies.push(performance.now() - t);
      } catch {
        failures += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, failures, rps: latencies.length / elapsed, p50: pick(0.5), p99: pick(0.99) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function postThroughServe(url) {
  return () =>
    new Promise((resolve, reject) => {
      const request = http.request(
        `${url}/orders`,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(String(response.statusCode)))));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

const { child, url, sqs } = await startServe();
try {
  const client = new SQSClient({
    endpoint: sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency }) }),
  });
  const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'Orders' }));
  const direct = () => client.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
  const viaServe = postThroughServe(url);
  // Warm up both paths (JIT, sockets) before measuring.
  for (let i = 0; i < 50; i += 1) {
    await direct();
    await viaServe();
  }
  const sdk = await load(direct);
  const served = await load(viaServe);
  const row = (name, r) =>
    [
      name.padEnd(28),
      String(r.count).padStart(6),
      r.rps.toFixed(0).padStart(8),
      r.p50.toFixed(2).padStart(8),
      r.p99.toFixed(2).padStart(8),
      String(r.failures).padStart(6),
    ].join(' ');
  console.log(
    `SQS SendMessage on loopback, concurrency ${concurrency}, up to ${maxRequests} requests or ${values.seconds} s each (Node ${process.version})`,
  );
  console.log(
    `${'path'.padEnd(28)} ${'count'.padStart(6)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'fail'.padStart(6)}`,
  );
  console.log(row('direct SDK → emulator', sdk));
  console.log(row('HTTP → serve → emulator', served));
  console.log(
    `overhead of serve: throughput ×${(sdk.rps / served.rps).toFixed(2)} lower, ` +
      `p50 ×${(served.p50 / sdk.p50).toFixed(2)}, p99 ×${(served.p99 / sdk.p99).toFixed(2)}`,
  );
  client.destroy();
} finally {
  agent.destroy();
  child.kill('SIGINT');
}
