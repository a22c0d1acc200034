import { withChoices } from '../request-templates/response-body';
import { partialFailureGuard } from '../request-templates/vtl-text';
import type { ApiSurface } from '../schema/api-surface';
import type { ResponseDefinition } from '../services/types';

/** One integration response and its method response, fully decided. */
export interface PlannedResponse {
  statusCode: string;
  /** Regex on the service's status; undefined for the default (success) response. */
  selectionPattern?: string;
  /** The body template; undefined passes the service's body through (S3 objects). */
  responseTemplate?: string;
  /** method.response.header.X → source, e.g. `'no-store'` or `integration.response.header.ETag`. */
  responseParameters: Record<string, string>;
  /** Other statuses the template may set through `$context.responseOverride.status`. */
  overrideStatusCodes: string[];
}

/**
 * The responses of an integration: the user's error mappings first (API Gateway matches patterns
 * in no documented order, so the user's patterns must not overlap the defaults they mean to
 * replace — defaults with the same pattern are dropped), then the action's defaults, with the
 * success response adjusted by the user's Response.
 */
export function planResponses(defaults: readonly ResponseDefinition[], surface: ApiSurface): PlannedResponse[] {
  const fallbackErrorTemplate = defaults.find((d) => d.selectionPattern !== undefined)?.responseTemplate;
  const custom = surface.errorResponses.map((e): PlannedResponse => {
    const response: PlannedResponse = {
      statusCode: e.statusCode as string,
      selectionPattern: e.selectionPattern as string,
      responseParameters: e.headers,
      overrideStatusCodes: [],
    };
    const template = e.template ?? fallbackErrorTemplate;
    if (template !== undefined) response.responseTemplate = template;
    return response;
  });
  const replaced = new Set(custom.map((c) => c.selectionPattern));
  const planned = defaults
    .filter((d) => d.selectionPattern === undefined || !replaced.has(d.selectionPattern))
    .map((d): PlannedResponse => {
      const response: PlannedResponse = {
        statusCode: d.statusCode,
        responseParameters: { ...(d.responseParameters ?? {}) },
        overrideStatusCodes: [...(d.overrideStatusCodes ?? [])],
      };
      if (d.responseTemplate !== undefined) response.responseTemplate = d.responseTemplate;
      if (d.selectionPattern !== undefined) response.selectionPattern = d.selectionPattern;
      else if (surface.response !== undefined) {
        response.statusCode = surface.response.statusCode ?? d.statusCode;
        if (surface.response.template !== undefined) {
          response.responseTemplate = surface.response.template;
          // A Body that projects a list answers 502 when the list is too long for a template.
          if (surface.response.template.includes('"ResponseTooLarge"'))
            response.overrideStatusCodes = [...new Set([...response.overrideStatusCodes, '502'])].sort();
        }
        Object.assign(response.responseParameters, surface.response.headers);
        const { choices } = surface.response;
        if (choices !== undefined) {
          // A choice without a Body of its own writes the success body: the user's, the action's, or the answer as it came.
          response.responseTemplate = withChoices(choices, response.responseTemplate ?? '$input.body');
          const statuses = choices.choices.map((c) => c.statusCode).filter((s) => s !== response.statusCode);
          response.overrideStatusCodes = [...new Set([...response.overrideStatusCodes, ...statuses])].sort();
        }
      }
      // The failure check comes first, always: a custom success body must not turn failed entries into a 2xx.
      if (d.partialFailure !== undefined && response.responseTemplate !== undefined)
        response.responseTemplate = partialFailureGuard(d.partialFailure, response.responseTemplate);
      return response;
    });
  return [...custom, ...planned];
}
