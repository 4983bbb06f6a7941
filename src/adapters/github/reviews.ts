// Review requests to the people and teams whose sign-off a pull request still needs; a refusal is a warning.

import type { GitHubClient } from './client.js';
import { GitHubAccessError, GitHubApiError, toGitHubError } from './errors.js';

export interface ReviewRequest {
  owner: string;
  repo: string;
  number: number;
  /** User logins. */
  reviewers: string[];
  /** Team slugs, or org/slug in the repository owner's organization (the only teams GitHub accepts). */
  team_reviewers: string[];
}

export type ReviewRequestResult =
  | { ok: true; requested: { reviewers: string[]; team_reviewers: string[] } }
  | { ok: false; warning: string };

export async function requestReviews(octokit: GitHubClient, request: ReviewRequest): Promise<ReviewRequestResult> {
  const { owner, repo, number } = request;
  const reviewers = [...new Set(request.reviewers)];
  const teams: string[] = [];
  const foreign: string[] = [];
  for (const team of new Set(request.team_reviewers)) {
    const [org, slug] = team.includes('/') ? team.split('/', 2) : [owner, team];
    if (org?.toLowerCase() === owner.toLowerCase() && slug) teams.push(slug);
    else foreign.push(team);
  }
  const skipped =
    foreign.length > 0 ? `; not requested from ${foreign.join(', ')}: GitHub only requests reviews from teams of ${owner}` : '';
  if (reviewers.length === 0 && teams.length === 0) {
    return skipped
      ? { ok: false, warning: `no review was requested${skipped}` }
      : { ok: true, requested: { reviewers: [], team_reviewers: [] } };
  }
  try {
    await octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: number, reviewers, team_reviewers: teams });
  } catch (error) {
    const failure = toGitHubError(error, 'review-requests', `POST /repos/${owner}/${repo}/pulls/${number}/requested_reviewers`);
    if (!(failure instanceof GitHubAccessError || failure instanceof GitHubApiError)) throw failure;
    return { ok: false, warning: `reviews were not requested from ${[...reviewers, ...teams].join(', ')}: ${failure.message}${skipped}` };
  }
  if (skipped) return { ok: false, warning: `reviews were requested from ${[...reviewers, ...teams].join(', ')}${skipped}` };
  return { ok: true, requested: { reviewers, team_reviewers: teams } };
}
