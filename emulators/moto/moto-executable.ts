/** Finds `moto_server` on the PATH; serve's moto backend and the tests that need it start from here. */
import { findExecutable } from '../../executables/find-executable';

/** How to install moto's server where it is missing (it is a Python tool, from PyPI). */
export const MOTO_INSTALL_HINT = 'pip install "moto[server]"';

/** Thrown when `moto_server` is not on the PATH; the message names the tool and how to install it. */
export class MotoNotFoundError extends Error {
  constructor() {
    super(`--backend moto needs moto_server, which is not on the PATH. Install it with: ${MOTO_INSTALL_HINT}`);
    this.name = 'MotoNotFoundError';
  }
}

/** The `moto_server` executable on `path`, or undefined. */
export function findMotoServer(path: string = process.env.PATH ?? ''): string | undefined {
  return findExecutable('moto_server', path);
}
