// The files a command writes (check, verify and portfolio --output, portfolio --state, init's
// manifest): the place is checked before the work starts, so that a long run (a portfolio of an
// organisation) never ends in a write that cannot happen, and every failure is advice naming the
// flag, the path and the fix (exit 2), never an internal error.
//
// A missing folder is not created: a shell's `>` and `tee` refuse it too, and a typo in a folder
// name (reprots/) would otherwise leave a stray folder and a report nobody finds.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

export interface OutputFile {
  /** The absolute path written. */
  path: string;
  /** Writes the whole text; a failure (the folder removed since, a full disk) is a UsageError. */
  write(text: string): void;
}

/** Why `flag spec` cannot be written, from the error code Node gave, as advice; null when it can. */
/** A path as one shell word, so that the advice can be copied: plain paths as they are, others single-quoted. */
function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function problemOf(code: string | undefined, flag: string, spec: string, folder: string): string {
  const named = `${flag} ${spec}`;
  switch (code) {
    case 'ENOENT':
      return `${named}: the folder ${folder} does not exist; create it first (mkdir -p ${shellWord(folder)}) or name a file in an existing folder`;
    case 'ENOTDIR':
      return `${named}: ${folder} is not a folder (a file stands on the way); name a file in an existing folder`;
    case 'EISDIR':
      return `${named} is a folder; name a file inside it, such as ${join(spec, 'report.json')}`;
    case 'EACCES':
    case 'EPERM':
      return `${named}: permission denied; choose a path you may write to, or change the permissions of ${folder}`;
    case 'EROFS':
      return `${named}: ${folder} is on a read-only file system; choose another path`;
    default:
      return `${named}: cannot write it (${code ?? 'error'}); choose another path`;
  }
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** The file `spec` (relative to `cwd`) names, checked now: its folder exists, it is no folder, and it may be written. */
export function outputFile(spec: string, cwd: string, flag = '--output'): OutputFile {
  const path = resolve(cwd, spec);
  const parent = dirname(path);
  // The folder as the user wrote it.
  const folder = dirname(spec);
  const fail = (code: string | undefined) => new UsageError(problemOf(code, flag, spec, folder));
  try {
    if (!statSync(parent).isDirectory()) throw fail('ENOTDIR');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fail(codeOf(error));
  }
  let exists = true;
  try {
    if (statSync(path).isDirectory()) throw fail('EISDIR');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    exists = false;
  }
  try {
    accessSync(exists ? path : parent, constants.W_OK);
  } catch (error) {
    throw fail(codeOf(error));
  }
  return {
    path,
    write(text) {
      try {
        writeFileSync(path, text);
      } catch (error) {
        throw fail(codeOf(error));
      }
    },
  };
}
