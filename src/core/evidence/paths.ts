// Evidence paths: relative to the manifest's folder, never escaping the repository.
import { posix } from 'node:path';

export type ResolvedPath = { ok: true; repoPath: string } | { ok: false; reason: string };

/** Resolves a manifest-relative path to a repository-relative one, refusing escapes. */
export function resolveEvidencePath(manifestDir: string, raw: string): ResolvedPath {
  if (raw.includes('\0')) return { ok: false, reason: 'contains a NUL character' };
  if (raw.includes('\\')) return { ok: false, reason: 'uses backslashes; write paths with forward slashes' };
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) {
    return { ok: false, reason: "is absolute; write it relative to the manifest's folder" };
  }
  // Most paths are plain (`reports/x.md`): no `.` or `..` segment, no doubled or trailing slash.
  if (!/(^|\/)\.\.?(\/|$)|\/\/|\/$/.test(raw)) return { ok: true, repoPath: manifestDir ? `${manifestDir}/${raw}` : raw };
  const joined = posix.normalize(posix.join(manifestDir || '.', raw));
  if (joined === '..' || joined.startsWith('../')) {
    return { ok: false, reason: 'escapes the repository; evidence must live inside the repository' };
  }
  if (joined === '.' || joined === '') return { ok: false, reason: 'names the folder itself, not a file' };
  return { ok: true, repoPath: joined.replace(/\/$/, '') };
}

/** The path relative to the manifest's folder, as the policy's globs see it. */
export function relativeToManifest(manifestDir: string, repoPath: string): string {
  if (!manifestDir) return repoPath;
  return repoPath.startsWith(`${manifestDir}/`) ? repoPath.slice(manifestDir.length + 1) : posix.relative(manifestDir, repoPath);
}
