// The entry point bench/run.mjs bundles with esbuild: the pure core, the template generators, the
// CLI's template loader (for samples) and its cfn-lint runner.

export { cfnLintVersion, findCfnLint, lintFiles } from '../cli/cfn-lint';
export { loadTemplate } from '../cli/load-template';
export { readServiceFacts } from '../macro/service-facts/read-facts-files';
export { transformTemplate } from '../macro/transform';
export { generateDynamoDbHeavyTemplate, generateTemplate, integrationKinds } from './generate-template';
