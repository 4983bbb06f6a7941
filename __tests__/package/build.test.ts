// dist/ must be the same whatever folder the project is built in (CI builds a clone at another path
// and fails on any difference). esbuild names chunks by a hash of their modules' namespaces and paths,
// so a plugin that hands esbuild an absolute path changes every chunk's name between two clones,
// though no absolute path appears in the output. Asserted on the metafile of the real build options.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
// @ts-expect-error: a plain .mjs module of the build scripts, without types.
import { buildOptions } from '../../scripts/build-options.mjs';

describe('the build', () => {
  it('names every module relative to the project, so dist/ is the same in any clone', { timeout: 60_000 }, async () => {
    const result = await build({ ...buildOptions, write: false, metafile: true, logLevel: 'silent' });
    const root = ROOT.replace(/\/$/, '');
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.length).toBeGreaterThan(100);
    expect(inputs.filter((path) => path.includes(root))).toEqual([]);
    // The signer's own copy of @actions/core (which keeps undici out of the gate's chunks) is among them.
    expect(inputs).toContain('signer-core:node_modules/@actions/core/lib/core.js');
    for (const file of result.outputFiles!) expect(file.text.includes(root), file.path).toBe(false);
  });
});
