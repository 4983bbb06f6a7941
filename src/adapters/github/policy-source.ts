// A central policy pinned as owner/repo/path@ref: parsed, then read at that ref (with what the ref is) in one GraphQL query.

import { InputError } from '../../core/errors.js';
import type { GitHubClient } from './client.js';
import { accessAdvice, GitHubAccessError, toGitHubError } from './errors.js';
import { BLOB_FRAGMENT, blobText } from './files.js';

export interface PolicyReference {
  owner: string;
  repo: string;
  path: string;
  ref: string;
}

export type RefKind = 'sha' | 'tag' | 'branch' | 'unknown';

export interface PolicySource {
  text: string;
  /** owner/repo/path@ref, as given. */
  source: string;
  /** The commit the ref pointed to when read; absent when GitHub did not say. */
  sha?: string;
  refKind: RefKind;
  /**
   * Set unless the reference is a full 40-hex commit sha: a branch (however spelled: main, heads/main,
   * refs/heads/main, HEAD) can change under the policy without review here, and a tag can be moved.
   */
  warning?: string;
}

const FORM = 'owner/repo/path@ref (for example acme/ml-governance/policies/pilot-readiness.yml@v1.2.0)';
const REFERENCE = /^([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/([A-Za-z0-9_.-]{1,100})\/([^@\s]+)@([^@\s]+)$/;

/** Checks the shape of a central policy reference; the error says the expected form. */
export function parsePolicyReference(text: string): PolicyReference {
  const trimmed = text.trim();
  const m = REFERENCE.exec(trimmed);
  if (!m) throw new InputError(`policy "${text}" is not a central policy reference: write it as ${FORM}`);
  const [, owner = '', repo = '', path = '', ref = ''] = m;
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new InputError(
      `policy "${text}": the path "${path}" must be a plain repository path without empty, "." or ".." parts; write it as ${FORM}`,
    );
  }
  // git check-ref-format, in short.
  if (/\.\.|[~^:?*[\\\x00-\x20\x7f]|\/\/|^\/|\/$|\.lock$|^-|@\{/.test(ref)) {
    throw new InputError(`policy "${text}": "${ref}" is not a valid git ref; pin a tag or a commit sha, as in ${FORM}`);
  }
  return { owner, repo, path, ref };
}

export function formatPolicyReference(r: PolicyReference): string {
  return `${r.owner}/${r.repo}/${r.path}@${r.ref}`;
}

const QUERY = `query PolicySource($owner: String!, $repo: String!, $file: String!, $rev: String!, $full: String!, $branch: String!, $tag: String!) {
  repository(owner: $owner, name: $repo) {
    file: object(expression: $file) { ...TrustedBlob }
    commit: object(expression: $rev) { __typename oid ... on Tag { target { oid } } }
    full: ref(qualifiedName: $full) { name prefix }
    branch: ref(qualifiedName: $branch) { name }
    tag: ref(qualifiedName: $tag) { name }
  }
}
${BLOB_FRAGMENT}`;

type Answer = {
  repository: {
    file: Parameters<typeof blobText>[1];
    commit: { __typename: string; oid: string; target?: { oid: string } } | null;
    full: { name: string; prefix: string } | null;
    branch: { name: string } | null;
    tag: { name: string } | null;
  } | null;
};

const FULL_SHA = /^[0-9a-f]{40}$/i;
/** HEAD and its kin (FETCH_HEAD, ORIG_HEAD…): git resolves HEAD to the default branch, the others are never pinned. */
const HEAD_LIKE = /^(?:[A-Za-z_]*_)?HEAD$/i;

/**
 * What GitHub resolves a ref to, the way git does (rev-parse): a full 40-hex sha is a commit; HEAD is
 * the default branch; `refs/X` is that ref; any other name is tried as `refs/NAME` (so `heads/main` is
 * the branch main and `tags/v1` the tag v1), then as a tag, then as a branch. Only a full sha that
 * names no ref is pinned; every ref that is not a tag (branches, `refs/pull/…`, `refs/remotes/…`) can
 * move, and so can a tag.
 */
function refKindOf(ref: string, repository: Pick<NonNullable<Answer['repository']>, 'full' | 'branch' | 'tag'>): RefKind {
  if (HEAD_LIKE.test(ref)) return 'branch';
  if (repository.full) return repository.full.prefix === 'refs/tags/' ? 'tag' : 'branch';
  if (ref.startsWith('refs/')) return ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  if (repository.tag) return 'tag';
  if (repository.branch) return 'branch';
  return FULL_SHA.test(ref) ? 'sha' : 'unknown';
}

function refWarning(source: string, r: PolicyReference, refKind: RefKind, sha: string | undefined, both: boolean): string | undefined {
  const pin = sha ? `pin the commit sha: @${sha}` : 'pin a full 40-character commit sha';
  if (refKind === 'sha') return undefined;
  if (refKind === 'branch') {
    const what = HEAD_LIKE.test(r.ref) ? `${r.ref}, which follows the default branch` : `the branch ${r.ref}`;
    return `policy ${source} follows ${what}, which can change without review in this repository; ${pin}`;
  }
  if (refKind === 'tag') {
    const doubt = both ? ` "${r.ref}" names both a tag and a branch; the tag was read.` : '';
    return `policy ${source} reads the tag ${r.ref}:${doubt} a tag can be moved or deleted and re-created by whoever may push tags to ${r.owner}/${r.repo}; ${pin}`;
  }
  if (/^[0-9a-f]{4,39}$/i.test(r.ref)) {
    return `policy ${source}: "${r.ref}" is an abbreviated commit sha, which a later object can make ambiguous; ${pin}`;
  }
  return `policy ${source}: "${r.ref}" is neither a tag nor a full commit sha, so it may move; ${pin}`;
}

/**
 * The input whose token reads central policies: github-token, or policy-token (a read-only token for
 * the policy's repository alone), which GitHub's refusals then name.
 */
export type PolicyToken = 'github-token' | 'policy-token';

export async function fetchPolicySource(
  octokit: GitHubClient,
  reference: string | PolicyReference,
  token: PolicyToken = 'github-token',
): Promise<PolicySource> {
  const r = typeof reference === 'string' ? parsePolicyReference(reference) : reference;
  const source = formatPolicyReference(r);
  const concern = token === 'policy-token' ? 'policy-token' : 'policy-source';
  const endpoint = `GraphQL PolicySource (${r.owner}/${r.repo})`;
  let data: Answer | undefined;
  try {
    data = await octokit.graphql<Answer>(QUERY, {
      owner: r.owner,
      repo: r.repo,
      file: `${r.ref}:${r.path}`,
      rev: r.ref,
      full: r.ref.startsWith('refs/') ? r.ref : `refs/${r.ref}`,
      branch: `refs/heads/${r.ref}`,
      tag: `refs/tags/${r.ref}`,
    });
  } catch (error) {
    throw toGitHubError(error, concern, endpoint);
  }
  const repository = data?.repository;
  if (!repository) throw new GitHubAccessError(endpoint, null, accessAdvice(concern), 'no repository');
  if (!repository.commit) throw new InputError(`policy ${source}: ${r.owner}/${r.repo} has no branch, tag or commit "${r.ref}"`);
  const text = blobText(r, repository.file, `${r.owner}/${r.repo}`);
  if (text === null) throw new InputError(`policy ${source}: ${r.owner}/${r.repo} has no file ${r.path} at ${r.ref}`);
  const sha = repository.commit.__typename === 'Tag' ? repository.commit.target?.oid : repository.commit.oid;
  const refKind = refKindOf(r.ref, repository);
  const warning = refWarning(source, r, refKind, sha, refKind === 'tag' && !repository.full && !!repository.branch);
  return { text, source, ...(sha ? { sha } : {}), refKind, ...(warning ? { warning } : {}) };
}
