#!/usr/bin/env node
// Entry of the `pilot-readiness` command: only runs main, so tests can import it without side effects.
// On Node 22 and later, V8's compile cache lets repeated runs skip compiling the bundle; it is turned
// on before the bundle loads, hence the dynamic import. Source maps are read only when a bug's stack
// is printed (src/adapters/local/source-map.ts), never at start-up.
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do, without a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
});
