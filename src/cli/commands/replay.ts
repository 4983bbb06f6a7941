// `pilot-readiness replay`: re-evaluates a saved report from its recorded inputs.
import { join, resolve } from 'node:path';
import { readArgs } from '../args.js';
import { findRepoRoot, hashFile, localRepoFiles, readTextFile } from '../../adapters/local/files.js';
import { resolveEvidencePath } from '../../core/evidence/paths.js';
import type { LocalHashes } from '../../core/replay.js';
import { UsageError } from '../../core/errors.js';
import { replay } from '../../core/replay.js';
import type { Io } from '../io.js';

export function replayCommand(args: string[], io: Io): number {
  const parsed = readArgs(io, 'replay', args, {}, true);
  if (!parsed) return 0;
  const { positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('replay takes one saved JSON report');
  const path = positionals[0]!;
  // The evidence files the report hashed are checked in the repository at hand (the current folder's).
  const root = findRepoRoot(io.cwd);
  const outcome = replay(readTextFile(resolve(io.cwd, path), path), path, root ? localHashes(root) : undefined);
  io.out(`${outcome.message}\n`);
  return outcome.same ? 0 : 1;
}

/** Hashes of the files at hand; a recorded path that is not a plain path inside the repository is never opened. */
function localHashes(root: string): LocalHashes {
  const files = localRepoFiles(root);
  return (path) => {
    const resolved = resolveEvidencePath('', path);
    if (!resolved.ok || resolved.repoPath !== path) return null;
    const kind = files.stat(path);
    if (kind === 'missing') return 'missing';
    return kind === 'file' ? hashFile(join(root, ...path.split('/'))) : null;
  };
}
