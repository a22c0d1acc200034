/** Finds `moto_server` on the PATH; serve's moto backend and the tests that need it start from here. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

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
  const names = process.platform === 'win32' ? ['moto_server.exe', 'moto_server'] : ['moto_server'];
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}
