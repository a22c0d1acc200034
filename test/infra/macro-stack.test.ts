/** The deploy stack's template: macro wiring, function settings, least-privilege role, packaged code. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import { MACRO_BUNDLE_DIR } from '../../infra/bundle';
import { InvalidNameError } from '../../infra/errors';
import { logicalIdOf, type SynthesizedMacroStack, synthMacroStack } from './synth-macro-stack';

// The built-in CloudFormation validation costs seconds per synth; one dedicated test file
// (macro-stack.validation.test.ts) keeps it on.
process.env.CDK_VALIDATION = 'false';

/** Every file under `dir`, as sorted relative paths. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('MacroStack with default context', () => {
  let synth: SynthesizedMacroStack;
  let functionId: string;
  let logGroupId: string;

  beforeAll(() => {
    synth = synthMacroStack();
    functionId = logicalIdOf(synth.stack, synth.stack.function);
    logGroupId = logicalIdOf(synth.stack, synth.stack.logGroup);
  });

  it('defines one macro named ServiceProxy that invokes the bundled function', () => {
    // Assert
    synth.template.resourceCountIs('AWS::CloudFormation::Macro', 1);
    synth.template.hasResourceProperties('AWS::CloudFormation::Macro', {
      Name: 'ServiceProxy',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
  });

  it('names the stack ServiceProxyMacro', () => {
    expect(synth.stack.stackName).toBe('ServiceProxyMacro');
  });

  it('runs index.handler on nodejs22.x, arm64, with 256 MB, a 30 s timeout and no VPC', () => {
    synth.template.resourceCountIs('AWS::Lambda::Function', 1);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 30,
      VpcConfig: Match.absent(),
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
    });
  });

  it('logs to its own log group, kept for 30 days and deleted with the stack', () => {
    synth.template.resourceCountIs('AWS::Logs::LogGroup', 1);
    synth.template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30, LogGroupName: Match.absent() },
      DeletionPolicy: 'Delete',
    });
  });

  it("lets the role write its own log group's streams and nothing else", () => {
    // Arrange
    const roles = synth.template.findResources('AWS::IAM::Role');
    const [role, ...otherRoles] = Object.values(roles);

    // Assert: one role, no managed policies (AWSLambdaBasicExecutionRole grants logs on *),
    // no separately attached policies, and exactly one inline statement.
    expect(otherRoles).toHaveLength(0);
    synth.template.resourceCountIs('AWS::IAM::Policy', 0);
    synth.template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(role?.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(role?.Properties?.AssumeRolePolicyDocument?.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(role?.Properties?.Policies).toEqual([
      {
        PolicyName: 'WriteOwnLogs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Effect: 'Allow',
              Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
            },
          ],
        },
      },
    ]);
  });

  it('outputs the macro name, the function ARN and the log group name', () => {
    synth.template.hasOutput('MacroName', { Value: 'ServiceProxy' });
    synth.template.hasOutput('FunctionArn', { Value: { 'Fn::GetAtt': [functionId, 'Arn'] } });
    synth.template.hasOutput('LogGroupName', { Value: { Ref: logGroupId } });
  });

  it('packages exactly the built dist/lambda folder as the function code', () => {
    // Arrange
    const assembly = synth.app.synth();
    const code = synth.template.findResources('AWS::Lambda::Function')[functionId]?.Properties?.Code;
    const assetHash = String(code?.S3Key).replace(/\.zip$/, '');
    const manifestArtifact = assembly.artifacts.find(AssetManifestArtifact.isAssetManifestArtifact);
    const manifest = JSON.parse(readFileSync(manifestArtifact?.file ?? '', 'utf8'));
    const source = manifest.files?.[assetHash]?.source;

    // Act
    const stagedDir = path.join(assembly.directory, source?.path ?? '');

    // Assert: same files, byte for byte, zipped from the bundle folder.
    expect(source?.packaging).toBe('zip');
    expect(listFiles(stagedDir)).toEqual(listFiles(MACRO_BUNDLE_DIR));
    expect(listFiles(MACRO_BUNDLE_DIR)).toContain('index.js');
    // The service facts ship beside the handler, which reads those of the services a template names.
    expect(listFiles(MACRO_BUNDLE_DIR)).toContain(path.join('service-facts', 'data', 'index.json'));
    for (const file of listFiles(MACRO_BUNDLE_DIR)) {
      expect(readFileSync(path.join(stagedDir, file))).toEqual(readFileSync(path.join(MACRO_BUNDLE_DIR, file)));
    }
  });
});

describe('MacroStack names from context', () => {
  it('uses -c macroName for the macro and derives a stack name from it, so versions live side by side', () => {
    // Act
    const { stack, template } = synthMacroStack({ macroName: 'ServiceProxy-v2' });

    // Assert
    expect(stack.stackName).toBe('ServiceProxy-v2Macro');
    template.hasResourceProperties('AWS::CloudFormation::Macro', { Name: 'ServiceProxy-v2' });
    template.hasOutput('MacroName', { Value: 'ServiceProxy-v2' });
  });

  it('uses -c stackName when given', () => {
    const { stack } = synthMacroStack({ macroName: 'ServiceProxy-v2', stackName: 'Macros-ServiceProxy-v2' });

    expect(stack.stackName).toBe('Macros-ServiceProxy-v2');
  });

  it.each([
    { description: 'an empty name', macroName: '' },
    { description: 'colons, as in AWS-owned transforms', macroName: 'AWS::ServiceProxy' },
    { description: 'an underscore', macroName: 'Service_Proxy' },
    { description: 'a leading digit', macroName: '2ServiceProxy' },
    { description: 'a space', macroName: 'Service Proxy' },
    { description: 'more than 64 characters', macroName: `S${'x'.repeat(64)}` },
    { description: 'a non-string value', macroName: 42 },
  ])('fails with a clear message on a macro name with $description', ({ macroName }) => {
    // Act
    const build = () => synthMacroStack({ macroName });

    // Assert
    expect(build).toThrow(InvalidNameError);
    expect(build).toThrow(`Invalid macro name ${JSON.stringify(macroName)} (context key "macroName")`);
  });

  it('fails with a clear message on an invalid stack name', () => {
    const build = () => synthMacroStack({ stackName: 'service proxy' });

    expect(build).toThrow(InvalidNameError);
    expect(build).toThrow('Invalid stack name "service proxy" (context key "stackName")');
  });
});
