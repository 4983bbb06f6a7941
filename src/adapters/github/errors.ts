// GitHub API failures turned into advice: which endpoint refused, and which permission or token fixes it.
// Both classes are UserErrors (src/core/errors.ts): a person fixes them, and they never show a stack.
// Their kinds are this adapter's words (github-access: GitHub refused for lack of permission;
// github-api: GitHub failed, answered something unusable, or hit a rate limit), unknown to the core.
import { UserError } from '../../core/errors.js';

/** What the run was doing when GitHub refused; picks the advice. */
export type GitHubConcern =
  | 'statuses'
  | 'comments'
  | 'review-requests'
  | 'teams'
  | 'contents'
  | 'pulls'
  | 'policy-source'
  | 'policy-token'
  | 'organization';

export const TEAMS_ADVICE =
  'GITHUB_TOKEN cannot read organization teams; pass a token with read:org (a fine-grained token with Members: read, or a GitHub App with members:read) as github-token';

const FORK_NOTE = 'on pull requests from forks GITHUB_TOKEN is read-only whatever the workflow asks for';

const ADVICE: Record<GitHubConcern, string> = {
  statuses: 'the token needs `statuses: write`: add `permissions: { statuses: write }` to the job',
  comments: `the token needs \`pull-requests: write\` to comment: add it to the job's permissions (${FORK_NOTE}, so there the report stays in the job summary)`,
  'review-requests': `the token needs \`pull-requests: write\` to request reviews: add it to the job's permissions (${FORK_NOTE})`,
  teams: TEAMS_ADVICE,
  contents: "the token needs `contents: read` on the repository: add it to the job's permissions",
  pulls: "the token needs `pull-requests: read` on the repository: add it to the job's permissions",
  organization:
    'the organization does not exist or the token cannot list its repositories; for a portfolio of private repositories pass a token (a GitHub App installation token, or a fine-grained token) with `contents: read` and `pull-requests: read` on them',
  'policy-source':
    'the repository does not exist or the token cannot read it; for a policy in another private repository pass a read-only token with `contents: read` on that repository as policy-token (or give github-token that access)',
  // The token was made for this one read: its permission on the policy's repository is all that can be missing.
  'policy-token':
    'the repository does not exist or policy-token cannot read it: policy-token needs `contents: read` on that repository (with actions/create-github-app-token: `permission-contents: read` and the repository in `repositories:`)',
};

/** The advice for a refusal while doing `concern`: the permission, and the token input that needs it. */
export function accessAdvice(concern: GitHubConcern): string {
  return ADVICE[concern];
}

/** GitHub refused for lack of permission (or could not see the resource): fixable by a person. */
export class GitHubAccessError extends UserError {
  readonly kind = 'github-access' as const;
  /** e.g. "POST /repos/acme/models/statuses/abc123" or "GraphQL organization.team". */
  readonly endpoint: string;
  readonly status: number | null;
  /** The permission or token that fixes it. */
  readonly needed: string;
  constructor(endpoint: string, status: number | null, needed: string, detail?: string) {
    super(`GitHub refused ${endpoint}${status ? ` (${status}${detail ? ` ${detail}` : ''})` : detail ? ` (${detail})` : ''}: ${needed}`);
    this.name = 'GitHubAccessError';
    this.endpoint = endpoint;
    this.status = status;
    this.needed = needed;
  }
}

/** GitHub failed (after retries), answered something unusable, or hit a limit: not a permission problem. */
export class GitHubApiError extends UserError {
  readonly kind = 'github-api' as const;
  readonly endpoint: string;
  readonly status: number | null;
  /** A rate limit (primary or secondary) that outlasted the client's retries, as GitHub's status and headers say. */
  readonly rateLimited: boolean;
  constructor(endpoint: string, status: number | null, message: string, options: { rateLimited?: boolean } = {}) {
    super(`GitHub ${endpoint} failed${status ? ` (${status})` : ''}: ${message}`);
    this.name = 'GitHubApiError';
    this.endpoint = endpoint;
    this.status = status;
    this.rateLimited = options.rateLimited ?? false;
  }
}

/** A rate limit that outlasted the client's retries: the portfolio stops and resumes later rather than fail. */
export function isRateLimited(error: unknown): boolean {
  return error instanceof GitHubApiError && error.rateLimited;
}

/**
 * GitHub's documented signs of a rate limit on a REST answer: 429, or 403 with no requests left
 * (x-ratelimit-remaining: 0) or a retry-after header (secondary limits). The message text is not read.
 */
function rateLimitedAnswer(status: number, headers: Record<string, unknown> | undefined): boolean {
  if (status === 429) return true;
  if (status !== 403 || !headers) return false;
  return String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined;
}

interface HttpLike {
  status?: unknown;
  message?: unknown;
  response?: { data?: unknown; headers?: Record<string, unknown> };
  request?: { method?: string; url?: string };
  errors?: unknown;
}

/** "GET /repos/acme/models/pulls" from an octokit error, without host or query. */
export function endpointOf(error: unknown, fallback: string): string {
  const request = (error as HttpLike | null)?.request;
  if (!request?.method || !request.url) return fallback;
  try {
    return `${request.method} ${new URL(request.url, 'https://api.github.com').pathname}`;
  } catch {
    return fallback;
  }
}

function firstLine(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return text.split('\n')[0]?.replace(/ - https:\/\/docs\.github\.com\S*$/, '') ?? '';
}

/** GraphQL error types that mean "not allowed" or "not visible", per GitHub's API. */
const ACCESS_TYPES = new Set(['FORBIDDEN', 'NOT_FOUND', 'INSUFFICIENT_SCOPES']);

/** GitHub's GraphQL errors carried by an octokit GraphqlResponseError; [] for anything else. */
export function graphqlErrors(error: unknown): Array<{ type?: string; message: string; path?: Array<string | number> }> {
  const errors = (error as HttpLike | null)?.errors;
  return Array.isArray(errors) ? (errors as Array<{ type?: string; message: string; path?: Array<string | number> }>) : [];
}

/**
 * Any failure of an octokit call → GitHubAccessError (with the advice for `concern`) or GitHubApiError.
 * Errors that are neither HTTP nor GraphQL failures (bugs) are returned unchanged.
 */
export function toGitHubError(error: unknown, concern: GitHubConcern, endpoint: string): Error {
  if (error instanceof GitHubAccessError || error instanceof GitHubApiError) return error;
  const e = (error ?? {}) as HttpLike;
  const where = endpointOf(error, endpoint);
  const gql = graphqlErrors(error);
  if (gql.length > 0) {
    const access = gql.find((g) => g.type !== undefined && ACCESS_TYPES.has(g.type));
    if (access) return new GitHubAccessError(endpoint, null, ADVICE[concern], `${access.type}: ${access.message}`);
    // GraphQL's rate limit is an error of type RATE_LIMITED in a 200 answer.
    return new GitHubApiError(endpoint, null, gql.map((g) => g.message).join('; '), {
      rateLimited: gql.some((g) => g.type === 'RATE_LIMITED'),
    });
  }
  if (typeof e.status !== 'number') return error instanceof Error ? error : new Error(String(error));
  const message = firstLine(e.message);
  if (rateLimitedAnswer(e.status, e.response?.headers)) {
    return new GitHubApiError(where, e.status, `${message} (retried; try again later, or use a token with its own rate limit)`, {
      rateLimited: true,
    });
  }
  if (e.status === 401) {
    const input = concern === 'policy-token' ? 'policy-token' : 'github-token';
    return new GitHubAccessError(where, 401, `the token was rejected: check the ${input} input`, message);
  }
  if (e.status === 403 || (e.status === 404 && (concern === 'teams' || concern === 'policy-source' || concern === 'policy-token'))) {
    return new GitHubAccessError(where, e.status, ADVICE[concern], message);
  }
  return new GitHubApiError(where, e.status, message || 'no message');
}
