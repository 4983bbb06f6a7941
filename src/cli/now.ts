// --now, read the same way by every command. Its own module, so that `check` reads it without loading
// io.ts, whose policy loading brings the layering code.
import { UsageError } from '../core/errors.js';
import { parseInstant } from '../core/instant.js';
import type { Io } from './terminal.js';

/** --now: a date (UTC midnight) or a date-time with a zone, read by the core's one strict parser. */
export function parseNow(text: string | undefined, io: Io): Date {
  if (text === undefined) return io.now();
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new UsageError(`--now ${text}: ${parsed.reason}`);
  return new Date(parsed.ms);
}
