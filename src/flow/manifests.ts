// Where the pilots of a commit are: its tree, the manifests the pattern matches, and the files named
// like manifests that it does not match (an error, never a silent pass). Shared by the gate and the portfolio.
import { minimatch } from 'minimatch';
import { posix } from 'node:path';
import type { GitHubClient } from '../adapters/github/client.js';
import {
  fetchEvidenceReads,
  fetchEvidenceTexts,
  fetchFileTexts,
  fetchTree,
  type FileAt,
  type FileText,
  type Tree,
  type TreeEntryKind,
} from '../adapters/github/files.js';
import { InputError } from '../core/errors.js';
import { evaluate, readsFiles, type EvaluationInput } from '../core/evaluate.js';
import { pairPilots, treeDifference, type CommitFiles, type Pairing, type PairingInput } from '../core/governance.js';
import type { FileRead, Finding, RepoFiles } from '../core/types.js';

/**
 * The head commit's tree as the engine's repository view. Symlinks and submodules cannot be verified:
 * refused. Contents come from `texts` (read beforehand: see withEvidenceTexts); hashes from the tree.
 */
export function treeFiles(tree: Map<string, TreeEntryKind>, texts: ReadonlyMap<string, FileRead> = new Map()): RepoFiles {
  const blob = blobIn(tree);
  return {
    read: (path) => texts.get(path) ?? { problem: 'it was not read from GitHub' },
    hash: (path) => {
      const sha = blob(path);
      return sha ? { git_blob_sha: sha } : null;
    },
    stat(path) {
      const kind = tree.get(path);
      if (kind === undefined) return 'missing';
      if (kind === 'file' || kind === 'dir') return kind;
      return 'unverifiable';
    },
  };
}

/** A file's git blob sha in a tree, when the tree recorded it (evidence carried to a renamed pilot by content). */
export function blobIn(tree: Map<string, TreeEntryKind>): (path: string) => string | undefined {
  const shas = (tree as Tree).shas;
  // The tree keeps the sha of links and submodules too (a retargeted link is a change); only a regular file's is its content.
  return (path) => (tree.get(path) === 'file' ? shas?.get(path) : undefined);
}

/** Trees read in a run by `owner/repo@sha`, shared by the pull requests of a sweep (they mostly share a base). */
export type TreeCache = Map<string, Promise<Map<string, TreeEntryKind>>>;

export function treeAt(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  sha: string,
  cache: TreeCache | undefined,
): Promise<Map<string, TreeEntryKind>> {
  if (!cache) return fetchTree(gh, { ...repo, sha });
  const key = `${repo.owner}/${repo.repo}@${sha}`.toLowerCase();
  let tree = cache.get(key);
  if (!tree) {
    tree = fetchTree(gh, { ...repo, sha });
    // A failed read is not kept: the next pull request asks again.
    tree.catch(() => cache.delete(key));
    cache.set(key, tree);
  }
  return tree;
}

/** Rounds of reading evidence: the files entries name, then those a dvc.yaml names; one more finds nothing new. */
const EVIDENCE_ROUNDS = 3;

/**
 * The repository view for evaluating `inputs` at `sha`, with the texts of every evidence file they
 * read (metrics artifacts, documents with min_bytes or headings) fetched first: the engine is
 * synchronous, so a dry evaluation lists what it would read, those are fetched (one query per round),
 * and again until nothing new is asked. Costs nothing when no entry names an artifact.
 */
export async function withEvidenceTexts(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  sha: string,
  tree: Map<string, TreeEntryKind>,
  inputs: EvaluationInput[],
  alreadyRead: ReadonlyMap<string, FileRead> = new Map(),
): Promise<RepoFiles> {
  // Texts already read at this commit (a dvc.yaml the gating rule read) are not asked again.
  const texts = new Map<string, FileRead>(alreadyRead);
  const files = treeFiles(tree, texts);
  const readers = inputs.filter(readsFiles);
  for (let round = 0; round < EVIDENCE_ROUNDS && readers.length > 0; round++) {
    const wanted = new Set<string>();
    const probe: RepoFiles = {
      ...files,
      read(path) {
        const known = texts.get(path);
        if (known) return known;
        wanted.add(path);
        return { problem: 'not read yet' };
      },
    };
    for (const input of readers) evaluate({ ...input, files: probe });
    if (wanted.size === 0) break;
    const read = await fetchEvidenceTexts(
      gh,
      repo,
      [...wanted].slice(0, TEXTS_PER_QUERY).map((path) => ({ ref: sha, path })),
    );
    for (const [path, answer] of read) texts.set(path, answer);
  }
  return files;
}

/**
 * The pilots a pull request gates: pairPilots with the base and head trees compared, reading the
 * texts that decide what a pilot reads (a dvc.yaml naming its metrics files) in rounds, one query
 * each, only for pilots nothing else gates. Also gives the texts read at the head, for the evaluation.
 */
export async function gatedPilots(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  commits: { head: { sha: string; tree: Tree }; base: { sha: string; tree: Tree } },
  input: Omit<PairingInput, 'differing' | 'baseFiles' | 'headFiles'>,
): Promise<{ pairing: Pairing; headTexts: Map<string, FileRead> }> {
  const { head, base } = commits;
  // Texts by blob sha: a file the same at both commits is read once.
  const texts = new Map<string, FileRead>();
  const keyOf = (at: { sha: string; tree: Tree }, path: string) => at.tree.shas?.get(path) ?? `${at.sha}:${path}`;
  const view = (at: { sha: string; tree: Tree }): CommitFiles => ({
    kind: (path) => at.tree.get(path) ?? 'missing',
    text: (path) => texts.get(keyOf(at, path)),
  });
  const full: PairingInput = { ...input, differing: treeDifference(base.tree, head.tree), baseFiles: view(base), headFiles: view(head) };
  let pairing = pairPilots(full);
  for (let round = 0; pairing.wanted.base.length + pairing.wanted.head.length > 0; round++) {
    if (round === EVIDENCE_ROUNDS)
      throw new InputError(
        `pilot-readiness could not work out every file the pilots read within ${EVIDENCE_ROUNDS} rounds (still to read: ${[...pairing.wanted.head, ...pairing.wanted.base].join(', ')}); it stops rather than leave a pilot ungated`,
      );
    const wanted = new Map<string, FileAt>();
    for (const path of pairing.wanted.head) wanted.set(keyOf(head, path), { ref: head.sha, path });
    for (const path of pairing.wanted.base) if (!wanted.has(keyOf(base, path))) wanted.set(keyOf(base, path), { ref: base.sha, path });
    const keys = [...wanted.keys()];
    for (let i = 0; i < keys.length; i += TEXTS_PER_QUERY) {
      const batch = keys.slice(i, i + TEXTS_PER_QUERY);
      const reads = await fetchEvidenceReads(
        gh,
        repo,
        batch.map((key) => wanted.get(key)!),
      );
      for (const [j, key] of batch.entries()) texts.set(key, reads[j]!);
    }
    pairing = pairPilots(full);
  }
  const headTexts = new Map<string, FileRead>();
  for (const [path] of head.tree) {
    const read = texts.get(keyOf(head, path));
    if (read !== undefined) headTexts.set(path, read);
  }
  return { pairing, headTexts };
}

/** Files read per GraphQL query: enough for most repositories in one, and well under GitHub's query limits. */
const TEXTS_PER_QUERY = 100;

export async function fileTexts(gh: GitHubClient, repo: { owner: string; repo: string }, files: FileAt[]): Promise<FileText[]> {
  const out: FileText[] = [];
  for (let i = 0; i < files.length; i += TEXTS_PER_QUERY)
    out.push(...(await fetchFileTexts(gh, repo, files.slice(i, i + TEXTS_PER_QUERY))));
  return out;
}

/**
 * GitHub's own folder holds workflows, actions and the policy, never a pilot: the recommended workflow
 * file is .github/workflows/pilot-readiness.yml, which the default manifest pattern would match.
 */
const notGitHubFolder = (path: string): boolean => !path.startsWith('.github/');

/** The manifests a tree holds: regular files the pattern matches, outside .github/. */
export function matching(tree: Map<string, TreeEntryKind>, glob: string): string[] {
  return [...tree.entries()]
    .filter(([path, kind]) => kind === 'file' && notGitHubFolder(path) && minimatch(path, glob, { dot: true }))
    .map(([path]) => path)
    .sort();
}

/** The names pilot manifests go by, whatever the manifest pattern says. */
const MANIFEST_NAMES = new Set(['pilot-readiness.yml', 'pilot-readiness.yaml']);

/**
 * A file named like a pilot manifest, in a folder the pull request touches, that the manifest pattern
 * does not match: a pilot the gate would otherwise skip. An error, never a silent pass.
 */
export function unmatchedManifests(
  tree: Map<string, TreeEntryKind>,
  matched: readonly string[],
  glob: string,
  changed: readonly string[],
): Finding[] {
  const known = new Set(matched);
  const findings: Finding[] = [];
  for (const [path, kind] of tree) {
    if (kind !== 'file' || known.has(path) || !notGitHubFolder(path) || !MANIFEST_NAMES.has(posix.basename(path))) continue;
    const dir = posix.dirname(path);
    if (!changed.some((file) => file === path || dir === '.' || file.startsWith(`${dir}/`))) continue;
    findings.push({
      message: `${path} looks like a pilot manifest, but the manifest pattern (${glob}) does not match it, so its pilot would not be gated: name it as the pattern expects, or widen the pattern in the trusted workflow`,
      location: { file: path, line: 1, column: 1 },
    });
  }
  return findings;
}
