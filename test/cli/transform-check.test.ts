import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTransform } from '../../cli/transform-check';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import type { JsonObject } from '../../macro/types';
import { sampleNames, samplePath } from '../helpers/samples';
import { runCli } from './run-cli';

const proxy = { Type: 'Proxy::ServiceIntegration', Properties: {} };
const codes = (template: JsonObject) => checkTransform(template).map((w) => [w.code, w.logicalId ?? null, w.path]);

describe('the Transform section and look-alike types, which the macro cannot see', () => {
  it.each([
    { what: 'Transform: ServiceProxy', template: { Transform: 'ServiceProxy', Resources: { P: proxy } }, expected: [] },
    {
      what: 'a list with SAM',
      template: { Transform: ['ServiceProxy', 'AWS::Serverless-2016-10-31'], Resources: { P: proxy } },
      expected: [],
    },
    { what: 'the macro with parameters', template: { Transform: { Name: 'ServiceProxy', Parameters: { StageName: 'v1' } } }, expected: [] },
    { what: 'a second deployment of the macro', template: { Transform: 'ServiceProxy-v2', Resources: { P: proxy } }, expected: [] },
    { what: 'no Transform', template: { Resources: { P: proxy } }, expected: [['PSI300', null, 'Transform']] },
    {
      what: 'only SAM',
      template: { Transform: 'AWS::Serverless-2016-10-31', Resources: { P: proxy } },
      expected: [['PSI300', null, 'Transform']],
    },
    { what: 'ServiceProxi', template: { Transform: 'ServiceProxi', Resources: { P: proxy } }, expected: [['PSI301', null, 'Transform']] },
    {
      what: 'serviceproxy in a list',
      template: { Transform: ['AWS::Serverless-2016-10-31', 'serviceproxy'] },
      expected: [['PSI301', null, 'Transform']],
    },
    { what: 'Service-Proxy', template: { Transform: { Name: 'Service-Proxy' } }, expected: [['PSI301', null, 'Transform']] },
    {
      what: 'Proxy::ServiceIntegraton',
      template: { Transform: 'ServiceProxy', Resources: { P: { Type: 'Proxy::ServiceIntegraton' } } },
      expected: [['PSI302', 'P', 'Type']],
    },
    {
      what: 'Proxy::Apii',
      template: { Transform: 'ServiceProxy', Resources: { A: { Type: 'Proxy::Apii' } } },
      expected: [['PSI302', 'A', 'Type']],
    },
    {
      what: 'any other Proxy:: type',
      template: { Transform: 'ServiceProxy', Resources: { A: { Type: 'Proxy::Integration' } } },
      expected: [['PSI302', 'A', 'Type']],
    },
    { what: 'Proxy::Api (a known type)', template: { Transform: 'ServiceProxy', Resources: { A: { Type: 'Proxy::Api' } } }, expected: [] },
  ])('$what → $expected', ({ template, expected }) => {
    expect(codes(template as unknown as JsonObject)).toEqual(expected);
  });

  it('says what to do: the name it meant, or the Transform to add', () => {
    const [missing] = checkTransform({ Resources: { P: proxy } });
    expect(missing?.message).toBe(
      "does not name ServiceProxy, so CloudFormation will not run the macro and rejects the 1 Proxy::ServiceIntegration resource(s); add 'Transform: ServiceProxy' (with SAM: 'Transform: [ServiceProxy, AWS::Serverless-2016-10-31]').",
    );
    const [typo] = checkTransform({ Transform: 'ServiceProxy', Resources: { P: { Type: 'Proxy::ServiceIntegraton' } } });
    expect(typo?.message).toContain("did you mean 'Proxy::ServiceIntegration'?");
  });

  it('no sample of this repository draws a warning (every one names the macro, every type is real)', () => {
    for (const name of [...sampleNames().valid, ...sampleNames().errors]) {
      const template = parseCfnYaml(readFileSync(samplePath(name), 'utf8')).value as JsonObject;
      expect({ name, warnings: checkTransform(template) }).toEqual({ name, warnings: [] });
    }
  });

  it('expand warns on stderr and still expands (exit 0); validate fails (exit 1)', () => {
    const work = mkdtempSync(join(tmpdir(), 'service-proxy-transform-'));
    const file = join(work, 'no-transform.yaml');
    writeFileSync(file, readFileSync(samplePath('sqs-send-message'), 'utf8').replace(/^Transform: ServiceProxy\n/m, ''));
    const expand = runCli(['expand', file]);
    expect(expand.code).toBe(0);
    expect(JSON.parse(expand.stdout).Resources.SubmitOrderMethod.Type).toBe('AWS::ApiGateway::Method');
    expect(expand.stderr).toBe(
      `${file}: warning: Transform: does not name ServiceProxy, so CloudFormation will not run the macro and rejects the 1 Proxy::ServiceIntegration resource(s); add 'Transform: ServiceProxy' (with SAM: 'Transform: [ServiceProxy, AWS::Serverless-2016-10-31]'). [PSI300]\n`,
    );
    const validate = runCli(['validate', file, '--validator', 'cloudformation-validate']);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`${file}: [WARN] PSI300 (template) Transform: does not name ServiceProxy`);
    expect(validate.stdout).toMatch(/1 template warning\(s\); 0 finding\(s\) from @aws\/cloudformation-validate/);
  });
});
