import { readFileSync } from 'node:fs';
import { expandFile } from '../../cli/expand-file';
import { splitTransform } from '../../cli/load-template';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { transformTemplate } from '../../macro/transform';
import type { JsonObject } from '../../macro/types';
import { samplePath } from '../helpers/samples';

/** Expands a sample after an edit to its parsed template. */
function expandEdited(name: string, edit: (template: any) => void): JsonObject {
  const parsed = parseCfnYaml(readFileSync(samplePath(name), 'utf8')).value as JsonObject;
  edit(parsed);
  const loaded = splitTransform(parsed);
  const result = transformTemplate(loaded.fragment, { templateParameterValues: loaded.parameterValues, params: loaded.macroParams });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.template.Resources as JsonObject;
}

function deploymentIds(resources: JsonObject): string[] {
  return Object.entries(resources)
    .filter(([, r]) => (r as { Type: string }).Type === 'AWS::ApiGateway::Deployment')
    .map(([id]) => id);
}

describe('every change to an integration reaches the stage: the deployment takes a new logical ID', () => {
  it.each([
    { sample: 'sqs-send-message', integration: 'SubmitOrder', stage: 'ServiceProxyApiStage' },
    { sample: 'existing-rest-api-with-deployment', integration: 'SubmitRestock', stage: 'ApiStage' },
    { sample: 'openapi-body-api', integration: 'PublishItem', stage: 'ApiProdStage' },
  ])('$sample', ({ sample, integration, stage }) => {
    // Arrange
    const before = expandEdited(sample, () => {});
    // Act: the smallest change a user makes, one parameter of one integration.
    const after = expandEdited(sample, (t) => {
      t.Resources[integration].Properties.Parameters = {
        ...(t.Resources[integration].Properties.Parameters ?? {}),
        MessageGroupId: 'edited',
      };
      if (t.Resources[integration].Properties.Service === 'sns') t.Resources[integration].Properties.Parameters = { Subject: 'edited' };
    });
    // Assert
    const [beforeId] = deploymentIds(before);
    const [afterId] = deploymentIds(after);
    expect(beforeId).toBeDefined();
    expect(afterId).not.toBe(beforeId);
    expect((after[stage] as any).Properties.DeploymentId).toEqual({ Ref: afterId });
    expect(expandEdited(sample, () => {})).toEqual(before);
  });

  it("makes the user's own deployment wait for every generated method", () => {
    const result = expandFile(samplePath('existing-rest-api-with-deployment'));
    if (!result.ok) throw new Error('did not expand');
    const resources = result.template.Resources as Record<string, any>;
    const [id] = deploymentIds(resources);
    expect(resources[id as string].DependsOn).toContain('SubmitRestockMethod');
  });

  it('rewrites every reference to a renamed deployment, Outputs included', () => {
    const result = expandFile(samplePath('openapi-body-api'));
    if (!result.ok) throw new Error('did not expand');
    const [id] = deploymentIds(result.template.Resources as JsonObject);
    expect(id).toMatch(/^ApiDeployment[0-9a-f]{10}$/);
    expect(id).not.toBe('ApiDeployment0123456789');
    expect((result.template.Outputs as any).DeploymentId.Value).toEqual({ Ref: id });
    expect(JSON.stringify(result.template)).not.toContain('ApiDeployment0123456789');
  });
});
