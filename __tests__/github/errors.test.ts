// A rate limit is told from GitHub's status and headers, never from the words of its message.
import { describe, expect, it } from 'vitest';
import { GitHubAccessError, GitHubApiError, isRateLimited, toGitHubError } from '../../src/adapters/github/errors.js';
import { messageOf, UserError } from '../../src/core/errors.js';

const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), {
    status,
    response: { headers, data: { message } },
    request: { method: 'GET', url: 'https://api.github.com/repos/acme/models/pulls' },
  });

describe('toGitHubError and rate limits', () => {
  it.each([
    ['a primary limit: 403 with no requests left', answer(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }), true],
    ['a secondary limit: 403 with retry-after', answer(403, 'You have exceeded a secondary rate limit', { 'retry-after': '60' }), true],
    ['429, whatever the message', answer(429, 'Too Many Requests'), true],
    ['a 403 that only says "rate limit" is a refusal', answer(403, 'rate limit words, no rate limit headers'), false],
    [
      'a 403 with requests left is a refusal',
      answer(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '4999' }),
      false,
    ],
    ['a 500 is a failure, not a limit', answer(500, 'rate limit in a server error'), false],
  ])('%s', (_, error, limited) => {
    const converted = toGitHubError(error, 'pulls', 'GET /repos/acme/models/pulls');
    expect(isRateLimited(converted)).toBe(limited);
    if (limited) expect(converted.message).toContain('try again later');
    expect(converted).toBeInstanceOf(UserError);
  });

  it('reads a GraphQL rate limit from its error type', () => {
    const limited = toGitHubError(
      Object.assign(new Error('x'), { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user' }] }),
      'contents',
      'GraphQL FileTexts',
    );
    const other = toGitHubError(
      Object.assign(new Error('x'), { errors: [{ type: 'SOMETHING', message: 'rate limit mentioned' }] }),
      'contents',
      'GraphQL FileTexts',
    );
    expect(isRateLimited(limited)).toBe(true);
    expect(isRateLimited(other)).toBe(false);
    expect(other).toBeInstanceOf(GitHubApiError);
  });

  it('gives every GitHub error one message through messageOf, and a refusal its advice', () => {
    const refused = toGitHubError(
      answer(403, 'Resource not accessible by integration'),
      'statuses',
      'POST /repos/acme/models/statuses/abc',
    );
    expect(refused).toBeInstanceOf(GitHubAccessError);
    expect(messageOf(refused)).toBe(
      'GitHub refused GET /repos/acme/models/pulls (403 Resource not accessible by integration): the token needs `statuses: write`: add `permissions: { statuses: write }` to the job',
    );
  });
});
