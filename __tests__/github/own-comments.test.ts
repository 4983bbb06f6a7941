// Which comments of a pull request the gate may treat as its own, and which GraphQL errors leave the
// rest of an answer usable: pure functions of what GitHub answered.
import { describe, expect, it } from 'vitest';
import { findSticky } from '../../src/adapters/github/comment.js';
import { ownComments, partialData } from '../../src/adapters/github/pull-request.js';

const comment = (
  id: number,
  login: string,
  typename: 'User' | 'Bot',
  viewerDidAuthor: boolean,
  body = `<!-- pilot-readiness:readiness -->\n#${id}`,
) => ({
  databaseId: id,
  url: `https://github.com/acme/models/pull/7#issuecomment-${id}`,
  body,
  createdAt: '2026-11-20T12:00:00Z',
  viewerDidAuthor,
  author: { __typename: typename, login },
});

describe('ownComments', () => {
  it("keeps the token's own comments when GitHub names any, and only those", () => {
    const own = ownComments([
      comment(1, 'dev-lin', 'User', false),
      comment(2, 'renovate', 'Bot', false),
      comment(3, 'dana-ops', 'User', true),
    ]);
    expect(own.map((c) => [c.id, c.author])).toEqual([[3, 'dana-ops']]);
  });

  it("falls back to bots' comments when GitHub names none as the token's, never a person's", () => {
    const own = ownComments([comment(1, 'dev-lin', 'User', false), comment(2, 'github-actions', 'Bot', false)]);
    expect(own.map((c) => [c.id, c.author])).toEqual([[2, 'github-actions[bot]']]);
  });

  it('drops a comment without a database id (it could not be updated)', () => {
    expect(ownComments([{ ...comment(1, 'x', 'Bot', true), databaseId: null }])).toEqual([]);
  });

  it('finds the sticky comment by its marker at the start, not elsewhere', () => {
    const own = ownComments([
      comment(1, 'bot', 'Bot', true, 'quoting <!-- pilot-readiness:readiness -->'),
      comment(2, 'bot', 'Bot', true, '<!-- pilot-readiness-reminder legal -->\nlegal closes soon'),
      comment(3, 'bot', 'Bot', true),
    ]);
    expect(findSticky(own, 'readiness')?.id).toBe(3);
    expect(findSticky(own, 'other')).toBeUndefined();
  });
});

describe('partialData', () => {
  const failure = (errors: unknown[], data: unknown = { repository: {} }) => Object.assign(new Error('x'), { errors, data });

  it('keeps an answer whose only errors are on the status it may go without', () => {
    const data = { repository: { pullRequest: {} } };
    expect(
      partialData(
        failure([{ type: 'FORBIDDEN', path: ['repository', 'pullRequest', 'headCommit', 'nodes', 0, 'commit', 'gateStatus'] }], data),
      ),
    ).toBe(data);
  });

  it.each([
    ['an error elsewhere', [{ type: 'FORBIDDEN', path: ['repository', 'pullRequest'] }], { repository: {} }],
    ['an error with no path', [{ message: 'Something went wrong' }], { repository: {} }],
    ['no data at all', [{ type: 'FORBIDDEN', path: ['gateStatus'] }], null],
    ['no errors (not a GraphQL failure)', [], { repository: {} }],
  ])('refuses %s', (_, errors, data) => {
    expect(partialData(failure(errors, data))).toBeNull();
  });
});
