// What every command writes through: the terminal's two streams, sanitised. Its own small module, so
// that the dispatcher (src/cli/main.ts) loads no engine code to print usage or an error.
import { plainText } from '../report/plain.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  now: () => Date;
  /** The environment `portfolio` reads its token and API root from. Default: process.env. */
  env?: Record<string, string | undefined>;
}

/**
 * Every write of the CLI goes through the plain-text sanitiser: what it prints quotes manifests,
 * policies and paths, and in a workflow a line of stdout or stderr can be a workflow command.
 * (JSON is written with terminalJson first, which the sanitiser leaves as it is.)
 */
export function sanitised(io: Io): Io {
  return { ...io, out: (text) => io.out(plainText(text)), err: (text) => io.err(plainText(text)) };
}
