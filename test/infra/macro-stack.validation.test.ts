/**
 * The one infra test that keeps CDK's built-in CloudFormation validation on (the others turn it
 * off for speed), so findings such as a deprecated Lambda runtime fail the build here.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { buildMacroApp } from '../../infra/macro-app';

// Another test file may have run in this worker with validation off.
delete process.env.CDK_VALIDATION;
// Any use of a deprecated CDK API throws instead of printing a warning nobody reads.
process.env.JSII_DEPRECATED = 'fail';

interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{ readonly pluginName: string; readonly violations: readonly unknown[] }>;
}

describe('MacroStack under CDK validation', () => {
  it('synthesizes with no validation findings, warnings or errors', () => {
    // Act: one plain synth (Template.fromStack would synthesize, and validate, a second time).
    const app = new App();
    const stack = buildMacroApp(app);
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;

    // Assert
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });
});
