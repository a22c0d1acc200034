/** Test helper: builds the deploy app exactly as `cdk synth` does, from a given CDK context. */
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildMacroApp } from '../../infra/macro-app';
import type { MacroStack } from '../../infra/macro-stack';

/** What a test needs from one synthesized deploy app. */
export interface SynthesizedMacroStack {
  readonly app: App;
  readonly stack: MacroStack;
  readonly template: Template;
}

/** Builds the app with `context` (as `-c key=value` would) and synthesizes its one stack. */
export function synthMacroStack(context: Record<string, unknown> = {}): SynthesizedMacroStack {
  const app = new App({ context });
  const stack = buildMacroApp(app);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical ID CloudFormation sees for a construct's underlying resource (e.g. the function). */
export function logicalIdOf(stack: MacroStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}
