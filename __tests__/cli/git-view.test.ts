// check reads what CI reads: the files committed at HEAD of the manifest's git repository. A file
// left untracked or git-ignored is missing there (with a warning naming it); --worktree counts the
// files on disk; outside a git repository check falls back to the disk with a one-line notice.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { committedView } from '../../src/adapters/local/git.js';
import { cli, NOW } from './helpers.js';

// readFileSync as is, counted: the committed view must open only the files the engine reads.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

const POLICY = `version: 1
roles:
  owner: { accountable: true }
gates:
  - id: docs
    title: Documentation
    criteria:
      - id: DOC-1
        title: Model card
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: { paths: ["docs/**"] } }
      - id: DOC-2
        title: Runbook
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: { paths: ["docs/**"] } }
`;

const manifest = (doc1: string, doc2: string): string =>
  `version: 1\npilot:\n  name: churn\n  title: Churn forecast\n  risk: low\nowner: maria\nevidence:\n  DOC-1: { file: ${doc1} }\n  DOC-2: { file: ${doc2} }\n`;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });

interface Row {
  id: string;
  status: string;
}
const statuses = (stdout: string): Record<string, string> =>
  Object.fromEntries((JSON.parse(stdout).criteria as Row[]).map((c) => [c.id, c.status]));

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'pr-git-view-'));
  git(repo, 'init', '--quiet');
  mkdirSync(join(repo, 'pilot', 'docs'), { recursive: true });
  writeFileSync(join(repo, 'policy.yml'), POLICY);
  writeFileSync(join(repo, 'pilot', 'docs', 'card.md'), '# card\n');
  writeFileSync(join(repo, '.gitignore'), 'pilot/docs/ignored.md\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'card');
  // Left out of the commit: one untracked, one git-ignored.
  writeFileSync(join(repo, 'pilot', 'docs', 'runbook.md'), '# runbook\n');
  writeFileSync(join(repo, 'pilot', 'docs', 'ignored.md'), '# ignored\n');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** The manifest committed (CI sees what HEAD holds), naming its two documents. */
const check = (doc1: string, doc2: string, ...extra: string[]) => {
  writeFileSync(join(repo, 'pilot', 'pilot-readiness.yml'), manifest(doc1, doc2));
  git(repo, 'add', 'pilot/pilot-readiness.yml');
  git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'manifest');
  return cli(['check', 'pilot/pilot-readiness.yml', '--policy', 'policy.yml', '--format', 'json', '--now', NOW, ...extra], { cwd: repo });
};

describe('check in a git repository', () => {
  it('counts a committed file; an untracked one is missing, with a warning', () => {
    const result = check('docs/card.md', 'docs/runbook.md');
    expect(statuses(result.stdout)).toEqual({ 'DOC-1': 'met', 'DOC-2': 'failed' });
    expect(result.stderr).toBe(
      'warning: pilot/docs/runbook.md exists but is not committed: CI will not see it; commit it or pass --worktree\n',
    );
  });

  it('a git-ignored file is missing too, with the same warning', () => {
    const result = check('docs/card.md', 'docs/ignored.md');
    expect(statuses(result.stdout)['DOC-2']).toBe('failed');
    expect(result.stderr).toBe(
      'warning: pilot/docs/ignored.md exists but is not committed: CI will not see it; commit it or pass --worktree\n',
    );
  });

  it('--worktree counts the files on disk, as before, without warnings', () => {
    for (const doc2 of ['docs/runbook.md', 'docs/ignored.md']) {
      const result = check('docs/card.md', doc2, '--worktree');
      expect(statuses(result.stdout)).toEqual({ 'DOC-1': 'met', 'DOC-2': 'met' });
      expect(result.stderr).toBe('');
    }
  });

  it('a file that is absent everywhere is missing without a warning', () => {
    const result = check('docs/card.md', 'docs/nowhere.md');
    expect(statuses(result.stdout)['DOC-2']).toBe('failed');
    expect(result.stderr).toBe('');
  });

  it('a symlink is never followed: untracked, it is not committed; committed, it cannot be verified, as in the Action', () => {
    symlinkSync('card.md', join(repo, 'pilot', 'docs', 'link.md'));
    const outside = mkdtempSync(join(tmpdir(), 'pr-git-outside-'));
    writeFileSync(join(outside, 'secret.md'), 'x\n');
    symlinkSync(join(outside, 'secret.md'), join(repo, 'pilot', 'docs', 'escape.md'));
    try {
      const linked = check('docs/card.md', 'docs/link.md');
      expect(statuses(linked.stdout)['DOC-2']).toBe('failed');
      expect(linked.stderr).toContain('warning: pilot/docs/link.md exists but is not committed');
      git(repo, 'add', 'pilot/docs/link.md');
      git(repo, 'commit', '--quiet', '-m', 'link');
      // GitHub's tree holds the link, not what it leads to: the Action refuses it, and so does check.
      const committed = check('docs/card.md', 'docs/link.md');
      expect(statuses(committed.stdout)['DOC-2']).toBe('failed');
      expect(committed.stdout).toContain('is a symbolic link or a submodule, whose content cannot be verified');
      expect(committed.stderr).toBe('');

      // Untracked and leading out: missing at HEAD, with no advice to commit it (it could never count).
      const escaping = check('docs/card.md', 'docs/escape.md');
      expect(statuses(escaping.stdout)['DOC-2']).toBe('failed');
      expect(escaping.stdout).toContain('does not exist in the repository');
      expect(escaping.stderr).toBe('');
      // --worktree follows links on disk, and still refuses one leading out of the repository.
      const onDisk = check('docs/card.md', 'docs/escape.md', '--worktree');
      expect(onDisk.stdout).toContain('outside the repository');
    } finally {
      rmSync(join(repo, 'pilot', 'docs', 'escape.md'));
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a path that climbs out of the repository is refused in the committed view too', () => {
    const result = check('docs/card.md', '../../etc/passwd');
    expect(statuses(result.stdout)['DOC-2']).not.toBe('met');
    expect(result.stderr).not.toContain('warning:');
  });
});

describe('the committed view opens only what the engine reads', () => {
  it("names an unread file by HEAD's blob sha without opening it; a file read gets the sha256 of its bytes too", async () => {
    const view = await committedView(repo);
    const opened = vi.mocked(readFileSync);
    opened.mockClear();
    const path = 'pilot/docs/card.md';
    const blob = git(repo, 'rev-parse', `HEAD:${path}`).trim();
    expect(view.files.stat(path)).toBe('file');
    expect(view.files.hash?.(path)).toEqual({ git_blob_sha: blob });
    expect(opened).not.toHaveBeenCalled();
    expect(view.files.read?.(path)).toEqual({ text: '# card\n', bytes: 7 });
    expect(opened).toHaveBeenCalledTimes(1);
    expect(view.files.hash?.(path)).toEqual({ git_blob_sha: blob, sha256: createHash('sha256').update('# card\n').digest('hex') });
  });
});

/** A new git repository with nothing committed yet, holding the policy and docs/card.md on disk. */
function freshRepository(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  git(dir, 'init', '--quiet');
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'policy.yml'), POLICY);
  writeFileSync(join(dir, 'docs', 'card.md'), '# card\n');
  return dir;
}

describe('check in a git repository without a commit yet', () => {
  it('counts nothing on disk: CI would see no file either', () => {
    const fresh = freshRepository('pr-git-unborn-');
    try {
      writeFileSync(join(fresh, 'pilot-readiness.yml'), manifest('docs/card.md', 'docs/card.md'));
      const result = cli(['check', 'pilot-readiness.yml', '--policy', 'policy.yml', '--format', 'json', '--now', NOW], { cwd: fresh });
      expect(statuses(result.stdout)).toEqual({ 'DOC-1': 'failed', 'DOC-2': 'failed' });
      // The manifest too: CI would gate no pilot here, so it is judged as written, with the warning.
      expect(result.stderr).toBe(
        'warning: docs/card.md exists but is not committed: CI will not see it; commit it or pass --worktree\n' +
          'warning: pilot-readiness.yml exists but is not committed: CI will not see it; commit it or pass --worktree\n',
      );
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('the manifest is read from HEAD too', () => {
  it('committed as a symbolic link, which CI never reads as a manifest: an error, whatever it leads to on disk', () => {
    const linked = freshRepository('pr-git-manifest-link-');
    try {
      writeFileSync(join(linked, 'real.yml'), manifest('docs/card.md', 'docs/card.md'));
      symlinkSync('real.yml', join(linked, 'pilot-readiness.yml'));
      git(linked, 'add', '.');
      git(linked, 'commit', '--quiet', '-m', 'a manifest behind a link');
      const result = cli(['check', 'pilot-readiness.yml', '--policy', 'policy.yml', '--now', NOW], { cwd: linked });
      expect(result.stderr).toBe(
        'error: pilot-readiness.yml is a symbolic link or a submodule at HEAD, or lies beneath one, which CI never reads as a manifest; commit the manifest itself\n',
      );
      expect(result.status).toBe(2);
      // --worktree judges the disk, where the link leads to a manifest inside the repository.
      expect(cli(['check', 'pilot-readiness.yml', '--policy', 'policy.yml', '--now', NOW, '--worktree'], { cwd: linked }).status).toBe(1);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });
});

describe('check outside a git repository', () => {
  it('falls back to the files on disk with a one-line notice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-no-git-'));
    try {
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'policy.yml'), POLICY);
      writeFileSync(join(dir, 'docs', 'card.md'), '# card\n');
      writeFileSync(join(dir, 'docs', 'runbook.md'), '# runbook\n');
      writeFileSync(join(dir, 'pilot-readiness.yml'), manifest('docs/card.md', 'docs/runbook.md'));
      const result = cli(['check', 'pilot-readiness.yml', '--policy', 'policy.yml', '--format', 'json', '--now', NOW], { cwd: dir });
      expect(statuses(result.stdout)).toEqual({ 'DOC-1': 'met', 'DOC-2': 'met' });
      expect(result.stderr).toBe('note: . is not in a git repository: evidence is checked in the files on disk\n');
      // --worktree asks for exactly that: no notice.
      const asked = cli(['check', 'pilot-readiness.yml', '--worktree', '--policy', 'policy.yml', '--format', 'json', '--now', NOW], {
        cwd: dir,
      });
      expect(asked.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
