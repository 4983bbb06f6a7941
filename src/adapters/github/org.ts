// The repositories of an organisation (for the portfolio): name and default branch head, 100 a page.

import type { GitHubClient } from './client.js';
import { GitHubApiError, toGitHubError } from './errors.js';
import { MAX_PAGES, PageGuard } from './paging.js';

export interface OrgRepository {
  /** owner/name */
  repository: string;
  defaultBranch: string;
  /** Head commit of the default branch; null for an empty repository. */
  headSha: string | null;
}

const QUERY = `query OrgRepositories($org: String!, $after: String) {
  organization(login: $org) {
    repositories(first: 100, after: $after, isArchived: false, orderBy: { field: NAME, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes { nameWithOwner defaultBranchRef { name target { oid } } }
    }
  }
}`;

type Page = {
  organization: {
    repositories: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{ nameWithOwner: string; defaultBranchRef: { name: string; target: { oid: string } | null } | null } | null> | null;
    };
  } | null;
};

/** Every unarchived repository of `org` the token can see, in name order. */
export async function listOrgRepositories(octokit: GitHubClient, org: string): Promise<OrgRepository[]> {
  const endpoint = `GraphQL OrgRepositories (${org})`;
  const repositories: OrgRepository[] = [];
  const guard = new PageGuard(endpoint, `the repositories of ${org}`, MAX_PAGES.orgRepositories);
  let after: string | null = null;
  for (;;) {
    let page: Page;
    try {
      page = await octokit.graphql<Page>(QUERY, { org, after });
    } catch (error) {
      throw toGitHubError(error, 'organization', endpoint);
    }
    const connection = page?.organization?.repositories;
    if (!connection) throw new GitHubApiError(endpoint, null, `organization ${org} does not exist or the token cannot see it`);
    for (const node of connection.nodes ?? []) {
      if (!node) continue;
      repositories.push({
        repository: node.nameWithOwner,
        defaultBranch: node.defaultBranchRef?.name ?? 'main',
        headSha: node.defaultBranchRef?.target?.oid ?? null,
      });
    }
    after = guard.next(connection.pageInfo?.hasNextPage === true, connection.pageInfo?.endCursor);
    if (after === null) return repositories;
  }
}
