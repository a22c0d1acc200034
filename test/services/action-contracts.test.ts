/**
 * The contract every service action definition keeps, checked over the whole registry, so a new action
 * is held to it the day it is added: least privilege in its own namespace, response templates the VTL
 * engine parses, and a sample that shows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { partialFailureGuard } from '../../macro/request-templates/vtl-text';
import { services } from '../../macro/services';
import type { ActionDefinition, ResponseDefinition } from '../../macro/services/types';
import { isJsonObject } from '../../macro/types';
import { parseTemplate } from '../../vtl';
import { SAMPLES_DIR } from '../helpers/samples';

/** One row per action of every service in the registry. */
const ACTIONS = Object.values(services).flatMap((service) =>
  Object.entries(service.actions).map(([action, definition]) => ({ service: service.service, action, definition })),
);

/** Every response an action may answer with: its own, and those of its variants. */
function allResponses(definition: ActionDefinition): { where: string; response: ResponseDefinition }[] {
  return [
    ...definition.responses.map((response) => ({ where: 'responses', response })),
    ...(definition.responseVariants ?? []).flatMap((variant) =>
      variant.responses.map((response) => ({ where: `variant ${variant.parameter}=${variant.equals}`, response })),
    ),
  ];
}

/** Every mapping template an action's responses put into the API: success, errors, partial-failure checks. */
function responseTemplates(definition: ActionDefinition): { name: string; template: string }[] {
  return allResponses(definition).flatMap(({ where, response }) => {
    const name = `${where} ${response.statusCode}${response.selectionPattern === undefined ? '' : ` /${response.selectionPattern}/`}`;
    const templates: { name: string; template: string }[] = [];
    if (response.responseTemplate !== undefined) templates.push({ name, template: response.responseTemplate });
    if (response.partialFailure !== undefined) {
      templates.push({ name: `${name} partial-failure error`, template: response.partialFailure.errorTemplate });
      templates.push({
        name: `${name} with its partial-failure check`,
        template: partialFailureGuard(response.partialFailure, response.responseTemplate ?? ''),
      });
    }
    return templates;
  });
}

/** `service:Action` of every integration in the samples (literal Service and Action only). */
function actionsInSamples(): Set<string> {
  const used = new Set<string>();
  for (const file of readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.yaml'))) {
    const parsed = parseCfnYaml(readFileSync(join(SAMPLES_DIR, file), 'utf8'));
    const resources = isJsonObject(parsed.value) && isJsonObject(parsed.value.Resources) ? parsed.value.Resources : {};
    for (const resource of Object.values(resources)) {
      if (!isJsonObject(resource) || resource.Type !== 'Proxy::ServiceIntegration' || !isJsonObject(resource.Properties)) continue;
      const { Service, Action } = resource.Properties;
      if (typeof Service === 'string' && typeof Action === 'string') used.add(`${Service}:${Action}`);
    }
  }
  return used;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

describe('every service action definition keeps the contract', () => {
  const sampled = actionsInSamples();

  it('the registry is not empty (the table below cannot pass vacuously)', () => {
    expect(ACTIONS.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(ACTIONS)('$service $action', ({ service, action, definition }) => {
    it(`grants IAM actions in the ${service} namespace only`, () => {
      const iamActions = definition.iam.flatMap((grant) => grant.actions);
      expect(iamActions.length).toBeGreaterThan(0);
      for (const iamAction of iamActions) expect(iamAction).toMatch(new RegExp(`^${service}:[A-Z][A-Za-z0-9]*$`));
    });

    it('grants on named resources: no "*" unless the grant says why, placeholders the plan can fill', () => {
      for (const grant of definition.iam) {
        // `{TargetArn}/*` is the objects of one bucket; anything wider must say why in the table.
        if (grant.resource.includes('*') && grant.resource !== '{TargetArn}/*') {
          expect({ resource: grant.resource, note: grant.note }).toEqual({
            resource: grant.resource,
            note: expect.stringMatching(/\w+\s+\w+/),
          });
        }
        for (const [, name] of grant.resource.matchAll(PLACEHOLDER)) {
          // A parameter in an ARN must be known at transform time, or the policy could not name it.
          if (name !== 'TargetArn')
            expect({ name, literalOnly: definition.parameters[name as string]?.literalOnly }).toEqual({ name, literalOnly: true });
        }
        if (grant.when !== undefined) expect(Object.keys(definition.parameters)).toContain(grant.when.parameter);
      }
    });

    it('every response template (success and error) parses in the VTL engine', () => {
      const templates = responseTemplates(definition);
      for (const { name, template } of templates) {
        try {
          parseTemplate(template);
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}\n${template}`);
        }
      }
      // Every action maps the service's errors, so there is always at least one template to parse.
      expect(templates.some(({ name }) => name.includes('/'))).toBe(true);
    });

    it('has a sample in samples/ that uses it', () => {
      expect(sampled).toContain(`${service}:${action}`);
    });
  });
});
