// Inputs that once took quadratic time keep their exact behaviour: a team listing the same member
// twice among thousands, and the order of reviews (each time is now parsed once per sort).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseFacts } from '../../src/core/facts.js';
import { compareReviews, sortReviews, type Review } from '../../src/core/signoff/reviews.js';
import { factsWith } from '../signoff/builders.js';

function findingsOf(text: string): string[] {
  try {
    parseFacts(text, 'facts.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).findings.map((f) => `${f.location?.line}:${f.location?.column} ${f.message}`);
  }
  return [];
}

describe('team members in PR facts', () => {
  const members = Array.from({ length: 5000 }, (_, i) => `m${i}`);
  const text = (team: unknown[]) => JSON.stringify(factsWith({ teams: { 'acme/appsec': team as string[] } }), null, 1);
  // The line of the team's key, whose array opens on the same line.
  const teamLine = (t: string) => t.split('\n').findIndex((line) => line.includes('"acme/appsec"')) + 1;

  it('accepts a large team with distinct members', () => {
    expect(findingsOf(text(members))).toEqual([]);
  });

  it('names a member listed twice, at the team, once', () => {
    const t = text([...members.slice(0, 4000), 'm17', ...members.slice(4000)]);
    expect(findingsOf(t)).toEqual([`${teamLine(t)}:18 teams.acme/appsec lists the same value twice`]);
  });

  it('reports a member that is not a login once, at the member', () => {
    const t = text(['lena', 7, 'lars']);
    const line = teamLine(t) + 2;
    expect(findingsOf(t)).toEqual([`${line}:4 teams.acme/appsec[1] must be string, not number 7`]);
  });
});

describe('sortReviews', () => {
  const review = fc.record({
    id: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom('PRR_a', 'PRR_b')),
    author: fc.constantFrom('lena', 'lars', 'dev'),
    state: fc.constantFrom('APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'),
    at: fc.constantFrom(
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T10:00:00+01:00',
      '2026-03-03T00:00:00Z',
      'not a time',
      'also not',
    ),
    commit: fc.constantFrom('abc1234', 'def5678'),
    body: fc.option(fc.constantFrom('ok', 'nope'), { nil: undefined }),
  }) as fc.Arbitrary<Review>;

  it('orders exactly as compareReviews does (times, then ids, then the other fields)', () => {
    fc.assert(
      fc.property(fc.array(review, { maxLength: 40 }), (reviews) => {
        expect(sortReviews(reviews)).toEqual([...reviews].sort(compareReviews));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('puts unparsable times first, and leaves its input alone', () => {
    const reviews = [
      { id: 2, author: 'lena', state: 'APPROVED', at: '2026-03-02T09:00:00Z', commit: 'abc1234' },
      { id: 1, author: 'lars', state: 'APPROVED', at: 'yesterday', commit: 'abc1234' },
      { id: 3, author: 'lena', state: 'APPROVED', at: '2026-03-02T08:00:00Z', commit: 'abc1234' },
    ] as Review[];
    expect(sortReviews(reviews).map((r) => r.id)).toEqual([1, 3, 2]);
    expect(reviews.map((r) => r.id)).toEqual([2, 1, 3]);
  });
});
