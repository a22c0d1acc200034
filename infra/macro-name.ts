/**
 * Naming rules for the macro and for the stack that deploys it.
 *
 * Both names are external contracts: templates reference the macro by name in `Transform:`, and
 * operators find the stack by name. Bad names are rejected before synthesis, with the value
 * received, what is allowed and how to fix it, instead of failing later inside CloudFormation.
 */
import { InvalidNameError } from './errors';

/** The macro name that templates write in `Transform: ServiceProxy` unless `-c macroName=...` says otherwise. */
export const DEFAULT_MACRO_NAME = 'ServiceProxy';

// AWS publishes no pattern for macro names (the resource schema types `Name` as a bare string).
// We accept a conservative subset: letters, digits and hyphens, starting with a letter. It cannot
// look like an AWS-owned transform (`AWS::Serverless-2016-10-31` has colons), it stays readable in
// the account-qualified form CloudFormation prints in errors (`123456789012::ServiceProxy`), and it
// is also valid inside a stack name, so the stack name derives from it unchanged.
const MACRO_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
// Keeps the derived stack name (`<macro>Macro`) far below CloudFormation's 128-character limit.
const MAX_MACRO_NAME_LENGTH = 64;

// CloudFormation's own rule for stack names.
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
const MAX_STACK_NAME_LENGTH = 128;

/** Returns `name` if it is an acceptable macro name; otherwise throws an InvalidNameError that explains the rule. */
export function validateMacroName(name: unknown): string {
  if (typeof name !== 'string' || !MACRO_NAME_PATTERN.test(name) || name.length > MAX_MACRO_NAME_LENGTH) {
    throw new InvalidNameError(
      `Invalid macro name ${JSON.stringify(name)} (context key "macroName"): use 1-${MAX_MACRO_NAME_LENGTH} ` +
        'letters, digits or hyphens, starting with a letter, e.g. -c macroName=ServiceProxy-v2. ' +
        'Templates refer to the macro by this exact name in their Transform section.',
    );
  }
  return name;
}

/** Returns `name` if CloudFormation accepts it as a stack name; otherwise throws an InvalidNameError. */
export function validateStackName(name: unknown): string {
  if (typeof name !== 'string' || !STACK_NAME_PATTERN.test(name) || name.length > MAX_STACK_NAME_LENGTH) {
    throw new InvalidNameError(
      `Invalid stack name ${JSON.stringify(name)} (context key "stackName"): CloudFormation stack names are ` +
        `1-${MAX_STACK_NAME_LENGTH} letters, digits or hyphens, starting with a letter, e.g. -c stackName=ServiceProxyMacro-v2.`,
    );
  }
  return name;
}

/** The default stack name for a macro: one stack per macro name, so two versions deploy side by side. */
export function stackNameFor(macroName: string): string {
  return `${macroName}Macro`;
}
