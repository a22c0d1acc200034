/**
 * Errors for mistakes in the deploy app's input (context values, a missing build), as opposed to
 * bugs: the entry point prints these as one clear line instead of a stack trace.
 */

/** Base class of the deploy app's user-facing errors. */
export class DeployAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A macro or stack name given through CDK context that CloudFormation (or our stricter rule) would not accept. */
export class InvalidNameError extends DeployAppError {}

/** The macro bundle (`dist/lambda/index.js`) has not been built yet. */
export class BundleNotBuiltError extends DeployAppError {}
