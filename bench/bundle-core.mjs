// Bundles bench/core.ts (the pure core, the template generators and the cfn-lint runner) with
// esbuild at run time, so the benchmarks run on a fresh clone after `npm ci`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Bundles bench/core.ts to `outfile` and loads it; `withoutLimits` swaps macro/limits.ts for a no-op so templates over the limits expand fully. */
export async function bundleCore(outfile, withoutLimits) {
  const stubLimits = {
    name: 'stub-limits',
    setup(b) {
      b.onLoad({ filter: /[\\/]macro[\\/]limits\.ts$/ }, () => ({
        contents: 'export function checkLimits() { return []; }',
        loader: 'ts',
      }));
    },
  };
  await build({
    entryPoints: [path.join(ROOT, 'bench', 'core.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    plugins: withoutLimits ? [stubLimits] : [],
  });
  return require(outfile);
}
