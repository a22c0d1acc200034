import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's samples folder. */
export const SAMPLES_DIR = join(__dirname, '..', '..', 'samples');

/** Sample names (without .yaml), split into success cases and `error-*` cases. */
export function sampleNames(): { valid: string[]; errors: string[] } {
  const names = readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
  return { valid: names.filter((n) => !n.startsWith('error-')), errors: names.filter((n) => n.startsWith('error-')) };
}

/** Path of a sample's template. */
export function samplePath(name: string): string {
  return join(SAMPLES_DIR, `${name}.yaml`);
}

/**
 * Samples whose expansion is pinned by assertions (counts, sizes, roles in test/sizing) rather than by a
 * golden: their expansions run to tens of thousands of lines that no review reads.
 */
export function hasGolden(name: string): boolean {
  return !name.startsWith('sizing-');
}

/**
 * Compares with the checked-in golden file, or rewrites it when UPDATE_GOLDEN=1 (review the diff:
 * the golden is the most honest description of a change). A missing golden fails: a golden written by
 * the run that checks it would pin whatever the code does, right or wrong.
 */
export function readOrUpdateGolden(name: string, actual: unknown): unknown {
  const file = join(SAMPLES_DIR, 'expected', `${name}.json`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  else if (!existsSync(file))
    throw new Error(`missing golden file ${file}: write it with \`npm run golden:update\`, review it, and commit it`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
