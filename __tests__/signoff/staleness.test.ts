import { describe, expect, it } from 'vitest';
import type { InvalidateOnPush, PrFacts } from '../../src/core/types.js';
import { D, H, HEAD, MID, OLD, factsWith, iso, manifestWith, messages, policyWith, request, review, role, signoffs } from './builders.js';

const manifest = manifestWith({ reviewers: { legal: ['lena'] } });
const policyFor = (mode: InvalidateOnPush | undefined, governed?: string[]) =>
  policyWith({ legal: {} }, { ...(mode ? { invalidate_on_push: mode } : {}), ...(governed ? { governed_paths: governed } : {}) });

/** OLD changed the model, MID the README, HEAD the docs (see factsWith). */
function legalAfter(policy: ReturnType<typeof policyFor>, reviews: PrFacts['reviews'], extra: Partial<PrFacts> = {}) {
  const result = signoffs({ policy, manifest, facts: factsWith({ review_requests: [request('lena', H)], reviews, ...extra }) });
  return { legal: role(result, 'legal'), warnings: messages(result.warnings) };
}

describe('invalidate_on_push: any (the default)', () => {
  it('shows an approval of an older commit as stale, with a warning, and does not count it', () => {
    const stale = review('lena', 'APPROVED', 2 * H, { commit: OLD });
    const { legal, warnings } = legalAfter(policyFor(undefined), [stale]);
    expect(legal.status).toBe('pending');
    expect(legal.reviews).toEqual([
      {
        id: stale.id,
        author: 'lena',
        state: 'APPROVED',
        at: stale.at,
        commit: OLD,
        counted: false,
        not_counted_because: 'stale: approved abc1234, head is def5678',
      },
    ]);
    expect(warnings).toEqual([
      "legal: lena's approval no longer counts (stale: approved abc1234, head is def5678); ask lena to approve again",
    ]);
  });

  it('counts an approval of the head commit', () => {
    expect(legalAfter(policyFor('any'), [review('lena', 'APPROVED', 2 * H)]).legal.status).toBe('approved');
  });

  it('lets a stale approval lapse once the window closes with silence blocking', () => {
    const result = signoffs({
      policy: policyFor('any'),
      manifest,
      facts: factsWith({ review_requests: [request('lena', H)], reviews: [review('lena', 'APPROVED', 2 * H, { commit: MID })] }),
      now: 15 * D,
    });
    expect(role(result, 'legal')).toMatchObject({ status: 'lapsed', blocking: true });
  });

  it('keeps an objection on an older commit: pushes do not invalidate objections', () => {
    const { legal } = legalAfter(policyFor('any'), [review('lena', 'CHANGES_REQUESTED', 2 * H, { commit: OLD })]);
    expect(legal).toMatchObject({ status: 'objected', blocking: true });
    expect(legal.reviews[0]).toMatchObject({ counted: true, commit: OLD });
  });

  it('counts a re-approval of the head; the earlier approval is shown as stale', () => {
    const first = review('lena', 'APPROVED', 2 * H, { commit: OLD });
    const again = review('lena', 'APPROVED', 3 * H);
    const { legal, warnings } = legalAfter(policyFor('any'), [first, again]);
    expect(legal.status).toBe('approved');
    expect(legal.reviews.map((verdict) => [verdict.id, verdict.counted, verdict.not_counted_because])).toEqual([
      [first.id, false, 'stale: approved abc1234, head is def5678'],
      [again.id, true, undefined],
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps an approval of the head when the member later submits a review of an older commit', () => {
    const current = review('lena', 'APPROVED', 2 * H);
    const older = review('lena', 'APPROVED', 3 * H, { commit: OLD });
    const { legal } = legalAfter(policyFor('any'), [current, older]);
    expect(legal.status).toBe('approved');
    expect(legal.reviews.find((verdict) => verdict.id === current.id)?.counted).toBe(true);
  });
});

describe('invalidate_on_push: governed', () => {
  const governed = policyFor('governed', ['models/**', '**/*.onnx', '.github/**']);

  it('keeps an approval when no later commit changed a governed path', () => {
    const { legal, warnings } = legalAfter(governed, [review('lena', 'APPROVED', 2 * H, { commit: OLD })]);
    expect(legal.status).toBe('approved');
    expect(warnings).toEqual([]);
  });

  it('invalidates an approval when a later commit changed a governed path, naming commit and file', () => {
    const commits = [
      { sha: OLD, at: iso(-2 * D), files: ['README.md'] },
      { sha: MID, at: iso(-D), files: ['docs/a.md', 'models/claims/model.onnx'] },
      { sha: HEAD, at: iso(-H), files: ['docs/b.md'] },
    ];
    const { legal } = legalAfter(governed, [review('lena', 'APPROVED', 2 * H, { commit: OLD })], { commits });
    expect(legal.status).toBe('pending');
    expect(legal.reviews[0]?.not_counted_because).toBe(
      'stale: approved abc1234, head is def5678 (bcd2345 changed governed file models/claims/model.onnx)',
    );
  });

  it('matches dotfiles (minimatch dot: true)', () => {
    const commits = [
      { sha: OLD, at: iso(-2 * D), files: ['README.md'] },
      { sha: HEAD, at: iso(-H), files: ['.github/workflows/deploy.yml'] },
    ];
    const { legal } = legalAfter(policyFor('governed', ['**/*.yml']), [review('lena', 'APPROVED', 2 * H, { commit: OLD })], { commits });
    expect(legal.reviews[0]?.not_counted_because).toBe(
      'stale: approved abc1234, head is def5678 (def5678 changed governed file .github/workflows/deploy.yml)',
    );
  });

  it('fails closed on a later commit whose files are unknown', () => {
    const commits = [
      { sha: OLD, at: iso(-2 * D), files: ['README.md'] },
      { sha: MID, at: iso(-D) },
      { sha: HEAD, at: iso(-H), files: ['docs/b.md'] },
    ];
    const { legal } = legalAfter(governed, [review('lena', 'APPROVED', 2 * H, { commit: OLD })], { commits });
    expect(legal.reviews[0]?.not_counted_because).toBe(
      'stale: approved abc1234, head is def5678 (the files changed by bcd2345 are unknown, so it counts as governed)',
    );
  });

  it('fails closed on an approval of a commit that is no longer part of the pull request (force-push)', () => {
    const gone = `0ff0ff0${'0'.repeat(33)}`;
    const { legal } = legalAfter(governed, [review('lena', 'APPROVED', 2 * H, { commit: gone })]);
    expect(legal.reviews[0]?.not_counted_because).toBe(
      'stale: approved 0ff0ff0, head is def5678 (0ff0ff0 is no longer a commit of this pull request)',
    );
  });

  it('ignores changes before the reviewed commit', () => {
    // OLD changed the model; an approval of MID sees only HEAD's docs change after it.
    const { legal } = legalAfter(governed, [review('lena', 'APPROVED', 2 * H, { commit: MID })]);
    expect(legal.status).toBe('approved');
  });
});

describe('invalidate_on_push: never', () => {
  it('keeps an approval of any commit', () => {
    const { legal, warnings } = legalAfter(policyFor('never'), [review('lena', 'APPROVED', 2 * H, { commit: OLD })]);
    expect(legal).toMatchObject({ status: 'approved', reviews: [expect.objectContaining({ counted: true, commit: OLD })] });
    expect(warnings).toEqual([]);
  });
});
