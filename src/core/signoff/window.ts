// A role's review window: it starts when the PR is ready for review and the role has been asked, and runs for the policy's window.
import { parseDuration } from '../duration.js';
import type { PrFacts } from '../types.js';

export type ReviewWindow =
  | { kind: 'draft' }
  | { kind: 'not_requested' }
  | { kind: 'bad_window' }
  | { kind: 'open' | 'closed'; start: number; deadline: number };

/**
 * When the role was asked, as the request and removal events of its members and teams tell it: the
 * instant the current spell of "someone of the role is requested" began, or null when none of the role
 * is requested now (never asked, or every request of the role was removed).
 *
 * Events are taken in time order. A request made while none of the role is requested starts a new
 * spell; a request while another of the role is still requested does not move the start. A removal
 * that leaves none of the role requested ends the spell. A removal of someone not requested (its
 * request out of sight) changes nothing.
 *
 * Ties: GitHub gives event times to the second, so the order of events within one instant is unknown.
 * At one instant removals are applied first, then the requests of reviewers not also removed at that
 * instant. Of every order the events could really have had, this one gives the latest start or none:
 * a removal that may have emptied the role ends the spell, and a reviewer both requested and removed
 * in the same second counts as removed. Silence therefore never counts as consent sooner than it would
 * under the true order; at worst the role is asked again.
 */
function askedSince(facts: PrFacts, namesRole: (reviewer: string) => boolean): number | null {
  const events: Array<{ at: number; key: string; removed: boolean }> = [];
  for (const request of facts.review_requests) {
    if (!namesRole(request.reviewer)) continue;
    const at = Date.parse(request.at);
    if (Number.isNaN(at)) continue;
    events.push({ at, key: request.reviewer.toLowerCase(), removed: request.removed === true });
  }
  events.sort((a, b) => a.at - b.at);

  const requested = new Set<string>();
  let since: number | null = null;
  for (let i = 0; i < events.length; ) {
    const at = events[i]?.at;
    const instant: typeof events = [];
    while (i < events.length && events[i]?.at === at) instant.push(events[i++] as (typeof events)[number]);
    const removed = new Set(instant.filter((e) => e.removed).map((e) => e.key));
    for (const key of removed) requested.delete(key);
    if (requested.size === 0) since = null;
    for (const e of instant) {
      if (e.removed || removed.has(e.key)) continue;
      if (requested.size === 0) since = e.at;
      requested.add(e.key);
    }
  }
  return since;
}

/**
 * The window starts at the later of ready_at and the request that began the role's current spell of
 * being asked (without removals: its first request); it is closed from the deadline instant on. A draft
 * starts no window; a role whose every request was removed is not requested.
 */
export function reviewWindow(facts: PrFacts, window: string, namesRole: (reviewer: string) => boolean, now: number): ReviewWindow {
  const ready = facts.ready_at === null ? Number.NaN : Date.parse(facts.ready_at);
  if (facts.draft || Number.isNaN(ready)) return { kind: 'draft' };
  const asked = askedSince(facts, namesRole);
  if (asked === null) return { kind: 'not_requested' };
  const span = parseDuration(window);
  if (span === null) return { kind: 'bad_window' };
  const start = Math.max(ready, asked);
  const deadline = start + span;
  return { kind: now >= deadline ? 'closed' : 'open', start, deadline };
}
