// `npm run bench`: measures the macro where it matters and writes BENCHMARKS.md.
//
//  - warm expansion time (in process, median of many runs) at 1, 50, 150 and 1,000 integrations,
//    next to a bare JSON.parse(JSON.stringify(output)) of the same output: the ratio is the figure
//    that matters, since it does not depend on the machine;
//  - cold start: a fresh Node process loads the Lambda bundle and handles one macro event;
//  - the Lambda bundle's size, raw and gzipped;
//  - peak memory of expanding 1,000 integrations, in a child process;
//  - CLI start-up: whole `service-proxy` processes next to a bare `node -e 0` (bench/cli-startup.mjs);
//  - template size: the same routes with the implicit API, `Definition: Resources` and `Definition: OpenApi`,
//    against issue 16's size targets (bench/template-size.mjs).
//
// Runs on a fresh clone after `npm ci`: the TypeScript core is bundled with esbuild at run time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleCore } from './bundle-core.mjs';
import { CLI_TARGETS, cliStartupMarkdown, measureCliStartup } from './cli-startup.mjs';
import { measureTemplateSizes, templateSizeMarkdown, templateSizeTargetRows } from './template-size.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK_DIR = path.join(ROOT, '.tmp', 'bench');
const BUNDLE = path.join(ROOT, 'dist', 'lambda', 'index.js');
const SIZES = [1, 50, 150, 1000];
const COLD_START_RUNS = 15;

/** The targets printed next to the figures. */
const TARGETS = {
  expansionAt150Millis: 50,
  ratioToJsonRoundTrip: 10,
  coldStartMillis: 150,
  bundleBytes: 300 * 1024,
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median milliseconds of `fn`, after a warm-up, over at least `minRuns` runs and about `budgetMillis`. */
function timeMedian(fn, { minRuns = 31, maxRuns = 2000, budgetMillis = 2000, warmupRuns = 10 } = {}) {
  for (let i = 0; i < warmupRuns; i++) fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < maxRuns && (samples.length < minRuns || performance.now() - start < budgetMillis)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { medianMillis: median(samples), runs: samples.length };
}

function countResources(template) {
  return Object.keys(template.Resources ?? {}).length;
}

function fmt(n, digits = 2) {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function verdict(ok) {
  return ok ? 'met' : 'MISSED';
}

async function measureExpansion(core, coreWithoutLimits) {
  const kinds = core.integrationKinds();
  const context = { params: {}, templateParameterValues: { Environment: 'dev' } };
  const rows = [];
  for (const count of SIZES) {
    const template = core.generateTemplate(count, { kinds });
    // The real pipeline, limit checks included; a template over CloudFormation's limits fails here.
    const real = core.transformTemplate(template, context);
    // The same pipeline without limit checks, so that every size has an expanded output to compare with.
    const unlimited = coreWithoutLimits.transformTemplate(template, context);
    if (!unlimited.ok)
      throw new Error(`the generated ${count}-integration template does not expand: ${JSON.stringify(unlimited.diagnostics.slice(0, 3))}`);
    const output = unlimited.template;
    const outputBytes = Buffer.byteLength(JSON.stringify(output));
    const expansion = timeMedian(() => core.transformTemplate(template, context));
    const withoutLimits = timeMedian(() => coreWithoutLimits.transformTemplate(template, context));
    const json = timeMedian(() => JSON.parse(JSON.stringify(output)));
    rows.push({
      count,
      resources: countResources(output),
      outputBytes,
      realOk: real.ok,
      realFirstDiagnostic: real.ok ? undefined : real.diagnostics[0]?.code,
      expansionMillis: expansion.medianMillis,
      expansionRuns: expansion.runs,
      withoutLimitsMillis: withoutLimits.medianMillis,
      jsonMillis: json.medianMillis,
      ratio: expansion.medianMillis / json.medianMillis,
    });
    console.error(`  expanded ${count} integrations: ${fmt(expansion.medianMillis)} ms (${expansion.runs} runs)`);
  }
  return { rows, services: [...new Set(kinds.map((k) => `${k.service} ${k.action}`))] };
}

/**
 * The template plus three actions derived from AWS's models (SSM, SES, SageMaker runtime), so a cold
 * start also reads the service facts index and those services' files beside the bundle.
 */
function withDerivedActions(template) {
  const derived = {
    DerivedSsm: {
      Service: 'ssm',
      Action: 'GetParameter',
      Target: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/flags',
      Parameters: { Name: '/app/flags' },
    },
    DerivedSes: {
      Service: 'ses',
      Action: 'SendEmail',
      Target: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      Parameters: {
        Source: 'hello@example.com',
        Destination: { ToAddresses: '$request.body.to' },
        Message: { Subject: { Data: '$request.body.subject' }, Body: { Text: { Data: '$request.body.text' } } },
      },
    },
    DerivedSageMaker: {
      Service: 'sagemaker-runtime',
      Action: 'InvokeEndpoint',
      Target: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/m',
    },
  };
  const resources = { ...template.Resources };
  for (const [id, properties] of Object.entries(derived))
    resources[id] = {
      Type: 'Proxy::ServiceIntegration',
      Properties: { Path: `/derived/${id.toLowerCase()}`, Method: 'POST', ...properties },
    };
  return { ...template, Resources: resources };
}

/** Cold start: a fresh Node process loads the Lambda bundle and handles one macro event. */
function measureColdStart(core) {
  const event = {
    requestId: 'bench-cold-start',
    region: 'us-east-1',
    accountId: '123456789012',
    transformId: '123456789012::ServiceProxy',
    params: {},
    templateParameterValues: { Environment: 'dev' },
    fragment: withDerivedActions(core.generateTemplate(50)),
  };
  const eventFile = path.join(WORK_DIR, 'cold-start-event.json');
  writeFileSync(eventFile, JSON.stringify(event));
  const childFile = path.join(WORK_DIR, 'cold-start-child.cjs');
  writeFileSync(
    childFile,
    `// Measured inside the child: performance.now() counts from the process's time origin.
const { readFileSync } = require('node:fs');
const startedMillis = performance.now();
const event = JSON.parse(readFileSync(${JSON.stringify(eventFile)}, 'utf8'));
const t0 = performance.now();
const { handler } = require(${JSON.stringify(BUNDLE)});
const t1 = performance.now();
handler(event).then((response) => {
  const t2 = performance.now();
  if (response.status !== 'success') throw new Error(response.errorMessage);
  process.stdout.write(JSON.stringify({ bootMillis: startedMillis, loadMillis: t1 - t0, firstEventMillis: t2 - t1, sinceOriginMillis: t2 }));
});
`,
  );
  const samples = [];
  for (let i = 0; i < COLD_START_RUNS + 1; i++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [childFile], { encoding: 'utf8' });
    const wallMillis = performance.now() - t0;
    if (child.status !== 0) throw new Error(`cold-start child failed: ${child.stderr}`);
    if (i === 0) continue; // the first run warms the OS file cache, as a provisioned Lambda image is
    samples.push({ ...JSON.parse(child.stdout), wallMillis });
  }
  const pick = (key) => median(samples.map((s) => s[key]));
  return {
    runs: samples.length,
    bootMillis: pick('bootMillis'),
    loadMillis: pick('loadMillis'),
    firstEventMillis: pick('firstEventMillis'),
    loadPlusEventMillis: median(samples.map((s) => s.loadMillis + s.firstEventMillis)),
    wallMillis: pick('wallMillis'),
  };
}

/** Peak memory of expanding 1,000 integrations, in a child with --expose-gc. */
function measureMemory(core, coreFile) {
  const templateFile = path.join(WORK_DIR, 'memory-template.json');
  writeFileSync(templateFile, JSON.stringify(core.generateTemplate(1000)));
  const childFile = path.join(WORK_DIR, 'memory-child.cjs');
  writeFileSync(
    childFile,
    `const { readFileSync } = require('node:fs');
const core = require(${JSON.stringify(coreFile)});
const template = JSON.parse(readFileSync(${JSON.stringify(templateFile)}, 'utf8'));
const context = { params: {}, templateParameterValues: { Environment: 'dev' } };
global.gc();
const before = { maxRssBytes: process.resourceUsage().maxRSS * 1024, heapUsedBytes: process.memoryUsage().heapUsed };
// The expansion is one synchronous call: the heap right after it, before any gc, is a lower bound of
// its peak; maxRSS is the true peak of the process.
const result = core.transformTemplate(template, context);
const peakHeapBytes = process.memoryUsage().heapUsed;
const afterMaxRssBytes = process.resourceUsage().maxRSS * 1024;
global.gc();
const retainedHeapBytes = process.memoryUsage().heapUsed;
if (!result.ok) throw new Error('expansion failed');
process.stdout.write(JSON.stringify({ before, afterMaxRssBytes, peakHeapBytes, retainedHeapBytes, resources: Object.keys(result.template.Resources).length }));
`,
  );
  const child = spawnSync(process.execPath, ['--expose-gc', childFile], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    // Other processes skew every figure but the ratios: the load is part of the record.
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

function mib(bytes) {
  return `${fmt(bytes / 1024 ** 2, 1)} MiB`;
}

/** One row of a Markdown table. */
function tableRow(...cells) {
  return `| ${cells.join(' | ')} |`;
}

function report({ host, expansion, cold, bundle, memory, cli, sizes }) {
  const at = (n) => expansion.rows.find((r) => r.count === n);
  const growth = at(1000).expansionMillis / at(150).expansionMillis;
  const growthWithoutLimits = at(1000).withoutLimitsMillis / at(150).withoutLimitsMillis;
  const linear = 1000 / 150;
  const expansionOk = at(150).expansionMillis < TARGETS.expansionAt150Millis;
  const ratioOk = at(150).ratio <= TARGETS.ratioToJsonRoundTrip;
  const coldOk = cold.loadPlusEventMillis < TARGETS.coldStartMillis;
  const bundleOk = bundle.bytes < TARGETS.bundleBytes;
  const cliAt = (key) => cli.rows.find((r) => r.key === key);
  const cliStartupOk = cliAt('version').ratio <= CLI_TARGETS.startupRatioToNode;
  const cliExpandOk = cliAt('expand150').medianMillis <= CLI_TARGETS.expand150Millis;
  const lines = [];
  lines.push('# Benchmarks', '');
  lines.push('Written by `npm run bench` (`node bench/run.mjs`); numbers from the run below. Re-run after changes to the core.', '');
  lines.push('## Machine', '');
  lines.push(`| CPU | cores | memory | Node.js | OS | load average (1/5/15 min) at start | date |`, `|---|---|---|---|---|---|---|`);
  lines.push(
    tableRow(host.cpuModel, host.cores, `${fmt(host.memoryGiB, 1)} GiB`, host.node, host.platform, host.loadAverage, host.date),
    '',
  );
  lines.push('## Targets', '');
  lines.push('| target | measured | |', '|---|---|---|');
  lines.push(
    tableRow(
      `expansion of 150 integrations < ${TARGETS.expansionAt150Millis} ms`,
      `${fmt(at(150).expansionMillis)} ms`,
      verdict(expansionOk),
    ),
  );
  lines.push(
    tableRow(
      `expansion within ${TARGETS.ratioToJsonRoundTrip}× a JSON round trip of its output (150)`,
      `${fmt(at(150).ratio, 1)}×`,
      verdict(ratioOk),
    ),
  );
  lines.push(
    tableRow(
      `growth 150 → 1,000 close to linear (${fmt(linear)}×)`,
      `${fmt(growth)}× (${fmt(growth / linear)} of linear)`,
      verdict(growth / linear < 1.5),
    ),
  );
  lines.push(
    tableRow(
      `cold start (bundle load + first event, 53 integrations, 3 derived from AWS's models) < ${TARGETS.coldStartMillis} ms`,
      `${fmt(cold.loadPlusEventMillis, 1)} ms`,
      verdict(coldOk),
    ),
  );
  lines.push(
    tableRow(
      `Lambda bundle < ${TARGETS.bundleBytes / 1024} KB`,
      `${fmt(bundle.bytes / 1024, 1)} KB (${fmt(bundle.gzipBytes / 1024, 1)} KB gzip)`,
      verdict(bundleOk),
    ),
  );
  lines.push(
    tableRow(
      `CLI start-up (\`service-proxy --version\`) within ${CLI_TARGETS.startupRatioToNode}× \`node -e 0\``,
      `${fmt(cliAt('version').ratio)}× (${fmt(cliAt('version').medianMillis, 1)} ms vs ${fmt(cliAt('node').medianMillis, 1)} ms)`,
      verdict(cliStartupOk),
    ),
  );
  lines.push(
    tableRow(
      `\`service-proxy expand\` of 150 routes ≤ ${CLI_TARGETS.expand150Millis} ms (whole process)`,
      `${fmt(cliAt('expand150').medianMillis, 1)} ms`,
      verdict(cliExpandOk),
    ),
  );
  for (const row of templateSizeTargetRows(sizes)) lines.push(tableRow(...row));
  lines.push('');
  lines.push('## Expansion, warm, in process', '');
  lines.push(
    'Median of many runs after a warm-up (`transformTemplate`, limit checks included). ' +
      `Services integrated, in turn: ${expansion.services.join(', ')}. ` +
      'Eight methods share each path; a few targets per service; every 25th integration conditional.',
    '',
  );
  lines.push(
    '| integrations | resources out | output JSON | expansion | JSON.parse+stringify of output | ratio | runs | outcome |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of expansion.rows) {
    const outcome = r.realOk ? 'expanded' : `fails with ${r.realFirstDiagnostic} (over CloudFormation's limits, as it must)`;
    lines.push(
      tableRow(
        r.count.toLocaleString('en-US'),
        r.resources,
        `${fmt(r.outputBytes / 1024, 1)} KB`,
        `${fmt(r.expansionMillis)} ms`,
        `${fmt(r.jsonMillis, 3)} ms`,
        `${fmt(r.ratio, 1)}×`,
        r.expansionRuns,
        outcome,
      ),
    );
  }
  lines.push('');
  lines.push(
    `Growth from 150 to 1,000 integrations: ${fmt(growth)}× (linear would be ${fmt(linear)}×); without the limit checks ${fmt(growthWithoutLimits)}×. ` +
      'The 1,000-integration template cannot be deployed (over 500 resources): ' +
      'it is timed through the full pipeline, which ends in the limit diagnostic; ' +
      'its output and JSON round trip come from the same pipeline with the limit check stubbed out.',
    '',
  );
  lines.push('## Cold start', '');
  lines.push(
    'A fresh `node` process loads `dist/lambda/index.js` and handles one macro event ' +
      "(50 integrations of the built-in actions, plus 3 derived from AWS's models, " +
      'SSM GetParameter, SES SendEmail and SageMaker runtime InvokeEndpoint, ' +
      'whose service facts the handler reads from beside the bundle on first use); ' +
      `median of ${cold.runs} runs, measured inside the child with \`performance.now()\`.`,
    '',
  );
  lines.push(
    '| Node boot (before user code) | bundle load | first event | load + first event | child wall time (spawn to exit) |',
    '|---|---|---|---|---|',
  );
  const millis = (n) => `${fmt(n, 1)} ms`;
  lines.push(
    tableRow(
      millis(cold.bootMillis),
      millis(cold.loadMillis),
      millis(cold.firstEventMillis),
      millis(cold.loadPlusEventMillis),
      millis(cold.wallMillis),
    ),
    '',
  );
  lines.push('## Lambda bundle', '');
  lines.push(
    `\`dist/lambda/index.js\`: ${bundle.bytes.toLocaleString('en-US')} bytes, ${bundle.gzipBytes.toLocaleString('en-US')} bytes gzipped.`,
    '',
  );
  lines.push('## Memory: expanding 1,000 integrations', '');
  lines.push('In a child process with `--expose-gc` (limit check stubbed out so the whole output is built).', '');
  lines.push(
    '| max RSS before | max RSS after (peak) | heap before (after gc) | heap right after expansion (before gc) | heap retained (output, after gc) |',
    '|---|---|---|---|---|',
  );
  lines.push(
    tableRow(
      mib(memory.before.maxRssBytes),
      mib(memory.afterMaxRssBytes),
      mib(memory.before.heapUsedBytes),
      mib(memory.peakHeapBytes),
      mib(memory.retainedHeapBytes),
    ),
    '',
  );
  lines.push(
    'For comparison (research, peer-serverless-plugins §8): `serverless package` with serverless-apigateway-service-proxy ' +
      'takes 1.78 s and 257 MiB for 150 SQS proxies, of which its own compile step is 14 ms warm.',
    '',
  );
  lines.push(templateSizeMarkdown(sizes, { withTargets: false }));
  lines.push(cliStartupMarkdown(cli));
  return { markdown: lines.join('\n'), summary: { expansionOk, ratioOk, coldOk, bundleOk, growth, linear } };
}

async function main() {
  const host = machine();
  mkdirSync(WORK_DIR, { recursive: true });
  if (!process.argv.includes('--no-build')) execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing; run node build.mjs`);
  console.error('bundling the core...');
  const coreFile = path.join(WORK_DIR, 'core.cjs');
  const unlimitedFile = path.join(WORK_DIR, 'core-without-limits.cjs');
  const core = await bundleCore(coreFile, false);
  const coreWithoutLimits = await bundleCore(unlimitedFile, true);
  console.error('expansion...');
  const expansion = await measureExpansion(core, coreWithoutLimits);
  console.error('cold start...');
  const cold = measureColdStart(core);
  const bundleText = readFileSync(BUNDLE);
  const bundle = { bytes: statSync(BUNDLE).size, gzipBytes: gzipSync(bundleText, { level: 9 }).length };
  console.error('memory...');
  const memory = measureMemory(core, unlimitedFile);
  console.error('CLI start-up...');
  const cli = measureCliStartup();
  console.error('template size...');
  const sizes = await measureTemplateSizes(core, coreWithoutLimits);
  const { markdown } = report({ host, expansion, cold, bundle, memory, cli, sizes });
  writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${markdown}\n`);
  console.log(markdown);
  console.log('\nwrote BENCHMARKS.md');
}

await main();
