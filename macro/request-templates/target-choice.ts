import type { TemplatePart } from './template-parts';
import { refusalVtl, refuseRequestVtl } from './vtl-limits';

/** One declared target: the literal key a caller sends for it, and the request template calling it. */
export interface TargetBranch {
  key: string;
  parts: readonly TemplatePart[];
}

/**
 * A request template that calls the target whose key the caller sent, and refuses any other key
 * (400, through the refusal machinery of vtl-limits.ts). The caller's value is only compared with
 * the declared keys, single-quoted literals of letters, digits, '_', '.' and '-': it never becomes
 * part of the request, so it cannot name a resource the template did not declare.
 *
 * `keyVtl` is the selector's VTL reference (`$input.params().path.get('stream')`); it is read in its
 * quiet form, so a missing value is the empty string, which no key equals.
 */
export function targetChoiceParts(keyVtl: string, branches: readonly TargetBranch[], reason: string): TemplatePart[] {
  const quiet = `$!${keyVtl.slice(1)}`;
  const out: TemplatePart[] = [`#set($spTargetKey = "${quiet}")`];
  branches.forEach(({ key, parts }, index) => {
    out.push(`#${index === 0 ? 'if' : 'elseif'}($spTargetKey == '${key}')`, ...parts);
  });
  out.push(`#else${refuseRequestVtl(reason)}${refusalVtl}#end`);
  return out;
}
