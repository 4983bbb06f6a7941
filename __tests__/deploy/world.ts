// Scenarios for the deploy-time gate: acme/models where pull request #7 (the churn-forecast pilot,
// ready at its merge) was merged into main as MERGED, by squash or by a merge commit.
import { reminderMarker } from '../../src/report/reminder.js';
import type { PullSpec, Scenario } from '../support/fake-github/scenario.js';
import {
  BASE,
  DAY,
  DEFAULT_POLICY_TEXT,
  HEAD,
  OWNER,
  daysAgo,
  exampleManifest,
  pilotFiles,
  pull,
  review,
  sha,
  world,
  type PullOptions,
} from '../e2e/scenario.js';

/** The commit on main that the merge of #7 made. */
export const MERGED = sha('d', 1);
/** A commit pushed straight to main, after the merge. */
export const PUSHED = sha('e', 1);
export const POLICY_PATH = '.github/pilot-readiness-policy.yml';
/** The default policy with OPS-4 (support team trained, waivable) asked of the low tier too, so the pilot can waive it. */
export const WAIVABLE_POLICY = DEFAULT_POLICY_TEXT.replace(
  /(- id: OPS-4\n(?:.*\n)*?\s+required_for: )\[medium, high\]/,
  '$1[low, medium, high]',
);

/** Legal consented by silence, security approved 15 days ago, the owner a day ago: ready. */
export const READY: PullOptions = { requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 1)] };

export interface DeployWorld {
  kind?: 'squash' | 'merge';
  pr?: PullOptions;
  /** When #7 was merged, in days before now. */
  mergedDaysAgo?: number;
  /** The pilot's manifest at the head and the merge (default: the example's, re-dated). */
  manifest?: string;
  /** Extra files on main before the merge (the trusted policy). */
  base?: Record<string, string>;
  pulls?: PullSpec[];
  associated?: Record<string, Array<number | string>>;
  extraRepos?: Scenario['repos'];
  faults?: Scenario['faults'];
}

export function mergedPull(options: DeployWorld = {}): PullSpec {
  return { ...pull(options.pr ?? READY), state: 'closed', merged_at: daysAgo(options.mergedDaysAgo ?? 0.5), merge_commit_sha: MERGED };
}

export function deployWorld(options: DeployWorld = {}): Scenario {
  const head = pilotFiles(options.manifest ?? exampleManifest());
  const base = { ...pilotFiles(), ...(options.base ?? {}) };
  const scenario = world({
    pulls: options.pulls ?? [mergedPull(options)],
    base,
    heads: { [HEAD]: head, [MERGED]: { ...base, ...head }, [PUSHED]: { ...base, ...head } },
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const repo = scenario.repos!['acme/models']!;
  repo.branches = { main: PUSHED };
  repo.commits = {
    [BASE]: { date: daysAgo(30) },
    [MERGED]: { parents: options.kind === 'merge' ? [BASE, HEAD] : [BASE], date: daysAgo(options.mergedDaysAgo ?? 0.5) },
    [PUSHED]: { parents: [MERGED], date: daysAgo(0.1) },
  };
  if (options.associated) repo.associated_pulls = options.associated;
  if (options.extraRepos) Object.assign(scenario.repos!, options.extraRepos);
  return scenario;
}

/** An instant `days` after now. */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY);
}

/** The example manifest with a waiver of OPS-4 that expires on `expires` (YYYY-MM-DD). */
export function waivedManifest(expires: string): string {
  return `${exampleManifest()}\nwaivers:\n  OPS-4:\n    reason: "The support rota is trained in the first week after launch."\n    expires: ${expires}\n    approved_by: security\n`;
}

/** The default policy with legal's silence counting only after the gate's reminder, at every tier (as at high risk by default). */
export const REMINDING_POLICY = 'version: 1\nextends: default\nroles:\n  legal: { consent_requires_reminder: true }\n';

/**
 * #7 judged by REMINDING_POLICY: legal asked 20 days ago (its 14d window closed 6 days ago, its
 * reminder was due 8 days ago), security and the owner approved, merged `mergedDaysAgo` ago; with
 * a comment carrying legal's reminder marker for that window from each of `comments`.
 */
export function remindedWorld(comments: Array<{ user: string; daysAgo: number }>, mergedDaysAgo = 0.5): Scenario {
  const p = mergedPull({ mergedDaysAgo });
  const asked = p.timeline!.find((e) => 'requested_reviewer' in e && e.requested_reviewer === 'lee-legal')!.created_at;
  const deadline = new Date(Date.parse(asked) + 14 * DAY).toISOString();
  p.comments = comments.map((c) => ({
    user: c.user,
    body: `${reminderMarker('churn-forecast', 'legal', deadline)}\n@lee-legal, please review: silence will count as consent.`,
    created_at: daysAgo(c.daysAgo),
  }));
  return deployWorld({ pulls: [p], mergedDaysAgo, base: { [POLICY_PATH]: REMINDING_POLICY } });
}
