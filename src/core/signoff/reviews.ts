// Which reviews count for a role, and the standing verdict of each member: approved, objected, stale or none.
import type { PrFacts, ReviewVerdict } from '../types.js';
import { isBot, loginKey, sameLogin } from './identity.js';

export type Review = PrFacts['reviews'][number];

/** Why an approval no longer counts (e.g. "stale: approved abc1234, head is def5678"), or null when it does. */
export type StaleCheck = (review: Review) => string | null;

/** Oldest first by `at`, ties broken by id, then by the remaining fields so the order is total. */
export function compareReviews(a: Review, b: Review): number {
  return compareTimes(a.at, b.at) || compareTies(a, b);
}

function compareTies(a: Review, b: Review): number {
  return (
    compareIds(a.id, b.id) ||
    compareText(a.author, b.author) ||
    compareText(a.state, b.state) ||
    compareText(a.commit, b.commit) ||
    compareText(a.body ?? '', b.body ?? '')
  );
}

// Facts are never mutated once read; an evaluation asks for the same order up to four times.
const sorted = new WeakMap<readonly Review[], readonly Review[]>();

/**
 * In compareReviews' order. Each time is parsed once, not in every comparison (100,000 reviews: 2 s →
 * 0.1 s), and each list is sorted once (the result is shared: do not change it).
 */
export function sortReviews(reviews: readonly Review[]): readonly Review[] {
  let order = sorted.get(reviews);
  if (!order) {
    const keyed = reviews.map((review) => ({ review, time: Date.parse(review.at) }));
    keyed.sort((a, b) => compareParsedTimes(a.time, b.time, a.review.at, b.review.at) || compareTies(a.review, b.review));
    order = keyed.map((entry) => entry.review);
    sorted.set(reviews, order);
  }
  return order;
}

/** Earlier instants first; unparsable times (which the facts schema rejects) sort first, among themselves by text. */
export function compareTimes(a: string, b: string): number {
  return compareParsedTimes(Date.parse(a), Date.parse(b), a, b);
}

function compareParsedTimes(ta: number, tb: number, a: string, b: string): number {
  if (Number.isNaN(ta) || Number.isNaN(tb)) {
    if (Number.isNaN(ta) && Number.isNaN(tb)) return compareText(a, b);
    return Number.isNaN(ta) ? -1 : 1;
  }
  return ta - tb;
}

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One person's verdict from their reviews. */
export interface Standing {
  kind: 'approved' | 'objected' | 'stale' | 'none';
  /** The review that carries the verdict: the counted approval or objection, or the latest stale approval. */
  review: Review | null;
  /**
   * Why each of the person's verdict reviews does not count, by position in the list given to
   * standing(); null for the one that counts. (An array, not a map by review: 100,000 reviews.)
   */
  why: Array<string | null>;
}

/**
 * The standing of one person, from their APPROVED and CHANGES_REQUESTED reviews (oldest first, none
 * dismissed): the latest one decides, as on GitHub. An objection counts whatever commit it reviewed; an
 * approval counts when it is not stale. Among consecutive approvals after the last objection, the
 * latest one that is not stale counts, so reviewing an older commit later does not undo a current approval.
 */
export function standing(verdicts: readonly Review[], stale: StaleCheck): Standing {
  const lastAt = verdicts.length - 1;
  const last = verdicts[lastAt];
  if (last === undefined) return { kind: 'none', review: null, why: [] };
  if (last.state === 'CHANGES_REQUESTED') {
    const reason = superseded(last);
    return { kind: 'objected', review: last, why: verdicts.map((_, i) => (i === lastAt ? null : reason)) };
  }
  let runStart = verdicts.length;
  while (runStart > 0 && verdicts[runStart - 1]?.state === 'APPROVED') runStart--;
  const why: Array<string | null> = [];
  let counted = -1;
  for (let i = runStart; i < verdicts.length; i++) {
    const reason = stale(verdicts[i]!);
    if (reason === null) counted = i;
    else why[i] = reason;
  }
  const reason = superseded(counted >= 0 ? verdicts[counted]! : last);
  for (let i = 0; i < verdicts.length; i++) why[i] = i === counted ? null : (why[i] ?? reason);
  return counted >= 0 ? { kind: 'approved', review: verdicts[counted]!, why } : { kind: 'stale', review: last, why };
}

function superseded(by: Review): string {
  return `superseded by ${by.author}'s later review ${by.id}`;
}

// Each person's verdict reviews, indexed once per list of reviews (the owner's, the base owner's and
// governance's questions each asked for one person's, passing over every review again).
const verdictIndex = new WeakMap<readonly Review[], Map<string, Review[]>>();

/** The reviews a person's standing is computed from: their own APPROVED and CHANGES_REQUESTED, not dismissed (shared: do not change). */
export function verdictsOf(reviews: readonly Review[], login: string): readonly Review[] {
  let index = verdictIndex.get(reviews);
  if (!index) {
    index = new Map();
    for (const review of reviews) {
      if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED') continue;
      const key = loginKey(review.author);
      const own = index.get(key);
      if (own) own.push(review);
      else index.set(key, [review]);
    }
    verdictIndex.set(reviews, index);
  }
  return index.get(loginKey(login)) ?? [];
}

export interface RoleReviews {
  /** Every review shown for the role, oldest first. */
  verdicts: ReviewVerdict[];
  approvals: Review[];
  objections: Review[];
  /** Members whose only approval is stale: the latest stale approval and why. */
  stale: Array<{ review: Review; reason: string }>;
}

export interface RoleReviewContext {
  role: string;
  /** All reviews of the PR, sorted with compareReviews. */
  reviews: readonly Review[];
  /** Logins of the role's members (resolved). */
  members: readonly string[];
  author: string;
  /** True for a login that belongs to no role and is neither the owner nor the base owner: shown in every role. */
  isOutsider: (login: string) => boolean;
  /** Teams of the role that could not be resolved, to explain a non-member verdict. */
  unresolvedTeams: readonly string[];
  stale: StaleCheck;
}

/**
 * Judges the reviews that concern a role: its members' reviews and outsiders' verdicts. COMMENTED reviews
 * never change a verdict and are not shown. The PR author's, bots', dismissed and non-members' reviews never count.
 */
export function judgeRoleReviews(context: RoleReviewContext): RoleReviews {
  const memberKeys = new Set(context.members.map(loginKey));
  // Why each shown review does not count (null: it counts), by position in `shown`. Verdict objects
  // are built once, at the end (100,000 reviews make as many verdicts: each allocation shows).
  const shown: Review[] = [];
  const why: Array<string | null> = [];
  const eligible = new Map<string, { reviews: Review[]; at: number[] }>();

  for (const review of context.reviews) {
    if (review.state === 'COMMENTED') continue;
    const key = loginKey(review.author);
    const member = memberKeys.has(key);
    if (!member && !context.isOutsider(review.author)) continue;
    const reason = exclusion(review, member, context);
    why.push(reason);
    shown.push(review);
    if (reason !== null) continue;
    const own = eligible.get(key);
    if (own) {
      own.reviews.push(review);
      own.at.push(shown.length - 1);
    } else eligible.set(key, { reviews: [review], at: [shown.length - 1] });
  }

  const approvals: Review[] = [];
  const objections: Review[] = [];
  const stale: RoleReviews['stale'] = [];
  for (const own of eligible.values()) {
    const result = standing(own.reviews, context.stale);
    own.at.forEach((at, i) => {
      why[at] = result.why[i] ?? null;
    });
    if (result.review === null) continue;
    if (result.kind === 'approved') approvals.push(result.review);
    if (result.kind === 'objected') objections.push(result.review);
    if (result.kind === 'stale') stale.push({ review: result.review, reason: result.why[own.reviews.length - 1] ?? 'stale' });
  }

  return {
    verdicts: shown.map((review, at) => verdict(review, why[at] ?? null)),
    approvals: approvals.sort(compareReviews),
    objections: objections.sort(compareReviews),
    stale: stale.sort((a, b) => compareReviews(a.review, b.review)),
  };
}

function exclusion(review: Review, member: boolean, context: RoleReviewContext): string | null {
  if (sameLogin(review.author, context.author)) return 'the PR author cannot review their own pull request';
  if (isBot(review.author)) return 'reviews by bots do not count';
  if (review.state === 'DISMISSED') return 'dismissed';
  if (!member) {
    const unresolved = context.unresolvedTeams;
    return unresolved.length > 0
      ? `not a known member of ${context.role} (team ${unresolved.join(', ')} could not be resolved)`
      : `not a member of ${context.role}`;
  }
  return null;
}

// Two literals rather than a spread: same keys, same order, one allocation each.
function verdict(review: Review, reason: string | null): ReviewVerdict {
  if (reason === null)
    return { id: review.id, author: review.author, state: review.state, at: review.at, commit: review.commit, counted: true };
  return {
    id: review.id,
    author: review.author,
    state: review.state,
    at: review.at,
    commit: review.commit,
    counted: false,
    not_counted_because: reason,
  };
}
