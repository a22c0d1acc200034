/** The npm scripts the README shows, run as a user in a clone would run them. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './run-cli';

const ROOT = join(__dirname, '..', '..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('npm scripts of the README', () => {
  it('npm run --silent expand -- <template> prints only the expansion, so it can be redirected', () => {
    const run = spawnSync('npm', ['run', '--silent', 'expand', '--', 'samples/sqs-fifo.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).Resources.SubmitPaymentMethod.Type).toBe('AWS::ApiGateway::Method');
    const out = join(mkdtempSync(join(tmpdir(), 'service-proxy-npm-')), 'expanded.json');
    expect(spawnSync('npm', ['run', 'expand', '--', 'samples/sqs-fifo.yaml', '-o', out], { cwd: ROOT }).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).Resources.SubmitPaymentMethod.Type).toBe('AWS::ApiGateway::Method');
  });

  it('the README redirects npm run expand only with --silent (npm prints its banner on stdout otherwise)', () => {
    const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((page) => join('docs', page))];
    const lines = pages.flatMap((page) => readFileSync(join(ROOT, page), 'utf8').split('\n'));
    expect(lines.filter((line) => /npm run (?!--silent)[^`]*expand[^`]*>/.test(line))).toEqual([]);
  });

  it('npm start -- --port N serves on N: the start script ends in --port 3000, and the last --port wins', async () => {
    expect(scripts.start).toMatch(/ serve samples\/quickstart\.yaml --port 3000$/);
    const port = await freePort();
    // What `npm start -- --port <port>` runs after building.
    const args = `${scripts.start
      .split(' && ')
      .at(-1)
      ?.replace(/^node dist\/cli\.js /, '')} --port ${port}`.split(' ');
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 30_000;
    while (!output.includes('Press Ctrl+C') && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(output).toContain(`samples/quickstart.yaml on http://127.0.0.1:${port}\n`);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});
