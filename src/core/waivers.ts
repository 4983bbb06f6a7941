// Waivers: a manifest's time-limited exemption from a criterion the policy marks waivable, for at most
// the policy's max_waiver, in force only once the named reviewer role approves the pull request, and
// an error the day after it expires.
import { countLettersAndDigits } from './evidence/not-applicable.js';
import { parseDuration } from './duration.js';
import { parseCalendarDate } from './instant.js';
import { criteriaById, reviewerRoles } from './criteria.js';
import type { LoadedPolicy } from './policy.js';
import { didYouMean } from './suggest.js';
import type { CriterionResult, Finding, Manifest, RiskTier, SourceLocation, WaiverEntry, WaiverResult, WaiverStatus } from './types.js';
import type { ParsedYaml } from './yaml.js';

/** The base branch's waivers of the same pilot, as far as the cap across renewals needs them. */
export type BaseWaivers = Readonly<Record<string, { expires: string; since?: string }>>;

/** The base pilot a renamed, moved or split pilot carries on: named in a refusal, so the author sees whose history applies. */
export interface Predecessor {
  path: string;
  name: string | null;
}

/** Shortest reason a waiver needs: a reason, not a shrug. */
export const MIN_WAIVER_REASON_LENGTH = 20;
const DAY_MS = 86_400_000;

/** A waiver that passed every check; whether it applies depends on approval, time and the evidence. */
export interface Waiver {
  criterion: string;
  entry: WaiverEntry;
  /** When it stops holding: the start (UTC) of the day after `expires`. */
  endsAt: Date;
  location: SourceLocation;
}

export interface WaiverCheck {
  valid: Map<string, Waiver>;
  /** Every waiver of the manifest, in its order, as `invalid` until applied. */
  results: WaiverResult[];
  /** Input errors, each at the line of the waiver or of the key at fault. */
  errors: Finding[];
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Checks every waiver against the policy: criterion, max_waiver, waivable, reason, date, role (and the criterion's waiver_approvers). */
export function checkWaivers(input: {
  manifest: Manifest;
  parsed: ParsedYaml;
  policy: LoadedPolicy;
  now: Date;
  base?: BaseWaivers | null;
  /** The base pilot when it had another path or name: its waivers' since still count (a pilot's history follows it). */
  predecessor?: Predecessor | null;
}): WaiverCheck {
  const { manifest, parsed, now } = input;
  const baseWaivers = input.base ?? {};
  const maxTotal = maxWaiverTotal(input.policy);
  const { policy, source } = input.policy;
  const criteria = criteriaById(policy);
  const roles = reviewerRoles(policy).map(([name]) => name);
  const maxWaiver = policy.max_waiver === undefined ? null : parseDuration(policy.max_waiver);
  const check: WaiverCheck = { valid: new Map(), results: [], errors: [] };

  for (const [id, entry] of Object.entries(manifest.waivers ?? {})) {
    const at = (key?: keyof WaiverEntry): SourceLocation => (key ? parsed.locate(['waivers', id, key]) : parsed.locateKey(['waivers', id]));
    const problems: Finding[] = [];
    const refuse = (message: string, location = at()) => problems.push({ message, location });
    if (!criteria.has(id)) {
      refuse(
        `waiver for unknown criterion "${id}": the policy (${source}) has no such criterion.${didYouMean(id, criteria.keys())} Run \`pilot-readiness explain\` to list them.`,
      );
    } else if (maxWaiver === null) {
      refuse(`${id} cannot be waived: the policy (${source}) accepts no waivers (it sets no max_waiver); provide the evidence instead`);
    } else if (criteria.get(id)!.criterion.waivable !== true) {
      refuse(`${id} cannot be waived: the policy (${source}) does not mark it waivable; provide the evidence instead`);
    } else {
      // Letters and digits, not code units: 20 zero-width spaces or emoji say nothing.
      const letters = countLettersAndDigits(entry.reason, MIN_WAIVER_REASON_LENGTH);
      if (letters < MIN_WAIVER_REASON_LENGTH) {
        refuse(
          `the waiver reason for ${id} is too short (${letters} letters or digits); say why in at least ${MIN_WAIVER_REASON_LENGTH}`,
          at('reason'),
        );
      }
      const day = parseCalendarDate(entry.expires);
      if (!day.ok) {
        refuse(`waivers.${id}.expires "${entry.expires}" is ${day.reason}`, at('expires'));
      } else {
        // Whole days: a waiver may end on the day max_waiver from now reaches, whatever the hour.
        const latest = isoDay(new Date(now.getTime() + maxWaiver));
        if (entry.expires > latest) {
          refuse(
            `the waiver for ${id} expires on ${entry.expires}, more than ${policy.max_waiver} (the policy's max_waiver) from now: the latest date allowed is ${latest}`,
            at('expires'),
          );
        }
      }
      const previous = Object.hasOwn(baseWaivers, id) ? baseWaivers[id] : undefined;
      problems.push(
        ...checkSince({
          id,
          entry,
          total: maxTotal,
          totalText: policy.max_waiver_total ?? '',
          source,
          now,
          previousSince: previous?.since,
          predecessor: input.predecessor ?? null,
          expiresOk: day.ok,
          at,
        }),
      );
      const approvers = criteria.get(id)!.criterion.waiver_approvers;
      if (!roles.includes(entry.approved_by)) {
        const allowed = approvers ?? roles;
        const names = allowed.length > 0 ? ` Name one of: ${allowed.join(', ')}.` : '';
        refuse(
          `waivers.${id}.approved_by "${entry.approved_by}" is not a reviewer role of the policy.${didYouMean(entry.approved_by, allowed)}${names}`,
          at('approved_by'),
        );
      } else if (approvers !== undefined && !approvers.includes(entry.approved_by)) {
        // The policy names who may approve a waiver of this criterion; another role's approval would not do.
        refuse(
          `waivers.${id}.approved_by "${entry.approved_by}" may not approve a waiver of ${id}: the policy (${source}) lets only ${approvers.length === 1 ? 'the role' : 'the roles'} ${approvers.join(', ')} approve one (its waiver_approvers)`,
          at('approved_by'),
        );
      }
      if (problems.length === 0 && day.ok) check.valid.set(id, { criterion: id, entry, endsAt: new Date(day.ms + DAY_MS), location: at() });
    }
    check.errors.push(...problems);
    check.results.push({
      criterion: id,
      reason: entry.reason,
      expires: entry.expires,
      approved_by: entry.approved_by,
      ...(entry.since === undefined ? {} : { since: entry.since }),
      status: 'invalid',
      location: at(),
    });
  }
  return check;
}

function maxWaiverTotal(loaded: LoadedPolicy): number | null {
  const text = loaded.policy.max_waiver_total;
  return text === undefined ? null : parseDuration(text);
}

/**
 * The cap across renewals: with max_waiver_total, a waiver states `since`, the first day its criterion
 * was waived, which may not be in the future nor later than the base branch's (a renewal keeps it), and
 * `expires` may be at most since + max_waiver_total. A waiver the base had without `since` (written
 * before the policy set the cap) gets one at its next renewal, which its role approves as any renewal.
 */
function checkSince(args: {
  id: string;
  entry: WaiverEntry;
  /** max_waiver_total in ms; null when the policy sets no cap (a stated `since` is still checked). */
  total: number | null;
  totalText: string;
  source: string;
  now: Date;
  previousSince: string | undefined;
  predecessor: Predecessor | null;
  expiresOk: boolean;
  at: (key?: keyof WaiverEntry) => SourceLocation;
}): Finding[] {
  const { id, entry, total, totalText, source, now, previousSince, predecessor, at } = args;
  const today = isoDay(now);
  const cap = `the policy (${source}) caps the time a criterion stays waived, across renewals, at ${totalText} (its max_waiver_total)`;
  const whose = predecessor ? ` of ${predecessor.name ?? 'the pilot'} at ${predecessor.path}, which this pilot carries on` : '';
  if (entry.since === undefined) {
    if (total === null) return [];
    const start = previousSince ?? today;
    return [
      {
        message: `the waiver for ${id} needs since: the first day ${id} was waived, since ${cap}; add \`since: ${start}\`${previousSince === undefined ? ' for a waiver that starts today' : ` (the base branch's${whose})`}`,
        location: at(),
      },
    ];
  }
  if (typeof entry.since !== 'string')
    return [{ message: `waivers.${id}.since must be a date written as YYYY-MM-DD`, location: at('since') }];
  const start = parseCalendarDate(entry.since);
  if (!start.ok) return [{ message: `waivers.${id}.since "${entry.since}" is ${start.reason}`, location: at('since') }];
  if (entry.since > today) {
    return [
      {
        message: `waivers.${id}.since ${entry.since} is after today (${today}, UTC): since is the first day ${id} was waived, today at the latest`,
        location: at('since'),
      },
    ];
  }
  if (total !== null && previousSince !== undefined && entry.since > previousSince) {
    // Renaming, moving or splitting a pilot does not restart the cap: say whose waiver it continues.
    const message = predecessor
      ? `waivers.${id}.since moves the start of ${id}'s waiver from ${previousSince} to ${entry.since}, but this pilot carries on ${predecessor.name ?? 'the pilot'} (${predecessor.path} on the base branch), whose waiver of ${id} started on ${previousSince}: renaming, moving or splitting a pilot keeps its history, since ${cap}; write \`since: ${previousSince}\`, or provide the evidence`
      : `waivers.${id}.since moves the start of ${id}'s waiver from ${previousSince} (the base branch) to ${entry.since}: a renewal keeps the first day, since ${cap}; write \`since: ${previousSince}\``;
    return [{ message, location: at('since') }];
  }
  if (total === null) return [];
  const latest = isoDay(new Date(start.ms + total));
  if (args.expiresOk && entry.expires > latest) {
    return [
      {
        message: `${id} has been waived since ${entry.since} and ${cap}: this waiver may run to ${latest} at the latest, not ${entry.expires}; provide the evidence`,
        location: at('expires'),
      },
    ];
  }
  return [];
}

export interface AppliedWaiver {
  result: CriterionResult;
  status: Exclude<WaiverStatus, 'invalid'>;
  /** in_force, awaiting_approval and not_needed: a warning at the waiver. */
  warning: Finding | null;
  /** expired: an error at the waiver. */
  error: Finding | null;
}

/**
 * Applies a valid waiver to its criterion's result. Expired: the result stands, plus an error. Not needed
 * (met, not applicable, not required): the result stands, plus a warning. Not yet approved by its role: the
 * result stands, saying what it awaits. Otherwise the criterion is `waived` until the waiver ends.
 */
export function applyWaiver(
  result: CriterionResult,
  waiver: Waiver,
  ctx: { now: Date; approvedRoles: ReadonlySet<string>; tier: RiskTier },
): AppliedWaiver {
  const { criterion: id, entry, location } = waiver;
  const role = entry.approved_by;
  if (ctx.now.getTime() >= waiver.endsAt.getTime()) {
    return {
      result,
      status: 'expired',
      warning: null,
      error: {
        message: `waiver for ${id} expired on ${entry.expires}: provide the evidence, or renew the waiver with a new date and the ${role} role's approval`,
        location,
      },
    };
  }
  const unneeded =
    result.status === 'met'
      ? 'met'
      : result.status === 'not_applicable'
        ? 'justified as not applicable'
        : result.status === 'not_required'
          ? `not required for ${ctx.tier} risk`
          : null;
  if (unneeded !== null) {
    return {
      result,
      status: 'not_needed',
      warning: { message: `the waiver for ${id} is not needed: ${id} is ${unneeded}; remove it`, location },
      error: null,
    };
  }
  if (!ctx.approvedRoles.has(role)) {
    return {
      result: { ...result, reason: `${result.reason} (its waiver awaits an explicit approval from the ${role} role)` },
      status: 'awaiting_approval',
      warning: {
        message: `the waiver for ${id} awaits an explicit approval from the ${role} role; until then ${id} counts as if it had no waiver`,
        location,
      },
      error: null,
    };
  }
  const reason = entry.reason.trim();
  return {
    result: {
      ...result,
      status: 'waived',
      reason: `waived until ${entry.expires}, approved by the ${role} role: ${reason}`,
      problems: [],
      location,
    },
    status: 'in_force',
    warning: { message: `${id} is waived until ${entry.expires}, approved by the ${role} role: ${reason}`, location },
    error: null,
  };
}
