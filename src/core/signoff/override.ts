// The owner's `/override ROLE: reason` lines, which lift a blocking objection.
import type { Finding, Override } from '../types.js';
import { didYouMean } from './identity.js';
import type { Review } from './reviews.js';

const OVERRIDE_LINE = /^\s*\/override\s+([^\s:]+)\s*(?::(.*))?$/i;

export interface OverrideCommand {
  role: string;
  /** Trimmed; empty when the line gives no reason. */
  reason: string;
}

export function parseOverrides(body: string): OverrideCommand[] {
  const commands: OverrideCommand[] = [];
  for (const line of body.split(/\r?\n/)) {
    const match = OVERRIDE_LINE.exec(line);
    if (match?.[1] !== undefined) commands.push({ role: match[1], reason: (match[2] ?? '').trim() });
  }
  return commands;
}

/**
 * The overrides in the owner's counted approvals (APPROVED, on the head commit), latest per role. A line
 * without a reason, or naming no reviewer role, does not count and is reported.
 */
export function collectOverrides(
  owner: string,
  approvals: readonly Review[],
  roles: readonly string[],
): { byRole: Map<string, Override>; warnings: Finding[] } {
  const byRole = new Map<string, Override>();
  const warnings: Finding[] = [];
  for (const review of approvals) {
    for (const command of parseOverrides(review.body ?? '')) {
      if (!roles.includes(command.role)) {
        const guess = didYouMean(command.role, roles);
        warnings.push({
          message: `${owner}'s /override ${command.role} (review ${review.id}) names no reviewer role${guess ? `; did you mean ${guess}?` : ''}`,
          location: null,
        });
        continue;
      }
      if (command.reason === '') {
        warnings.push({
          message: `${owner}'s /override ${command.role} (review ${review.id}) gives no reason, so it does not count; write \`/override ${command.role}: <reason>\``,
          location: null,
        });
        continue;
      }
      byRole.set(command.role, { role: command.role, by: review.author, reason: command.reason, review_id: review.id, at: review.at });
    }
  }
  return { byRole, warnings };
}
