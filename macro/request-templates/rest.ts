import type { ResolvedParameter } from '../schema/parameters';
import type { ActionDefinition } from '../services/types';
import type { TemplatePart } from './template-parts';
import { refuseNowVtl } from './vtl-limits';
import { deployTimeTextVtl, vtlStringLiteral } from './vtl-text';

/** The request templates of a REST action (S3 objects) by content type; none when it passes requests through as they are. */
export function renderRestTemplates(
  action: ActionDefinition,
  parameters: Readonly<Record<string, ResolvedParameter>>,
): Record<string, TemplatePart[]> | undefined {
  const guard = action.pathGuard;
  if (guard === undefined) return undefined;
  const check = pathGuardVtl(guard, parameters[guard.parameter]);
  if (action.bodyMediaTypes === undefined) return { 'application/json': check };
  const templates: Record<string, TemplatePart[]> = {};
  // A binary payload reaches a template as base64 already; text is encoded by the template. The
  // integration's CONVERT_TO_BINARY turns either back into the exact bytes.
  for (const type of action.bodyMediaTypes.binary) templates[type] = [...check, '$input.body'];
  for (const type of action.bodyMediaTypes.text) templates[type] = [...check, '$util.base64Encode($input.body)'];
  return templates;
}

/**
 * VTL that refuses a path value with a `.` or `..` segment — also written `%2E`, or separated by
 * `%2F`, `%5C` or `\`, which some URL normalisers treat as `/` — and an empty one (the bucket's
 * listing): 400 with the reason, and the call steered to path values that name nothing, so the
 * service is never asked for another bucket or the listing. Nothing is written for a valid value.
 */
function pathGuardVtl(guard: NonNullable<ActionDefinition['pathGuard']>, value: ResolvedParameter | undefined): TemplatePart[] {
  const read: TemplatePart[] =
    value?.kind !== 'value'
      ? ["''"]
      : value.value.kind === 'selector'
        ? [value.value.vtl]
        : value.value.kind === 'computed'
          ? [value.value.vtl]
          : value.value.kind === 'literal'
            ? [vtlStringLiteral(value.value.text)]
            : deployTimeTextVtl(value.value.value);
  const statements = value?.kind === 'value' && value.value.kind === 'computed' ? value.value.statements : [];
  const steer = Object.entries(guard.refusedPath)
    .map(([name, target]) => `#set($context.requestOverride.path.${name} = "${target}")`)
    .join('');
  // One Java regex over the whole value: a segment of one or two dots (or %2e), between separators or
  // the ends. Single-quoted, so VTL reads it as it is; \x5c is the backslash.
  const dotSegment = "'(?i)(.*(/|\\x5c|%2f|%5c))?(\\.|%2e){1,2}((/|\\x5c|%2f|%5c).*)?'";
  return [
    ...statements,
    '#set($spKey = ',
    ...read,
    `)#if("$!spKey" == "" || $spKey.matches(${dotSegment}))${refuseNowVtl(KEY_REFUSED)}${steer}#end`,
  ];
}

/** Why a key is refused (plain text: it is echoed into the error body as it is). */
const KEY_REFUSED = 'the object key is empty or has a . or .. segment, which would leave the bucket; use a key without such segments.';
