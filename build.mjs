// Generates the precompiled schema validator, then bundles the macro Lambda handler and the
// service-proxy CLI with esbuild, and puts the service facts beside the Lambda bundle (the handler
// reads the files of the services a template names; the CDK app ships the whole dist/lambda folder).

import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { generateApiValidator, generateJsonSchemaValidator, generateValidator } from './scripts/generate-validator.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };
// The Lambda's options live in one file that test/layering.test.ts builds with too, so the layering it
// checks is that of the bundle that ships.
const lambda = JSON.parse(readFileSync(new URL('./scripts/lambda-bundle-options.json', import.meta.url), 'utf8'));

await generateValidator();
await generateApiValidator();
await generateJsonSchemaValidator();
mkdirSync('dist', { recursive: true });
await Promise.all([
  // The Lambda: one self-contained file, no runtime dependencies, no AWS SDK.
  build({ ...common, ...lambda, outfile: 'dist/lambda/index.js' }),
  // The CLI: installed dependencies (emulators with native modules, the wasm validator) stay external.
  build({
    ...common,
    entryPoints: ['cli/cli.ts'],
    outfile: 'dist/cli.js',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    packages: 'external',
  }),
]);
chmodSync('dist/cli.js', 0o755);
rmSync('dist/lambda/service-facts', { recursive: true, force: true });
cpSync('macro/service-facts/data', 'dist/lambda/service-facts/data', { recursive: true });
