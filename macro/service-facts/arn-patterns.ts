/**
 * The ARN patterns of the Service Authorization Reference (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`):
 * whether a Target is a resource of the type an action needs, and the in-account wildcard of a type.
 */

const VARIABLE = /\$\{([A-Za-z0-9]+)\}/g;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A regex matching the ARNs of a pattern: the partition, Region and account as AWS writes them, names of any text. */
export function arnPatternRegex(pattern: string): RegExp {
  const parts = pattern.split(VARIABLE);
  const variables = parts.filter((_, i) => i % 2 === 1);
  let source = '';
  parts.forEach((part, i) => {
    if (i % 2 === 0) source += escapeRegex(part);
    else if (part === 'Partition') source += 'aws[a-z-]*';
    else if (part === 'Region') source += '[a-z0-9-]*';
    else if (part === 'Account') source += '(?:\\d{12})?';
    // The last name may hold '/' and ':' (SSM parameter paths); the others stop at ':'.
    else source += part === variables.at(-1) && i === parts.length - 2 ? '.+' : '[^:]+';
  });
  return new RegExp(`^${source}$`);
}

/** The resource field's fixed text before the resource's own name, e.g. `endpoint/` or `stateMachine:`. */
export function resourcePrefixOf(pattern: string): string {
  const resource = pattern.split(':').slice(5).join(':');
  const at = resource.indexOf('${');
  return at === -1 ? resource : resource.slice(0, at);
}

/** The ARN's service field (`sagemaker` in `arn:${Partition}:sagemaker:...`). */
export function arnServiceOf(pattern: string): string {
  return pattern.split(':')[2] ?? '';
}

/**
 * A Fn::Sub text with its variables replaced by plausible values, so its shape can be checked against
 * a pattern: pseudo-parameters by valid values, anything else by a name.
 */
export function sampleOfSub(text: string): string {
  return text
    .replace(/\$\{AWS::Partition\}/g, 'aws')
    .replace(/\$\{AWS::Region\}/g, 'us-east-1')
    .replace(/\$\{AWS::AccountId\}/g, '123456789012')
    .replace(/\$\{[^}!][^}]*\}/g, 'name');
}

/**
 * Every resource of the type in the Target's account and Region (`arn:aws:batch:us-east-1:123456789012:job/*`),
 * with `{Partition}`, `{TargetRegion}` and `{TargetAccount}` placeholders for the planner to fill.
 */
export function wildcardArn(pattern: string): string {
  return pattern.replace(VARIABLE, (_, name: string) => {
    if (name === 'Partition') return '{Partition}';
    if (name === 'Region') return '{TargetRegion}';
    if (name === 'Account') return '{TargetAccount}';
    return '*';
  });
}
