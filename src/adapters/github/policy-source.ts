// A central policy pinned as owner/repo/path@ref: parsed, then read at that ref (with what the ref is) in one GraphQL query.

import { InputError } from '../../errors.js';
import type { GitHubClient } from './client.js';
import { GitHubAccessError, toGitHubError } from './errors.js';
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
  /** Set when the reference is not pinned (a branch can change under the policy without review here). */
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
    throw new InputError(`policy "${text}": the path "${path}" must be a plain repository path without empty, "." or ".." parts; write it as ${FORM}`);
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

const QUERY = `query PolicySource($owner: String!, $repo: String!, $file: String!, $rev: String!, $branch: String!, $tag: String!) {
  repository(owner: $owner, name: $repo) {
    file: object(expression: $file) { ...TrustedBlob }
    commit: object(expression: $rev) { __typename oid ... on Tag { target { oid } } }
    branch: ref(qualifiedName: $branch) { name }
    tag: ref(qualifiedName: $tag) { name }
  }
}
${BLOB_FRAGMENT}`;

type Answer = {
  repository: {
    file: Parameters<typeof blobText>[1];
    commit: { __typename: string; oid: string; target?: { oid: string } } | null;
    branch: { name: string } | null;
    tag: { name: string } | null;
  } | null;
};

export async function fetchPolicySource(octokit: GitHubClient, reference: string | PolicyReference): Promise<PolicySource> {
  const r = typeof reference === 'string' ? parsePolicyReference(reference) : reference;
  const source = formatPolicyReference(r);
  const endpoint = `GraphQL PolicySource (${r.owner}/${r.repo})`;
  let data: Answer | undefined;
  try {
    data = await octokit.graphql<Answer>(QUERY, {
      owner: r.owner,
      repo: r.repo,
      file: `${r.ref}:${r.path}`,
      rev: r.ref,
      branch: `refs/heads/${r.ref}`,
      tag: `refs/tags/${r.ref}`,
    });
  } catch (error) {
    throw toGitHubError(error, 'policy-source', endpoint);
  }
  const repository = data?.repository;
  if (!repository) throw new GitHubAccessError(endpoint, null, 'the repository does not exist or the token cannot read it', 'no repository');
  if (!repository.commit) throw new InputError(`policy ${source}: ${r.owner}/${r.repo} has no branch, tag or commit "${r.ref}"`);
  const text = blobText(r, repository.file, `${r.owner}/${r.repo}`);
  if (text === null) throw new InputError(`policy ${source}: ${r.owner}/${r.repo} has no file ${r.path} at ${r.ref}`);
  const sha = repository.commit.__typename === 'Tag' ? repository.commit.target?.oid : repository.commit.oid;
  // git resolves a name as a tag before a branch; a name that is both is a trap worth a warning.
  const refKind: RefKind = repository.tag ? 'tag' : repository.branch ? 'branch' : /^[0-9a-f]{7,40}$/i.test(r.ref) ? 'sha' : 'unknown';
  const warning =
    refKind === 'branch'
      ? `policy ${source} follows the branch ${r.ref}, which can change without review in this repository; pin a tag or a commit sha${sha ? ` (e.g. @${sha})` : ''}`
      : repository.tag && repository.branch
        ? `policy ${source}: "${r.ref}" names both a tag and a branch; the tag was read. Pin a commit sha to remove the doubt`
        : undefined;
  return { text, source, ...(sha ? { sha } : {}), refKind, ...(warning ? { warning } : {}) };
}
