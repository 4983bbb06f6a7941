// Who the token acts as, for finding our own sticky comment: a person's token (PAT) comments as that
// person; GITHUB_TOKEN and GitHub App tokens comment as a bot and cannot read GET /user.

import type { GitHubClient } from './client.js';

/** The login of a personal token's owner; undefined for installation tokens (GITHUB_TOKEN, Apps), which comment as bots. */
export async function personalTokenLogin(octokit: GitHubClient): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.type === 'User' ? data.login : undefined;
  } catch {
    // 403: an installation token, which comments as a bot. Any other failure falls back to matching
    // bot authors too: that never lets a person's comment be taken over.
    return undefined;
  }
}
