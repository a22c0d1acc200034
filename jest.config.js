/**
 * Jest: TypeScript through @swc/jest; a summary line CI can read; three projects by what a test needs.
 *
 * - `tools`: the built CLI, the validators and referees (cfn-lint, SAM, IAM, botocore), the fact generator, the CDK app,
 *   the fuzzers.
 * - `e2e`: `serve` against the embedded emulators or moto.
 * - `core`: everything else under test/ (unit, golden, VTL, handler, limits, layering, contracts): pure,
 *   fast, what to run while working (`npm run test:core`). A new test file lands in `core` unless its
 *   folder or name says otherwise, so no test file is left out of every project.
 */
const path = require('node:path');

const TEST_DIR = path.join(__dirname, 'test');

/** A regular expression for the test files under test/`relative`: a folder (ending in `/`) or a file name prefix. */
function under(relative) {
  const escaped = path.join(TEST_DIR, relative).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `^${escaped}${relative.endsWith('/') ? '.*' : '[^/]*'}\\.test\\.ts$`;
}

/** Test files of the `tools` project. */
const TOOLS = [
  'cli',
  // The CLI's commands run as a user runs them (built bundles, npm scripts, npm pack and install).
  'cli/',
  'package/',
  'validate-samples',
  // The CLI's YAML loader, checked against PyYAML (python3) and through the built CLI.
  'unit/yaml-cfn',
  'referees/',
  // The generated service facts against their generator (staleness) and botocore (python3).
  'service-facts/',
  'infra/',
  'robustness/',
  // `render` runs the built CLI; the gateway's pure steps elsewhere in local/ stay in core.
  'local/render',
];

/** Test files of the `e2e` project. */
const E2E = ['local/serve-', 'emulators/'];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
};

module.exports = {
  // Reporters and the timeout are run-wide settings: a project's own would be ignored.
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'core',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...TOOLS.map(under), ...E2E.map(under)],
    },
    { ...shared, displayName: 'tools', roots: ['<rootDir>/test'], testRegex: TOOLS.map(under) },
    { ...shared, displayName: 'e2e', roots: ['<rootDir>/test'], testRegex: E2E.map(under) },
  ],
};
