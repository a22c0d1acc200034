// The entry point bench/run.mjs bundles with esbuild: the pure core and the template generator.

export { transformTemplate } from '../macro/transform';
export { generateTemplate, integrationKinds } from './generate-template';
