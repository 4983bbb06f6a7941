// A role's review window: it starts when the PR is ready for review and the role has been asked, and runs for the policy's window.
import { parseDuration } from '../duration.js';
import type { PrFacts } from '../types.js';

export type ReviewWindow =
  | { kind: 'draft' }
  | { kind: 'not_requested' }
  | { kind: 'bad_window' }
  | { kind: 'open' | 'closed'; start: number; deadline: number };

/**
 * The window starts at the later of ready_at and the first review request naming the role; it is closed
 * from the deadline instant on. A draft starts no window.
 */
export function reviewWindow(
  facts: PrFacts,
  window: string,
  namesRole: (reviewer: string) => boolean,
  now: number,
): ReviewWindow {
  const ready = facts.ready_at === null ? Number.NaN : Date.parse(facts.ready_at);
  if (facts.draft || Number.isNaN(ready)) return { kind: 'draft' };
  let asked: number | null = null;
  for (const request of facts.review_requests) {
    if (!namesRole(request.reviewer)) continue;
    const at = Date.parse(request.at);
    if (!Number.isNaN(at) && (asked === null || at < asked)) asked = at;
  }
  if (asked === null) return { kind: 'not_requested' };
  const span = parseDuration(window);
  if (span === null) return { kind: 'bad_window' };
  const start = Math.max(ready, asked);
  const deadline = start + span;
  return { kind: now >= deadline ? 'closed' : 'open', start, deadline };
}
