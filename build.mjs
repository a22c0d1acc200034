// Generates the precompiled schema validator, then bundles the macro Lambda handler and the
// service-proxy CLI with esbuild, and puts the service facts beside the Lambda bundle (the handler
// reads the files of the services a template names; the CDK app ships the whole dist/lambda folder).
//
// The CLI bundles every pure-JavaScript package it uses (yaml, ajv, velocityjs, aws4): one file
// loads many times faster than a package's dozens, and start-up is what users wait for. Only the
// package's runtime `dependencies` (the emulators behind `serve`) stay outside, required on demand;
// so "every package the CLI requires at run time is a dependency" holds by construction. validate,
// render and serve are bundles of their own (dist/cli/<command>.js), required only when they run;
// expand and schema live in dist/cli/main.js, evaluated only when they run.

import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { generateApiValidator, generateJsonSchemaValidator, generateValidator } from './scripts/generate-validator.mjs';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };
// The Lambda's options live in one file that test/layering.test.ts builds with too, so the layering it
// checks is that of the bundle that ships.
const lambda = JSON.parse(readFileSync(new URL('./scripts/lambda-bundle-options.json', import.meta.url), 'utf8'));

/** The files of AWS's offline CloudFormation validator that `validate` loads (wasm + glue, with its licences). */
const VALIDATOR_FILES = [
  'index.js',
  'bindings_wasm.js',
  'bindings_wasm_bg.wasm',
  'package.json',
  'LICENSE',
  'NOTICE',
  'THIRD-PARTY-LICENSES.txt',
];

/**
 * Copies @aws/cloudformation-validate into dist/vendor. The copy aws-cdk-lib ships (1.14) is newer
 * than the registry's (1.9 beta) and is not exported; vendoring it keeps aws-cdk-lib (160 MB) a
 * development dependency while `validate` works for users who install only the CLI.
 */
function vendorCloudFormationValidator() {
  const source = join(dirname(require.resolve('aws-cdk-lib/package.json')), 'node_modules', '@aws', 'cloudformation-validate');
  const target = join('dist', 'vendor', 'cloudformation-validate');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const file of VALIDATOR_FILES) cpSync(join(source, file), join(target, file));
}

/** The licence of every package bundled into the CLI, as their licences require when redistributed. */
function writeThirdPartyNotices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match === null || packages.has(match[1])) continue;
    const root = input.slice(0, match.index + match[0].length);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license']
      .map((f) => join(root, f))
      .find((f) => {
        try {
          readFileSync(f);
          return true;
        } catch {
          return false;
        }
      });
    packages.set(match[1], {
      version: manifest.version,
      license: manifest.license,
      text: licenceFile ? readFileSync(licenceFile, 'utf8') : '',
    });
  }
  const sections = [...packages.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, p]) => `## ${name} ${p.version} (${p.license})\n\n${p.text.trim()}\n`);
  writeFileSync(join('dist', 'THIRD-PARTY-NOTICES.md'), `# Third-party software bundled in dist/cli/*.js\n\n${sections.join('\n')}`);
}

/** The commands that have their own bundle (dist/cli/<command>.js), loaded only when they run. */
const LAZY_COMMANDS = ['validate', 'render', 'serve'];

/** In dist/cli/main.js, `require('./serve-command')` loads dist/cli/serve.js instead of bundling it. */
const lazyCommandBundles = {
  name: 'lazy-command-bundles',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^\\./(${LAZY_COMMANDS.join('|')})-command$`) }, (args) =>
      args.importer.endsWith(join('cli', 'cli.ts')) ? { path: `./${/^\.\/(\w+)-/.exec(args.path)[1]}.js`, external: true } : undefined,
    );
  },
};

const cliOptions = {
  ...common,
  format: 'cjs',
  external: Object.keys(pkg.dependencies ?? {}),
  define: { SERVICE_PROXY_VERSION: JSON.stringify(pkg.version), SERVICE_PROXY_BUGS_URL: JSON.stringify(pkg.bugs?.url ?? '') },
  metafile: true,
};

await generateValidator();
await generateApiValidator();
await generateJsonSchemaValidator();
mkdirSync('dist', { recursive: true });
rmSync('dist/cli', { recursive: true, force: true });
const [, ...cli] = await Promise.all([
  // The Lambda: one self-contained file, no runtime dependencies, no AWS SDK.
  build({ ...common, ...lambda, outfile: 'dist/lambda/index.js' }),
  // The CLI: argument parsing, help, expand and schema; nothing of serve, render or validate.
  build({ ...cliOptions, entryPoints: ['cli/cli.ts'], outfile: 'dist/cli/main.js', plugins: [lazyCommandBundles] }),
  ...LAZY_COMMANDS.map((command) =>
    build({ ...cliOptions, entryPoints: [`cli/${command}-command.ts`], outfile: `dist/cli/${command}.js` }),
  ),
]);
// The bin: on Node.js 22.1+ it first turns V8's compile cache on, so later runs skip compiling the CLI.
writeFileSync(
  'dist/cli.js',
  `#!/usr/bin/env node
'use strict';
// Generated by build.mjs. Node.js 22.1+ keeps the CLI's compiled code between runs (older versions skip this).
require('node:module').enableCompileCache?.();
require('./cli/main.js').main();
`,
);
chmodSync('dist/cli.js', 0o755);
rmSync('dist/lambda/service-facts', { recursive: true, force: true });
cpSync('macro/service-facts/data', 'dist/lambda/service-facts/data', { recursive: true });
vendorCloudFormationValidator();
writeThirdPartyNotices({ inputs: Object.assign({}, ...cli.map((result) => result.metafile.inputs)) });
