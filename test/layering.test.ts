/**
 * The layering the folders promise, checked on what esbuild actually bundles: the Lambda takes only
 * macro/, the VTL engine only vtl/, and no project file imports itself back through others.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import * as ts from 'typescript';
import lambdaBundleOptions from '../scripts/lambda-bundle-options.json';

const ROOT = join(__dirname, '..');

/** The project's source folders (what the cycle checks walk). */
const PROJECT_FOLDERS = ['macro', 'cli', 'gateway', 'emulators', 'vtl', 'executables', 'infra'];

/**
 * The folders each folder may import from: the CLI over the gateway over the emulators over the core
 * and the VTL engine; the executable lookup below all who need it; the deploy app ships the built bundle.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  cli: ['gateway', 'emulators', 'macro', 'vtl', 'executables'],
  gateway: ['emulators', 'macro', 'vtl', 'executables'],
  emulators: ['macro', 'vtl', 'executables'],
  macro: [],
  vtl: [],
  executables: [],
  infra: [],
};

/**
 * Files outside macro/ the Lambda may take: the runtime helpers that ajv's standalone validator code
 * (macro/schema/*.generated.js) requires for `enum`/`const` (deep equality) and string lengths
 * (`maxLength` counts code points). They are a few dozen lines and have no dependencies of their own.
 */
const LAMBDA_ALLOWED_OUTSIDE = [
  'node_modules/ajv/dist/runtime/equal.js',
  'node_modules/ajv/dist/runtime/ucs2length.js',
  'node_modules/fast-deep-equal/index.js',
];

/** Packages that belong to the local tooling (CLI, gateway, emulators, deploy app), never to the Lambda. */
const TOOLING_PACKAGES = [
  'yaml',
  'velocityjs',
  'aws-cdk-lib',
  'constructs',
  'dynalite',
  'kinesalite',
  'local-aws-sqs',
  's3rver',
  'aws-local-stepfunctions',
];

/** Bundles `entryPoint` in memory and returns esbuild's account of every file it took. */
async function bundleInputs(entryPoint: string, options: BuildOptions = {}): Promise<Metafile> {
  const result = await build({
    bundle: true,
    platform: 'node',
    ...options,
    entryPoints: [entryPoint],
    absWorkingDir: ROOT,
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** The package a node_modules input belongs to (`@scope/name` or `name`), if it is one. */
function packageOf(input: string): string | undefined {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/** The strongly connected components of more than one file (or a file importing itself): the cycles. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so that a long import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    lowLink.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++] as string;
        if (!index.has(target)) {
          index.set(target, next);
          lowLink.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) lowLink.set(parent.node, Math.min(lowLink.get(parent.node) as number, lowLink.get(frame.node) as number));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || edges.includes(frame.node)) cycles.push(component.sort());
    }
  }
  return cycles;
}

/** Every project TypeScript file (no tests, benchmarks or generated validators: they import nothing back). */
function projectSources(): string[] {
  return PROJECT_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join(folder, file)),
  ).sort();
}

/** The file a relative import names, as TypeScript's bundler resolution finds it. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => {
    try {
      return statSync(join(ROOT, candidate)).isFile();
    } catch {
      return false;
    }
  });
}

/** Every project file and the project files it imports, type-only imports included. */
function sourceImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of projectSources()) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles
      .filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }) => resolveRelative(file, fileName))
      .filter((target): target is string => target !== undefined);
    graph.set(file, targets);
  }
  return graph;
}

describe('layering: what ships is what the folders say', () => {
  it('the Lambda bundle takes nothing outside macro/ but the validator runtime helpers, and none of the tooling packages', async () => {
    const metafile = await bundleInputs('macro/handler.ts', lambdaBundleOptions as BuildOptions);
    // Packages as node_modules/<name>/..., wherever node_modules sits (a linked one resolves outside the tree).
    const inputs = Object.keys(metafile.inputs).map((input) => input.replace(/^(?:\.\.\/)+.*?(?=node_modules\/)/, ''));
    expect(inputs).toContain('macro/handler.ts');
    expect(inputs.filter((input) => !input.startsWith('macro/') && !LAMBDA_ALLOWED_OUTSIDE.includes(input))).toEqual([]);
    expect(inputs.filter((input) => TOOLING_PACKAGES.includes(packageOf(input) ?? ''))).toEqual([]);
  });

  it('the VTL engine imports nothing of the project (velocityjs is its only dependency)', async () => {
    const metafile = await bundleInputs('vtl/index.ts');
    const projectInputs = Object.keys(metafile.inputs).filter((input) => packageOf(input) === undefined);
    expect(projectInputs.filter((input) => !input.startsWith('vtl/'))).toEqual([]);
    expect(projectInputs).toContain('vtl/render.ts');
  });

  it('no import cycles among project files in what the CLI, the Lambda and the deploy app bundle', async () => {
    const metafile = await bundleInputs('cli/cli.ts', { packages: 'external' });
    const others = await Promise.all(['macro/handler.ts', 'infra/app.ts'].map((entry) => bundleInputs(entry, { packages: 'external' })));
    const graph = new Map<string, string[]>();
    for (const { inputs } of [metafile, ...others]) {
      for (const [file, input] of Object.entries(inputs)) {
        if (packageOf(file) !== undefined) continue;
        graph.set(
          file,
          input.imports.filter((edge) => !edge.external && packageOf(edge.path) === undefined).map((edge) => edge.path),
        );
      }
    }
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });

  it('no import cycles among project files, counting type-only imports (which bundles drop)', () => {
    const graph = sourceImportGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });

  it('folders import only downward: cli → gateway → emulators → macro and vtl, executables below', () => {
    const upward: string[] = [];
    for (const [file, targets] of sourceImportGraph()) {
      const from = file.split('/')[0] as string;
      for (const target of targets) {
        const to = target.split('/')[0] as string;
        if (to !== from && !(MAY_IMPORT[from] ?? []).includes(to)) upward.push(`${file} imports ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the cycle finder finds a cycle, and only cycles', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });
});
