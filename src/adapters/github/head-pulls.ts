// The open pull requests whose head is a given commit, when the facts query cannot tell: asked of the
// commit itself (the last of a pull request's commits GitHub lists is not its head past 250 commits), or
// of the repository's open pull requests (GitHub lists none for a commit the default branch holds).
import type { GitHubClient } from './client.js';
import { GitHubApiError, toGitHubError } from './errors.js';
import { MAX_PAGES, PageGuard } from './paging.js';
import {
  headPullFields,
  headPulls,
  headPullsSelection,
  openWithHead,
  type HeadOf,
  type HeadPull,
  type HeadPullNode,
  type HeadPullsAnswer,
  type HeadPullsSource,
} from './pull-request.js';

const QUERY = `query HeadPullRequests($owner: String!, $repo: String!, $sha: GitObjectID!) {
  repository(owner: $owner, name: $repo) {
    object(oid: $sha) {
      __typename
      ... on Commit { ${headPullsSelection(false)} }
    }
  }
}`;

/**
 * The other open pull requests of this repository whose head is `sha`: asked of the commit (one query),
 * and when GitHub's list for it cannot tell (see headPulls), of the repository's open pull requests.
 */
export async function fetchHeadPulls(gh: GitHubClient, id: HeadOf, from: HeadPullsSource = 'commit'): Promise<HeadPull[]> {
  if (from === 'open-pulls') return fetchOpenHeadPulls(gh, id, false);
  const endpoint = `GraphQL HeadPullRequests (${id.owner}/${id.repo}@${id.sha.slice(0, 12)})`;
  let data: { repository: { object: { __typename: string; associatedPullRequests?: HeadPullsAnswer } | null } | null };
  try {
    data = (await gh.graphql(QUERY, { owner: id.owner, repo: id.repo, sha: id.sha })) as typeof data;
  } catch (error) {
    throw toGitHubError(error, 'pulls', endpoint);
  }
  const object = data?.repository?.object;
  if (object?.__typename !== 'Commit') throw new GitHubApiError(endpoint, null, `${id.sha} is not a commit of ${id.owner}/${id.repo}`);
  return headPulls(object.associatedPullRequests, id, endpoint) ?? fetchOpenHeadPulls(gh, id, false);
}

const openQuery = (freshness: boolean): string => `query OpenHeadPullRequests($owner: String!, $repo: String!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequests(states: [OPEN], first: 100, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes { ${headPullFields(freshness)} }
    }
  }
}`;

type OpenAnswer = {
  repository: {
    pullRequests: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<HeadPullNode | null> | null } | null;
  } | null;
};

/**
 * The other open pull requests of this repository whose head is `sha`, from every open pull request
 * (a query per 100, as a sweep reads them): an answer that does not depend on which branches hold the
 * commit. `freshness`: each with its own (see fetchFreshness). Past MAX_PAGES.openPulls pages the read
 * fails, since who shares the head is then unknown.
 */
export async function fetchOpenHeadPulls(gh: GitHubClient, id: HeadOf, freshness: boolean): Promise<HeadPull[]> {
  const endpoint = `GraphQL OpenHeadPullRequests (${id.owner}/${id.repo})`;
  const guard = new PageGuard(endpoint, 'open pull requests', MAX_PAGES.openPulls);
  const nodes: HeadPullNode[] = [];
  let after: string | null = null;
  do {
    let data: OpenAnswer;
    try {
      data = await gh.graphql<OpenAnswer>(openQuery(freshness), { owner: id.owner, repo: id.repo, after });
    } catch (error) {
      throw toGitHubError(error, 'pulls', endpoint);
    }
    const connection = data?.repository?.pullRequests;
    if (!connection) throw new GitHubApiError(endpoint, null, 'the answer has no pull requests');
    for (const node of connection.nodes ?? []) {
      // One that cannot be shown may be one sharing the head.
      if (!node) throw new GitHubApiError(endpoint, null, 'the answer holds a pull request it cannot show');
      nodes.push(node);
    }
    after = guard.next(connection.pageInfo?.hasNextPage === true, connection.pageInfo?.endCursor);
  } while (after !== null);
  return openWithHead(nodes, id, endpoint).filter((p) => p.number !== id.self);
}
