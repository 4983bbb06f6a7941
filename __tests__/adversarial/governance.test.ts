// Attacks on who decides, from inside the pull request: retire, move, hand over, lower the tier,
// choose the reviewers, hide behind the owner or the author, keep an old success. Every row runs the
// built Action (dist/) against the fake GitHub, with the base branch holding the pilot as it was, and
// asserts the decision, the commit status and the governance changes the report names.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from '../cli/helpers.js';
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import type { ReviewSpec, Scenario } from '../support/fake-github/scenario.js';
import { runAction } from '../e2e/run-action.js';
import {
  AUTHOR,
  BASE,
  HEAD,
  MANIFEST,
  OWNER,
  PILOT_DIR,
  REPO,
  exampleManifest,
  pilotFiles,
  pull,
  pullRequestEvent,
  review,
  statuses,
  world,
  type PullOptions,
} from '../e2e/scenario.js';
import type { GovernanceChangeKind, Report } from '../../src/core/types.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const MODEL = `${PILOT_DIR}/model/weights.txt`;
const MOVED_DIR = 'pilots/churn-v2';
const BOSS = 'vera-vp';
const MALLORY = 'mal-buddy';
/** Legal and security asked 20 days ago: both windows closed in silence (consent). */
const ASKED_LONG_AGO = 20;

/** The pilot's folder on the base branch (the example as it is), plus a model file. */
function baseFiles(manifest = exampleManifest()): Record<string, string> {
  return { ...pilotFiles(manifest), [MODEL]: 'v1\n' };
}

/** The head: the base's files with some replaced or removed (value null), the model file changed. */
function headFiles(changes: Record<string, string | null | { symlink: string }>, from = baseFiles()): Record<string, unknown> {
  const files: Record<string, unknown> = { ...from, [MODEL]: 'v2\n' };
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete files[path];
    else files[path] = content;
  }
  return files;
}

interface Attack {
  name: string;
  /** The head's files (the base is `baseFiles()` unless `base` is given). */
  head: Record<string, unknown>;
  base?: Record<string, string>;
  files: string[];
  reviews: ReviewSpec[];
  pull?: Partial<PullOptions>;
  with?: Record<string, string>;
  expect: {
    state: 'success' | 'pending' | 'failure' | 'error' | null;
    decision?: Report['decision'];
    exit?: number;
    changes?: Array<[GovernanceChangeKind, boolean]>;
    /** Role statuses and resolved members the report must show. */
    roles?: Record<string, string>;
    members?: Record<string, string[]>;
    /** Text the report's reasons, errors or owner reason must contain. */
    says?: string[];
    score?: string;
  };
}

const approve = (who: string, days = 0.5): ReviewSpec => review(who, 'APPROVED', days);
const manifest = (edit: (text: string) => string): string => {
  const text = edit(exampleManifest());
  if (text === exampleManifest()) throw new Error('the edit changed nothing');
  return text;
};
const movedManifest = `${MOVED_DIR}/pilot-readiness.yml`;
const moved = (text = exampleManifest()): Record<string, unknown> => {
  const files: Record<string, unknown> = {};
  for (const [path, content] of Object.entries(pilotFiles(text, MOVED_DIR))) files[path] = content;
  files[`${MOVED_DIR}/model/weights.txt`] = 'v2\n';
  return files;
};

const ATTACKS: Attack[] = [
  // ------------------------------------------------------------ retire
  {
    name: 'delete the manifest while changing the model: retiring waits for the base owner',
    head: headFiles({ [MANIFEST]: null }),
    files: [MANIFEST, MODEL],
    reviews: [approve(MALLORY)],
    expect: {
      state: 'pending',
      decision: 'pending',
      exit: 1,
      changes: [['retired', false]],
      says: ['retiring churn-forecast', `${MANIFEST} is deleted`],
    },
  },
  {
    name: 'delete the manifest without listing it among the changed files (a hostile file list)',
    head: headFiles({ [MANIFEST]: null }),
    files: [MODEL],
    reviews: [],
    expect: { state: 'pending', decision: 'pending', changes: [['retired', false]] },
  },
  {
    name: 'delete the manifest, with the base owner approving the head: the retirement passes',
    head: headFiles({ [MANIFEST]: null }),
    files: [MANIFEST, MODEL],
    reviews: [approve(OWNER)],
    expect: { state: 'success', decision: 'ready', exit: 0, changes: [['retired', true]] },
  },
  {
    name: 'rename the manifest to pilot-readiness.yaml, out of the glob',
    head: headFiles({ [MANIFEST]: null, [`${PILOT_DIR}/pilot-readiness.yaml`]: exampleManifest() }),
    files: [`${PILOT_DIR}/pilot-readiness.yaml`, MODEL],
    reviews: [approve(MALLORY)],
    // The renamed file still looks like a manifest, in a folder the PR touches: an error, never a skip.
    expect: { state: 'error', exit: 1, says: ['pilot-readiness.yaml looks like a pilot manifest, but the manifest pattern'] },
  },
  {
    name: 'replace the manifest with a symbolic link',
    head: headFiles({ [MANIFEST]: { symlink: 'docs/lineage.md' } }),
    files: [MANIFEST, MODEL],
    reviews: [approve(MALLORY)],
    expect: { state: 'pending', decision: 'pending', changes: [['retired', false]], says: ['symbolic link'] },
  },
  {
    name: 'replace the manifest with a folder',
    head: headFiles({ [MANIFEST]: null, [`${MANIFEST}/x`]: 'x' }),
    files: [`${MANIFEST}/x`, MODEL],
    reviews: [approve(MALLORY)],
    expect: { state: 'pending', decision: 'pending', changes: [['retired', false]], says: ['is now a folder'] },
  },
  {
    name: 'the base owner opens the retirement: GitHub will not let them approve it, so it waits',
    head: headFiles({ [MANIFEST]: null }),
    base: baseFiles(manifest((t) => t.replace(`owner: ${OWNER}`, `owner: ${AUTHOR}`))),
    files: [MANIFEST],
    reviews: [approve(AUTHOR)],
    expect: { state: 'pending', decision: 'pending', changes: [['retired', false]], says: ['have someone else open it'] },
  },
  // ------------------------------------------------------------ move and hand over
  {
    name: 'move the pilot to another folder with a new owner: the new owner alone is not enough',
    head: { ...headFiles({ [MANIFEST]: null, [MODEL]: null }), ...moved(manifest((t) => t.replace(`owner: ${OWNER}`, `owner: ${BOSS}`))) },
    files: [movedManifest],
    reviews: [approve(BOSS)],
    expect: {
      state: 'pending',
      decision: 'pending',
      changes: [
        ['moved', true],
        ['owner_changed', false],
      ],
      says: [`${OWNER} (the owner on the base branch) must also approve`],
    },
  },
  {
    name: 'move the pilot with a new owner, both owners approving: passes',
    head: { ...headFiles({ [MANIFEST]: null, [MODEL]: null }), ...moved(manifest((t) => t.replace(`owner: ${OWNER}`, `owner: ${BOSS}`))) },
    files: [movedManifest],
    reviews: [approve(BOSS), approve(OWNER)],
    expect: {
      state: 'success',
      decision: 'ready',
      changes: [
        ['moved', true],
        ['owner_changed', true],
      ],
    },
  },
  {
    name: 'move the pilot, same owner approving: the move is shown, nothing more is needed',
    head: { ...headFiles({ [MANIFEST]: null, [MODEL]: null }), ...moved() },
    files: [movedManifest],
    reviews: [approve(OWNER)],
    expect: { state: 'success', decision: 'ready', changes: [['moved', true]] },
  },
  {
    name: 'copy the pilot under its own name elsewhere: one name, two manifests, an error',
    head: { ...headFiles({}), ...moved(manifest((t) => t.replace(`owner: ${OWNER}`, `owner: ${BOSS}`))) },
    files: [movedManifest],
    reviews: [approve(BOSS)],
    expect: { state: 'error', exit: 1, says: ['pilot.name "churn-forecast" is also the name of'] },
  },
  {
    name: 'hand over in place: the new owner alone is not enough',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace(`owner: ${OWNER}`, `owner: ${BOSS}`)) }),
    files: [MANIFEST],
    reviews: [approve(BOSS)],
    expect: { state: 'pending', decision: 'pending', changes: [['owner_changed', false]] },
  },
  // ------------------------------------------------------------ risk tier
  {
    name: 'lower the tier (medium to low) with the owner approving: judged as medium, waiting',
    base: baseFiles(manifest((t) => t.replace('risk: low', 'risk: medium'))),
    head: headFiles({}),
    files: [MODEL],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', changes: [['risk_lowered', false]], says: ['judged as medium until approved'] },
  },
  {
    name: "lower the tier where the base manifest fails today's schema: its tier is still read, judged as medium",
    base: baseFiles(manifest((t) => `${t.replace('risk: low', 'risk: medium')}\nnotes: a key an older schema allowed\n`)),
    head: headFiles({}),
    files: [MODEL],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', changes: [['risk_lowered', false]] },
  },
  {
    name: 'a base manifest whose tier cannot be read counts as high: lowering to low waits',
    base: baseFiles(manifest((t) => t.replace('risk: low', 'risk: extreme'))),
    head: headFiles({}),
    files: [MODEL],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', changes: [['risk_lowered', false]], says: ['risk tier lowered from high to low'] },
  },
  {
    name: 'lower the tier with the base owner but not legal: still judged as medium',
    base: baseFiles(manifest((t) => t.replace('risk: low', 'risk: medium'))),
    head: headFiles({}),
    files: [MODEL],
    reviews: [approve(OWNER), approve('kim-sec')],
    expect: { state: 'failure', decision: 'blocked', changes: [['risk_lowered', false]] },
  },
  {
    name: 'lower the tier with the base owner and legal approving: the low tier applies',
    base: baseFiles(manifest((t) => t.replace('risk: low', 'risk: medium'))),
    head: headFiles({}),
    files: [MODEL],
    reviews: [approve(OWNER), approve('lee-legal')],
    expect: { state: 'success', decision: 'ready', changes: [['risk_lowered', true]], score: '16/16' },
  },
  {
    name: 'raise the tier: no governance change, the stricter tier applies at once',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace('risk: low', 'risk: medium')) }),
    files: [MANIFEST],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', changes: [] },
  },
  // ------------------------------------------------------------ reviewers
  {
    name: 'name the owner as legal and security: an error at each line',
    head: headFiles({
      [MANIFEST]: manifest((t) =>
        t.replace('security: [kim-sec]', `security: [${OWNER}]`).replace('legal: [lee-legal]', `legal: [${OWNER}]`),
      ),
    }),
    files: [MANIFEST],
    reviews: [approve(OWNER)],
    expect: {
      state: 'failure',
      decision: 'blocked',
      says: [
        `reviewers.security[0]: ${OWNER} is the accountable owner of this pilot`,
        `reviewers.legal[0]: ${OWNER} is the accountable owner`,
      ],
    },
  },
  {
    name: 'name the PR author as legal: an error at the line',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace('legal: [lee-legal]', `legal: [${AUTHOR}]`)) }),
    files: [MANIFEST],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', says: [`reviewers.legal[0]: ${AUTHOR} opened this pull request`] },
  },
  {
    name: 'name a friend as legal: the base reviewers stand until the base owner approves',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace('legal: [lee-legal]', `legal: [${MALLORY}]`)) }),
    files: [MANIFEST],
    // The friend approves; the owner has not approved yet. Windows are closed: silence would consent.
    reviews: [approve(MALLORY)],
    expect: { state: 'pending', decision: 'pending', changes: [['reviewers_changed', false]] },
  },
  {
    name: 'name a friend as legal, the owner (also the base owner) approving: the change takes effect',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace('legal: [lee-legal]', `legal: [${MALLORY}]`)) }),
    files: [MANIFEST],
    reviews: [approve(MALLORY), approve(OWNER)],
    expect: { state: 'success', decision: 'ready', changes: [['reviewers_changed', true]] },
  },
  {
    name: 'drop the reviewers of legal: the base reviewers stand until approved',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace(/\n {2}# Legal is consulted[^\n]*\n {2}legal: \[lee-legal\]/, '')) }),
    files: [MANIFEST],
    reviews: [],
    expect: { state: 'pending', decision: 'pending', changes: [['reviewers_changed', false]] },
  },
  {
    name: "legal given to a team the owner is in: the owner's approval counts only as the owner's",
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace('legal: [lee-legal]', 'legal: [acme/legal]')) }),
    files: [MANIFEST],
    pull: { requestedDaysAgo: 3 },
    reviews: [approve(OWNER)],
    expect: {
      state: 'pending',
      decision: 'pending',
      changes: [['reviewers_changed', true]],
      roles: { legal: 'pending' },
      members: { legal: ['lee-legal'] },
    },
  },
  {
    name: 'legal given to a team that holds only the owner: nobody fills it',
    head: headFiles({ [MANIFEST]: manifest((t) => t.replace('legal: [lee-legal]', 'legal: [acme/owners]')) }),
    files: [MANIFEST],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', changes: [['reviewers_changed', true]], says: ['who may not review for legal'] },
  },
  // ------------------------------------------------------------ waivers
  {
    name: 'add a waiver the tier does not need: shown as a governance change that needs nothing',
    head: headFiles({
      [MANIFEST]: manifest(
        (t) =>
          `${t}\nwaivers:\n  OPS-4:\n    reason: "Runbook drafted; the on-call rota starts next sprint."\n    expires: ${inDays(20)}\n    approved_by: security\n`,
      ),
    }),
    files: [MANIFEST],
    reviews: [approve(OWNER)],
    expect: { state: 'success', decision: 'ready', changes: [['waiver_added', true]] },
  },
  {
    name: 'add a waiver of a required criterion at medium risk, approved by nobody: it is not in force',
    base: baseFiles(manifest((t) => t.replace('risk: low', 'risk: medium'))),
    head: headFiles(
      {
        [MANIFEST]: manifest(
          (t) =>
            `${t.replace('risk: low', 'risk: medium')}\nwaivers:\n  OPS-4:\n    reason: "Runbook drafted; the on-call rota starts next sprint."\n    expires: ${inDays(20)}\n    approved_by: security\n`,
        ),
      },
      baseFiles(manifest((t) => t.replace('risk: low', 'risk: medium'))),
    ),
    files: [MANIFEST],
    reviews: [approve(OWNER)],
    expect: { state: 'failure', decision: 'blocked', changes: [['waiver_added', false]] },
  },
];

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function scenarioFor(attack: Attack): { scenario: Scenario; number: number } {
  const options: PullOptions = { requestedDaysAgo: ASKED_LONG_AGO, reviews: attack.reviews, files: attack.files, ...attack.pull };
  const p = pull(options);
  const scenario = world({ pulls: [p], base: attack.base ?? baseFiles(), heads: { [HEAD]: attack.head as Record<string, string> } });
  const repo = scenario.repos![REPO]!;
  repo.files![BASE] = attack.base ?? baseFiles();
  scenario.orgs = { acme: { teams: { legal: [OWNER, 'lee-legal'], owners: [OWNER] } } };
  scenario.tokens = {
    'gh-token': {
      login: 'github-actions[bot]',
      permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write', members: 'read' },
    },
  };
  return { scenario, number: p.number };
}

function allText(report: Report | undefined, run: { summary: string; stdout: string }): string {
  return [JSON.stringify(report ?? {}), run.summary, run.stdout].join('\n');
}

describe('governance attacks from inside the pull request (built Action, fake GitHub)', () => {
  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    const { scenario } = scenarioFor(attack);
    gh = await startGitHub(scenario);
    const run = await runAction({
      gh,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', pull({ requestedDaysAgo: ASKED_LONG_AGO, files: attack.files })),
      with: attack.with ?? {},
    });
    const reports = run.report ? ('reports' in run.report ? (run.report.reports as Report[]) : [run.report as Report]) : [];
    const report = reports[0];
    const last = statuses(gh).at(-1);
    expect(last?.state ?? null).toBe(attack.expect.state);
    // Never a green check for an attack that did not get its approvals.
    if (attack.expect.state !== 'success') expect(statuses(gh).some((s) => s.state === 'success')).toBe(false);
    if (attack.expect.decision) expect(report?.decision).toBe(attack.expect.decision);
    if (attack.expect.exit !== undefined) expect(run.status).toBe(attack.expect.exit);
    if (attack.expect.state !== 'success') expect(run.status).toBe(1);
    if (attack.expect.changes) {
      expect((report?.governance_changes ?? []).map((c) => [c.kind, c.approved])).toEqual(attack.expect.changes);
    }
    if (attack.expect.score) expect(run.outputs.score).toBe(attack.expect.score);
    for (const [role, status] of Object.entries(attack.expect.roles ?? {}))
      expect(report?.roles.find((r) => r.role === role)?.status).toBe(status);
    for (const [role, members] of Object.entries(attack.expect.members ?? {}))
      expect(report?.roles.find((r) => r.role === role)?.resolved_members).toEqual(members);
    for (const text of attack.expect.says ?? []) expect(allText(report, run)).toContain(text);
  });
});

describe('a hostile answer that hides the base manifest', () => {
  it('GitHub lists the base manifest in the tree but returns no text for it: fails closed, never a new pilot', async () => {
    const handedOver = manifest((t) => t.replace(`owner: ${OWNER}`, `owner: ${BOSS}`));
    const p = pull({ requestedDaysAgo: ASKED_LONG_AGO, reviews: [approve(BOSS)], files: [MANIFEST] });
    const scenario = world({
      pulls: [p],
      base: baseFiles(),
      heads: { [HEAD]: headFiles({ [MANIFEST]: handedOver }) as Record<string, string> },
    });
    // f0 is the head's manifest, f1 the base's: the answer drops the base's.
    const blob = { __typename: 'Blob', byteSize: handedOver.length, isBinary: false, isTruncated: false, text: handedOver };
    scenario.faults = [
      {
        match: { operation: 'FileTexts' },
        respond: { status: 200, body: { data: { repository: { f0: blob, f1: null } } } },
        times: 'always',
      },
    ];
    gh = await startGitHub(scenario, { checkContract: false });
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(run.status).toBe(1);
    expect(statuses(gh).at(-1)?.state).toBe('error');
    expect(statuses(gh).some((s) => s.state === 'success')).toBe(false);
    expect(run.stdout).toContain(`lists ${MANIFEST}, but GitHub returned no text for it`);
  });
});

describe('governance changes rendered from hostile paths', () => {
  it('a pilot moved into a folder whose name carries HTML, a link and a team ping: shown, never live', async () => {
    const folder = 'pilots/x\n<img src=x onerror=alert(1)> [click](https://evil.example) @acme/everyone ## ✅ READY';
    const head: Record<string, unknown> = { ...headFiles({ [MANIFEST]: null, [MODEL]: null }) };
    for (const [path, content] of Object.entries(pilotFiles(exampleManifest(), folder))) head[path] = content;
    const p = pull({ requestedDaysAgo: ASKED_LONG_AGO, reviews: [approve(OWNER)], files: [`${folder}/pilot-readiness.yml`] });
    gh = await startGitHub(world({ pulls: [p], base: baseFiles(), heads: { [HEAD]: head as Record<string, string> } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const report = run.report as Report;
    expect(report.governance_changes?.map((c) => c.kind)).toEqual(['moved']);
    const comment = gh.comments(REPO, 7)[0]?.body ?? '';
    // Inside a code span (paths and locations are quoted so) nothing is live: look outside them.
    const outsideCode = (markdown: string) => markdown.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    for (const text of [comment, run.summary].map(outsideCode)) {
      expect(text).toContain('Governance changes');
      expect(text).not.toContain('<img');
      expect(text).not.toContain('](https://evil.example)');
      expect(text).not.toMatch(/@acme\/everyone/);
      expect(text).not.toMatch(/^#+ ✅ READY/m);
    }
    expect(run.stdout).not.toMatch(/^\s*::(?!error|warning|notice|set-output|debug|group|endgroup|add-mask)/m);
  });
});

describe('a status that cannot be written never leaves an old success standing unnoticed', () => {
  const cases = [
    {
      name: 'refused (403), report mode',
      fault: { status: 403, body: { message: 'Resource not accessible by integration' } },
      mode: 'report',
    },
    { name: 'refused (403), gate mode', fault: { status: 403, body: { message: 'Resource not accessible by integration' } }, mode: 'gate' },
    { name: 'an outage (502), report mode', fault: { status: 502, body: { message: 'Bad Gateway' } }, mode: 'report' },
  ] as const;
  it.each(cases.map((c) => [c.name, c] as const))('%s: the job fails and says an earlier status may stand', async (_name, c) => {
    // The owner's approval was dismissed after an earlier run set success on this commit.
    const p = pull({ requestedDaysAgo: ASKED_LONG_AGO, reviews: [review(OWNER, 'DISMISSED', 1)] });
    const scenario = world({ pulls: [p], base: baseFiles(), heads: { [HEAD]: baseFiles() } });
    scenario.repos![REPO]!.statuses = { [HEAD]: [{ state: 'success', context: 'pilot-readiness', description: 'ready' }] };
    scenario.faults = [{ match: { path: '/statuses/' }, respond: c.fault, times: 'always' }];
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { mode: c.mode } });
    expect(run.status).toBe(1);
    expect(run.outputs.decision).toBe('pending');
    expect(run.annotations.some((a) => a.level === 'error' && a.message.includes('may still stand'))).toBe(true);
    expect(run.summary).toContain('the commit status was not written');
  });
});

// ---------------------------------------------------------------- the same rules through the built CLI

const CLI_MANIFEST = join(ROOT, 'examples', 'churn-forecast', 'pilot-readiness.yml');
const CLI_TEXT = readFileSync(CLI_MANIFEST, 'utf8');
const CLI_FACTS = JSON.parse(readFileSync(join(ROOT, 'examples', 'churn-forecast', 'pr-pending.json'), 'utf8')) as {
  reviews: unknown[];
  head_sha: string;
  base_manifest?: unknown;
};
/** After legal's 14-day window has closed: silence consents, the owner approved the head. */
const CLI_NOW = '2026-11-28T00:00:00Z';

interface CliAttack {
  name: string;
  baseText: string;
  extraReviews?: Array<{ author: string }>;
  expect: { exit: number; decision: Report['decision']; changes: Array<[GovernanceChangeKind, boolean]> };
}

const CLI_ATTACKS: CliAttack[] = [
  { name: 'unchanged against its base: ready', baseText: CLI_TEXT, expect: { exit: 0, decision: 'ready', changes: [] } },
  {
    name: 'tier lowered from medium, only the owner approving: judged as medium',
    baseText: CLI_TEXT.replace('risk: low', 'risk: medium'),
    expect: { exit: 1, decision: 'blocked', changes: [['risk_lowered', false]] },
  },
  {
    name: 'tier lowered from medium, the owner and legal approving: the low tier applies',
    baseText: CLI_TEXT.replace('risk: low', 'risk: medium'),
    extraReviews: [{ author: 'lee-legal' }],
    expect: { exit: 0, decision: 'ready', changes: [['risk_lowered', true]] },
  },
  {
    name: 'legal reviewers chosen by the PR (the base named another), the owner approving: takes effect',
    baseText: CLI_TEXT.replace('legal: [lee-legal]', 'legal: [old-legal]'),
    expect: { exit: 0, decision: 'ready', changes: [['reviewers_changed', true]] },
  },
  {
    name: 'owner handed over by the PR (the base named another owner), who has not approved',
    baseText: CLI_TEXT.replace('owner: sam-cto', 'owner: vera-vp'),
    expect: { exit: 1, decision: 'pending', changes: [['owner_changed', false]] },
  },
];

describe('governance attacks through the built CLI (check --pr with the base manifest in the facts)', () => {
  it.each(CLI_ATTACKS.map((a) => [a.name, a] as const))('%s', (_name, attack) => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-governance-'));
    const baseOwner = /^owner: (\S+)/m.exec(attack.baseText)![1]!;
    const facts = structuredClone(CLI_FACTS);
    facts.base_manifest = { owner: baseOwner, path: 'examples/churn-forecast/pilot-readiness.yml', text: attack.baseText };
    facts.reviews.push(
      ...(attack.extraReviews ?? []).map((r, i) => ({
        id: 3000 + i,
        author: r.author,
        state: 'APPROVED',
        at: '2026-11-20T10:00:00Z',
        commit: facts.head_sha,
      })),
    );
    writeFileSync(join(dir, 'facts.json'), JSON.stringify(facts));
    const run = cli([
      'check',
      'examples/churn-forecast/pilot-readiness.yml',
      '--pr',
      join(dir, 'facts.json'),
      '--now',
      CLI_NOW,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(attack.expect.exit);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.decision).toBe(attack.expect.decision);
    expect((report.governance_changes ?? []).map((c) => [c.kind, c.approved])).toEqual(attack.expect.changes);
    // Replaying the report reproduces the decision from the recorded base manifest.
    writeFileSync(join(dir, 'report.json'), run.stdout);
    expect(cli(['replay', join(dir, 'report.json')]).status).toBe(0);
  });
});
