// Generates the precompiled schema validator, then bundles the macro Lambda handler and the
// service-proxy CLI with esbuild.

import { chmodSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { generateApiValidator, generateJsonSchemaValidator, generateValidator } from './scripts/generate-validator.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };

await generateValidator();
await generateApiValidator();
await generateJsonSchemaValidator();
mkdirSync('dist', { recursive: true });
await Promise.all([
  // The Lambda: one self-contained file, no runtime dependencies, no AWS SDK.
  build({ ...common, entryPoints: ['macro/handler.ts'], outfile: 'dist/lambda/index.js', minify: true, format: 'cjs' }),
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
