// Builds dist/ with esbuild: the Action (dist/index.js) and the CLI (dist/cli.js), ESM, with
// shared code split into chunks so the Action loads nothing heavy for events it ignores.
// The output must be byte-for-byte reproducible: no absolute paths, timestamps or host names.
// The options live in build-options.mjs (bench/chunks.mjs shows what each command loads).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { buildOptions } from './build-options.mjs';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build(buildOptions);
