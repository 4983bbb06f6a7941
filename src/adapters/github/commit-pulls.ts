// The pull requests GitHub associates with a commit, and each one's own record of its merge: what the
// deploy-time gate needs to tell which pull request produced the commit it is about to ship.
import type { ListedPullRequest } from '../../core/deployment.js';
import type { GitHubClient } from './client.js';
import { GitHubApiError, toGitHubError } from './errors.js';

export interface CommitPulls {
  /** The commit as GitHub knows it; null when the repository has no such commit. */
  commit: {
    oid: string;
    parents: string[];
    /** The pull requests GitHub associates with the first parent (a rebase merge's earlier commits are the pull request's own). */
    firstParentPulls: number[];
  } | null;
  pulls: ListedPullRequest[];
}

/** GitHub lists at most this many pull requests for a commit here; a merge commit has one. */
const LISTED = 10;

const PR_FIELDS = 'number merged mergedAt mergeCommit { oid } baseRepository { nameWithOwner }';

const COMMIT_QUERY = `query CommitPullRequests($owner: String!, $repo: String!, $sha: GitObjectID!) {
  repository(owner: $owner, name: $repo) {
    object(oid: $sha) {
      __typename
      ... on Commit {
        oid
        parents(first: 2) { nodes { oid associatedPullRequests(first: ${LISTED}) { nodes { number } } } }
        associatedPullRequests(first: ${LISTED}) { nodes { ${PR_FIELDS} } }
      }
    }
  }
}`;

const PULL_QUERY = `query PullRequestMerge($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) { ${PR_FIELDS} }
  }
}`;

type PullNode = {
  number: number;
  merged: boolean;
  mergedAt: string | null;
  mergeCommit: { oid: string } | null;
  baseRepository: { nameWithOwner: string } | null;
};

const plain = (n: PullNode): ListedPullRequest => ({
  number: n.number,
  baseRepository: n.baseRepository?.nameWithOwner ?? null,
  merged: n.merged === true,
  mergedAt: n.mergedAt ?? null,
  mergeCommit: n.mergeCommit?.oid?.toLowerCase() ?? null,
});

/** The commit, its parents and the pull requests GitHub associates with it, in one query. */
export async function fetchCommitPulls(gh: GitHubClient, id: { owner: string; repo: string; sha: string }): Promise<CommitPulls> {
  const endpoint = `GraphQL CommitPullRequests (${id.owner}/${id.repo}@${id.sha.slice(0, 12)})`;
  type Answer = {
    repository: {
      object: {
        __typename: string;
        oid?: string;
        parents?: {
          nodes: Array<{ oid: string; associatedPullRequests?: { nodes: Array<{ number: number } | null> | null } | null } | null> | null;
        } | null;
        associatedPullRequests?: { nodes: Array<PullNode | null> | null } | null;
      } | null;
    } | null;
  };
  let data: Answer;
  try {
    data = (await gh.graphql(COMMIT_QUERY, { owner: id.owner, repo: id.repo, sha: id.sha })) as Answer;
  } catch (error) {
    throw toGitHubError(error, 'pulls', endpoint);
  }
  if (!data?.repository) throw new GitHubApiError(endpoint, null, 'the answer has no repository');
  const object = data.repository.object;
  if (!object) return { commit: null, pulls: [] };
  if (object.__typename !== 'Commit' || !object.oid)
    throw new GitHubApiError(endpoint, null, `${id.sha} names a ${object.__typename}, not a commit`);
  if (!object.parents || !object.associatedPullRequests)
    throw new GitHubApiError(endpoint, null, 'the answer has no parents or pull requests for the commit');
  return {
    commit: {
      oid: object.oid.toLowerCase(),
      parents: (object.parents.nodes ?? []).filter((n) => n !== null).map((n) => n.oid.toLowerCase()),
      firstParentPulls: (object.parents.nodes?.[0]?.associatedPullRequests?.nodes ?? []).flatMap((n) => (n ? [n.number] : [])),
    },
    pulls: (object.associatedPullRequests.nodes ?? []).filter((n): n is PullNode => n !== null).map(plain),
  };
}

/** A pull request's own record of its merge, read by number: what a commit's list of pull requests is checked against. */
export async function fetchPullMerge(gh: GitHubClient, id: { owner: string; repo: string; number: number }): Promise<ListedPullRequest> {
  const endpoint = `GraphQL PullRequestMerge (${id.owner}/${id.repo}#${id.number})`;
  let data: { repository: { pullRequest: PullNode | null } | null };
  try {
    data = (await gh.graphql(PULL_QUERY, { owner: id.owner, repo: id.repo, number: id.number })) as typeof data;
  } catch (error) {
    throw toGitHubError(error, 'pulls', endpoint);
  }
  const pr = data?.repository?.pullRequest;
  if (!pr) throw new GitHubApiError(endpoint, null, 'the answer has no pull request');
  return plain(pr);
}
