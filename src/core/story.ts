// The verdict story as data: what holds a pull request's pilot, who acts next, and by when. Every
// renderer (the comment and summary Markdown, the terminal text, the commit status) tells this one
// story in its own words and decides nothing itself; a dashboard or a dossier can read it as it is.
// Instants stay instants (ISO 8601): formatting them is the renderer's business.
import { silenceAt } from './signoff/reminder.js';
import type { CriterionResult, Decision, GovernanceChange, Report, RoleResult } from './types.js';

/** The required criteria of a report (or of a part of it), counted one way everywhere. */
export interface Tally {
  required: number;
  /** Met with evidence (not counting not_applicable). */
  met: number;
  /** Justified as not applicable where the policy allows it. */
  not_applicable: number;
  waived: number;
  /** Missing or failed. */
  open: number;
  /** Awaiting a role's sign-off. */
  pending: number;
}

export function tally(report: Pick<Report, 'criteria'>, which: (criterion: CriterionResult) => boolean = () => true): Tally {
  const t: Tally = { required: 0, met: 0, not_applicable: 0, waived: 0, open: 0, pending: 0 };
  for (const c of report.criteria) {
    if (!c.required || !which(c)) continue;
    t.required++;
    if (c.status === 'met') t.met++;
    else if (c.status === 'not_applicable') t.not_applicable++;
    else if (c.status === 'waived') t.waived++;
    else if (c.status === 'awaiting_signoff') t.pending++;
    else t.open++;
  }
  return t;
}

/** A required criterion that holds the pilot until evidence comes (missing or failed). */
export const isOpen = (c: CriterionResult): boolean => c.required && (c.status === 'missing' || c.status === 'failed');

/**
 * The criteria whose dated evidence goes stale first, and the last instant it passes (their
 * valid_until); null when no met criterion's evidence ages. What a ready pilot must renew, and when.
 */
export function firstRenewal(report: Pick<Report, 'criteria'>): { ids: string[]; at: string } | null {
  let first: number | null = null;
  let ids: string[] = [];
  for (const c of report.criteria) {
    const at = c.valid_until ? Date.parse(c.valid_until) : Number.NaN;
    if (!Number.isFinite(at)) continue;
    if (first === null || at < first) {
      first = at;
      ids = [c.id];
    } else if (at === first) ids.push(c.id);
  }
  return first === null ? null : { ids, at: new Date(first).toISOString() };
}

/** Who acts: the manifest's author, the accountable owner, named people (of a role, when known), or any member of a role. */
export type Actor =
  | { as: 'author' }
  /** The accountable owner; login null when the manifest names none that can be shown. */
  | { as: 'owner'; login: string | null }
  /** Named people; `role` is whose reviewers they are, when they speak for one (an empty list: any of its reviewers). */
  | { as: 'people'; logins: string[]; role?: string }
  /** Any member of a role (or team) of the policy. */
  | { as: 'role'; role: string };

/** A retirement of a pilot, which only the owner on the base branch may approve. */
export interface Retirement {
  summary: string;
  approved: boolean;
  /** Everyone the retirement needs, and those of them still awaited. */
  needs: string[];
  awaiting: string[];
}

/** What holds the pilot (blocked) or what it waits for (pending): one item each. */
export type Hold =
  | { what: 'input'; problems: number; file: string }
  | { what: 'retirement'; retirement: Retirement }
  | { what: 'objection'; role: string; by: string[] }
  | { what: 'lapsed'; role: string; window: string }
  /** A role that holds for another reason (its hint says which), or a pending one with no window running. */
  | { what: 'role'; role: string; hint: string }
  | { what: 'owner_invalid'; reason: string }
  | { what: 'criteria'; open: number; required: number; gates: string[] }
  /** Blocked for reasons no item above names: the report's own list. */
  | { what: 'blocked'; by: string[] }
  | { what: 'governance'; summary: string; awaiting: Actor[] }
  /**
   * A window that runs: `left_ms` to its deadline as evaluated, `silence_at` when silence takes effect
   * (a late reminder moves it past the deadline), `silence_left_ms` from the story's `now` to then.
   */
  | {
      what: 'window';
      role: string;
      who: string[];
      left_ms: number;
      silence_at: string;
      silence_left_ms: number;
      on_silence: RoleResult['on_silence'];
    }
  | { what: 'not_requested'; role: string }
  | { what: 'waiver'; criterion: string; role: string }
  | { what: 'signoff'; criterion: string; role: string | null }
  | { what: 'owner_approval'; login: string | null }
  /** Pending for reasons no item above names: the report's own list. */
  | { what: 'waiting'; on: string[] };

/** One next step, with who takes it. */
export type Step =
  | { what: 'fix_input'; who: Actor; problems: number; file: string }
  /** Nothing holds: merge; a ready pilot's first renewal, when its evidence ages. */
  | { what: 'merge'; who: Actor; renewal: { criteria: string[]; by: string } | null }
  | { what: 'approve_retirement'; who: Actor }
  /** An objection answered: the objectors re-review, or the owner overrides with `command`. */
  | { what: 're_review'; who: Actor; role: string; override: { owner: Actor; command: string } }
  | { what: 'review'; who: Actor; role: string }
  | { what: 'name_owner'; who: Actor }
  | { what: 'provide_evidence'; who: Actor; file: string }
  | { what: 'approve_waiver'; who: Actor; criterion: string }
  | { what: 'renew_waiver'; who: Actor; criterion: string; expired: string }
  | { what: 'see_role'; who: Actor; role: string }
  | { what: 'request_review'; who: Actor; role: string; reviewers: string[]; window: string }
  /** Everyone whose approval of the head commit the pilot waits for, each once. */
  | { what: 'approve_head'; who: Actor[] }
  | { what: 'review_sooner'; who: Actor; role: string };

/** The verdict as its readers need it first, the words left to each renderer. */
export interface Headline {
  decision: Decision;
  tally: Tally;
  /** A retirement tells its own story whatever else the report says. */
  retirement: Retirement | null;
  /** For a ready report, the evidence that ages first and the instant it stops passing. */
  renewal: { criteria: string[]; by: string } | null;
  /** The accountable owner, whose approval a ready pilot has. */
  owner: Actor;
  blocked_by: string[];
  waiting_on: string[];
}

export interface Story {
  /** The decision the holds and steps tell: a retirement's approval reads as ready, its wait as pending. */
  decision: Decision;
  headline: Headline;
  holds: Hold[];
  next: Step[];
}

/** An array from a report field, or [] (a replayed or hand-written report may hold anything). */
const list = <T>(value: readonly T[] | undefined | null): readonly T[] => (Array.isArray(value) ? value : []);

/** The people of a role who reviewed and counted (in a given state, when named), each once. */
export function reviewersOf(role: RoleResult, state?: RoleResult['reviews'][number]['state']): string[] {
  const acted = list(role.reviews)
    .filter((r) => r.counted && (state === undefined || r.state === state))
    .map((r) => r.author);
  return [...new Set(acted)];
}

function retirementOf(report: Report): Retirement | null {
  const change = report.governance_changes?.find((c) => c.kind === 'retired');
  if (!change) return null;
  return {
    summary: change.summary,
    approved: change.approved,
    needs: change.needs.map((n) => n.who),
    awaiting: change.needs.filter((n) => n.status === 'awaiting').map((n) => n.who),
  };
}

const author: Actor = { as: 'author' };
const ownerOf = (report: Report): Actor => ({ as: 'owner', login: report.owner.login ? report.owner.login : null });

/** What a blocked pilot's blocking roles, owner, criteria and waivers hold, and each way out. */
function blockedStory(report: Report, t: Tally): Pick<Story, 'holds' | 'next'> {
  const holds: Hold[] = [];
  const next: Step[] = [];
  for (const role of report.roles.filter((r) => r.blocking)) {
    if (role.status === 'objected') {
      const by = reviewersOf(role, 'CHANGES_REQUESTED');
      holds.push({ what: 'objection', role: role.role, by });
      next.push({
        what: 're_review',
        who: { as: 'people', logins: by, role: role.role },
        role: role.role,
        override: { owner: ownerOf(report), command: `/override ${role.role}: <reason>` },
      });
    } else if (role.status === 'lapsed') {
      holds.push({ what: 'lapsed', role: role.role, window: role.window });
      next.push({ what: 'review', who: { as: 'people', logins: [...list(role.members)], role: role.role }, role: role.role });
    } else {
      holds.push({ what: 'role', role: role.role, hint: role.hint });
    }
  }
  if (report.owner.status === 'invalid') {
    holds.push({ what: 'owner_invalid', reason: report.owner.reason });
    next.push({ what: 'name_owner', who: author });
  }
  const open = report.criteria.filter(isOpen);
  if (open.length > 0) {
    const gates = [...new Set(open.map((c) => report.gates.find((g) => g.id === c.gate)?.title ?? c.gate))];
    holds.push({ what: 'criteria', open: open.length, required: t.required, gates });
    next.push({ what: 'provide_evidence', who: author, file: report.manifest.path });
  }
  for (const w of report.waivers ?? []) {
    if (w.status === 'awaiting_approval')
      next.push({ what: 'approve_waiver', who: { as: 'role', role: w.approved_by }, criterion: w.criterion });
    if (w.status === 'expired') next.push({ what: 'renew_waiver', who: author, criterion: w.criterion, expired: w.expires });
  }
  if (holds.length === 0) holds.push({ what: 'blocked', by: report.blocking });
  return { holds, next };
}

/** Approvers of the head commit, each named once (a person by login, anyone of a role by the role). */
class Approvers {
  readonly all: Actor[] = [];
  private readonly seen = new Set<string>();
  add(actor: Actor): void {
    const key = actor.as === 'role' ? `role:${actor.role}` : actor.as === 'people' ? `login:${actor.logins.join(',')}` : `${actor.as}`;
    // The owner by login is the same person as a governance change's named login.
    const same = actor.as === 'owner' && actor.login !== null ? `login:${actor.login}` : key;
    if (this.seen.has(same)) return;
    this.seen.add(same);
    this.all.push(actor);
  }
}

function governanceWaits(change: GovernanceChange, holds: Hold[], approvers: Approvers): void {
  const awaited = change.needs.filter((n) => n.status === 'awaiting');
  if (awaited.length === 0) return;
  const actors = awaited.map((n): Actor => (n.as === 'role' ? { as: 'role', role: n.who } : { as: 'people', logins: [n.who] }));
  holds.push({ what: 'governance', summary: change.summary, awaiting: actors });
  for (const actor of actors) approvers.add(actor);
}

/**
 * A pending role: its window runs (its people may review sooner; silence takes effect at an
 * instant), or it waits on something its hint names, which the author looks into.
 */
function roleWaits(role: RoleResult, now: Date, holds: Hold[], steps: { sooner: Step[]; authorSteps: Step[] }): void {
  const who = [...(list(role.resolved_members).length > 0 ? list(role.resolved_members) : list(role.members))];
  const until = silenceAt(role);
  if (!role.deadline || role.time_left_ms === null || until === null) {
    holds.push({ what: 'role', role: role.role, hint: role.hint });
    steps.authorSteps.push({ what: 'see_role', who: author, role: role.role });
    return;
  }
  holds.push({
    what: 'window',
    role: role.role,
    who,
    left_ms: role.time_left_ms,
    silence_at: until,
    silence_left_ms: Math.max(0, Date.parse(until) - now.getTime()),
    on_silence: role.on_silence,
  });
  if (who.length > 0) steps.sooner.push({ what: 'review_sooner', who: { as: 'people', logins: who, role: role.role }, role: role.role });
}

/** What a pending pilot waits for, and the steps that move it: the author's first, then the approvals, then reviews that may come sooner. */
function pendingStory(report: Report, now: Date): Pick<Story, 'holds' | 'next'> {
  const holds: Hold[] = [];
  const approvers = new Approvers();
  const sooner: Step[] = [];
  const authorSteps: Step[] = [];
  for (const change of report.governance_changes ?? []) governanceWaits(change, holds, approvers);
  for (const role of report.roles.filter((r) => r.required && r.status === 'pending')) roleWaits(role, now, holds, { sooner, authorSteps });
  for (const role of report.roles.filter((r) => r.required && r.status === 'not_requested')) {
    holds.push({ what: 'not_requested', role: role.role });
    authorSteps.push({ what: 'request_review', who: author, role: role.role, reviewers: [...list(role.members)], window: role.window });
  }
  for (const w of report.waivers ?? []) {
    if (w.status !== 'awaiting_approval') continue;
    holds.push({ what: 'waiver', criterion: w.criterion, role: w.approved_by });
    approvers.add({ as: 'role', role: w.approved_by });
  }
  for (const c of report.criteria.filter((c) => c.required && c.status === 'awaiting_signoff')) {
    holds.push({ what: 'signoff', criterion: c.id, role: c.signoff ?? null });
    if (c.signoff) approvers.add({ as: 'role', role: c.signoff });
  }
  if (report.owner.status === 'awaiting') {
    holds.push({ what: 'owner_approval', login: report.owner.login ? report.owner.login : null });
    approvers.add(ownerOf(report));
  }
  if (holds.length === 0) holds.push({ what: 'waiting', on: report.waiting_on });
  const approve: Step[] = approvers.all.length > 0 ? [{ what: 'approve_head', who: approvers.all }] : [];
  return { holds, next: [...authorSteps, ...approve, ...sooner] };
}

/**
 * The story of one report: invalid input first (nothing else is judged), then a retirement, then
 * what blocks or what is awaited; `now` (by default the report's own instant) counts down to the
 * instants silence takes effect.
 */
export function tellStory(report: Report, now: Date = new Date(Date.parse(typeof report.now === 'string' ? report.now : ''))): Story {
  const t = tally(report);
  const retirement = retirementOf(report);
  const renew = report.decision === 'ready' ? firstRenewal(report) : null;
  const renewal = renew ? { criteria: renew.ids, by: renew.at } : null;
  const headline: Headline = {
    decision: report.decision,
    renewal,
    tally: t,
    retirement,
    owner: ownerOf(report),
    blocked_by: report.blocking,
    waiting_on: report.waiting_on,
  };
  if (report.errors.length > 0) {
    const problems = { problems: report.errors.length, file: report.manifest.path };
    return {
      decision: 'blocked',
      headline,
      holds: [{ what: 'input', ...problems }],
      next: [{ what: 'fix_input', who: author, ...problems }],
    };
  }
  if (retirement) {
    const approved = retirement.approved;
    return {
      decision: approved ? 'ready' : 'pending',
      headline,
      holds: [{ what: 'retirement', retirement }],
      next: [
        approved
          ? { what: 'merge', who: author, renewal: null }
          : { what: 'approve_retirement', who: { as: 'people', logins: retirement.awaiting } },
      ],
    };
  }
  if (report.decision === 'blocked') return { decision: 'blocked', headline, ...blockedStory(report, t) };
  if (report.decision === 'pending') return { decision: 'pending', headline, ...pendingStory(report, now) };
  return { decision: 'ready', headline, holds: [], next: [{ what: 'merge', who: author, renewal }] };
}
