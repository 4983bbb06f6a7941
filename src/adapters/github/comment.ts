// The sticky report comment: one per pull request and key, found by its hidden marker among the
// gate's own comments (read with the pull request's facts), updated in place; a refusal is a warning,
// never a crash.

import type { GitHubClient } from './client.js';
import { GitHubAccessError, GitHubApiError, toGitHubError } from './errors.js';

/** GitHub refuses comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65536;

export interface StickyComment {
  owner: string;
  repo: string;
  /** The pull request (or issue) number. */
  number: number;
  /** Distinguishes several sticky comments on one pull request; letters, digits, '.', '_' and '-'. */
  key: string;
  body: string;
  /** Used when `body` is too long for a comment; default: `body` cut short with a note. */
  shortBody?: string;
  /**
   * The gate's own comments, already read with the pull request's facts (GitHub's viewerDidAuthor,
   * see PullRequestFacts.botComments): the sticky comment is looked for there, never among anyone
   * else's, so a marker planted in another account's comment cannot take the report over.
   */
  known: ReadonlyArray<{ id: number; url: string; body: string }>;
  /**
   * What of a body counts when deciding whether the posted comment already says the same: the body
   * through this function (default: all of it). Lets a caller ignore parts that change on every run.
   */
  comparable?: (body: string) => string;
}

export type StickyResult =
  | { ok: true; action: 'created' | 'updated' | 'unchanged'; id: number; url: string }
  | { ok: false; warning: string };

export function markerFor(key: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new Error(`sticky comment key "${key}" may hold only letters, digits, '.', '_' and '-'`);
  return `<!-- pilot-readiness:${key} -->`;
}

const TRUNCATED_NOTE = '\n\n…(cut short: the full report is in the job summary)';

/** The body as posted: marker first, and within GitHub's limit. */
export function commentBody(marker: string, body: string, shortBody?: string): string {
  const full = `${marker}\n${body}`;
  if (full.length <= MAX_COMMENT_LENGTH) return full;
  const short = shortBody === undefined ? undefined : `${marker}\n${shortBody}`;
  if (short !== undefined && short.length <= MAX_COMMENT_LENGTH) return short;
  const room = MAX_COMMENT_LENGTH - TRUNCATED_NOTE.length;
  let cut = full.slice(0, room);
  // Cut at a line end: a cut inside a code span would turn its (escaped-by-quoting) content back
  // into live Markdown or HTML. Escaping is per line, so whole lines are always safe.
  const lineEnd = cut.lastIndexOf('\n');
  if (lineEnd > marker.length) cut = cut.slice(0, lineEnd + 1);
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${TRUNCATED_NOTE}`;
}

const normalise = (text: string | undefined | null) => (text ?? '').replace(/\r\n/g, '\n');

/** The sticky comment of `key` among the gate's own comments (the first that starts with its marker), or undefined. */
export function findSticky<C extends { body: string }>(own: readonly C[], key: string): C | undefined {
  const marker = markerFor(key);
  return own.find((c) => normalise(c.body).startsWith(marker));
}

export type PostResult =
  | {
      ok: true;
      id: number;
      url: string;
      createdAt: string;
      /** GitHub says a bot account wrote it (the token is GITHUB_TOKEN or a GitHub App's), not a person. */
      bot: boolean;
    }
  | { ok: false; warning: string };

/** A new (not sticky) comment; a refusal is returned, never thrown. */
export async function postComment(
  octokit: GitHubClient,
  comment: { owner: string; repo: string; number: number; body: string },
): Promise<PostResult> {
  const { owner, repo, number } = comment;
  try {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: comment.body });
    return { ok: true, id: data.id, url: data.html_url, createdAt: data.created_at, bot: data.user?.type === 'Bot' };
  } catch (error) {
    const failure = toGitHubError(error, 'comments', `POST /repos/${owner}/${repo}/issues/${number}/comments`);
    if (!(failure instanceof GitHubAccessError || failure instanceof GitHubApiError)) throw failure;
    return { ok: false, warning: failure.message };
  }
}

/** Creates or updates the sticky comment, found among `known` (the gate's own comments). */
export async function upsertStickyComment(octokit: GitHubClient, comment: StickyComment): Promise<StickyResult> {
  const { owner, repo, number } = comment;
  const marker = markerFor(comment.key);
  const body = commentBody(marker, comment.body, comment.shortBody);
  let endpoint = `POST /repos/${owner}/${repo}/issues/${number}/comments`;
  try {
    const own = comment.known;
    const found = findSticky(own, comment.key);
    const existing = found ? { id: found.id, body: found.body, html_url: found.url } : undefined;
    if (!existing) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
      return { ok: true, action: 'created', id: data.id, url: data.html_url };
    }
    const comparable = comment.comparable ?? ((text: string) => text);
    if (comparable(normalise(existing.body)) === comparable(normalise(body)))
      return { ok: true, action: 'unchanged', id: existing.id, url: existing.html_url };
    endpoint = `PATCH /repos/${owner}/${repo}/issues/comments/${existing.id}`;
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { ok: true, action: 'updated', id: data.id, url: data.html_url };
  } catch (error) {
    const failure = toGitHubError(error, 'comments', endpoint);
    if (!(failure instanceof GitHubAccessError || failure instanceof GitHubApiError)) throw failure;
    return { ok: false, warning: `the report comment was not posted: ${failure.message}` };
  }
}
