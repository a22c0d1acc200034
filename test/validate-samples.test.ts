import { validateCloudFormation } from '../cli/cfn-validator';
import { expandFile } from '../cli/expand-file';
import { sampleNames, samplePath } from './helpers/samples';

describe('every expanded sample passes @aws/cloudformation-validate (strict, informational checks on)', () => {
  it.each(sampleNames().valid)('%s has zero findings', (name) => {
    const result = expandFile(samplePath(name));
    if (!result.ok) throw new Error(`${name} did not expand`);
    expect(validateCloudFormation(result.template, `${name}.json`)).toEqual([]);
  });

  it('reports a hard-coded partition, so the check that guards our ARNs is really on', () => {
    // Arrange: a real expansion with its integration URI written the way hand-written templates often do.
    const result = expandFile(samplePath('sqs-send-message'));
    if (!result.ok) throw new Error('sample did not expand');
    const template = JSON.parse(JSON.stringify(result.template));
    template.Resources.SubmitOrderMethod.Properties.Integration.Uri = {
      'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/orders',
    };
    // Act
    const findings = validateCloudFormation(template);
    // Assert
    expect(findings.map((f) => f.ruleId)).toContain('I3042');
  });
});
