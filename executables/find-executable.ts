import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The first executable file named `name` on a PATH, or undefined. It only looks, never runs: the
 * Python tools it finds (cfn-lint, moto_server) cost seconds of start-up even for `--version`.
 */
export function findExecutable(name: string, path: string = process.env.PATH ?? ''): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    for (const candidateName of names) {
      const candidate = join(dir, candidateName);
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
