/**
 * CDK app entry point (cdk.json's `app` bundles this file with esbuild and runs it with node).
 */
import { App } from 'aws-cdk-lib';
import { DeployAppError } from './errors';
import { buildMacroApp } from './macro-app';

try {
  // The CLI synthesizes the app when the process exits (autoSynth), so nothing else is needed.
  buildMacroApp(new App());
} catch (error) {
  // A bad -c value or a missing build is a user mistake: print the explanation alone, no stack trace.
  if (error instanceof DeployAppError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
