// The local file system as the engine's view of a repository: a git work tree on disk.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { gitBlobSha, sha256Bytes } from '../../core/hash.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../../core/errors.js';
import { MAX_YAML_BYTES, decodeUtf8 } from '../../core/yaml.js';
import type { FileHashes, FileRead, RepoFiles, RepoPathKind } from '../../core/types.js';

/** Files larger than this are not hashed (a model weight named as evidence, say): the report records no hash for them. */
export const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/** A file's text for the engine: whole, UTF-8, at most 1 MiB; otherwise why not. */
export function readEvidence(full: string): FileRead {
  let size: number;
  try {
    size = statSync(full).size;
  } catch (error) {
    return { problem: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (size > MAX_YAML_BYTES) return { problem: `it is ${size} bytes; the limit is ${MAX_YAML_BYTES} bytes (1 MiB)` };
  const bytes = readFileSync(full);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: bytes.byteLength };
  } catch {
    return { problem: 'it is not UTF-8 text' };
  }
}

/** Both hashes of a file's bytes on disk; null when it cannot be read or is too large to hash. */
export function hashFile(full: string): FileHashes | null {
  try {
    if (statSync(full).size > MAX_HASHED_BYTES) return null;
    const bytes = readFileSync(full);
    return { git_blob_sha: gitBlobSha(bytes), sha256: sha256Bytes(bytes) };
  } catch {
    return null;
  }
}

/** The nearest folder at or above `start` that holds `.git`; null when there is none. */
export function findRepoRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    try {
      lstatSync(join(dir, '.git'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Answers stat() from disk, refusing anything whose real path leaves the repository. */
export function localRepoFiles(root: string): RepoFiles {
  const realRoot = realpathSync.native(root);
  const at = (repoPath: string) => join(realRoot, ...repoPath.split('/'));
  return {
    // Called only for paths stat() answered 'file': already inside the repository.
    read: (repoPath) => readEvidence(at(repoPath)),
    hash: (repoPath) => hashFile(at(repoPath)),
    stat(repoPath: string): RepoPathKind {
      const full = join(realRoot, ...repoPath.split('/'));
      if (!inside(realRoot, full)) return 'outside';
      let real: string;
      try {
        real = realpathSync.native(full);
      } catch {
        return 'missing';
      }
      if (!inside(realRoot, real)) return 'outside';
      try {
        return statSync(real).isDirectory() ? 'dir' : 'file';
      } catch {
        return 'missing';
      }
    },
  };
}

/** Reads a UTF-8 text file of at most 1 MiB; every failure is an InputError naming the file. */
export function readTextFile(path: string, shownAs = path): string {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new InputError(`${shownAs} is a folder, not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${shownAs}: no such file` : `${shownAs}: cannot read (${code ?? 'error'})`);
  }
  if (size > MAX_YAML_BYTES) {
    throw new InputError(`file is ${size} bytes; the limit is ${MAX_YAML_BYTES} bytes (1 MiB)`, { file: shownAs, line: 1, column: 1 });
  }
  return decodeUtf8(readFileSync(path), shownAs);
}
