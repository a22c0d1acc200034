import { describeValue, quoted } from '../diagnostics';
import { type Checked, invalid, type Problem, valid, within } from '../problem';
import { parseSelector, type Selector } from '../selectors';
import type { ActionDefinition, TargetDefinition } from '../services/types';
import { type Expr, isJsonObject, type Json, type JsonObject } from '../types';
import type { PathSegment } from './api-path';
import { resolveTarget, type TargetRef } from './targets';

/**
 * The most targets one integration may choose among: each is a branch of the request template (the
 * template carries every target's request), so the list is kept short, well inside API Gateway's
 * 300 KB for mapping templates.
 */
export const MAX_TARGET_CHOICES = 20;

/** The keys a caller may send: letters, digits, '_', '.', '-'; plain text inside a VTL literal and a refusal message. */
const CHOICE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/** Where a request names its target: the selector read at call time, and the targets by the key it must equal. */
export interface TargetChoice {
  key: Selector;
  /** The selector as the user wrote it, for messages. */
  keyText: string;
  choices: readonly { key: string; target: TargetRef }[];
}

/** Placeholders that put the target somewhere a mapping template cannot choose: the URI or a request parameter. */
const TARGET_OUTSIDE_BODY = /\{Target(?:Arn|Name|Account)\}/;

/** Whether the action writes its target only into the request body, where a template can choose it. */
function targetOnlyInBody(action: ActionDefinition): boolean {
  return (
    action.protocol !== 'rest' &&
    !TARGET_OUTSIDE_BODY.test(action.uri) &&
    !Object.values(action.requestParameters).some((value) => TARGET_OUTSIDE_BODY.test(value))
  );
}

/**
 * `Targets` and `TargetKey`: the caller chooses the target, by key, among those the template
 * declares. Keys are literals, so the request template compares the caller's value with fixed texts
 * and nothing the caller sends becomes a resource name; the role is granted the declared targets only.
 */
export function resolveTargetChoice(
  properties: JsonObject,
  action: ActionDefinition,
  definition: TargetDefinition,
  path: readonly PathSegment[] | undefined,
  resources: JsonObject,
  parameterValues: Record<string, Json>,
): Checked<TargetChoice> {
  const problems: Problem[] = [];
  if (properties.Target !== undefined)
    problems.push({
      path: ['Target'],
      message: 'and Targets both name the target: keep Target for one, or Targets with TargetKey for a choice.',
    });
  if (properties.RequestTemplate !== undefined)
    problems.push({
      path: ['Targets'],
      message: 'cannot be used with RequestTemplate: the generated template is what chooses the target; name it in your template instead.',
    });
  if (!targetOnlyInBody(action))
    problems.push({
      path: ['Targets'],
      message:
        'cannot be used with this action: its target is part of the URI or a request parameter, which a mapping template cannot choose; ' +
        'declare one integration per target instead.',
    });
  const key = checkTargetKey(properties.TargetKey, path);
  if (!key.ok) problems.push(...key.problems);
  const targets = isJsonObject(properties.Targets) ? properties.Targets : {};
  const entries = Object.entries(targets);
  if (entries.length < 2 || entries.length > MAX_TARGET_CHOICES)
    problems.push({
      path: ['Targets'],
      message: `declares ${entries.length} target(s); a choice needs 2 to ${MAX_TARGET_CHOICES} (for one target, write Target).`,
    });
  const choices: { key: string; target: TargetRef }[] = [];
  for (const [choiceKey, value] of entries) {
    if (!CHOICE_KEY.test(choiceKey)) {
      problems.push({
        path: ['Targets', choiceKey],
        message: `${quoted(choiceKey)} is not a key a caller can send: use 1-64 letters, digits, '_', '.' or '-'.`,
      });
      continue;
    }
    const resolved = resolveTarget(value as Expr, definition, resources, parameterValues);
    if (resolved.ok) choices.push({ key: choiceKey, target: resolved.value });
    else problems.push(...within(['Targets', choiceKey], resolved.problems));
  }
  // The URI names one Region (the first target's): every target must be in it, as far as the
  // template shows; Regions cut out of ARNs known only at deploy time cannot be compared now.
  const regions = new Set(choices.flatMap(({ target }) => knownRegion(target.region) ?? []));
  if (regions.size > 1)
    problems.push({
      path: ['Targets'],
      message:
        `names targets in different Regions (${[...regions].join(', ')}); the integration calls one Region, so all its targets must be in it. ` +
        "For a target in the stack's Region, write its ARN with ${AWS::Region} (!Sub); otherwise declare one integration per Region.",
    });
  if (problems.length > 0 || !key.ok) return { ok: false, problems };
  return valid({ key: key.value, keyText: properties.TargetKey as string, choices });
}

/** A target's Region as people read it, when the template tells it: a literal, or the stack's. */
function knownRegion(region: Expr): string | undefined {
  if (typeof region === 'string') return region;
  return isJsonObject(region) && region.Ref === 'AWS::Region' ? "the stack's Region" : undefined;
}

/** `TargetKey`: a request selector (path, query string, header, body, context or stage variable). */
function checkTargetKey(value: Json | undefined, path: readonly PathSegment[] | undefined): Checked<Selector> {
  if (typeof value !== 'string')
    return invalid(
      `is required with Targets: the request selector whose value names the target, e.g. "$request.path.stream"; received ${describeValue(value)}.`,
      ['TargetKey'],
    );
  const parsed = parseSelector(value);
  if (!parsed.ok) return { ok: false, problems: within(['TargetKey'], parsed.problems) };
  const selector = parsed.value;
  if (selector.source === 'item' || (selector.source === 'body' && selector.jsonPath.length === 0))
    return invalid(`${quoted(value)} is not a single value of the request; use a path, query string, header or body field.`, ['TargetKey']);
  if (selector.source === 'path' && path !== undefined && !path.some((s) => s.kind === 'param' && s.name === selector.name))
    return invalid(`${quoted(value)} reads the path parameter ${quoted(selector.name)}, which Path does not have.`, ['TargetKey']);
  return valid(selector);
}
