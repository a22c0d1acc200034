import { CFN_LINT_INSTALL_HINT, findCfnLint } from '../../cli/cfn-lint';

/** The one line that installs every referee tool (they are Python tools, from PyPI). */
export const REFEREE_INSTALL_HINT = 'pip install cfn-lint aws-sam-translator "moto[server]"';

/**
 * The cfn-lint executable, or an Error naming what is missing and how to install it: referee
 * tests fail rather than skip, so a machine without the tools can never pass them silently.
 */
export function requireCfnLint(): string {
  const executable = findCfnLint();
  if (executable === undefined) {
    throw new Error(
      `This test needs cfn-lint, which is not on the PATH. Install it with: ${REFEREE_INSTALL_HINT} (cfn-lint alone: ${CFN_LINT_INSTALL_HINT}).`,
    );
  }
  return executable;
}
