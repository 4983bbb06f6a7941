// The commit status that carries the decision on the head commit (what branch protection requires).

import type { GitHubClient } from './client.js';
import { toGitHubError } from './errors.js';

export type CommitState = 'success' | 'pending' | 'failure' | 'error';

export interface CommitStatus {
  owner: string;
  repo: string;
  sha: string;
  state: CommitState;
  /** The status name branch protection refers to, e.g. "pilot-readiness". */
  context: string;
  /** Shortened to GitHub's 140 characters. */
  description: string;
  target_url?: string;
}

export const MAX_STATUS_DESCRIPTION = 140;

export function shortDescription(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= MAX_STATUS_DESCRIPTION ? chars.join('') : `${chars.slice(0, MAX_STATUS_DESCRIPTION - 1).join('')}…`;
}

export async function setCommitStatus(octokit: GitHubClient, status: CommitStatus): Promise<void> {
  const { owner, repo, sha, state, context, description, target_url } = status;
  try {
    await octokit.rest.repos.createCommitStatus({
      owner,
      repo,
      sha,
      state,
      context,
      description: shortDescription(description),
      ...(target_url ? { target_url } : {}),
    });
  } catch (error) {
    throw toGitHubError(error, 'statuses', `POST /repos/${owner}/${repo}/statuses/${sha}`);
  }
}
