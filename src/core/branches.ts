// Which base branches the gate's success counts for (the policy's `branches`, absent: the repository's
// default branch alone): a pull request to any other branch never earns success, since anyone who can
// push a branch can open one there with the head of a real pull request.
import { minimatch } from 'minimatch';
import type { Decision, Policy } from './types.js';

/** The branches a policy gates, as written (names or globs); absent: the default branch by its name. */
export function gatedBranches(policy: Policy, defaultBranch: string): string[] {
  return policy.branches ?? [defaultBranch];
}

/** Whether an entry of `branches` has glob syntax (a branch name cannot hold `*`, `?` or `[`). */
export const isBranchGlob = (entry: string): boolean => /[*?[]/.test(entry);

/** Whether `branch` is one of `entries` (names or globs: `release/*`, `hotfix/**`). */
export function branchMatches(entries: readonly string[], branch: string): boolean {
  const globs = entries.filter(isBranchGlob);
  if (entries.some((entry) => !isBranchGlob(entry) && entry === branch)) return true;
  if (globs.length === 0) return false;
  return globs.some((glob) => minimatch(branch, glob, { dot: true }));
}

/** Why a pull request to `base` cannot pass, or null when its base is gated. */
export function ungatedBase(policy: Policy, base: string, defaultBranch: string): string | null {
  const gated = gatedBranches(policy, defaultBranch);
  if (branchMatches(gated, base)) return null;
  const which =
    gated.length === 0
      ? 'the policy gates no branch'
      : `gated: ${gated.join(', ')}${policy.branches === undefined ? ' (the default branch; the policy sets no branches)' : ''}`;
  return `base ${base} is not a gated branch (${which})`;
}

/** One open pull request's verdict on a head commit that several share. */
export interface HeadVerdict {
  number: number;
  /** Its base is a branch the policy gates (only those count towards the head's status). */
  gatedBase: boolean;
  decision: Decision;
  description: string;
}

const SEVERITY: Record<Decision, number> = { ready: 0, pending: 1, blocked: 2 };

/**
 * The one verdict a head commit carries when several open pull requests share it: a commit status
 * belongs to the commit, so the worst of those whose base is gated, naming the pull request that
 * holds it. Pull requests to other bases are left out (else anyone could block a real pull request
 * by opening one to a branch of theirs); when none is gated, this run's own failure stands. The
 * result does not depend on which of them runs, so the order of runs (or of a sweep) cannot matter.
 */
export function headVerdict(own: HeadVerdict, others: readonly HeadVerdict[]): { decision: Decision; description: string } {
  const alone = { decision: own.decision, description: own.description };
  if (others.length === 0) return alone;
  const counted = [own, ...others].filter((v) => v.gatedBase).sort((a, b) => a.number - b.number);
  const worst = counted.reduce<HeadVerdict | null>((w, v) => (w === null || SEVERITY[v.decision] > SEVERITY[w.decision] ? v : w), null);
  if (worst === null) return alone;
  const all = counted.map((v) => `#${v.number}`).join(', ');
  const prefix =
    worst.decision === 'blocked'
      ? `blocked by #${worst.number}`
      : worst.decision === 'pending'
        ? `waiting on #${worst.number}`
        : `${all} ready`;
  return { decision: worst.decision, description: `${prefix}: ${worst.description}` };
}
