// The entry point bench/run.mjs bundles with esbuild: the pure core and the template generator.
export { generateTemplate, integrationKinds } from './generate-template';
export { transformTemplate } from '../macro/transform';
