#!/usr/bin/env node
// Entry of the `pilot-readiness` command: only runs main, so tests can import it without side effects.
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
});
