import type { CfnLintFinding } from '../../cli/cfn-lint';
import { isJsonObject, type Json, type Template } from '../../macro/types';

/** Every string leaf of a value. */
function stringsIn(value: Json | undefined, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (isJsonObject(value)) for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** The value at a cfn-lint path (keys and list indexes). */
function valueAt(template: Template, path: readonly (string | number)[]): Json | undefined {
  let value: Json | undefined = template;
  for (const key of path) value = isJsonObject(value) || Array.isArray(value) ? (value as Record<string | number, Json>)[key] : undefined;
  return value;
}

/**
 * True for an I3042 (hard-coded partition) finding on text SAM wrote. SAM writes `arn:aws:` into
 * what it generates (a function's invoke permission, the Lambda URI in its API's Body), having
 * resolved the partition from the Region it translates in — at deploy time the stack's own — so
 * those ARNs are right; cfn-lint itself turns I3042 off for any template with the SAM transform
 * for that reason (HardCodedArnProperties.match). Text found in our expansion is ours or the
 * user's, and I3042 on it still counts.
 */
export function isSamsOwnPartition(finding: CfnLintFinding, final: Template, expansion: Template): boolean {
  if (finding.ruleId !== 'I3042' || finding.location === undefined) return false;
  const ours = stringsIn(expansion);
  const flagged = [...stringsIn(valueAt(final, finding.location))];
  // Text that cannot be found is not proof of SAM's authorship: keep the finding.
  return flagged.length > 0 && flagged.every((text) => !ours.has(text));
}
