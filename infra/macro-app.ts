/**
 * Builds the deploy app's one stack from CDK context, so `cdk synth`, `cdk deploy` and the tests
 * all go through the same name resolution and validation.
 */
import type { App } from 'aws-cdk-lib';
import { DEFAULT_MACRO_NAME, stackNameFor, validateMacroName, validateStackName } from './macro-name';
import { MacroStack } from './macro-stack';

/** Context keys the app reads: `-c macroName=ServiceProxy-v2 -c stackName=...`. */
export const CONTEXT_KEYS = { macroName: 'macroName', stackName: 'stackName' } as const;

/** The names one deployment uses, after defaults and validation. */
export interface DeployNames {
  /** The macro name templates write in `Transform:`. */
  readonly macroName: string;
  /** The CloudFormation stack that holds this macro version. */
  readonly stackName: string;
}

/** Reads and validates the macro and stack names from the app's context; throws InvalidNameError on bad input. */
export function resolveDeployNames(app: App): DeployNames {
  const macroName = validateMacroName(app.node.tryGetContext(CONTEXT_KEYS.macroName) ?? DEFAULT_MACRO_NAME);
  const stackName = validateStackName(app.node.tryGetContext(CONTEXT_KEYS.stackName) ?? stackNameFor(macroName));
  return { macroName, stackName };
}

/** Adds the macro stack to `app`, named from context (defaults: macro ServiceProxy, stack ServiceProxyMacro). */
export function buildMacroApp(app: App): MacroStack {
  const { macroName, stackName } = resolveDeployNames(app);
  // The stack name doubles as the construct ID, so `cdk deploy <name>` and the console agree.
  // No `env`: the stack is environment-agnostic and deploys to whatever account and Region the
  // caller's credentials point at, which is what "once per account and Region" needs.
  return new MacroStack(app, stackName, { macroName });
}
