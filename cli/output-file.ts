import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, describeSystemError } from './cli-error';

/** Why a file cannot be written, in one line: the folder is missing, it is a folder, permissions. */
function cannotWrite(file: string, error: unknown): CliError {
  const code = (error as { code?: string }).code;
  const folder = dirname(file);
  if ((code === 'ENOENT' || code === 'ENOTDIR') && !existsSync(folder))
    return new CliError(`cannot write ${file}: the folder ${folder} does not exist; create it first (mkdir -p ${folder}).`);
  if (code === 'EISDIR')
    return new CliError(`cannot write ${file}: it is a folder; give a file name, e.g. ${join(file, 'expanded.json')}.`);
  return new CliError(`cannot write ${file}: ${describeSystemError(error)?.replace(/^cannot [^:]+: /, '') ?? (error as Error).message}.`);
}

/**
 * Writes an output file whole or not at all: into a temporary file beside it, then renamed over it,
 * so a failed run never leaves a half-written file. Failures become one-line CliErrors.
 */
export function writeOutputFile(file: string, text: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(file).isDirectory();
  } catch {
    // Absent: the usual case.
  }
  if (isFolder) throw cannotWrite(file, Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as { code?: string }).code;
    // A folder we may not create files in, holding a file we may overwrite: write it in place.
    if (code !== 'EACCES' && code !== 'EPERM') throw cannotWrite(file, error);
    try {
      writeFileSync(file, text);
      return;
    } catch (direct) {
      throw cannotWrite(file, direct);
    }
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw cannotWrite(file, error);
  }
}
