// The CLI's default repository view: the files committed at HEAD of the git repository that holds the
// manifest, as the Action sees the head commit's tree (src/flow/manifests.ts, treeFiles), so that the
// CLI and the Action give one verdict on one commit. Every answer comes from HEAD's tree and blobs, the
// manifest's own text included: a file left untracked or git-ignored is missing, and a committed
// symlink or submodule cannot be verified, whatever the disk holds behind it. The disk is asked only
// to warn about what CI will not see (uncommitted files, a manifest edited since the commit).
import { execFile, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { ManifestAt } from '../../core/governance.js';
import type { RepoFiles, RepoPathKind } from '../../core/types.js';
import { gitBlobSha, sha256Bytes } from '../../core/hash.js';
import { decodeUtf8, MAX_YAML_BYTES } from '../../core/yaml.js';
import { hashFile, localRepoFiles, MAX_HASHED_BYTES, readTextFile } from './files.js';

/** What a repository view saw besides the answers: paths on disk that HEAD does not hold. */
export interface LocalRepoView {
  files: RepoFiles;
  /** One line for stderr when the committed view could not be used (no git repository, no git). */
  notice: string | null;
  /** Paths asked about that exist on disk but are not committed at HEAD (untracked or ignored). */
  uncommitted(): string[];
  /**
   * The manifest's text as this view judges it (`shownAs` names it in errors), and a note for stderr
   * when the disk holds other bytes than the ones judged.
   */
  manifest(repoPath: string, shownAs: string): { text: string; note: string | null };
}

type TreeKind = 'file' | 'dir' | 'symlink' | 'submodule';

type GitRun = { ok: true; out: string } | { ok: false; status: number | null; out: string; why: string };

/**
 * Runs git without blocking, so that check loads the engine while git lists HEAD (on a loaded machine
 * the two git runs cost about as much as starting Node). Never rejects: a failure is a GitRun.
 */
function git(root: string, args: string[]): Promise<GitRun> {
  return new Promise((done) => {
    execFile('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return done({ ok: true, out: stdout });
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'number') {
        const why = code === 'ENOENT' ? 'git is not installed' : error.message;
        return done({ ok: false, status: null, out: '', why });
      }
      done({ ok: false, status: code, out: stdout, why: stderr.trim().split('\n')[0] || `git exited ${code}` });
    });
  });
}

/** git run to completion (for --base, read once the evaluation is under way). */
function gitSync(root: string, args: string[]): GitRun {
  const run = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    const why = (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : run.error.message;
    return { ok: false, status: null, out: '', why };
  }
  if (run.status !== 0)
    return { ok: false, status: run.status, out: run.stdout, why: run.stderr.trim().split('\n')[0] || `git exited ${run.status}` };
  return { ok: true, out: run.stdout };
}

/** A regular file's blob at HEAD: what CI reads, whatever the disk holds now. */
interface HeadBlob {
  sha: string;
  size: number;
}

/** HEAD's tree (listed with -l), every entry (folders too) by repository path, and each regular file's blob; empty when the repository has no commit yet. */
function headTree(listed: GitRun, hasHead: boolean): { kinds: Map<string, TreeKind>; blobs: Map<string, HeadBlob> } | string {
  const tree = new Map<string, TreeKind>();
  const blobs = new Map<string, HeadBlob>();
  if (!hasHead) return { kinds: tree, blobs };
  if (!listed.ok) return listed.why;
  for (const line of listed.out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha, size] = line.slice(0, tab).split(/ +/);
    const kind: TreeKind = type === 'tree' ? 'dir' : type === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
    const path = line.slice(tab + 1);
    tree.set(path, kind);
    if (kind === 'file' && sha) blobs.set(path, { sha, size: Number(size) });
  }
  return { kinds: tree, blobs };
}

/** A blob's bytes, read with git; null when git cannot give them. */
function blobBytes(root: string, sha: string): Buffer | null {
  const run = spawnSync('git', ['-C', root, 'cat-file', 'blob', sha], { maxBuffer: MAX_HASHED_BYTES + 1024 });
  return run.status === 0 && Buffer.isBuffer(run.stdout) ? run.stdout : null;
}

/** The working tree as it is on disk: every file counts, committed or not (`check --worktree`). */
export function worktreeView(root: string, notice: string | null = null): LocalRepoView {
  // Made when first asked for, once the manifest is read: a manifest in a folder that does not exist
  // is a missing file, not a repository that cannot be opened.
  let files: RepoFiles | undefined;
  return {
    get files() {
      files ??= localRepoFiles(root);
      return files;
    },
    notice,
    uncommitted: () => [],
    manifest: (repoPath, shownAs) => ({ text: readTextFile(join(root, ...repoPath.split('/')), shownAs), note: null }),
  };
}

/**
 * The files committed at HEAD of the git repository at `root`; the working tree, with a notice, when
 * `root` is not the top of a git repository git can read.
 */
export async function committedView(root: string): Promise<LocalRepoView> {
  // Both at once: the repository's top, then HEAD's commit (exit 1, the top alone, when there is no
  // commit yet); and HEAD's tree, used only once the first says `root` is the top and HEAD exists.
  const [head, listed] = await Promise.all([
    git(root, ['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD^{commit}']),
    git(root, ['ls-tree', '-r', '-t', '-z', '-l', '--full-tree', 'HEAD']),
  ]);
  const top = head.ok || head.status === 1 ? head.out.split('\n')[0]?.trim() : undefined;
  const realRoot = realpathSync.native(root);
  if (!top || realpathSync.native(top) !== realRoot) {
    const why = top ? `git's repository starts at ${top}` : head.ok ? 'git named no repository' : head.why;
    return worktreeView(root, `note: ${root} is not a git repository (${why}): evidence is checked in the files on disk, committed or not`);
  }
  const listing = headTree(listed, head.ok);
  if (typeof listing === 'string')
    return worktreeView(root, `note: cannot list the files at HEAD (${listing}): evidence is checked in the files on disk`);
  const tree = listing.kinds;
  // Contents as HEAD holds them, as CI reads them: the file on disk when it is the same blob (most
  // often), else git's copy; so the text read and the hashes reported are always of HEAD's bytes.
  // Only files the engine reads get here: the others are named by HEAD's blob sha alone (see hash).
  const cache = new Map<string, Buffer | null>();
  /** Paths whose bytes on disk are HEAD's blob (read from the disk rather than from git). */
  const sameOnDisk = new Set<string>();
  const bytesAt = (repoPath: string): { blob: HeadBlob; bytes: Buffer | null } | null => {
    const blob = listing.blobs.get(repoPath);
    if (!blob) return null;
    if (!cache.has(repoPath)) {
      let bytes: Buffer | null = null;
      if (blob.size <= MAX_HASHED_BYTES) {
        try {
          // Only a regular file of the blob's size can be the blob: a FIFO or a device put in its place
          // would block or never end, and a larger file is not worth reading to find it differs.
          const full = join(realRoot, ...repoPath.split('/'));
          const stats = statSync(full);
          const onDisk = stats.isFile() && stats.size === blob.size ? readFileSync(full) : null;
          if (onDisk && gitBlobSha(onDisk) === blob.sha) {
            bytes = onDisk;
            sameOnDisk.add(repoPath);
          }
        } catch {
          bytes = null;
        }
        bytes ??= blobBytes(root, blob.sha);
      }
      cache.set(repoPath, bytes);
    }
    return { blob, bytes: cache.get(repoPath) ?? null };
  };
  const disk = localRepoFiles(root);
  const uncommitted = new Set<string>();

  /** True when HEAD holds a symlink or submodule on the way to `path`: git lists nothing beneath one, nor does GitHub. */
  const beneathLink = (path: string): boolean => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const kind = tree.get(parts.slice(0, i).join('/'));
      if (kind === 'symlink' || kind === 'submodule') return true;
    }
    return false;
  };

  const files: RepoFiles = {
    read: (repoPath) => {
      const held = bytesAt(repoPath);
      if (held === null) return { problem: 'HEAD holds no such file' };
      if (held.blob.size > MAX_YAML_BYTES)
        return { problem: `it is ${held.blob.size} bytes; the limit is ${MAX_YAML_BYTES} bytes (1 MiB)` };
      if (held.bytes === null) return { problem: 'git could not read it at HEAD' };
      try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(held.bytes), bytes: held.bytes.byteLength };
      } catch {
        return { problem: 'it is not UTF-8 text' };
      }
    },
    // HEAD's tree names every committed file by its blob sha without reading it; the sha256 of the
    // bytes is given for the files the engine read (asked after the evaluation, so their bytes are here).
    hash: (repoPath) => {
      const blob = listing.blobs.get(repoPath);
      if (!blob) return null;
      const bytes = cache.get(repoPath);
      return { git_blob_sha: blob.sha, ...(bytes ? { sha256: sha256Bytes(bytes) } : {}) };
    },
    // The Action's answers (treeFiles): a committed symlink's target, on disk or in the tree, is never
    // followed, since what it leads to on this machine need not be what it leads to in CI.
    stat(repoPath: string): RepoPathKind {
      if (repoPath === '') return 'dir';
      const kind = tree.get(repoPath);
      if (kind === 'file' || kind === 'dir') return kind;
      if (kind === 'symlink' || kind === 'submodule') return 'unverifiable';
      const onDisk = disk.stat(repoPath);
      if ((onDisk === 'file' || onDisk === 'dir') && !beneathLink(repoPath)) uncommitted.add(repoPath);
      return 'missing';
    },
  };
  /**
   * The manifest CI judges is HEAD's, however the disk has been edited since. A manifest HEAD lacks
   * is judged from the disk with the warning that CI will not see it: CI gates no pilot there, so
   * nothing passes locally that CI would hold back.
   */
  const manifest = (repoPath: string, shownAs: string): { text: string; note: string | null } => {
    const kind = tree.get(repoPath);
    if (kind === 'file') {
      const held = bytesAt(repoPath);
      if (!held?.bytes)
        throw new InputError(
          held && held.blob.size > MAX_YAML_BYTES
            ? `${shownAs} is ${held.blob.size} bytes at HEAD; the limit is ${MAX_YAML_BYTES} bytes (1 MiB)`
            : `${shownAs}: git could not read it at HEAD`,
        );
      // Decoded as a file on disk is (readTextFile), so that both views refuse a manifest in the same words.
      const text = decodeUtf8(held.bytes, shownAs);
      const edited = !sameOnDisk.has(repoPath);
      return {
        text,
        note: edited
          ? `note: ${repoPath} on disk is not the committed one: judging the committed manifest; pass --worktree to judge your edits`
          : null,
      };
    }
    if (kind === 'dir') throw new InputError(`${shownAs} is a folder at HEAD, not a file`);
    if (kind !== undefined || beneathLink(repoPath))
      throw new InputError(
        `${shownAs} is a symbolic link or a submodule at HEAD, or lies beneath one, which CI never reads as a manifest; commit the manifest itself`,
      );
    const text = readTextFile(join(realRoot, ...repoPath.split('/')), shownAs);
    uncommitted.add(repoPath);
    return { text, note: null };
  };
  return { files, notice: null, uncommitted: () => [...uncommitted].sort(), manifest };
}

/** What the CLI's --base REF gives: the commit REF names, and the paths changed since (`folder/`: all under it). */
export type BaseRead = { ok: true; sha: string; changed: string[] } | { ok: false; why: string };

/**
 * The commit `ref` names and the paths changed between it and HEAD (with `worktree`, and the files
 * on disk), read with git. A ref is never taken for an option.
 */
export function readBase(root: string, ref: string, worktree: boolean): BaseRead {
  if (ref.startsWith('-') || ref.includes('\0')) return { ok: false, why: `"${ref}" is not a git revision` };
  const commit = gitSync(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit.ok) return { ok: false, why: `git knows no commit "${ref}"${commit.status === null ? ` (${commit.why})` : ''}` };
  const sha = commit.out.trim();
  // The two trees compared, a rename counting at both paths (--no-renames: a deletion and an addition).
  const diff = gitSync(root, ['diff', '--name-only', '-z', '--no-renames', sha, ...(worktree ? [] : ['HEAD']), '--']);
  if (!diff.ok) return { ok: false, why: diff.why };
  const changed = diff.out.split('\0').filter(Boolean);
  if (worktree) {
    // On disk, a file git does not track counts as evidence too (worktreeView), but git diff never
    // lists it: a plain `mv` into an evaluation's path would hide it. A folder git tracks nothing in
    // is listed once, as `folder/` (everything under it changed).
    const others = gitSync(root, ['ls-files', '--others', '--directory', '--no-empty-directory', '-z', '--full-name', '--', '.']);
    if (!others.ok) return { ok: false, why: others.why };
    changed.push(...others.out.split('\0').filter(Boolean));
  }
  return { ok: true, sha, changed: [...new Set(changed)].sort() };
}

/** The manifests of a commit (regular files named `fileName`, as the check's own), and each regular file's blob. */
export interface ManifestsAt {
  manifests: ManifestAt[];
  blob: (path: string) => string | undefined;
}

/**
 * Every regular file named `fileName` in the tree of `commit` (a sha, or HEAD), with its text, read in
 * one `git cat-file --batch`; or why they cannot be read (git's complaint). A failure is never taken
 * for an empty tree: that would make the pilot look new, and its base go uncompared without a word.
 */
export function manifestsAt(root: string, commit: string, fileName: string): { ok: true; at: ManifestsAt } | { ok: false; why: string } {
  const failed = (why: string) => ({ ok: false as const, why });
  const listed = gitSync(root, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  if (!listed.ok) return failed(listed.why);
  const blobs = new Map<string, string>();
  const wanted: Array<{ path: string; sha: string }> = [];
  for (const line of listed.out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha] = line.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000' || !sha) continue;
    const path = line.slice(tab + 1);
    blobs.set(path, sha);
    if (posix.basename(path) === fileName) wanted.push({ path, sha });
  }
  const manifests: ManifestAt[] = [];
  if (wanted.length > 0) {
    const run = spawnSync('git', ['-C', root, 'cat-file', '--batch'], {
      input: `${wanted.map((w) => w.sha).join('\n')}\n`,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.error) return failed(run.error.message);
    if (run.status !== 0 || !Buffer.isBuffer(run.stdout))
      return failed(run.stderr.toString().trim().split('\n')[0] || `git exited ${run.status}`);
    // Each answer: "<sha> blob <size>\n", the bytes, "\n"; or "<sha> missing\n" for an object the repository lacks.
    let at = 0;
    for (const { path, sha } of wanted) {
      const end = run.stdout.indexOf(10, at);
      const header = run.stdout
        .subarray(at, end < 0 ? undefined : end)
        .toString('latin1')
        .split(' ');
      const size = Number(header[2]);
      if (end < 0 || header[1] !== 'blob' || !Number.isSafeInteger(size))
        return failed(`git cannot give ${path} (blob ${sha}: ${header.slice(1).join(' ') || 'no answer'})`);
      if (size > MAX_YAML_BYTES) return failed(`${path} is ${size} bytes; a manifest may hold ${MAX_YAML_BYTES} bytes (1 MiB)`);
      manifests.push({ path, text: run.stdout.subarray(end + 1, end + 1 + size).toString('utf8') });
      at = end + 1 + size + 1;
    }
  }
  return { ok: true, at: { manifests, blob: (path) => blobs.get(path) } };
}

/**
 * Every regular file named `fileName` on disk, committed or not (git-ignored too, as `--worktree`
 * counts every file), with its text: the head's manifests for `check --worktree --base`, where a
 * pilot moved with a plain `mv` is one pilot, not HEAD's and the disk's with one name.
 */
export function manifestsOnDisk(root: string, fileName: string): { ok: true; at: ManifestsAt } | { ok: false; why: string } {
  const listed = gitSync(root, ['ls-files', '-z', '--cached', '--others', '--full-name', '--', `:(glob)**/${fileName}`]);
  if (!listed.ok) return { ok: false, why: listed.why };
  const full = (path: string) => join(root, ...path.split('/'));
  const manifests: ManifestAt[] = [];
  for (const path of new Set(listed.out.split('\0').filter(Boolean))) {
    let size: number;
    try {
      const stats = lstatSync(full(path));
      // A tracked file deleted on disk is gone from the head; a symlink is no manifest, as in the Action.
      if (!stats.isFile()) continue;
      size = stats.size;
    } catch {
      continue;
    }
    if (size > MAX_YAML_BYTES) return { ok: false, why: `${path} is ${size} bytes; a manifest may hold ${MAX_YAML_BYTES} bytes (1 MiB)` };
    manifests.push({ path, text: readFileSync(full(path)).toString('utf8') });
  }
  return { ok: true, at: { manifests, blob: (path) => hashFile(full(path))?.git_blob_sha } };
}
