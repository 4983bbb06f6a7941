// A pilot's history follows it: renaming, moving or splitting a pilot must not restart what the base
// branch already counts (the cap on waivers across renewals, the owner, the tier, the reviewers). A
// new pilot whose evidence is a retired pilot's carries that pilot on. One row per attempt: the first
// through the built Action against the fake GitHub, the rest through the core as the flow calls it
// (pairPilots, then evaluate each pilot against the base manifest it was paired with).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import { pairPilots, UNREAD_COMMIT, type ManifestAt } from '../../src/core/governance.js';
import { loadPolicy } from '../../src/core/policy.js';
import type { GovernanceChangeKind, RepoPathKind, Report } from '../../src/core/types.js';
import { runAction } from '../e2e/run-action.js';
import {
  DAY,
  HEAD,
  MANIFEST,
  OWNER,
  exampleManifest,
  pilotFiles,
  pull,
  pullRequestEvent,
  review,
  statuses,
  world,
} from '../e2e/scenario.js';
import { factsWith, HEAD as COMMIT } from '../signoff/builders.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';

// ---------------------------------------------------------------- through the built Action

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const POLICY_PATH = '.github/pilot-readiness-policy.yml';
const POLICY = 'version: 1\nextends: default\nmax_waiver_total: 90d\n';
const REASON = 'Error-cost model is being built with finance; shadow mode until it lands.';
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const opsWaiver = (since: string, expires: string) =>
  `\nwaivers:\n  OPS-4:\n    reason: "${REASON}"\n    expires: ${expires}\n    approved_by: security\n    since: ${since}\n`;
/** On the base branch OPS-4 has been waived for 80 of the 90 days the policy allows across renewals. */
const FIRST_SINCE = day(-80);
const BASE_MANIFEST = exampleManifest() + opsWaiver(FIRST_SINCE, day(5));

describe('through the built Action: rename and move a pilot to restart its waiver', () => {
  it('a new pilot.name in a new folder with since: today is refused, naming the first since and the predecessor', async () => {
    const dir = 'pilots/churn-v2';
    const renamed = exampleManifest().replace('name: churn-forecast', 'name: churn-forecast-v2') + opsWaiver(day(0), day(40));
    const head: Record<string, string> = { [POLICY_PATH]: POLICY, ...pilotFiles(renamed, dir) };
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 0.5)], files: [MANIFEST, `${dir}/pilot-readiness.yml`] });
    gh = await startGitHub(world({ pulls: [p], base: { [POLICY_PATH]: POLICY, ...pilotFiles(BASE_MANIFEST) }, heads: { [HEAD]: head } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });
    const reports = (run.report as { reports: Report[] }).reports;
    const successor = reports.find((r) => r.manifest.path === `${dir}/pilot-readiness.yml`)!;
    expect(successor.decision).toBe('blocked');
    expect(successor.errors.map((e) => e.message)).toContain(
      `waivers.OPS-4.since moves the start of OPS-4's waiver from ${FIRST_SINCE} to ${day(0)}, but this pilot carries on churn-forecast (${MANIFEST} on the base branch), whose waiver of OPS-4 started on ${FIRST_SINCE}: renaming, moving or splitting a pilot keeps its history, since the policy (${POLICY_PATH}) caps the time a criterion stays waived, across renewals, at 90d (its max_waiver_total); write \`since: ${FIRST_SINCE}\`, or provide the evidence`,
    );
    expect(successor.governance_changes?.map((c) => c.summary)).toContain(
      `pilot churn-forecast-v2 at ${dir}/pilot-readiness.yml carries on churn-forecast from ${MANIFEST}, with its history`,
    );
    // The retirement is still the base owner's to approve, and says who carries the pilot on.
    const retired = reports.find((r) => r.manifest.path === MANIFEST)!;
    expect(retired.governance_changes?.[0]?.summary).toBe(
      `retiring churn-forecast: ${MANIFEST} is deleted; ${dir}/pilot-readiness.yml carries on its history`,
    );
    expect(run.outputs.decision).toBe('blocked');
    expect(statuses(gh).at(-1)?.state).toBe('failure');
    expect(statuses(gh).some((s) => s.state === 'success')).toBe(false);
  }, 60_000);

  it('the control: the same pilot renewed in place, since kept and within the cap, passes', async () => {
    const renewed = exampleManifest() + opsWaiver(FIRST_SINCE, day(10));
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 0.5)], files: [MANIFEST] });
    const head = { [POLICY_PATH]: POLICY, ...pilotFiles(renewed) };
    gh = await startGitHub(world({ pulls: [p], base: { [POLICY_PATH]: POLICY, ...pilotFiles(BASE_MANIFEST) }, heads: { [HEAD]: head } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });
    expect((run.report as Report).errors).toEqual([]);
    expect(run.outputs.decision).toBe('ready');
    expect(statuses(gh).at(-1)?.state).toBe('success');
  }, 60_000);
});

// ---------------------------------------------------------------- through the core, as the flow calls it

const NOW = new Date('2026-11-20T12:00:00Z');
const TODAY = '2026-11-20';
const SINCE = '2026-09-01';
const CORE_POLICY = loadPolicy(
  `version: 1
max_waiver: 60d
max_waiver_total: 90d
tier_confirmed_by: security
roles:
  owner: { accountable: true }
  security: { window: 7d, on_silence: consent, on_objection: block }
gates:
  - id: security
    title: Security clearance
    criteria:
      - id: SEC-1
        title: Penetration test
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        waivable: true
        evidence: { file: {} }
      - id: DOC-1
        title: Model card
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: {} }
`,
  'policy.yml',
);
const WAIVER_REASON = 'Pen test booked for January; the pilot serves internal users only until then.';
const CARD = '# Claims triage\n\nA gradient-boosted model that ranks incoming claims for review.\n';
const SHARED = '# Security standard\n\nEvery pilot follows it.\n';

function pilot(options: { name: string; risk?: string; card?: string; since?: string; expires?: string; extra?: string }): string {
  const waiver =
    options.since === undefined
      ? ''
      : `waivers:\n  SEC-1:\n    reason: ${WAIVER_REASON}\n    expires: ${options.expires ?? '2026-12-15'}\n    approved_by: security\n    since: ${options.since}\n`;
  return `version: 1\npilot:\n  name: ${options.name}\n  risk: ${options.risk ?? 'high'}\nowner: maria\nreviewers: { security: [kim] }\nevidence:\n  DOC-1: { file: ${options.card ?? 'model-card.md'} }\n${options.extra ?? ''}${waiver}`;
}

/** git's blob sha of a text, as a tree lists it. */
const blob = (text: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest('hex');

/** Pairs the pilots as the flow does and evaluates each head manifest against the base it was paired with. */
function gate(base: Record<string, string>, head: Record<string, string>): { reports: Map<string, Report>; errors: string[] } {
  const manifests = (tree: Record<string, string>): ManifestAt[] =>
    Object.entries(tree)
      .filter(([path]) => path.endsWith('pilot-readiness.yml'))
      .map(([path, text]) => ({ path, text }));
  const pairing = pairPilots({
    base: manifests(base),
    head: manifests(head),
    headKind: (path) => (path in head ? 'file' : 'missing'),
    headPaths: () => Object.keys(head),
    changedFiles: [...new Set([...Object.keys(base), ...Object.keys(head)])].filter((path) => base[path] !== head[path]),
    baseBlob: (path) => (path in base ? blob(base[path]!) : undefined),
    headBlob: (path) => (path in head ? blob(head[path]!) : undefined),
    policy: CORE_POLICY.policy,
    differing: new Set(),
    baseFiles: UNREAD_COMMIT,
    headFiles: UNREAD_COMMIT,
    everyPilot: true,
  });
  const files = { stat: (path: string): RepoPathKind | 'missing' => (path in head ? 'file' : 'missing') };
  const reports = new Map<string, Report>();
  for (const pair of pairing.pilots) {
    if (pair.head === null) continue;
    const facts = factsWith({
      ready_at: '2026-11-01T09:00:00Z',
      review_requests: [{ reviewer: 'kim', at: '2026-11-01T09:00:00Z' }],
      reviews: [{ id: 1, author: 'maria', state: 'APPROVED', at: '2026-11-18T10:00:00Z', commit: COMMIT }],
      base_manifest: pair.base ? { owner: 'maria', path: pair.base.path, text: pair.base.text } : null,
    });
    reports.set(pair.head.path, evaluate({ manifest: pair.head, policy: CORE_POLICY, files, ...baseFromFacts(facts), now: NOW }));
  }
  return { reports, errors: pairing.errors.map((e) => e.message) };
}

const sinceErrors = (report: Report | undefined) => (report?.errors ?? []).map((e) => e.message).filter((m) => m.includes('since'));
const restart = (from: string, name: string, path: string) =>
  `waivers.SEC-1.since moves the start of SEC-1's waiver from ${SINCE} to ${TODAY}, but this pilot carries on ${name} (${path} on the base branch), whose waiver of SEC-1 started on ${SINCE}: renaming, moving or splitting a pilot keeps its history, since the policy (policy.yml) caps the time a criterion stays waived, across renewals, at 90d (its max_waiver_total); write \`since: ${from}\`, or provide the evidence`;

/** On the base branch: claims in ml/claims, SEC-1 waived since 1 September. */
const BASE = {
  'ml/claims/pilot-readiness.yml': pilot({ name: 'claims', since: SINCE }),
  'ml/claims/model-card.md': CARD,
};
const OLD = 'ml/claims/pilot-readiness.yml';

interface Row {
  name: string;
  head: Record<string, string>;
  base?: Record<string, string>;
  /** Per head manifest: the since refusal expected (null: none). */
  expect: Record<string, string | null>;
  pairingErrors?: string[];
  changes?: Record<string, Array<[GovernanceChangeKind, boolean]>>;
}

const ROWS: Row[] = [
  {
    name: 'rename and move, since: today',
    head: { 'ml/triage/pilot-readiness.yml': pilot({ name: 'triage', since: TODAY }), 'ml/triage/model-card.md': CARD },
    expect: { 'ml/triage/pilot-readiness.yml': restart(SINCE, 'claims', OLD) },
  },
  {
    name: 'move only (same pilot.name, new folder), since: today',
    head: { 'ml/claims-v2/pilot-readiness.yml': pilot({ name: 'claims', since: TODAY }), 'ml/claims-v2/model-card.md': CARD },
    expect: { 'ml/claims-v2/pilot-readiness.yml': restart(SINCE, 'claims', OLD) },
  },
  {
    name: 'rename only (new pilot.name, same file), since: today',
    head: { [OLD]: pilot({ name: 'claims-triage', since: TODAY }), 'ml/claims/model-card.md': CARD },
    expect: { [OLD]: restart(SINCE, 'claims', OLD) },
  },
  {
    name: 'split into two new pilots, each with since: today',
    head: {
      'ml/triage-eu/pilot-readiness.yml': pilot({ name: 'triage-eu', since: TODAY }),
      'ml/triage-eu/model-card.md': CARD,
      'ml/triage-us/pilot-readiness.yml': pilot({ name: 'triage-us', since: TODAY, card: '../claims/model-card.md' }),
      'ml/claims/model-card.md': CARD,
    },
    expect: {
      'ml/triage-eu/pilot-readiness.yml': restart(SINCE, 'claims', OLD),
      'ml/triage-us/pilot-readiness.yml': restart(SINCE, 'claims', OLD),
    },
  },
  {
    name: 'split keeping the name: claims stays, claims-eu is added with a copy of its model card, since: today',
    head: {
      [OLD]: pilot({ name: 'claims', since: SINCE, expires: '2026-11-29' }),
      'ml/claims/model-card.md': CARD,
      'ml/claims-eu/pilot-readiness.yml': pilot({ name: 'claims-eu', since: TODAY }),
      'ml/claims-eu/model-card.md': CARD,
    },
    expect: { [OLD]: null, 'ml/claims-eu/pilot-readiness.yml': restart(SINCE, 'claims', OLD) },
  },
  {
    name: 'retire one and add one naming the same evidence file (by path), since: today',
    head: {
      'ml/fraud/pilot-readiness.yml': pilot({ name: 'fraud', since: TODAY, card: '../claims/model-card.md' }),
      'ml/claims/model-card.md': CARD,
    },
    expect: { 'ml/fraud/pilot-readiness.yml': restart(SINCE, 'claims', OLD) },
  },
  {
    name: 'retire one and add one whose model card has the same content under another name, since: today',
    head: { 'ml/fraud/pilot-readiness.yml': pilot({ name: 'fraud', since: TODAY, card: 'card.md' }), 'ml/fraud/card.md': CARD },
    expect: { 'ml/fraud/pilot-readiness.yml': restart(SINCE, 'claims', OLD) },
  },
  {
    name: 'rename and move with the tier lowered (high to low): judged as high until security confirms',
    head: {
      'ml/triage/pilot-readiness.yml': pilot({ name: 'triage', risk: 'low', since: SINCE, expires: '2026-11-29' }),
      'ml/triage/model-card.md': CARD,
    },
    expect: { 'ml/triage/pilot-readiness.yml': null },
    changes: {
      'ml/triage/pilot-readiness.yml': [
        ['moved', true],
        ['risk_lowered', false],
      ],
    },
  },
  {
    name: 'merge two retired pilots into one new one: which history applies cannot be told, an error',
    base: {
      ...BASE,
      'ml/fraud/pilot-readiness.yml': pilot({ name: 'fraud', card: 'fraud-card.md' }),
      'ml/fraud/fraud-card.md': '# Fraud\n',
    },
    head: {
      'ml/all/pilot-readiness.yml': pilot({ name: 'all', since: TODAY, extra: '  SEC-1: { file: fraud-card.md }\n' }),
      'ml/all/model-card.md': CARD,
      'ml/all/fraud-card.md': '# Fraud\n',
    },
    expect: {},
    pairingErrors: [
      `ml/all/pilot-readiness.yml names evidence of 2 pilots on the base branch, claims (${OLD}) and fraud (ml/fraud/pilot-readiness.yml): a pilot carries on the history of one pilot at most; keep the pilot.name of the one it continues, or retire the others in an earlier pull request`,
    ],
  },
  // ------------------------------------------------------------ controls
  {
    name: 'control: a genuinely new pilot beside an unrelated retirement keeps its own history',
    head: { 'ml/fraud/pilot-readiness.yml': pilot({ name: 'fraud', since: TODAY, card: 'card.md' }), 'ml/fraud/card.md': '# Fraud\n' },
    expect: { 'ml/fraud/pilot-readiness.yml': null },
    changes: { 'ml/fraud/pilot-readiness.yml': [] },
  },
  {
    name: 'control: a document both base pilots name says nothing about which pilot a new one is',
    base: {
      'ml/claims/pilot-readiness.yml': pilot({ name: 'claims', since: SINCE, card: '../../docs/standard.md' }),
      'ml/other/pilot-readiness.yml': pilot({ name: 'other', card: '../../docs/standard.md' }),
      'docs/standard.md': SHARED,
    },
    head: {
      'ml/other/pilot-readiness.yml': pilot({ name: 'other', card: '../../docs/standard.md' }),
      'ml/fraud/pilot-readiness.yml': pilot({ name: 'fraud', since: TODAY, card: '../../docs/standard.md' }),
      'docs/standard.md': SHARED,
    },
    expect: { 'ml/fraud/pilot-readiness.yml': null },
  },
  {
    name: 'control: the pilot renewed in place, since kept and within the cap',
    head: { [OLD]: pilot({ name: 'claims', since: SINCE, expires: '2026-11-29' }), 'ml/claims/model-card.md': CARD },
    expect: { [OLD]: null },
  },
];

describe('through the core: renaming, moving or splitting a pilot keeps its history', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const { reports, errors } = gate(row.base ?? BASE, row.head);
    expect(errors).toEqual(row.pairingErrors ?? []);
    for (const [path, refusal] of Object.entries(row.expect)) {
      const report = reports.get(path);
      expect(report, path).toBeDefined();
      expect(sinceErrors(report)).toEqual(refusal === null ? [] : [refusal]);
      if (refusal !== null) expect(report?.decision).toBe('blocked');
    }
    for (const [path, changes] of Object.entries(row.changes ?? {}))
      expect((reports.get(path)?.governance_changes ?? []).map((c) => [c.kind, c.approved])).toEqual(changes);
  });
});
