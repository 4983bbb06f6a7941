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

/** In compareReviews' order. Each time is parsed once, not in every comparison (100,000 reviews: 2 s → 0.1 s). */
export function sortReviews(reviews: readonly Review[]): Review[] {
  const keyed = reviews.map((review) => ({ review, time: Date.parse(review.at) }));
  keyed.sort((a, b) => compareParsedTimes(a.time, b.time, a.review.at, b.review.at) || compareTies(a.review, b.review));
  return keyed.map((entry) => entry.review);
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
  /** Why each of the person's other verdict reviews does not count. */
  notCounted: Map<Review, string>;
}

/**
 * The standing of one person, from their APPROVED and CHANGES_REQUESTED reviews (oldest first, none
 * dismissed): the latest one decides, as on GitHub. An objection counts whatever commit it reviewed; an
 * approval counts when it is not stale. Among consecutive approvals after the last objection, the
 * latest one that is not stale counts, so reviewing an older commit later does not undo a current approval.
 */
export function standing(verdicts: readonly Review[], stale: StaleCheck): Standing {
  const notCounted = new Map<Review, string>();
  const last = verdicts[verdicts.length - 1];
  if (last === undefined) return { kind: 'none', review: null, notCounted };
  if (last.state === 'CHANGES_REQUESTED') {
    for (const review of verdicts) if (review !== last) notCounted.set(review, superseded(last));
    return { kind: 'objected', review: last, notCounted };
  }
  let runStart = verdicts.length;
  while (runStart > 0 && verdicts[runStart - 1]?.state === 'APPROVED') runStart--;
  const staleness = new Map<Review, string>();
  let counted: Review | null = null;
  for (const review of verdicts.slice(runStart)) {
    const reason = stale(review);
    if (reason === null) counted = review;
    else staleness.set(review, reason);
  }
  for (const review of verdicts) {
    if (review === counted) continue;
    notCounted.set(review, staleness.get(review) ?? superseded(counted ?? last));
  }
  return counted ? { kind: 'approved', review: counted, notCounted } : { kind: 'stale', review: last, notCounted };
}

function superseded(by: Review): string {
  return `superseded by ${by.author}'s later review ${by.id}`;
}

/** The reviews a person's standing is computed from: their own APPROVED and CHANGES_REQUESTED, not dismissed. */
export function verdictsOf(reviews: readonly Review[], login: string): Review[] {
  return reviews.filter(
    (review) => sameLogin(review.author, login) && (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED'),
  );
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
  const verdicts = new Map<Review, ReviewVerdict>();
  const eligible = new Map<string, Review[]>();
  const shown: Review[] = [];

  for (const review of context.reviews) {
    if (review.state === 'COMMENTED') continue;
    const member = memberKeys.has(loginKey(review.author));
    if (!member && !context.isOutsider(review.author)) continue;
    shown.push(review);
    const reason = exclusion(review, member, context);
    if (reason !== null) {
      verdicts.set(review, verdict(review, reason));
      continue;
    }
    const key = loginKey(review.author);
    const own = eligible.get(key) ?? [];
    own.push(review);
    eligible.set(key, own);
  }

  const approvals: Review[] = [];
  const objections: Review[] = [];
  const stale: RoleReviews['stale'] = [];
  for (const own of eligible.values()) {
    const result = standing(own, context.stale);
    for (const [review, reason] of result.notCounted) verdicts.set(review, verdict(review, reason));
    if (result.review === null) continue;
    if (result.kind === 'approved') approvals.push(result.review);
    if (result.kind === 'objected') objections.push(result.review);
    if (result.kind === 'stale') {
      stale.push({ review: result.review, reason: result.notCounted.get(result.review) ?? 'stale' });
    } else {
      verdicts.set(result.review, verdict(result.review, null));
    }
  }

  return {
    verdicts: shown.map((review) => verdicts.get(review) ?? verdict(review, null)),
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

function verdict(review: Review, reason: string | null): ReviewVerdict {
  const base: ReviewVerdict = {
    id: review.id,
    author: review.author,
    state: review.state,
    at: review.at,
    commit: review.commit,
    counted: reason === null,
  };
  return reason === null ? base : { ...base, not_counted_because: reason };
}
