import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeInternalError, describeSystemError } from '../../cli/cli-error';
import { samplePath } from '../helpers/samples';
import { CLI, runCli, runCliUntilExit, STACK_FRAME } from './run-cli';

/** Asserts a run ended as the CLI promises: the exit code, one line on stderr matching `reason`, no stack. */
function expectOneLineFailure(run: { code: number | null; stderr: string }, code: number, reason: RegExp) {
  expect(run.code).toBe(code);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(reason);
}

describe('every command ends with one line and its documented exit code, whatever fails', () => {
  const work = mkdtempSync(join(tmpdir(), 'service-proxy-failures-'));

  it('expand -o into a folder that does not exist names the folder and how to create it (exit 1)', () => {
    const run = runCli(['expand', samplePath('sqs-fifo'), '-o', join(work, 'missing', 'dir', 'x.json')]);
    expectOneLineFailure(
      run,
      1,
      /^service-proxy expand: cannot write .*x\.json: the folder .*missing\/dir does not exist; create it first/,
    );
  });

  it('expand -o onto a folder says it is a folder and suggests a file name (exit 1)', () => {
    const run = runCli(['expand', samplePath('sqs-fifo'), '-o', work]);
    expectOneLineFailure(run, 1, /cannot write .*: it is a folder; give a file name, e\.g\. .*expanded\.json\./);
  });

  it('expand -o where writing is not permitted says so (EACCES, exit 1)', () => {
    // Even root may not create files in /sys.
    const run = runCli(['expand', samplePath('sqs-fifo'), '-o', '/sys/service-proxy-test.json']);
    expectOneLineFailure(run, 1, /cannot write \/sys\/service-proxy-test\.json: permission denied \(EACCES\)\./);
  });

  it('expand -o leaves no file, and no temporary file, when it fails', () => {
    const out = join(work, 'invalid.json');
    const run = runCli(['expand', samplePath('error-target'), '-o', out]);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a template that cannot be read is one line naming the file (exit 1)', () => {
    expectOneLineFailure(
      runCli(['expand', join(work, 'nope.yaml')]),
      1,
      /nope\.yaml: cannot read the template: no such file or folder \(ENOENT\)\./,
    );
    expectOneLineFailure(runCli(['validate', work]), 1, /cannot read the template: it is a folder/);
  });

  it('serve --host that does not resolve is one line naming the host (exit 1)', async () => {
    const run = await runCliUntilExit(['serve', samplePath('sqs-send-message'), '--host', 'nonexistent.invalid', '--port', '0']);
    expectOneLineFailure(run, 1, /^service-proxy serve: .*nonexistent\.invalid.*(ENOTFOUND|EAI_AGAIN)/);
  });

  it('serve on a port in use is one line naming the port (exit 1)', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const run = await runCliUntilExit(['serve', samplePath('sqs-send-message'), '--port', String(port)]);
      expectOneLineFailure(run, 1, new RegExp(`^service-proxy serve: .*127\\.0\\.0\\.1:${port}.*EADDRINUSE`));
    } finally {
      server.close();
    }
  });

  it('an internal error says it is a bug and how to report it (exit 3), without a stack unless asked', () => {
    // A bug stand-in: JSON.stringify breaks inside expand, after the template was read and expanded.
    const preload = join(work, 'break-stringify.js');
    writeFileSync(
      preload,
      "const original = JSON.stringify; JSON.stringify = (v, ...rest) => { if (v && v.Resources) throw new Error('boom'); return original(v, ...rest); };\n",
    );
    const run = runCli(['expand', samplePath('sqs-fifo')], { nodeArgs: ['--require', preload] });
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).toContain('service-proxy expand: internal error: boom');
    expect(run.stderr).toMatch(
      /This is a bug in service-proxy \d+\.\d+\.\d+\. Please report it at https:\/\/\S+ with the command you ran \(service-proxy expand \S+sqs-fifo\.yaml\)/,
    );
    const debug = runCli(['expand', samplePath('sqs-fifo')], { nodeArgs: ['--require', preload], env: { SERVICE_PROXY_DEBUG: '1' } });
    expect(debug.stderr).toMatch(STACK_FRAME);
  });

  it('a reader that goes away early (| head) ends the run quietly', () => {
    const output = execFileSync(
      'bash',
      ['-c', `set -o pipefail; node ${CLI} expand ${samplePath('sizing-150-cors')} 2>&1 | head -c 20; echo " exit=\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(output).toMatch(/^\{\n {2}"AWSTemplateFor.* exit=0\n$/s);
  });

  it.each([
    {
      error: Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open', path: '/a/b' }),
      line: 'cannot open /a/b: no such file or folder (ENOENT)',
    },
    {
      error: Object.assign(new Error('x'), { code: 'EACCES', syscall: 'open', path: '/a' }),
      line: 'cannot open /a: permission denied (EACCES)',
    },
    {
      error: Object.assign(new Error('x'), { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 3000 }),
      line: 'cannot listen on 127.0.0.1:3000: the address is already in use; choose another --port (EADDRINUSE)',
    },
    {
      error: Object.assign(new Error('x'), { code: 'EACCES', syscall: 'listen', address: '0.0.0.0', port: 80 }),
      line: 'cannot listen on 0.0.0.0:80: permission denied (EACCES)',
    },
    {
      error: Object.assign(new Error('x'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'h.invalid' }),
      line: 'cannot resolve h.invalid: the host name does not resolve; check --host (ENOTFOUND)',
    },
    { error: new Error('not a system error'), line: undefined },
  ])('describes $error.code as "$line"', ({ error, line }) => {
    expect(describeSystemError(error)).toBe(line);
  });

  it('an internal error names the version, the command and where to report', () => {
    const text = describeInternalError(new TypeError('x is undefined'), ['expand', 't.yaml'], '9.9.9', 'https://example.test/issues');
    expect(text).toBe(
      'internal error: x is undefined\nThis is a bug in service-proxy 9.9.9. Please report it at https://example.test/issues with the command you ran (service-proxy expand t.yaml), the template if you can share it, and the output of service-proxy --version. Set SERVICE_PROXY_DEBUG=1 to print the stack trace.',
    );
  });
});
