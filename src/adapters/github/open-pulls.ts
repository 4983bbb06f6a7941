// The open pull requests of a repository as a sweep sees them, 100 a query: what each one's decision
// depends on (head, base, draft, review state) and the gate's own status on its head, so that only the
// pull requests whose inputs changed or whose time came are read in full.

import type { GitHubClient } from './client.js';
import { GitHubApiError, graphqlErrors, toGitHubError } from './errors.js';
import { MAX_PAGES, PageGuard } from './paging.js';
import {
  FRESH_REVIEWS,
  POLICY_AT_BASE,
  POLICY_AT_DEFAULT,
  STATUS_FRAGMENT,
  TIMELINE_TYPES,
  actorLogin,
  fingerprint,
  gateStatus,
  partialData,
  policyBlobs,
  type Actor,
  type GateStatus,
  type StatusAnswer,
} from './pull-request.js';

export interface SweptPullRequest {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  draft: boolean;
  /** The head lives in another repository (a fork, or one since deleted), where GITHUB_TOKEN is read-only. */
  fork: boolean;
  /** The review state, read as fetchFreshness reads it. */
  freshness: string;
  /** The gate's status on the head; null when there is none, undefined when it could not be read. */
  status: GateStatus | null | undefined;
  /** The trusted policy file's blobs at the base and default branches' tips (see policyBlobs); '' when the policy lives elsewhere. */
  policyBlobs: string;
}

const query = (
  policy: boolean,
) => `query OpenPullRequests($owner: String!, $repo: String!, $after: String, $statusContext: String!${policy ? ', $policyPath: String!' : ''}) {
  repository(owner: $owner, name: $repo) {
    ${policy ? POLICY_AT_DEFAULT : ''}
    pullRequests(states: [OPEN], first: 100, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        isDraft
        headRefOid
        baseRefOid
        baseRefName
        headRepository { nameWithOwner }
        reviews(last: ${FRESH_REVIEWS}) { totalCount nodes { databaseId fullDatabaseId state } }
        dismissed: reviews(first: 1, states: [DISMISSED]) { totalCount }
        timelineItems(last: 1, itemTypes: ${TIMELINE_TYPES}) { filteredCount }
        headCommit: commits(last: 1) { nodes { commit { oid gateStatus: status { context(name: $statusContext) { ...GateStatus } } } } }
        ${policy ? POLICY_AT_BASE : ''}
      }
    }
  }
}
${STATUS_FRAGMENT}`;

type Node = {
  number: number;
  isDraft: boolean;
  headRefOid: string;
  baseRefOid: string;
  baseRefName: string;
  headRepository: { nameWithOwner: string } | null;
  reviews: { totalCount: number; nodes: Array<{ databaseId: number | null; fullDatabaseId: string | null; state: string } | null> | null };
  dismissed: { totalCount: number };
  timelineItems: { filteredCount: number };
  headCommit: { nodes: Array<{ commit: { oid: string; gateStatus: { context: StatusAnswer } | null } } | null> | null } | null;
  policyAtBase?: unknown;
};
type Answer = {
  repository: {
    policyAtDefault?: unknown;
    pullRequests: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<Node | null> | null };
  } | null;
};

/**
 * Every open pull request of the repository, with what a sweep compares against its record; with
 * `policyPath` (a policy read from this repository), that file's blobs where the gate reads it.
 */
export async function readOpenPullRequests(
  octokit: GitHubClient,
  { owner, repo, statusContext, policyPath }: { owner: string; repo: string; statusContext: string; policyPath?: string | null },
): Promise<SweptPullRequest[]> {
  const endpoint = `GraphQL OpenPullRequests (${owner}/${repo})`;
  const guard = new PageGuard(endpoint, 'open pull requests', MAX_PAGES.openPulls);
  const out: SweptPullRequest[] = [];
  let after: string | null = null;
  for (;;) {
    let data: Answer;
    // Statuses the token may not read leave every head's status unknown: each pull request is then due.
    let statusesUnknown = false;
    try {
      data = await octokit.graphql<Answer>(query(typeof policyPath === 'string'), {
        owner,
        repo,
        after,
        statusContext,
        ...(typeof policyPath === 'string' ? { policyPath } : {}),
      });
    } catch (error) {
      const partial = partialData(error);
      if (partial === null || graphqlErrors(error).length === 0) throw toGitHubError(error, 'pulls', endpoint);
      data = partial as Answer;
      statusesUnknown = true;
    }
    const connection = data?.repository?.pullRequests;
    if (!connection) throw new GitHubApiError(endpoint, null, 'the answer has no pull requests');
    for (const node of connection.nodes ?? []) {
      if (!node) throw new GitHubApiError(endpoint, null, 'the answer holds a pull request it cannot show');
      if (!node.reviews || !node.dismissed || !node.timelineItems)
        throw new GitHubApiError(endpoint, null, `the answer has no review state for #${node.number}`);
      const head = node.headCommit?.nodes?.[0]?.commit;
      const status =
        statusesUnknown || !head || head.oid !== node.headRefOid
          ? undefined
          : head.gateStatus === null
            ? null
            : gateStatus(head.gateStatus.context);
      out.push({
        number: node.number,
        headSha: node.headRefOid,
        baseSha: node.baseRefOid,
        baseRef: node.baseRefName,
        draft: node.isDraft,
        fork: (node.headRepository?.nameWithOwner ?? '').toLowerCase() !== `${owner}/${repo}`.toLowerCase(),
        freshness: fingerprint(
          node.headRefOid,
          (node.reviews.nodes ?? []).filter((n): n is NonNullable<typeof n> => n !== null),
          node.reviews.totalCount,
          node.dismissed.totalCount,
          node.timelineItems.filteredCount,
        ),
        status,
        policyBlobs: typeof policyPath === 'string' ? policyBlobs(node.policyAtBase, data.repository?.policyAtDefault) : '',
      });
    }
    after = guard.next(connection.pageInfo?.hasNextPage === true, connection.pageInfo?.endCursor);
    if (after === null) return out;
  }
}

/**
 * The token's login as GitHub names the authors of statuses (bots end in [bot]); null when GitHub does
 * not say (some installation tokens). Never fails: without it only bot-written records count.
 */
export async function viewerLogin(octokit: GitHubClient): Promise<string | null> {
  try {
    const data = await octokit.graphql<{ viewer: Actor }>('query Viewer { viewer { __typename login } }');
    return data?.viewer?.login ? actorLogin(data.viewer) : null;
  } catch {
    return null;
  }
}
