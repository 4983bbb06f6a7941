// Which bases may pass, and the one verdict a head commit carries when open pull requests share it.
import { describe, expect, it } from 'vitest';
import { branchMatches, headVerdict, ungatedBase, type HeadVerdict } from '../../src/core/branches.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import type { Policy } from '../../src/core/types.js';
import { listCriteria } from '../../src/report/explain.js';

const DEFAULT = loadBundledPolicy('default').policy;
const listing = (branches: string[]): Policy => ({ ...DEFAULT, branches });

describe('ungatedBase', () => {
  it.each([
    ['the default branch, no branches set', DEFAULT, 'main', null],
    [
      'another branch, no branches set',
      DEFAULT,
      'mallory-base',
      'base mallory-base is not a gated branch (gated: main (the default branch; the policy sets no branches))',
    ],
    ['a branch a glob lists', listing(['main', 'release/*']), 'release/2.0', null],
    [
      'a glob does not cross a slash',
      listing(['release/*']),
      'release/2.0/hotfix',
      'base release/2.0/hotfix is not a gated branch (gated: release/*)',
    ],
    ['** crosses slashes', listing(['hotfix/**']), 'hotfix/a/b', null],
    [
      'the default branch when the list leaves it out',
      listing(['release/*']),
      'main',
      'base main is not a gated branch (gated: release/*)',
    ],
    ['any branch under branches: []', listing([]), 'main', 'base main is not a gated branch (the policy gates no branch)'],
    ['a name is matched exactly, not as a prefix', listing(['main']), 'main-decoy', 'base main-decoy is not a gated branch (gated: main)'],
  ])('%s', (_name, policy, base, expected) => {
    expect(ungatedBase(policy, base, 'main')).toBe(expected);
  });

  it('reads a name with no glob syntax literally', () => {
    expect(branchMatches(['release'], 'release')).toBe(true);
    expect(branchMatches(['release'], 'Release')).toBe(false);
  });
});

const v = (number: number, decision: HeadVerdict['decision'], gatedBase = true, description = `own words of #${number}`): HeadVerdict => ({
  number,
  gatedBase,
  decision,
  description,
});

describe('headVerdict', () => {
  it.each<[string, HeadVerdict, HeadVerdict[], { decision: string; description: string }]>([
    [
      'one pull request on its head: its own verdict, unchanged',
      v(12, 'ready'),
      [],
      { decision: 'ready', description: 'own words of #12' },
    ],
    [
      'a decoy to an ungated base beside a pending real one: the real one’s',
      v(13, 'blocked', false),
      [v(12, 'pending')],
      { decision: 'pending', description: 'waiting on #12: own words of #12' },
    ],
    [
      'a real one, ready, beside a blocked decoy to an ungated base: the decoy is left out',
      v(12, 'ready'),
      [v(13, 'blocked', false)],
      { decision: 'ready', description: '#12 ready: own words of #12' },
    ],
    [
      'two gated, one blocked: the blocked one, named',
      v(12, 'ready'),
      [v(13, 'blocked')],
      { decision: 'blocked', description: 'blocked by #13: own words of #13' },
    ],
    [
      'none gated: this run’s own failure',
      v(13, 'blocked', false, 'base x is not a gated branch'),
      [v(14, 'blocked', false)],
      { decision: 'blocked', description: 'base x is not a gated branch' },
    ],
    ['two ready: both named', v(13, 'ready'), [v(12, 'ready')], { decision: 'ready', description: '#12, #13 ready: own words of #12' }],
  ])('%s', (_name, own, others, expected) => {
    expect(headVerdict(own, others)).toEqual(expected);
  });

  it('does not depend on which pull request runs: the same verdict from each side', () => {
    const a = v(12, 'pending');
    const b = v(13, 'blocked');
    const c = v(14, 'ready', false);
    expect(headVerdict(a, [b, c])).toEqual(headVerdict(b, [c, a]));
    expect(headVerdict(c, [a, b])).toEqual(headVerdict(a, [b, c]));
  });
});

describe('explain says which bases may pass', () => {
  it.each([
    [DEFAULT, "Gated branches: the repository's default branch (the policy sets no branches); a pull request to any other base fails."],
    [listing(['main', 'release/*']), 'Gated branches: main, release/* (branches); a pull request to any other base fails.'],
    [listing([]), 'Gated branches: none (branches: []); no pull request passes.'],
  ])('%#', (policy, line) => {
    expect(listCriteria(policy).trimEnd().split('\n').at(-1)).toBe(line);
  });
});
