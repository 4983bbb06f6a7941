// `pilot-readiness check` judges the commit, as the Action does, against someone who prepares a
// repository to pass locally what CI would block: a committed symlink whose target is edited on disk,
// metrics in a .json file written in forms only a YAML reader takes, and paths that a SARIF viewer
// would decode outside the repository. Through the built CLI (dist/cli.js) in a git repository of its
// own; run `npm run build` first. Each row asserts the exit code, the decision and the exact messages
// (or the SARIF URIs); the controls show an honest pilot still passes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { TreeEntryKind } from '../../src/adapters/github/files.js';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import { formatFinding } from '../../src/core/errors.js';
import type { FileRead, Finding } from '../../src/core/types.js';
import { treeFiles } from '../../src/flow/manifests.js';
import { cli, NOW } from '../cli/helpers.js';
import { EVAL, POLICY, ROLLBACK } from '../support/artifact-pilot.js';
import { validateSarif } from '../support/sarif-schema.js';

const STUB = '# Rollback\n\nTo be written.\n';

/** The manifest: BUS-3's `from:` value on line 5 at column 29, OPS-2's file on line 6 at column 18. */
const manifest = (from: string, rollback = 'ops/rollback.md', name = 'scoring') =>
  `version: 1\npilot: { name: ${name}, risk: low }\nowner: olu-risk\nevidence:\n  BUS-3: { metrics: { from: ${from} } }\n  OPS-2: { file: ${rollback} }\n`;

interface Repository {
  /** The pilot's folder, relative to the repository (the manifest's folder). */
  folder?: string;
  from?: string;
  rollback?: string;
  /** Files of the pilot folder, committed. */
  files?: Record<string, string>;
  /** Symlinks of the pilot folder (path → target as written), committed. */
  links?: Record<string, string>;
  /** Files of the pilot folder written after the commit: the disk differs from HEAD. */
  edits?: Record<string, string>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function repository(spec: Repository): { dir: string; manifestPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pr-adv-cli-commit-'));
  dirs.push(dir);
  const folder = spec.folder ?? 'pilot';
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('policy.yml', POLICY);
  write(`${folder}/pilot-readiness.yml`, manifest(spec.from ?? 'reports/eval.json', spec.rollback));
  for (const [path, text] of Object.entries({ 'ops/rollback.md': ROLLBACK, ...spec.files })) write(`${folder}/${path}`, text);
  for (const [path, target] of Object.entries(spec.links ?? {})) {
    mkdirSync(dirname(join(dir, folder, path)), { recursive: true });
    symlinkSync(target, join(dir, folder, path));
  }
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'pilot');
  for (const [path, text] of Object.entries(spec.edits ?? {})) write(`${folder}/${path}`, text);
  return { dir, manifestPath: `${folder}/pilot-readiness.yml` };
}

function check(spec: Repository, format = 'json') {
  const { dir, manifestPath } = repository(spec);
  return { dir, run: cli(['check', manifestPath, '--policy', 'policy.yml', '--now', NOW, '--format', format], { cwd: dir }) };
}

/** Every problem of the criteria as `file:line:column: message`, as check prints them. */
const problemsOf = (report: { criteria: Array<{ problems: Finding[] }> }) => report.criteria.flatMap((c) => c.problems.map(formatFinding));

const M = 'pilot/pilot-readiness.yml';
const UNVERIFIABLE = (path: string) =>
  `${M}:5:29: metrics artifact ${path} is a symbolic link or a submodule, whose content cannot be verified; commit the file itself`;

interface Row {
  name: string;
  spec: Repository;
  status: number;
  decision: 'pending' | 'blocked';
  problems: string[];
  stderr?: string;
}

// ------------------------------------------------------------------ the committed tree, not the disk

const COMMITTED: Row[] = [
  {
    name: 'control: the evaluation committed as a file passes BUS-3',
    spec: { files: { 'reports/eval.json': EVAL('0.03') } },
    status: 1,
    decision: 'pending',
    problems: [],
  },
  {
    name: 'a committed symlink to a committed failing evaluation, the target edited on disk to pass',
    spec: {
      files: { 'reports/stub.json': EVAL('-0.04') },
      links: { 'reports/eval.json': 'stub.json' },
      edits: { 'reports/stub.json': EVAL('0.03') },
    },
    status: 1,
    decision: 'blocked',
    problems: [UNVERIFIABLE('pilot/reports/eval.json')],
  },
  {
    name: 'a committed symlink to a committed passing evaluation: the Action cannot read through it, so neither does check',
    spec: { files: { 'reports/real.json': EVAL('0.03') }, links: { 'reports/eval.json': 'real.json' } },
    status: 1,
    decision: 'blocked',
    problems: [UNVERIFIABLE('pilot/reports/eval.json')],
  },
  {
    name: 'a committed symlinked folder whose file is edited on disk',
    spec: {
      files: { 'shared/eval.json': EVAL('-0.04') },
      links: { reports: 'shared' },
      edits: { 'shared/eval.json': EVAL('0.03') },
    },
    status: 1,
    decision: 'blocked',
    problems: [`${M}:5:29: metrics artifact pilot/reports/eval.json does not exist in the repository`],
  },
  {
    name: 'a committed symlink to a stub rollback plan, the stub rewritten on disk into a full plan',
    spec: {
      files: { 'reports/eval.json': EVAL('0.03'), 'ops/stub.md': STUB },
      links: { 'ops/plan.md': 'stub.md' },
      edits: { 'ops/stub.md': ROLLBACK },
      rollback: 'ops/plan.md',
    },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:6:18: "ops/plan.md" is a symbolic link or a submodule, whose content cannot be verified through the GitHub API; commit the file itself`,
    ],
  },
  {
    name: 'the committed manifest reads a failing evaluation; on disk it is edited to read a passing one',
    spec: {
      files: { 'reports/eval.json': EVAL('-0.04'), 'reports/v2.json': EVAL('0.03') },
      edits: { 'pilot-readiness.yml': manifest('reports/v2.json') },
    },
    status: 1,
    decision: 'blocked',
    problems: ['pilot/reports/eval.json:1:49: margin_over_baseline is -0.04, below the minimum 0 for low risk'],
    stderr: `note: ${M} on disk is not the committed one: judging the committed manifest; pass --worktree to judge your edits\n`,
  },
  {
    name: 'control: a committed failing evaluation edited on disk to pass (no symlink): HEAD decides, as before',
    spec: { files: { 'reports/eval.json': EVAL('-0.04') }, edits: { 'reports/eval.json': EVAL('0.03') } },
    status: 1,
    decision: 'blocked',
    problems: ['pilot/reports/eval.json:1:49: margin_over_baseline is -0.04, below the minimum 0 for low risk'],
  },
];

// ------------------------------------------------------------------ .json read as JSON

const JSON_FORMS: Row[] = [
  {
    name: 'control: a YAML evaluation may write +0.03, as YAML reads it',
    spec: { from: 'reports/eval.yaml', files: { 'reports/eval.yaml': 'margin_over_baseline: +0.03\n' } },
    status: 1,
    decision: 'pending',
    problems: [],
  },
  ...(
    [
      ['a hexadecimal margin (0x1) that YAML reads as 1', '0x1', 'JSON numbers are decimal: write 0x1 as 1'],
      ['a signed margin (+0.03) that YAML reads as 0.03', '+0.03', 'a JSON number has no + sign: write +0.97 as 0.97'],
      ['a YAML-tagged margin (!!float 0.03)', '!!float 0.03', 'YAML tags (!!float) are not JSON: write the number alone'],
      ['a margin of .inf', '.inf', 'JSON has no infinity or NaN'],
    ] as const
  ).map(
    ([name, margin, why]): Row => ({
      name: `a .json evaluation with ${name}`,
      spec: { files: { 'reports/eval.json': EVAL(margin) } },
      status: 1,
      decision: 'blocked',
      problems: [`pilot/reports/eval.json:1:49: JSON syntax error: ${why}`],
    }),
  ),
  {
    name: 'a .json evaluation written as YAML',
    spec: { files: { 'reports/eval.json': 'margin_over_baseline: 0.03\n' } },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/eval.json:1:1: JSON syntax error: expected a value (a number, text in double quotes, true, false, null, an object or an array), found "m"',
    ],
  },
  {
    name: 'a .JSON evaluation (upper case) with a passing duplicate key last',
    spec: {
      from: 'reports/EVAL.JSON',
      files: { 'reports/EVAL.JSON': '{\n  "margin_over_baseline": -0.04,\n  "margin_over_baseline": 0x1\n}\n' },
    },
    status: 1,
    decision: 'blocked',
    problems: ['pilot/reports/EVAL.JSON:3:27: JSON syntax error: JSON numbers are decimal: write 0x1 as 1'],
  },
];

/**
 * What the Action decides on the repository's HEAD: its tree view (treeFiles) over GitHub's answers,
 * stood in for by git's (the tree with its kinds, every blob's text), and the manifest at HEAD.
 */
function actionReport(dir: string, manifestPath: string) {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const tree = new Map<string, TreeEntryKind>();
  const texts = new Map<string, FileRead>();
  for (const line of git('ls-tree', '-r', '-t', '-z', 'HEAD').toString('utf8').split('\0').filter(Boolean)) {
    const [info, path] = line.split('\t') as [string, string];
    const [mode, type, sha] = info.split(' ') as [string, string, string];
    const kind: TreeEntryKind = type === 'tree' ? 'dir' : type === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
    tree.set(path, kind);
    if (kind === 'file') {
      const bytes = git('cat-file', 'blob', sha);
      texts.set(path, { text: bytes.toString('utf8'), bytes: bytes.byteLength });
    }
  }
  return evaluate({
    manifest: { path: manifestPath, text: git('show', `HEAD:${manifestPath}`).toString('utf8') },
    policy: loadPolicy(POLICY, 'policy.yml'),
    files: treeFiles(tree, texts),
    facts: null,
    now: new Date(NOW),
  });
}

describe.each([
  ['check judges the committed tree, as the Action does', COMMITTED],
  ['a .json artifact is read as JSON', JSON_FORMS],
])('%s', { timeout: 60_000 }, (_title, rows) => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const { dir, run } = check(row.spec);
    expect(run.stderr).toBe(row.stderr ?? '');
    expect(run.status).toBe(row.status);
    const report = JSON.parse(run.stdout);
    expect(report.decision).toBe(row.decision);
    expect(problemsOf(report)).toEqual(row.problems);
    // One commit, one verdict: the Action's view of the same HEAD says the same, word for word.
    const action = actionReport(dir, M);
    expect(action.decision).toBe(report.decision);
    expect(problemsOf(action)).toEqual(row.problems);
  });
});

describe('the report describes the bytes it judged', { timeout: 60_000 }, () => {
  it("control: an evaluation edited on disk is reported with HEAD's blob sha and the sha256 of HEAD's bytes", () => {
    const { dir, run } = check({ files: { 'reports/eval.json': EVAL('0.03') }, edits: { 'reports/eval.json': EVAL('0.05') } });
    const report = JSON.parse(run.stdout);
    const head = spawnSync('git', ['rev-parse', 'HEAD:pilot/reports/eval.json'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
    const record = report.evidence_files.find((f: { path: string }) => f.path === 'pilot/reports/eval.json');
    expect(record).toMatchObject({ git_blob_sha: head, sha256: createHash('sha256').update(EVAL('0.03')).digest('hex') });
    expect(report.inputs.texts['pilot/reports/eval.json']).toBe(EVAL('0.03'));
  });

  it('a committed symlink is named without hashes of what it leads to on disk', () => {
    const { run } = check({
      files: { 'reports/stub.json': EVAL('-0.04') },
      links: { 'reports/eval.json': 'stub.json' },
      edits: { 'reports/stub.json': EVAL('0.03') },
    });
    const report = JSON.parse(run.stdout);
    const records = (report.evidence_files ?? []).filter((f: { path: string }) => f.path === 'pilot/reports/eval.json');
    for (const record of records) expect(record.sha256).toBeUndefined();
    expect(JSON.stringify(report.inputs.texts ?? {})).not.toContain('0.03');
  });
});

// ------------------------------------------------------------------ SARIF URIs

/** Folders a pull request may name, which a viewer must resolve to themselves inside the repository. */
const FOLDERS: Array<[name: string, folder: string, uri: string]> = [
  ['control: a plain folder', 'pilots/scoring', 'pilots/scoring/pilot-readiness.yml'],
  ['percent-encoded dot segments that decode to ../../', '%2e%2e%2f%2e%2e%2fetc', '%252e%252e%252f%252e%252e%252fetc/pilot-readiness.yml'],
  ['a scheme-like first segment', 'javascript:alert(1)', 'javascript%3Aalert(1)/pilot-readiness.yml'],
  ['a query and a fragment', 'a?b=1#c', 'a%3Fb%3D1%23c/pilot-readiness.yml'],
  ['a space and non-ASCII text', 'pilotes été', 'pilotes%20%C3%A9t%C3%A9/pilot-readiness.yml'],
];

describe('SARIF artifact URIs are percent-encoded relative references', { timeout: 60_000 }, () => {
  it.each(FOLDERS)('%s', (_name, folder, uri) => {
    const { run } = check({ folder, files: { 'reports/eval.json': EVAL('-0.04') } }, 'sarif');
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const uris = new Set<string>(
      log.runs[0].results.flatMap((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.locations.map((l) => l.physicalLocation.artifactLocation.uri),
      ),
    );
    expect(uris).toContain(uri);
    expect(uris).toContain(uri.replace('pilot-readiness.yml', 'reports/eval.json'));
    for (const each of uris) {
      // Resolved against the repository as a viewer does, each URI names its own file inside it.
      const resolved = new URL(each, 'file:///repo/');
      expect(resolved.href.startsWith('file:///repo/')).toBe(true);
      expect(decodeURIComponent(resolved.pathname.slice('/repo/'.length))).toMatch(
        new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`),
      );
    }
  });
});

// ------------------------------------------------------------------ --base pairs the pilots as the Action does

const gitIn = (dir: string, ...args: string[]) =>
  spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).stdout.trim();

/** The pilot on `main`: scoring, its evaluation passing and its rollback plan written. */
const BASE: Record<string, string> = {
  'policy.yml': POLICY,
  'pilot/pilot-readiness.yml': manifest('reports/eval.json'),
  'pilot/reports/eval.json': EVAL('0.03'),
  'pilot/ops/rollback.md': ROLLBACK,
};
/** Another pilot's rollback plan: another blob than scoring's. */
const FRAUD_ROLLBACK = `${ROLLBACK}\nRehearsed every quarter.\n`;

/**
 * `main` holding `base`, then a branch whose commit (HEAD) writes `head` over it (null deletes), then
 * `disk` written over the working tree, uncommitted.
 */
function history(base: Record<string, string>, head: Record<string, string | null> = {}, disk: Record<string, string | null> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-adv-cli-base-'));
  dirs.push(dir);
  const apply = (files: Record<string, string | null>) => {
    for (const [path, text] of Object.entries(files)) {
      if (text === null) rmSync(join(dir, path), { force: true });
      else {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    }
  };
  apply(base);
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-qm', 'the base');
  gitIn(dir, 'checkout', '-qb', 'work');
  apply(head);
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-qm', 'the pull request', '--allow-empty');
  apply(disk);
  return dir;
}

const checkBase = (dir: string, manifestPath: string, ...extra: string[]) =>
  cli(['check', manifestPath, '--policy', 'policy.yml', '--now', NOW, '--format', 'json', '--base', 'main', ...extra], { cwd: dir });

const SKIPPED = (why: string) => `note: --base main: ${why}; thresholds fixed before the evaluation are not compared\n`;

describe('check --base pairs the pilots as the Action does, and says why it cannot', { timeout: 60_000 }, () => {
  it('control: the pilot as the base holds it is compared with no note', () => {
    const run = checkBase(history(BASE), M);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).inputs.base).toEqual({ path: M, text: BASE[M] });
  });

  it('a second manifest with the pilot.name of the one checked: an error at each, as the Action refuses the pull request', () => {
    const dir = history(BASE, {
      'copy/pilot-readiness.yml': manifest('reports/eval.json'),
      'copy/reports/eval.json': EVAL('0.03'),
      'copy/ops/rollback.md': ROLLBACK,
    });
    const run = checkBase(dir, M);
    const clash = (path: string, other: string) =>
      `error: ${path}:2:16: pilot.name "scoring" is also the name of ${other}: a pilot is identified by its name across folders, so each name may be used once; rename one of them\n`;
    expect(run.stderr).toBe(clash('copy/pilot-readiness.yml', M) + clash(M, 'copy/pilot-readiness.yml'));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  it('a new pilot naming the evidence of two base pilots: an error, since its history cannot be told', () => {
    const base = {
      ...BASE,
      'fraud/pilot-readiness.yml': manifest('reports/eval.json', 'ops/rollback.md', 'fraud'),
      'fraud/reports/eval.json': EVAL('0.03'),
      'fraud/ops/rollback.md': FRAUD_ROLLBACK,
    };
    const dir = history(base, {
      'merged/pilot-readiness.yml': manifest('reports/eval.json', '[ops/a.md, ops/b.md]', 'merged'),
      'merged/reports/eval.json': EVAL('0.03'),
      'merged/ops/a.md': ROLLBACK,
      'merged/ops/b.md': FRAUD_ROLLBACK,
    });
    const run = checkBase(dir, 'merged/pilot-readiness.yml');
    expect(run.stderr).toBe(
      'error: merged/pilot-readiness.yml:2:16: merged/pilot-readiness.yml names evidence of 2 pilots on the base branch, fraud (fraud/pilot-readiness.yml) and scoring (pilot/pilot-readiness.yml): a pilot carries on the history of one pilot at most; keep the pilot.name of the one it continues, or retire the others in an earlier pull request\n',
    );
    expect(run.status).toBe(2);
  });

  it('--worktree: a pilot copied on disk under a new name, its rollback plan the base’s bytes, carries the base pilot on', () => {
    const dir = history(
      BASE,
      {},
      {
        'v2/pilot-readiness.yml': manifest('reports/eval.json', 'ops/rollback.md', 'scoring-v2'),
        'v2/reports/eval.json': EVAL('0.03'),
        'v2/ops/rollback.md': ROLLBACK,
      },
    );
    const run = checkBase(dir, 'v2/pilot-readiness.yml', '--worktree');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    // Compared with the pilot it carries on, as the Action would once the copy is committed.
    expect(report.inputs.base).toEqual({ path: M, text: BASE[M] });
    expect(report.decision).toBe('pending');
  });

  it('--worktree: a copy on disk, not yet committed, with the pilot.name of the one checked: the error the Action will give', () => {
    const dir = history(BASE, {}, { 'copy/pilot-readiness.yml': manifest('reports/eval.json') });
    const run = checkBase(dir, M, '--worktree');
    expect(run.stderr).toBe(
      `error: copy/pilot-readiness.yml:2:16: pilot.name "scoring" is also the name of ${M}: a pilot is identified by its name across folders, so each name may be used once; rename one of them\n` +
        `error: ${M}:2:16: pilot.name "scoring" is also the name of copy/pilot-readiness.yml: a pilot is identified by its name across folders, so each name may be used once; rename one of them\n`,
    );
    expect(run.status).toBe(2);
  });

  it('control: --worktree, the pilot’s folder moved with a plain mv: one pilot, compared with itself at the base', () => {
    const dir = history(BASE);
    renameSync(join(dir, 'pilot'), join(dir, 'moved'));
    const run = checkBase(dir, 'moved/pilot-readiness.yml', '--worktree');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).inputs.base).toEqual({ path: M, text: BASE[M] });
  });

  it('a file named like the manifest at the base, larger than a manifest may be: skipped saying so, not taken for a new pilot', () => {
    const dir = history({ ...BASE, 'big/pilot-readiness.yml': '#'.repeat(3 * 1024 * 1024) });
    const run = checkBase(dir, M);
    expect(run.stderr).toBe(
      SKIPPED('cannot read the manifests at main: big/pilot-readiness.yml is 3145728 bytes; a manifest may hold 1048576 bytes (1 MiB)'),
    );
    expect(run.status).toBe(1);
  });

  it('the base manifest’s object missing from the repository: skipped with git’s answer, not taken for a new pilot', () => {
    const dir = history(BASE, { [M]: `${BASE[M]}# reviewed\n` });
    const blob = gitIn(dir, 'rev-parse', `main:${M}`);
    rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const run = checkBase(dir, M);
    expect(run.stderr).toBe(SKIPPED(`cannot read the manifests at main: git cannot give ${M} (blob ${blob}: missing)`));
    expect(run.status).toBe(1);
  });
});
