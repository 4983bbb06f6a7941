// The open pull requests of a repository, for scheduled and manual sweeps that re-check every one.

import type { GitHubClient } from './client.js';
import { GitHubApiError, toGitHubError } from './errors.js';
import { MAX_PAGES, PageGuard, boundedPages } from './paging.js';

export interface OpenPullRequest {
  number: number;
  title: string;
  author: string;
  draft: boolean;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  /** The head lives in another repository (a fork), where GITHUB_TOKEN is read-only. */
  fork: boolean;
}

export async function listOpenPullRequests(
  octokit: GitHubClient,
  { owner, repo }: { owner: string; repo: string },
): Promise<OpenPullRequest[]> {
  const endpoint = `GET /repos/${owner}/${repo}/pulls`;
  try {
    // Bounded: a Link header that keeps pointing on (or back) fails the listing rather than paging forever.
    const guard = new PageGuard(endpoint, 'open pull requests', MAX_PAGES.openPulls, 'link');
    const pulls: Awaited<ReturnType<typeof octokit.rest.pulls.list>>['data'] = [];
    for await (const page of boundedPages(
      octokit.paginate.iterator(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 }),
      guard,
    )) {
      if (!Array.isArray(page.data)) throw new GitHubApiError(endpoint, null, 'the answer is not a list');
      pulls.push(...page.data);
    }
    return pulls.map((p) => ({
      number: p.number,
      title: p.title,
      author: p.user?.login ?? 'ghost',
      draft: p.draft ?? false,
      headSha: p.head.sha,
      headRef: p.head.ref,
      baseSha: p.base.sha,
      baseRef: p.base.ref,
      fork: (p.head.repo?.full_name ?? '').toLowerCase() !== `${owner}/${repo}`.toLowerCase(),
    }));
  } catch (error) {
    throw toGitHubError(error, 'pulls', endpoint);
  }
}
