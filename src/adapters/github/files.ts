// The repository as GitHub holds it at one commit: its tree (what exists, and of which kind) and the texts of chosen files.

import { InputError } from '../../core/errors.js';
import type { FileRead } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import { GitHubApiError, toGitHubError } from './errors.js';

export type TreeEntryKind = 'file' | 'dir' | 'symlink' | 'submodule';

/** A commit's tree: each path's kind, and the sha of each entry that is not a folder (a regular file's is what the report records as its evidence hash). */
export type Tree = Map<string, TreeEntryKind> & { readonly shas?: ReadonlyMap<string, string> };

/** Trusted files are read whole; anything bigger is refused rather than half-read. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface FileAt {
  /** A commit sha (preferred: trusted files are read at the base sha), or a branch or tag name. */
  ref: string;
  path: string;
}

export interface FileText extends FileAt {
  /** The file's text; null when there is no file at that path and ref. */
  text: string | null;
}

/**
 * Every path of the tree at `sha` and its kind. GitHub truncates the listing of very large trees;
 * a truncated tree fails closed, since a path missing from it might exist.
 */
export async function fetchTree(octokit: GitHubClient, { owner, repo, sha }: RepoRef & { sha: string }): Promise<Tree> {
  const endpoint = `GET /repos/${owner}/${repo}/git/trees/${sha}`;
  let data: unknown;
  try {
    ({ data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: '1' }));
  } catch (error) {
    throw toGitHubError(error, 'contents', endpoint);
  }
  const tree = data as { truncated?: unknown; tree?: unknown };
  if (!Array.isArray(tree.tree)) throw new GitHubApiError(endpoint, null, 'the answer has no tree');
  if (tree.truncated === true) {
    throw new GitHubApiError(
      endpoint,
      null,
      `the tree of ${owner}/${repo} at ${sha} has more entries than GitHub lists in one answer (truncated), so evidence paths cannot be verified; pilot-readiness fails closed here (run the CLI on a checkout instead)`,
    );
  }
  const kinds = new Map<string, TreeEntryKind>();
  const shas = new Map<string, string>();
  for (const entry of tree.tree as Array<{ path?: unknown; mode?: unknown; type?: unknown; sha?: unknown }>) {
    if (typeof entry.path !== 'string') continue;
    const kind = kindOf(entry.type, entry.mode);
    kinds.set(entry.path, kind);
    // A symlink's or submodule's sha too: a retargeted link is a changed path (governance.ts, treeDifference).
    if (kind !== 'dir' && typeof entry.sha === 'string') shas.set(entry.path, entry.sha);
  }
  return Object.assign(kinds, { shas });
}

function kindOf(type: unknown, mode: unknown): TreeEntryKind {
  if (type === 'tree') return 'dir';
  if (type === 'commit' || mode === '160000') return 'submodule';
  if (mode === '120000') return 'symlink';
  return 'file';
}

// ---------------------------------------------------------------- file texts through GraphQL

/** The GraphQL selection of one file, for `alias: object(expression: $var) { ...TrustedBlob }`. */
export const BLOB_FRAGMENT = `fragment TrustedBlob on GitObject {
  __typename
  ... on Blob { byteSize isBinary isTruncated text }
}`;

/** Variables and aliased selections that read each file in the same query as anything else. */
export function fileSelections(
  files: readonly FileAt[],
  prefix = 'f',
): { variables: Record<string, string>; declarations: string; fields: string } {
  const variables: Record<string, string> = {};
  const declarations: string[] = [];
  const fields: string[] = [];
  files.forEach((file, i) => {
    const name = `${prefix}${i}`;
    variables[name] = `${file.ref}:${file.path.replace(/^\/+/, '')}`;
    declarations.push(`$${name}: String!`);
    fields.push(`${name}: object(expression: $${name}) { ...TrustedBlob }`);
  });
  return { variables, declarations: declarations.join(', '), fields: fields.join('\n    ') };
}

type BlobAnswer =
  | { __typename?: string; byteSize?: number; isBinary?: boolean | null; isTruncated?: boolean; text?: string | null }
  | null
  | undefined;

/** A file's text from its GraphQL answer, refusing what cannot be read whole as text. */
export function blobText(file: FileAt, answer: BlobAnswer, where: string): string | null {
  if (answer === null || answer === undefined) return null;
  const name = `${file.path} at ${file.ref} in ${where}`;
  if (answer.__typename === 'Tree') throw new InputError(`${name} is a folder, not a file`);
  if (answer.__typename !== 'Blob') return null;
  if (answer.isBinary) throw new InputError(`${name} is a binary file; pilot-readiness reads only text (YAML) here`);
  if ((answer.byteSize ?? 0) > MAX_FILE_BYTES) {
    throw new InputError(`${name} is ${answer.byteSize} bytes; pilot-readiness reads trusted files up to ${MAX_FILE_BYTES} bytes (1 MiB)`);
  }
  if (answer.isTruncated || typeof answer.text !== 'string') throw new InputError(`${name}: GitHub did not return its whole text`);
  return answer.text;
}

/** The blob answers for `files` at their refs, in one GraphQL query named `operation`, the i-th as `f${i}`. */
async function queryBlobs(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  files: readonly FileAt[],
  operation: 'FileTexts' | 'EvidenceTexts',
): Promise<Record<string, BlobAnswer>> {
  const { variables, declarations, fields } = fileSelections(files);
  const query = `query ${operation}($owner: String!, $repo: String!, ${declarations}) {
  repository(owner: $owner, name: $repo) {
    ${fields}
  }
}
${BLOB_FRAGMENT}`;
  const endpoint = `GraphQL ${operation} (${owner}/${repo})`;
  let data: { repository?: Record<string, BlobAnswer> | null } | undefined;
  try {
    data = await octokit.graphql(query, { owner, repo, ...variables });
  } catch (error) {
    throw toGitHubError(error, 'contents', endpoint);
  }
  if (!data?.repository) throw new GitHubApiError(endpoint, null, 'the answer has no repository');
  return data.repository;
}

/** The texts of `files` (null for each one missing), read in one GraphQL query. */
export async function fetchFileTexts(octokit: GitHubClient, ref: RepoRef, files: readonly FileAt[]): Promise<FileText[]> {
  if (files.length === 0) return [];
  const repository = await queryBlobs(octokit, ref, files, 'FileTexts');
  return files.map((file, i) => ({ ...file, text: blobText(file, repository[`f${i}`], `${ref.owner}/${ref.repo}`) }));
}

/** One evidence file's text for the engine, or why it cannot be read (never a throw: the criterion fails, not the run). */
export function evidenceRead(answer: BlobAnswer): FileRead {
  if (answer === null || answer === undefined || answer.__typename !== 'Blob') return { problem: 'GitHub returned no file at that path' };
  if (answer.isBinary) return { problem: 'it is a binary file; metrics and documents are read as text' };
  if ((answer.byteSize ?? 0) > MAX_FILE_BYTES)
    return { problem: `it is ${answer.byteSize} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)` };
  if (answer.isTruncated || typeof answer.text !== 'string') return { problem: 'GitHub did not return its whole text' };
  return { text: answer.text, bytes: answer.byteSize ?? new TextEncoder().encode(answer.text).byteLength };
}

/** The texts of evidence files, each at its own ref, in one GraphQL query: a text or a problem for each, in order. */
export async function fetchEvidenceReads(octokit: GitHubClient, ref: RepoRef, files: readonly FileAt[]): Promise<FileRead[]> {
  if (files.length === 0) return [];
  const repository = await queryBlobs(octokit, ref, files, 'EvidenceTexts');
  return files.map((_, i) => evidenceRead(repository[`f${i}`]));
}

/** The texts of evidence files at one commit, in one GraphQL query; each a text or a problem. */
export async function fetchEvidenceTexts(octokit: GitHubClient, ref: RepoRef, files: readonly FileAt[]): Promise<Map<string, FileRead>> {
  const reads = await fetchEvidenceReads(octokit, ref, files);
  return new Map(files.map((file, i) => [file.path, reads[i]!]));
}
