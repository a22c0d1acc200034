import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseCfnYaml } from '../cli/yaml-cfn';
import { apiPropertiesSchema } from '../macro/schema/api-schema';
import { propertiesSchema } from '../macro/schema/schema';
import { readOrUpdateGolden, samplePath } from './helpers/samples';
import { requireCfnLint } from './referees/tools';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

/** Runs the built CLI (`npm test` builds it first) as a user would. */
function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built CLI with only the given PATH (e.g. one without cfn-lint). */
function runWithPath(path: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PATH: path } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('service-proxy CLI', () => {
  const work = mkdtempSync(join(tmpdir(), 'service-proxy-cli-'));

  it('expand prints the expanded template as JSON, identical to the golden expansion', () => {
    const { code, stdout } = run('expand', samplePath('sqs-send-message'), '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(readOrUpdateGolden('sqs-send-message', JSON.parse(stdout)));
  });

  it('expand --format yaml writes short-form intrinsics that parse back to the same template', () => {
    const json = JSON.parse(run('expand', samplePath('sns-publish')).stdout);
    const { code, stdout } = run('expand', samplePath('sns-publish'), '--format', 'yaml');
    expect(code).toBe(0);
    expect(stdout).toContain('!GetAtt ServiceProxyApiRole.Arn');
    expect(stdout).toContain("AWSTemplateFormatVersion: '2010-09-09'");
    expect(parseCfnYaml(stdout).value).toEqual(json);
  });

  it('expand -o writes the file and prints nothing', () => {
    const out = join(work, 'out.json');
    const { code, stdout } = run('expand', samplePath('sqs-fifo'), '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).Resources.SubmitPaymentMethod.Type).toBe('AWS::ApiGateway::Method');
  });

  it('expand --parameter overrides a template parameter default', () => {
    const { stdout } = run('expand', samplePath('template-parameters'), '--parameter', 'IngestPath=/intake');
    expect(JSON.parse(stdout).Resources.ServiceProxyApiIntakeResource.Properties.PathPart).toBe('intake');
  });

  it('expand exits 1 with one line per diagnostic for an invalid template', () => {
    const { code, stderr } = run('expand', samplePath('error-unknown-service-and-action'));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(2);
    expect(stderr).toContain(
      'Resource with id [SubmitOrder] is invalid. Properties.Service: unknown service "sqss"; expected an AWS service as API Gateway or the AWS SDKs name it, e.g. sqs, sns, dynamodb, states, ssm, email (or ses), runtime.sagemaker (or sagemaker-runtime). Did you mean \'sqs\'?',
    );
  });

  it('expand names file, line and column of a YAML error, including an unknown tag', () => {
    const file = join(work, 'broken.yaml');
    writeFileSync(file, 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Reff Name\n');
    const { code, stderr } = run('expand', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:5:\d+: .*!Reff/);
  });

  it('validate runs cfn-lint when it is on the PATH, names it with its version, and reports zero findings for a valid sample', () => {
    requireCfnLint();
    const { code, stdout } = run('validate', samplePath('sqs-send-message'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 finding\(s\) from cfn-lint \d+\.\d+\.\d+ \(informational checks on\)\n$/);
  });

  it('validate exits 1 and prints cfn-lint findings with logical ID and property path', () => {
    requireCfnLint();
    const file = join(work, 'bad-output.yaml');
    writeFileSync(file, 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Nmae: x\n');
    const { code, stdout } = run('validate', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\[ERROR\] E3002 Api Properties.*Nmae/);
    expect(stdout).toMatch(/\d+ finding\(s\) from cfn-lint \d+\.\d+\.\d+/);
  });

  it('validate --validator cloudformation-validate runs the bundled validator and prints its findings', () => {
    const file = join(work, 'bad-output-cfv.yaml');
    writeFileSync(file, 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Nmae: x\n');
    const { code, stdout } = run('validate', file, '--validator', 'cloudformation-validate');
    expect(code).toBe(1);
    expect(stdout).toMatch(/Api Properties.*Nmae/);
    expect(stdout).toMatch(/\d+ finding\(s\) from @aws\/cloudformation-validate \d+\.\d+\.\d+ \(strict, informational checks on\)\n$/);
  });

  it('validate falls back to @aws/cloudformation-validate without cfn-lint on the PATH, and says so', () => {
    const { code, stdout } = runWithPath(dirname(process.execPath), 'validate', samplePath('sqs-send-message'));
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /0 finding\(s\) from @aws\/cloudformation-validate \d+\.\d+\.\d+ \(strict, informational checks on\); cfn-lint is not on the PATH\n$/,
    );
  });

  it('validate --validator cfn-lint without cfn-lint on the PATH exits 2 and says how to install it', () => {
    const { code, stderr } = runWithPath(dirname(process.execPath), 'validate', samplePath('sqs-send-message'), '--validator', 'cfn-lint');
    expect(code).toBe(2);
    expect(stderr).toContain('cfn-lint is not on the PATH; install it with pip install cfn-lint');
  });

  it('schema prints the JSON Schema of the properties', () => {
    const { code, stdout } = run('schema');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(propertiesSchema)));
  });

  it('schema --type Proxy::Api prints the JSON Schema of Proxy::Api properties; an unknown type is a usage error with a suggestion', () => {
    const { code, stdout } = run('schema', '--type', 'Proxy::Api');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(apiPropertiesSchema)));
    expect(JSON.parse(run('schema', '--type', 'Proxy::ServiceIntegration').stdout)).toEqual(JSON.parse(JSON.stringify(propertiesSchema)));
    const unknown = run('schema', '--type', 'Proxy::API');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown resource type 'Proxy::API'. Did you mean 'Proxy::Api'?");
    expect(run('schema', '--template', '--type', 'Proxy::Api').code).toBe(2);
  });

  it('schema --template checks the Properties of integrations inside a whole template', () => {
    const Ajv2020 = require('ajv/dist/2020').default;
    const { code, stdout } = run('schema', '--template');
    expect(code).toBe(0);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(stdout));
    const template = (properties: unknown) => ({
      Resources: {
        Q: { Type: 'AWS::SQS::Queue', Properties: { Anything: 1 } },
        P: { Type: 'Proxy::ServiceIntegration', Properties: properties },
      },
    });
    expect(validate(template({ Path: '/a', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { Ref: 'Q' } }))).toBe(true);
    expect(validate(template({ Pth: '/a', Method: 'POST', Service: 'sqs', Action: 'SendMessage' }))).toBe(false);
    // ...and of Proxy::Api resources.
    const api = (properties: unknown) => ({ Resources: { Api: { Type: 'Proxy::Api', Properties: properties } } });
    expect(validate(api({ Definition: 'OpenApi', StageName: 'v1', AccessLogSetting: { DestinationArn: { Ref: 'Logs' } } }))).toBe(true);
    expect(validate(api({ Definition: 'OpenApi', StageNmae: 'v1' }))).toBe(false);
  });

  it.each([
    { args: [], code: 2 },
    { args: ['frobnicate'], code: 2 },
    { args: ['expand'], code: 2 },
    { args: ['expand', 'a.yaml', '--format', 'xml'], code: 2 },
    { args: ['validate', 'a.yaml', '--validator', 'cfn-lnt'], code: 2 },
    { args: ['expand', join(tmpdir(), 'does-not-exist.yaml')], code: 1 },
    { args: ['--help'], code: 0 },
  ])('exits $code for arguments $args', ({ args, code }) => {
    expect(run(...args).code).toBe(code);
  });
});
