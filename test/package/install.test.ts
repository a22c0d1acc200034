import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplePath } from '../helpers/samples';

const ROOT = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  license: string;
};

/** The CLI's bundles: the entry and the lazily loaded commands. */
function cliBundles(): string[] {
  return readdirSync(join(ROOT, 'dist', 'cli')).map((f) => join(ROOT, 'dist', 'cli', f));
}

/** The packages a bundle requires at run time (relative files and Node's own modules aside). */
function requiredPackages(file: string): Set<string> {
  const names = new Set<string>();
  // Not inside a string: ajv's code generator quotes `require("ajv/dist/runtime/...")` as text for standalone code.
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?<!['`])\brequire\("([^"]+)"\)/g)) {
    const name = specifier as string;
    if (name.startsWith('.') || name.startsWith('node:') || builtinModules.includes(name.split('/')[0] as string)) continue;
    names.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] as string));
  }
  return names;
}

describe('the npm package users install', () => {
  it('is publishable under a name of the project’s own, with the service-proxy bin', () => {
    expect(packageJson.name).toBe('@service-proxy/cli');
    expect(packageJson.private).toBeUndefined();
    expect(packageJson.bin).toEqual({ 'service-proxy': 'dist/cli.js' });
    expect(packageJson.scripts.prepack).toBe('node build.mjs');
    expect(packageJson.license).toBe('Apache-2.0');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`## \\[${packageJson.version.replace(/\./g, '\\.')}\\]`));
  });

  it('requires at run time exactly its dependencies: the CDK app’s packages are development-only', () => {
    const required = new Set(cliBundles().flatMap((file) => [...requiredPackages(file)]));
    expect([...required].sort()).toEqual(Object.keys(packageJson.dependencies).sort());
    for (const cdk of ['aws-cdk-lib', 'constructs', 'aws-cdk']) {
      expect(packageJson.dependencies[cdk]).toBeUndefined();
      expect(packageJson.devDependencies[cdk]).toBeDefined();
    }
  });

  it('expand loads no package at all, and none of the serve, render or validate bundles', () => {
    // Every module Node loads, as the process exits.
    const probe = "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));";
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `${probe} process.argv.splice(1, 0, ${JSON.stringify(join(ROOT, 'dist', 'cli.js'))}); require(process.argv[1]);`,
        'expand',
        samplePath('quickstart'),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    const loaded = JSON.parse(run.stderr.split('\nLOADED ')[1] as string) as string[];
    expect(loaded).toEqual([join(ROOT, 'dist', 'cli.js'), join(ROOT, 'dist', 'cli', 'main.js')]);
  });

  it('npm pack → npm install --global → the installed service-proxy runs --version, expand and validate', () => {
    const work = mkdtempSync(join(tmpdir(), 'service-proxy-package-'));
    try {
      // `npm test` has built dist/; packing without scripts keeps other tests from seeing a rebuild.
      const packed = JSON.parse(
        execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
      ) as { filename: string; files: { path: string }[] }[];
      const [tarball] = packed;
      if (tarball === undefined) throw new Error('npm pack produced nothing');
      const files = tarball.files.map((f) => f.path);
      expect(files).toEqual(
        expect.arrayContaining([
          'LICENSE',
          'README.md',
          'CHANGELOG.md',
          'docs/cli.md',
          'package.json',
          'dist/cli.js',
          'dist/cli/main.js',
          'dist/cli/serve.js',
        ]),
      );
      expect(files).toContain('dist/vendor/cloudformation-validate/bindings_wasm_bg.wasm');
      // The service facts (AWS's models, distilled) are shared with the Lambda's folder; the Lambda bundle itself is not shipped.
      expect(files).toContain('dist/lambda/service-facts/data/index.json');
      const outside = files.filter((f) => /^(test|samples|macro|cli|infra)\//.test(f) || f.startsWith('dist/lambda/'));
      expect(outside.filter((f) => !f.startsWith('dist/lambda/service-facts/data/'))).toEqual([]);

      const prefix = join(work, 'prefix');
      // From the npm cache where it has the dependencies (CI: this machine's), from the registry otherwise.
      execFileSync(
        'npm',
        ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball.filename)],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const installed = join(prefix, 'lib', 'node_modules', '@service-proxy', 'cli');
      expect(existsSync(join(installed, 'node_modules', 'aws-cdk-lib'))).toBe(false);
      const bin = join(prefix, 'bin', 'service-proxy');
      const run = (...args: string[]) => spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8' });

      const version = run('--version');
      expect(version.stdout).toBe(`${packageJson.version}\n`);
      const expand = run('expand', 'samples/quickstart.yaml');
      expect(expand.status).toBe(0);
      expect(expand.stderr).toBe('');
      expect(JSON.parse(expand.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'samples', 'expected', 'quickstart.json'), 'utf8')));
      // Actions derived from AWS's models find the service facts the package ships.
      const derived = run('expand', 'samples/ssm-get-parameter.yaml');
      expect(derived.status).toBe(0);
      expect(JSON.parse(derived.stdout)).toEqual(
        JSON.parse(readFileSync(join(ROOT, 'samples', 'expected', 'ssm-get-parameter.json'), 'utf8')),
      );
      // The vendored validator works without aws-cdk-lib.
      const validate = run('validate', 'samples/quickstart.yaml', '--validator', 'cloudformation-validate');
      expect(validate.stdout).toMatch(/0 finding\(s\) from @aws\/cloudformation-validate \d+\.\d+\.\d+/);
      expect(validate.status).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
