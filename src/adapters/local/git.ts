// The CLI's default repository view: the files committed at HEAD of the git repository that holds the
// manifest, as the Action sees the head commit's tree, so that a file left untracked or git-ignored
// passes neither locally nor in CI. Paths still go through the disk view (localRepoFiles), so a
// symlink is followed on disk and nothing may resolve outside the repository.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RepoFiles, RepoPathKind } from '../../core/types.js';
import { localRepoFiles } from './files.js';

/** What a repository view saw besides the answers: paths on disk that HEAD does not hold. */
export interface LocalRepoView {
  files: RepoFiles;
  /** One line for stderr when the committed view could not be used (no git repository, no git). */
  notice: string | null;
  /** Paths asked about that exist on disk but are not committed at HEAD (untracked or ignored). */
  uncommitted(): string[];
}

type TreeKind = 'file' | 'dir' | 'symlink' | 'submodule';

type GitRun = { ok: true; out: string } | { ok: false; status: number | null; out: string; why: string };

function git(root: string, args: string[]): GitRun {
  const run = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    const why = (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : run.error.message;
    return { ok: false, status: null, out: '', why };
  }
  if (run.status !== 0)
    return { ok: false, status: run.status, out: run.stdout, why: run.stderr.trim().split('\n')[0] || `git exited ${run.status}` };
  return { ok: true, out: run.stdout };
}

/** HEAD's tree, every entry (folders too) by repository path; empty when the repository has no commit yet. */
function headTree(root: string, hasHead: boolean): Map<string, TreeKind> | string {
  const tree = new Map<string, TreeKind>();
  if (!hasHead) return tree;
  const listed = git(root, ['ls-tree', '-r', '-t', '-z', '--full-tree', 'HEAD']);
  if (!listed.ok) return listed.why;
  for (const line of listed.out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type] = line.slice(0, tab).split(' ');
    const kind: TreeKind = type === 'tree' ? 'dir' : type === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
    tree.set(line.slice(tab + 1), kind);
  }
  return tree;
}

/** The working tree as it is on disk: every file counts, committed or not (`check --worktree`). */
export function worktreeView(root: string, notice: string | null = null): LocalRepoView {
  return { files: localRepoFiles(root), notice, uncommitted: () => [] };
}

/**
 * The files committed at HEAD of the git repository at `root`; the working tree, with a notice, when
 * `root` is not the top of a git repository git can read.
 */
export function committedView(root: string): LocalRepoView {
  // One call: the repository's top, then HEAD's commit (exit 1, the top alone, when there is no commit yet).
  const head = git(root, ['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD^{commit}']);
  const top = head.ok || head.status === 1 ? head.out.split('\n')[0]?.trim() : undefined;
  const realRoot = realpathSync.native(root);
  if (!top || realpathSync.native(top) !== realRoot) {
    const why = top ? `git's repository starts at ${top}` : head.ok ? 'git named no repository' : head.why;
    return worktreeView(root, `note: ${root} is not a git repository (${why}): evidence is checked in the files on disk, committed or not`);
  }
  const tree = headTree(root, head.ok);
  if (typeof tree === 'string')
    return worktreeView(root, `note: cannot list the files at HEAD (${tree}): evidence is checked in the files on disk`);
  const disk = localRepoFiles(root);
  const uncommitted = new Set<string>();

  /** True when HEAD holds `path` itself, or a symlink on the way to it. */
  const holds = (path: string): boolean => {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const kind = tree.get(parts.slice(0, i).join('/'));
      if (kind === undefined) return false;
      if (kind === 'symlink' || i === parts.length) return true;
    }
    return false;
  };

  const files: RepoFiles = {
    // What was judged is what is on disk (stat() counts only paths HEAD holds as they are there).
    read: (repoPath) => disk.read!(repoPath),
    hash: (repoPath) => disk.hash!(repoPath),
    stat(repoPath: string): RepoPathKind {
      const onDisk = disk.stat(repoPath);
      if (onDisk === 'outside' || onDisk === 'unverifiable') return onDisk;
      const kind = tree.get(repoPath);
      if (kind === 'submodule') return 'unverifiable';
      if (onDisk === 'missing') {
        // Committed but deleted here: CI still sees it. A committed symlink that leads nowhere on disk cannot be checked.
        if (kind === 'file' || kind === 'dir') return kind;
        return kind === 'symlink' ? 'unverifiable' : 'missing';
      }
      // On disk: count it only when HEAD holds both the path (or a symlink on its way) and what it resolves to.
      const real = relative(realRoot, realpathSync.native(join(realRoot, ...repoPath.split('/'))))
        .split(sep)
        .join('/');
      const target = real === '' ? 'dir' : tree.get(real);
      if (holds(repoPath) && (target === 'file' || target === 'dir') && target === onDisk) return onDisk;
      uncommitted.add(repoPath);
      return 'missing';
    },
  };
  return { files, notice: null, uncommitted: () => [...uncommitted].sort() };
}

/** What the CLI's --base REF gives: the manifest's text at REF (null when REF holds none) and the paths changed since. */
export type BaseRead = { ok: true; text: string | null; changed: string[] } | { ok: false; why: string };

/**
 * The manifest at `ref` and the paths changed between `ref` and HEAD (with `worktree`, and the files
 * on disk), read with git. A ref is never taken for an option.
 */
export function readBase(root: string, ref: string, manifestPath: string, worktree: boolean): BaseRead {
  if (ref.startsWith('-') || ref.includes('\0')) return { ok: false, why: `"${ref}" is not a git revision` };
  const commit = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit.ok) return { ok: false, why: `git knows no commit "${ref}"${commit.status === null ? ` (${commit.why})` : ''}` };
  const sha = commit.out.trim();
  const shown = git(root, ['cat-file', 'blob', `${sha}:${manifestPath}`]);
  const diff = git(root, ['diff', '--name-only', '-z', '--no-renames', sha, ...(worktree ? [] : ['HEAD']), '--']);
  if (!diff.ok) return { ok: false, why: diff.why };
  return { ok: true, text: shown.ok ? shown.out : null, changed: diff.out.split('\0').filter(Boolean) };
}
