// `pilot-readiness replay`: re-evaluates a saved report from its recorded inputs.
import { resolve } from 'node:path';
import { readArgs } from '../args.js';
import { readTextFile } from '../../adapters/local/files.js';
import { UsageError } from '../../core/errors.js';
import { replay } from '../../core/replay.js';
import type { Io } from '../io.js';

export function replayCommand(args: string[], io: Io): number {
  const parsed = readArgs(io, 'replay', args, {}, true);
  if (!parsed) return 0;
  const { positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('replay takes one saved JSON report');
  const path = positionals[0]!;
  const outcome = replay(readTextFile(resolve(io.cwd, path), path), path);
  io.out(`${outcome.message}\n`);
  return outcome.same ? 0 : 1;
}
