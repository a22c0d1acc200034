// CLI start-up, as a user waits for it: whole processes, wall clock, many runs, side by side with a
// bare `node -e 0` (what no CLI can beat). Commands run round robin, so load on the machine spreads
// over all of them alike; the figure per command is the median (and the minimum) of its runs.
//
// Run alone after `node build.mjs`: `node bench/cli-startup.mjs [--runs 30]` prints the table;
// bench/run.mjs includes it in BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Targets of the CLI's start-up, printed next to the figures. */
export const CLI_TARGETS = { startupRatioToNode: 1.5, expand150Millis: 200 };

/** The commands timed, each a whole process. */
export const CLI_COMMANDS = [
  { key: 'node', label: '`node -e 0` (bare Node.js)', args: ['-e', '0'] },
  { key: 'version', label: '`service-proxy --version` (start-up)', args: [CLI, '--version'] },
  { key: 'help', label: '`service-proxy serve --help`', args: [CLI, 'serve', '--help'] },
  {
    key: 'expand1',
    label: '`service-proxy expand samples/sqs-send-message.yaml` (1 route)',
    args: [CLI, 'expand', 'samples/sqs-send-message.yaml'],
  },
  {
    key: 'expand150',
    label: '`service-proxy expand samples/sizing-150-cors.yaml` (150 routes)',
    args: [CLI, 'expand', 'samples/sizing-150-cors.yaml'],
  },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times every command `runs` times, round robin, after one warm-up round; output goes nowhere. */
export function measureCliStartup(runs = 30) {
  const samples = Object.fromEntries(CLI_COMMANDS.map((c) => [c.key, []]));
  for (let round = 0; round <= runs; round++) {
    for (const command of CLI_COMMANDS) {
      const t0 = performance.now();
      const child = spawnSync(process.execPath, command.args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      const millis = performance.now() - t0;
      if (child.status !== 0) throw new Error(`${command.label} failed: ${child.stderr}`);
      if (round > 0) samples[command.key].push(millis);
    }
  }
  const rows = CLI_COMMANDS.map((c) => ({ ...c, medianMillis: median(samples[c.key]), minMillis: Math.min(...samples[c.key]) }));
  const node = rows.find((r) => r.key === 'node');
  return { runs, rows: rows.map((r) => ({ ...r, ratio: r.medianMillis / node.medianMillis })) };
}

/** The BENCHMARKS.md section. */
export function cliStartupMarkdown({ runs, rows }) {
  const at = (key) => rows.find((r) => r.key === key);
  const lines = [
    '## CLI start-up',
    '',
    `Whole processes, wall clock from spawn to exit, output discarded; ${runs} runs of each command, round robin after a warm-up round. The ratio is to a bare \`node -e 0\` measured in the same rounds, so it holds on other machines.`,
    '',
    '| command | median | min | × `node -e 0` |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.medianMillis.toFixed(1)} ms | ${r.minMillis.toFixed(1)} ms | ${r.ratio.toFixed(2)}× |`),
    '',
    `Targets: start-up within ${CLI_TARGETS.startupRatioToNode}× \`node -e 0\`: ${at('version').ratio.toFixed(2)}× (${at('version').ratio <= CLI_TARGETS.startupRatioToNode ? 'met' : 'MISSED'}); ` +
      `\`expand\` of 150 routes ≤ ${CLI_TARGETS.expand150Millis} ms: ${at('expand150').medianMillis.toFixed(1)} ms (${at('expand150').medianMillis <= CLI_TARGETS.expand150Millis ? 'met' : 'MISSED'}; ${(at('expand150').medianMillis - at('node').medianMillis).toFixed(1)} ms above \`node -e 0\`).`,
    '',
    '`dist/cli/main.js` (which the bin `dist/cli.js` loads) holds the entry, `expand` and `schema`, with yaml bundled in; `validate`, `render` and `serve` load their own bundles (`dist/cli/*.js`) only when they run, and the emulators theirs only when `serve` starts them.',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
  console.log(cliStartupMarkdown(measureCliStartup(Number(values.runs))));
}
