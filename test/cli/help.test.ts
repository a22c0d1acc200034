import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, type CommandName, commandUsage, topLevelUsage } from '../../cli/usage';
import { runCli } from './run-cli';

const ROOT = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const commandNames = Object.keys(COMMANDS) as CommandName[];

/** The README and every page of docs/, as one text. */
const documentation = () =>
  ['README.md', ...readdirSync(join(ROOT, 'docs')).map((page) => join('docs', page))]
    .map((file) => readFileSync(join(ROOT, file), 'utf8'))
    .join('\n');

const flagsIn = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g) ?? []);

/**
 * The flags the README and docs/ document per command: in their code blocks, every line that runs a command
 * (`service-proxy serve …`, `npx @service-proxy/cli serve …`, `npm start -- …` for serve) and the
 * indented continuation lines below it.
 */
function readmeFlags(): Record<CommandName, Set<string>> {
  const readme = documentation();
  const out = Object.fromEntries(commandNames.map((name) => [name, new Set<string>()])) as Record<CommandName, Set<string>>;
  let fence: string | undefined;
  let current: CommandName | undefined;
  for (const line of readme.split('\n')) {
    if (line.startsWith('```')) {
      fence = fence === undefined ? line.slice(3).trim() : undefined;
      current = undefined;
      continue;
    }
    if (fence === undefined || !['bash', 'sh', ''].includes(fence)) continue;
    const run = /^(?:service-proxy|npx @service-proxy\/cli|node dist\/cli\.js) (\w+)|^npm (start)\b/.exec(line);
    const name = run === null ? undefined : ((run[2] === 'start' ? 'serve' : run[1]) as CommandName);
    if (name !== undefined && name in out) current = name;
    else if (!/^\s+[[-]/.test(line)) current = undefined;
    if (current === undefined) continue;
    // Flags of the command only: not those of npm, or of a shell comment.
    const text = line.replace(/#.*$/, '').replace(/^npm start\b/, '');
    for (const flag of flagsIn(text)) out[current].add(flag);
  }
  return out;
}

describe('help and version', () => {
  it.each(commandNames)('service-proxy %s --help prints that command’s usage with examples, exit 0', (name) => {
    const run = runCli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: service-proxy ${name} `));
    expect(run.stdout).toMatch(/\nExamples:\n {2}service-proxy /);
    expect(run.stdout).toContain('Exit codes: 0 ');
    expect(run.stdout).toBe(`${commandUsage(name)}\n`);
    expect(runCli(['help', name]).stdout).toBe(run.stdout);
    expect(runCli([name, 'template.yaml', '-h']).stdout).toBe(run.stdout);
  });

  it('--version, -V and version print the version of package.json, baked in at build time', () => {
    for (const flag of ['--version', '-V', 'version']) {
      const run = runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${packageJson.version}\n`);
    }
    const bundle = readFileSync(join(ROOT, 'dist', 'cli', 'main.js'), 'utf8');
    expect(bundle).not.toContain('package.json');
  });

  it('help lists every command; help for an unknown command is a usage error', () => {
    const run = runCli(['help']);
    expect(run.code).toBe(0);
    for (const name of commandNames) expect(run.stdout).toContain(`  ${name} `);
    expect(runCli(['help', 'deploy']).code).toBe(2);
    expect(runCli([]).code).toBe(2);
  });

  it('after --, --help is an argument, not a request for help', () => {
    expect(runCli(['expand', '--', '--help']).stderr).toContain('--help: cannot read the template');
  });

  it("every flag the README and docs/ document for a command is in that command's usage and in the top-level usage", () => {
    const documented = readmeFlags();
    for (const name of commandNames) {
      expect(documented[name].size).toBeGreaterThan(0);
      const usage = flagsIn(commandUsage(name));
      const top = flagsIn(topLevelUsage());
      for (const flag of documented[name]) {
        expect({ command: name, flag, inUsage: usage.has(flag), inTopLevel: top.has(flag) }).toEqual({
          command: name,
          flag,
          inUsage: true,
          inTopLevel: true,
        });
      }
    }
  });

  it("every flag of a command's synopsis is documented in the README or docs/", () => {
    const documented = readmeFlags();
    for (const name of commandNames) {
      for (const flag of flagsIn(COMMANDS[name].synopsis))
        expect({ command: name, flag, documented: documented[name].has(flag) }).toEqual({ command: name, flag, documented: true });
    }
  });

  it('the usage names the package users install, never the unrelated bare name', () => {
    expect(topLevelUsage()).toContain(`npx ${packageJson.name} expand template.yaml`);
    expect(documentation()).not.toMatch(/npx service-proxy\b/);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`npx ${packageJson.name} expand template.yaml`);
  });
});
