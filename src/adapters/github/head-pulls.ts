// The open pull requests whose head is a given commit, asked of the commit itself: what the facts query
// cannot tell when the last of a pull request's commits GitHub lists is not its head (over 250 commits).
import type { GitHubClient } from './client.js';
import { GitHubApiError, toGitHubError } from './errors.js';
import { headPulls, headPullsSelection, type HeadPull, type HeadPullsAnswer } from './pull-request.js';

const QUERY = `query HeadPullRequests($owner: String!, $repo: String!, $sha: GitObjectID!) {
  repository(owner: $owner, name: $repo) {
    object(oid: $sha) {
      __typename
      ... on Commit { ${headPullsSelection(false)} }
    }
  }
}`;

/** The open pull requests of this repository whose head is `sha` (one query). */
export async function fetchHeadPulls(gh: GitHubClient, id: { owner: string; repo: string; sha: string }): Promise<HeadPull[]> {
  const endpoint = `GraphQL HeadPullRequests (${id.owner}/${id.repo}@${id.sha.slice(0, 12)})`;
  let data: { repository: { object: { __typename: string; associatedPullRequests?: HeadPullsAnswer } | null } | null };
  try {
    data = (await gh.graphql(QUERY, { owner: id.owner, repo: id.repo, sha: id.sha })) as typeof data;
  } catch (error) {
    throw toGitHubError(error, 'pulls', endpoint);
  }
  const object = data?.repository?.object;
  if (object?.__typename !== 'Commit') throw new GitHubApiError(endpoint, null, `${id.sha} is not a commit of ${id.owner}/${id.repo}`);
  return headPulls(object.associatedPullRequests, id, endpoint);
}
