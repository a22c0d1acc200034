/**
 * Where the macro Lambda's code comes from: the esbuild bundle that `node build.mjs` writes.
 *
 * The deploy app never imports macro/ sources; it ships exactly the file the tests exercise.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BundleNotBuiltError } from './errors';

// This file runs from two places that sit one level below the repository root: infra/ (jest,
// through @swc/jest) and .tmp/ (the esbuild output that cdk.json's `app` runs). So `..` is the
// repository root in both, whatever the current directory is.
/** Absolute path of the folder holding the bundled macro handler (`index.js`, export `handler`). */
export const MACRO_BUNDLE_DIR = path.resolve(__dirname, '..', 'dist', 'lambda');

/** The handler setting for the bundle: file `index.js`, export `handler`. */
export const MACRO_BUNDLE_HANDLER = 'index.handler';

/** Throws a clear error if the bundle has not been built, instead of CDK's bare "Cannot find asset". */
export function assertBundleBuilt(bundleDir: string): void {
  const entry = path.join(bundleDir, 'index.js');
  if (!existsSync(entry)) {
    throw new BundleNotBuiltError(
      `Macro bundle not found at ${entry}. Build it first with \`node build.mjs\` (npm run build); ` +
        '`npm run synth` and `npm run deploy` do this for you.',
    );
  }
}
