import '@microsoft/jest-sarif';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { colourEnabled } from '../../cli/colour';
import { samplePath } from '../helpers/samples';
import { requireCfnLint } from '../referees/tools';
import { CLI, runCli } from './run-cli';

declare global {
  namespace jest {
    interface Matchers<R> {
      /** @microsoft/jest-sarif: valid against the SARIF 2.1.0 JSON Schema it ships. */
      toBeValidSarifLog(): R;
    }
  }
}

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[\\d+m`);
const BUNDLED = ['--validator', 'cloudformation-validate'];

describe('validate --format json|sarif, progress and colour', () => {
  const work = mkdtempSync(join(tmpdir(), 'service-proxy-formats-'));
  // A generated resource with a finding: an integration whose RestApiId names an API with a typo'd property.
  const badApi = join(work, 'bad-api.yaml');
  writeFileSync(
    badApi,
    [
      'Transform: ServiceProxy',
      'Resources:',
      '  Orders:',
      '    Type: AWS::SQS::Queue',
      '  Api:',
      '    Type: AWS::ApiGateway::RestApi',
      '    Properties:',
      '      Name: orders',
      '      Nmae: x',
      '  Submit:',
      '    Type: Proxy::ServiceIntegration',
      '    Properties: { Path: /orders, Method: POST, Service: sqs, Action: SendMessage, Target: !GetAtt Orders.Arn, RestApiId: !Ref Api }',
      '',
    ].join('\n'),
  );
  const typos = join(work, 'typos.yaml');
  writeFileSync(typos, 'Transform: ServiceProxi\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n  P:\n    Type: Proxy::ServiceIntegraton\n');

  it('--format json prints one document: each finding with logical ID, property path, rule, level and its line', () => {
    const run = runCli(['validate', badApi, '--format', 'json', ...BUNDLED]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.file).toBe(badApi);
    expect(report.validator).toMatchObject({ name: '@aws/cloudformation-validate', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const nmae = report.findings.find((f: { propertyPath?: string }) => f.propertyPath === 'Properties.Nmae');
    expect(nmae).toEqual({
      rule: expect.stringMatching(/^[EFW]\d{4}$/),
      level: 'error',
      logicalId: 'Api',
      propertyPath: 'Properties.Nmae',
      message: expect.stringContaining('Nmae'),
      source: '@aws/cloudformation-validate',
      line: 9,
      column: 7,
    });
    expect(report.summary.error).toBe(report.findings.filter((f: { level: string }) => f.level === 'error').length);
  });

  it('--format json reports the macro diagnostics as findings when the template does not expand (exit 1)', () => {
    const run = runCli(['validate', samplePath('error-unknown-references'), '--format', 'json', ...BUNDLED]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.validator).toBeUndefined();
    expect(report.findings[0]).toEqual({
      rule: 'PSI115',
      level: 'error',
      logicalId: 'RefToNothing',
      propertyPath: 'Properties.Target',
      message: expect.stringContaining("Did you mean 'Orders'?"),
      source: 'service-proxy',
      line: 19,
      column: 78,
    });
  });

  it('--format json reports the Transform warnings, and validate fails on them', () => {
    const run = runCli(['validate', typos, '--format', 'json', ...BUNDLED]);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout).findings;
    expect(findings.map((f: { rule: string; level: string; logicalId?: string }) => [f.rule, f.level, f.logicalId])).toEqual([
      ['PSI301', 'warning', undefined],
      ['PSI302', 'warning', 'P'],
    ]);
  });

  it('--format sarif is a valid SARIF 2.1.0 log whose results carry rule, level, file, line and logical location', () => {
    const run = runCli(['validate', badApi, '--format', 'sarif', ...BUNDLED]);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log).toBeValidSarifLog();
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('service-proxy');
    expect(sarifRun.tool.extensions[0].name).toBe('@aws/cloudformation-validate');
    const result = sarifRun.results.find((r: { message: { text: string } }) => r.message.text.includes('Nmae'));
    expect(result.level).toBe('error');
    expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `file://${badApi}` },
      region: { startLine: 9, startColumn: 7 },
    });
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Resources.Api.Properties.Nmae');
  });

  it('--format sarif of a clean template is a valid log with no results; a relative path stays relative', () => {
    const run = spawnInSamples(['validate', 'sqs-send-message.yaml', '--format', 'sarif', ...BUNDLED]);
    const log = JSON.parse(run);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].artifacts[0].location.uri).toBe('sqs-send-message.yaml');
  });

  it('--format sarif of macro diagnostics and warnings is valid too, each located in the template', () => {
    for (const file of [samplePath('error-unknown-references'), typos]) {
      const log = JSON.parse(runCli(['validate', file, '--format', 'sarif', ...BUNDLED]).stdout);
      expect(log).toBeValidSarifLog();
      for (const result of log.runs[0].results) expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('a run longer than a second shows progress on stderr, and stdout stays pure JSON', () => {
    requireCfnLint(); // cfn-lint takes about two seconds to start
    const run = runCli(['validate', samplePath('sqs-send-message'), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`service-proxy validate: validating ${samplePath('sqs-send-message')}...\n`);
    expect(JSON.parse(run.stdout).validator.name).toBe('cfn-lint');
  });

  it('a run shorter than a second shows no progress', () => {
    expect(runCli(['expand', samplePath('sqs-send-message')]).stderr).toBe('');
  });

  it('colour only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces it', () => {
    // expand prints the template warnings of `typos` on stderr, coloured as validate's findings are.
    const text = (env: Record<string, string | undefined>, ...extra: string[]) => runCli(['expand', typos, ...extra], { env }).stderr;
    expect(text({})).toContain('warning: Transform');
    expect(text({})).not.toMatch(ANSI); // a pipe
    expect(text({ FORCE_COLOR: '1' })).toMatch(ANSI);
    expect(text({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(text({ FORCE_COLOR: '1' }, '--no-color')).not.toMatch(ANSI);
    // A real terminal, through script(1): validate's findings are coloured by severity.
    const onTerminal = (env: Record<string, string>) => {
      try {
        return execFileSync('script', ['-qec', `${process.execPath} ${CLI} validate ${typos} ${BUNDLED.join(' ')}`, '/dev/null'], {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
        });
      } catch (error) {
        return String((error as { stdout: string }).stdout); // exit 1: it has findings
      }
    };
    expect(onTerminal({})).toContain(`${ESC}[33m[WARN]${ESC}[39m PSI301`);
    expect(onTerminal({ NO_COLOR: '1' })).not.toMatch(ANSI);
  });

  it.each([
    { terminal: true, env: {}, flag: false, colour: true },
    { terminal: false, env: {}, flag: false, colour: false },
    { terminal: true, env: { NO_COLOR: '1' }, flag: false, colour: false },
    { terminal: true, env: { NO_COLOR: '' }, flag: false, colour: true },
    { terminal: true, env: {}, flag: true, colour: false },
    { terminal: true, env: { TERM: 'dumb' }, flag: false, colour: false },
    { terminal: false, env: { FORCE_COLOR: '1' }, flag: false, colour: true },
    { terminal: true, env: { FORCE_COLOR: '0' }, flag: false, colour: true },
    { terminal: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, flag: false, colour: false },
  ])('colour with terminal=$terminal env=$env --no-color=$flag: $colour', ({ terminal, env, flag, colour }) => {
    expect(colourEnabled(terminal, env, flag)).toBe(colour);
  });
});

/** Runs the CLI from the samples folder, with a relative template path; returns stdout. */
function spawnInSamples(args: string[]): string {
  try {
    return execFileSync(process.execPath, [CLI, ...args], { cwd: dirname(samplePath('quickstart')), encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout: string }).stdout);
  }
}
