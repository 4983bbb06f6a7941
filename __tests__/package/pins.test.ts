// The pinned build is the documented one. Every `uses:` of this repository's Action or reusable
// workflow in the README, docs/, examples/ and .github/workflows/ is what users copy: it must name one
// commit of this repository (a full sha, with that commit's version beside it), and that commit must
// have every input, output and secret those files pass or read, and stand up to the workflow trust
// rows. Read from git (git show, git archive): it needs the repository's history.
// Re-pin with `node scripts/pin.mjs <sha>`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-action.js';
import { WORKFLOW_TRUST_ROWS, expectWorkflowTrustRow, runWorkflowTrustRow } from '../adversarial/workflow-rows.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';

const REUSABLE_WORKFLOW = '.github/workflows/pilot-readiness.yml';

function git(...args: string[]): string {
  const run = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr.trim()}`);
  return run.stdout;
}

/** A clear failure, before anything is read from git, when the clone has no history to read. */
function requireHistory(): void {
  const shallow = spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: ROOT, encoding: 'utf8' });
  if (shallow.status !== 0) throw new Error(`pins: ${ROOT} is not a git repository; the pin test reads the pinned commit from git`);
  if (shallow.stdout.trim() === 'true')
    throw new Error(
      'pins: this clone is shallow, so the pinned commit cannot be read: run git fetch --unshallow (in CI, actions/checkout with fetch-depth: 0)',
    );
}

// ---------------------------------------------------------------- where the pins are

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path);
    return /\.(md|ya?ml)$/.test(name) ? [path] : [];
  });
}
const FILES = ['README.md', ...filesUnder('docs'), ...filesUnder('examples'), ...filesUnder('.github/workflows')];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Pin {
  at: string;
  ref: string;
  version: string | undefined;
}

/** Every reference to this repository's code: `pilot-readiness/pilot-readiness[/…]@REF` and checkouts of it (`ref:`). */
function pinsIn(file: string): Pin[] {
  const lines = read(file).split('\n');
  const pins: Pin[] = [];
  const versionAfter = (rest: string) => /^[ \t]+#[ \t]*v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)/.exec(rest)?.[1];
  lines.forEach((line, i) => {
    // A placeholder (`@<sha>`) is prose, not a ref anyone could run.
    for (const m of line.matchAll(/pilot-readiness\/pilot-readiness(?:\/[^\s@`]*)?@([0-9A-Za-z._/-]+)(.*)$/g))
      pins.push({ at: `${file}:${i + 1}`, ref: m[1] ?? '', version: versionAfter(m[2] ?? '') });
    if (!/^\s*repository:\s*pilot-readiness\/pilot-readiness\s*$/.test(line)) return;
    const indent = line.length - line.trimStart().length;
    for (let j = i + 1; j < lines.length && (lines[j] ?? '').length - (lines[j] ?? '').trimStart().length === indent; j++) {
      const ref = /^\s*ref:\s*(\S+)(.*)$/.exec(lines[j] ?? '');
      if (ref) pins.push({ at: `${file}:${j + 1}`, ref: ref[1] ?? '', version: versionAfter(ref[2] ?? '') });
    }
  });
  return pins;
}
const PINS = FILES.flatMap(pinsIn);

/** The one commit every pin names; fails saying where they differ. */
function pinnedCommit(): string {
  const shas = [...new Set(PINS.map((p) => p.ref))];
  if (shas.length !== 1) throw new Error(`pins: the pins name ${shas.length} refs, not one: ${shas.join(', ')}`);
  return shas[0]!;
}

// ---------------------------------------------------------------- what the files pass to the pins

interface UsesBlock {
  at: string;
  uses: string;
  /** The step's id, when it has one. */
  id?: string;
  /** The job's id, for a job that calls a reusable workflow. */
  job?: string;
  with: string[];
  secrets: string[] | 'inherit';
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const skipped = (line: string) => /^\s*(#.*|```.*)?$/.test(line);

/** The keys of a mapping value: inline (`{ a: 1 }`) or the lines indented under it. */
function childKeys(lines: string[], at: number, parentIndent: number, inline: string): string[] {
  if (inline.startsWith('{')) return [...inline.matchAll(/([\w-]+)\s*:/g)].map((m) => m[1]!);
  const keys: string[] = [];
  let childIndent: number | undefined;
  for (let j = at + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (skipped(line)) continue;
    if (indentOf(line) <= parentIndent) break;
    childIndent ??= indentOf(line);
    const key = indentOf(line) === childIndent ? /^\s*([\w-]+)\s*:/.exec(line) : null;
    if (key) keys.push(key[1]!);
  }
  return keys;
}

/**
 * Every step or job that uses something, read line by line (README snippets are fragments that are
 * not whole YAML documents): its `uses:`, id, and the keys of its `with:` and `secrets:`.
 */
function usesBlocks(file: string): UsesBlock[] {
  const lines = read(file).split('\n');
  const blocks: UsesBlock[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)(-\s+)?uses:\s*(\S+)/.exec(line);
    if (!m) return;
    const keyIndent = (m[1] ?? '').length + (m[2] ?? '').length;
    let start = i;
    let job: string | undefined;
    if (!m[2]) {
      for (let j = i - 1; j >= 0; j--) {
        const above = lines[j]!;
        if (skipped(above)) continue;
        if (indentOf(above) >= keyIndent) {
          start = j;
          continue;
        }
        if (/^\s*-\s+/.test(above)) start = j;
        else job = /^\s*([\w-]+):\s*$/.exec(above)?.[1];
        break;
      }
    }
    const block: UsesBlock = { at: `${file}:${i + 1}`, uses: m[3] ?? '', with: [], secrets: [], ...(job ? { job } : {}) };
    for (let j = start; j < lines.length; j++) {
      const keyLine = lines[j]!;
      if (skipped(keyLine)) continue;
      // Shallower than the block's keys: the next step's dash, the next job, or the end of the snippet.
      if (j > start && indentOf(keyLine) < keyIndent) break;
      const key = /^(\s*)(-\s+)?([\w-]+):\s*(.*)$/.exec(keyLine);
      if (!key || (key[1] ?? '').length + (key[2] ?? '').length !== keyIndent) continue;
      const value = (key[4] ?? '').replace(/\s+#.*$/, '').trim();
      if (key[3] === 'id') block.id = value;
      if (key[3] === 'with') block.with = childKeys(lines, j, keyIndent, value);
      if (key[3] === 'secrets') block.secrets = value === 'inherit' ? 'inherit' : childKeys(lines, j, keyIndent, value);
    }
    blocks.push(block);
  });
  return blocks;
}

const isAction = (uses: string) => uses.startsWith('pilot-readiness/pilot-readiness@');
const isReusableWorkflow = (uses: string) => uses.startsWith(`pilot-readiness/pilot-readiness/${REUSABLE_WORKFLOW}@`);

interface ActionYml {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}
interface ReusableWorkflow {
  on: { workflow_call: { inputs?: Record<string, unknown>; secrets?: Record<string, unknown>; outputs?: Record<string, unknown> } };
}
const yamlAt = <T>(sha: string, path: string): T => load(git('show', `${sha}:${path}`), { schema: JSON_SCHEMA }) as T;
/** What a commit runs as the Action: the object ids of its action.yml and dist/. */
const buildOf = (sha: string) => `${git('rev-parse', `${sha}:action.yml`).trim()} ${git('rev-parse', `${sha}:dist`).trim()}`;

/** Names in the first column of the Markdown table under `heading` (`| \`name\` | …`). */
function tableNames(text: string, heading: string): string[] {
  const section = text.split(heading)[1]?.split(/\n#{1,3} /)[0] ?? '';
  return [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!);
}

// ---------------------------------------------------------------- the tests

describe('the pinned build is the documented one', () => {
  it('the repository has its history (the pins are read from git)', () => {
    requireHistory();
  });

  it('every pin names one full commit sha of this repository, with that commit version beside it', () => {
    requireHistory();
    expect(PINS.length).toBeGreaterThan(5);
    for (const pin of PINS) expect(pin.ref, `${pin.at}: pin a full 40-hex commit sha (a tag or branch can move)`).toMatch(/^[0-9a-f]{40}$/);
    const sha = pinnedCommit();
    expect(spawnSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: ROOT }).status, `${sha} is not a commit of this repository`).toBe(
      0,
    );
    expect(spawnSync('git', ['merge-base', '--is-ancestor', sha, 'HEAD'], { cwd: ROOT }).status, `${sha} is not in HEAD's history`).toBe(0);
    const { version } = JSON.parse(git('show', `${sha}:package.json`)) as { version: string };
    for (const pin of PINS)
      expect(pin.version, `${pin.at}: the comment must be # v${version}, ${sha}'s package.json version`).toBe(version);
  });

  it('the pinned Action has every input the README, docs and examples pass, and every output they read', () => {
    requireHistory();
    const sha = pinnedCommit();
    const action = yamlAt<ActionYml>(sha, 'action.yml');
    let checked = 0;
    for (const file of FILES) {
      const steps = usesBlocks(file).filter((b) => isAction(b.uses));
      for (const step of steps) {
        checked++;
        for (const input of step.with) expect(Object.keys(action.inputs), `${step.at}: with ${input}, which ${sha} lacks`).toContain(input);
      }
      const ids = new Set(steps.flatMap((s) => (s.id ? [s.id] : [])));
      for (const [, id, output] of read(file).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g))
        if (ids.has(id!))
          expect(Object.keys(action.outputs), `${file}: steps.${id}.outputs.${output}, which ${sha} lacks`).toContain(output);
    }
    expect(checked).toBeGreaterThan(5);
    const readme = read('README.md');
    for (const input of tableNames(readme, '### Inputs')) expect(Object.keys(action.inputs), `README's Inputs: ${input}`).toContain(input);
    for (const output of tableNames(readme, '### Outputs'))
      expect(Object.keys(action.outputs), `README's Outputs: ${output}`).toContain(output);
  });

  it('the pinned reusable workflow has every input and secret its callers pass, and every output they read', () => {
    requireHistory();
    const sha = pinnedCommit();
    const call = yamlAt<ReusableWorkflow>(sha, REUSABLE_WORKFLOW).on.workflow_call;
    let checked = 0;
    for (const file of FILES) {
      for (const caller of usesBlocks(file).filter((b) => isReusableWorkflow(b.uses))) {
        checked++;
        for (const input of caller.with)
          expect(Object.keys(call.inputs ?? {}), `${caller.at}: with ${input}, which ${sha} lacks`).toContain(input);
        if (caller.secrets !== 'inherit')
          for (const secret of caller.secrets)
            expect(Object.keys(call.secrets ?? {}), `${caller.at}: secret ${secret}, which ${sha} lacks`).toContain(secret);
        for (const [, output] of read(file).matchAll(new RegExp(`needs\\.${caller.job ?? '-'}\\.outputs\\.([\\w-]+)`, 'g')))
          expect(Object.keys(call.outputs ?? {}), `${file}: needs.${caller.job}.outputs.${output}, which ${sha} lacks`).toContain(output);
      }
    }
    expect(checked).toBeGreaterThan(1);
  });

  it("the pinned reusable workflow runs the pinned commit's build (a caller runs the Action it names, not the caller's pin)", () => {
    requireHistory();
    const sha = pinnedCommit();
    const runs = /uses:\s*pilot-readiness\/pilot-readiness@([0-9a-f]{40})\b/.exec(git('show', `${sha}:${REUSABLE_WORKFLOW}`))?.[1];
    expect(runs, `${sha}:${REUSABLE_WORKFLOW} pins no Action by sha`).toBeDefined();
    expect(
      buildOf(runs!),
      `${sha}'s reusable workflow runs the Action at ${runs}, whose action.yml or dist/ differ: run node scripts/pin.mjs ${sha}`,
    ).toBe(buildOf(sha));
  });
});

describe('scripts/pin.mjs', () => {
  const pin = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'pin.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

  // Each refusal comes before anything is written: the checkout is left as it was.
  it.each([
    ['no sha', [], 'usage: node scripts/pin.mjs <commit-sha>'],
    ['a tag', ['v1'], '"v1" is not a commit sha: give the commit\'s hexadecimal sha'],
    ['a branch', ['main'], '"main" is not a commit sha'],
    ['a sha this repository does not have', ['d'.repeat(40)], `${'d'.repeat(40)} is not a commit of this repository`],
  ])('refuses %s, saying why, and changes nothing', (_name, args, says) => {
    const before = git('status', '--porcelain');
    const run = pin(...args);
    expect(run.stderr).toContain(says);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(git('status', '--porcelain')).toBe(before);
  });
});

describe("the pinned commit's built Action faces the workflow trust rows", () => {
  const startGitHub = fakeGitHubPerTest();
  let build: string | undefined;
  afterAll(() => {
    if (build) rmSync(build, { recursive: true, force: true });
  });
  /** The pinned commit's action.yml, package.json and dist/, as the runner downloads them. */
  function pinnedBuild(): string {
    if (build) return build;
    requireHistory();
    const sha = pinnedCommit();
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-pinned-'));
    const archive = spawnSync('sh', ['-c', 'git archive "$0" dist action.yml package.json | tar -x -C "$1"', sha, dir], { cwd: ROOT });
    if (archive.status !== 0) throw new Error(`pins: git archive ${sha} failed: ${String(archive.stderr)}`);
    build = dir;
    return dir;
  }

  it.each(WORKFLOW_TRUST_ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const ran = await runWorkflowTrustRow(startGitHub, row, pinnedBuild());
    expectWorkflowTrustRow(ran, row, `the pinned build ${pinnedCommit()}`);
  });
});
