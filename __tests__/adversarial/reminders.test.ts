// Abuse of reminders: a forged reminder must never make silence count as consent, and the one text
// of the gate whose mentions are live must mention only people the trusted policy (or the base
// branch) names. Each row is an attempt and what stops it.
import { describe, expect, it } from 'vitest';
import { type BotComment, ownComments } from '../../src/adapters/github/pull-request.js';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import type { PrFacts, Report, RoleResult } from '../../src/core/types.js';
import { sentReminders } from '../../src/flow/reminders.js';
import { readReminderMarker, reminderMarker, renderReminder } from '../../src/report/reminder.js';
import { MAX_PAGES } from '../../src/adapters/github/paging.js';
import { runAction } from '../e2e/run-action.js';
import { DAY, HEAD, OWNER, REPO, daysAgo, pilotFiles, pull, pullRequestEvent, reportOf, review, world } from '../e2e/scenario.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';

const DEADLINE = '2026-11-15T09:00:00.000Z';
const MARKER = reminderMarker('claims', 'legal', DEADLINE);
/** A comment as the facts query gives it: `byViewer` is GitHub's viewerDidAuthor (the token wrote it); a `[bot]` login is a bot. */
const comment = (author: string, byViewer: boolean, body: string, createdAt = '2026-11-13T09:00:00Z'): BotComment => ({
  id: 1,
  url: 'https://github.com/acme/ml/pull/7#issuecomment-1',
  body,
  author,
  createdAt,
  byViewer,
  bot: author.endsWith('[bot]'),
});

describe('forged reminders do not count', () => {
  const rows: Array<[string, BotComment]> = [
    ['the PR author pastes the marker', comment('dev', false, MARKER)],
    ['a person whose login ends in [bot]-like text', comment('dev[bot]', false, MARKER)],
    ['another bot (another app on the repository)', comment('other-app[bot]', false, MARKER)],
    ['a comment under the gate bot’s login that GitHub does not mark as the token’s own', comment('github-actions[bot]', false, MARKER)],
    ['the marker quoted in the middle of the gate’s own comment', comment('github-actions[bot]', true, `> quoted\n${MARKER}`)],
    ['a deleted account (ghost)', comment('ghost', false, MARKER)],
    // `verify` run with the author's own token: GitHub marks their pasted marker as the token's own.
    ['the PR author’s own marker, read with the author’s own token (a person, not a bot)', comment('dev-lin', true, MARKER)],
    ['the gate’s own comment with a creation instant that does not read', comment('github-actions[bot]', true, MARKER, 'yesterday')],
  ];
  it.each(rows)('%s', (_name, forged) => {
    expect(sentReminders([forged])).toEqual([]);
  });

  it("counts the bot's own reminder, at its comment's creation instant (not a time the body claims)", () => {
    const ours = comment('github-actions[bot]', true, `${MARKER}\nsent at=2020-01-01`, '2026-11-13T09:00:00Z');
    expect(sentReminders([ours])).toEqual([{ pilot: 'claims', role: 'legal', deadline: DEADLINE, at: '2026-11-13T09:00:00Z' }]);
  });

  it('a marker that tries to end the HTML comment or add a field is encoded, and reads back as written', () => {
    const marker = reminderMarker('x --> <img src=x> role=owner', 'legal deadline=2000-01-01T00:00:00Z', DEADLINE);
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(marker).not.toContain('<img');
    expect(readReminderMarker(marker)).toEqual({
      pilot: 'x --> <img src=x> role=owner',
      role: 'legal deadline=2000-01-01T00:00:00Z',
      deadline: DEADLINE,
    });
  });
});

// ------------------------------------------------------------------- the consent rule, end to end in the core

const POLICY = loadPolicy(
  `version: 1
roles:
  owner: { accountable: true }
  legal: { window: 14d, on_silence: consent, on_objection: block, consent_requires_reminder: true }
gates:
  - id: g
    title: G
    criteria:
      - { id: C-1, title: T, description: D, required_for: [high], allow_not_applicable: true, evidence: { link: {} } }
`,
  'policy.yml',
);
const MANIFEST =
  'version: 1\npilot: { name: claims, risk: high }\nowner: maria\nreviewers: { legal: [lee] }\nevidence:\n  C-1: { not_applicable: "no such thing here" }\n';
function legalWith(reminders: PrFacts['reminders'] | undefined): RoleResult {
  const facts: PrFacts = {
    version: 1,
    repository: 'acme/ml',
    number: 7,
    author: 'dev',
    head_sha: 'a'.repeat(40),
    base_ref: 'main',
    draft: false,
    ready_at: '2026-11-01T09:00:00Z',
    commits: [{ sha: 'a'.repeat(40), at: '2026-11-01T08:00:00Z' }],
    review_requests: [{ reviewer: 'lee', at: '2026-11-01T09:00:00Z' }],
    reviews: [],
    teams: {},
    ...(reminders ? { reminders } : {}),
  };
  const report = evaluate({
    manifest: { path: 'p.yml', text: MANIFEST },
    policy: POLICY,
    files: { stat: () => 'file' },
    facts,
    now: new Date('2026-11-20T00:00:00Z'),
  });
  return report.roles.find((r) => r.role === 'legal')!;
}

describe('the comments the gate reads with the facts', () => {
  // The path the gate takes: GitHub's comment nodes → ownComments → sentReminders.
  const node = (login: string, typename: 'User' | 'Bot', viewerDidAuthor: boolean) => ({
    databaseId: 1,
    url: 'https://github.com/acme/models/pull/7#issuecomment-1',
    body: MARKER,
    createdAt: '2026-11-13T09:00:00Z',
    viewerDidAuthor,
    author: { __typename: typename, login },
  });

  it("another app's marker, kept by the sticky report's any-bot fallback, is not a reminder sent", () => {
    const own = ownComments([node('other-app', 'Bot', false)]);
    expect(own).toHaveLength(1);
    expect(sentReminders(own)).toEqual([]);
  });

  it("the control: the token's own reminder counts, at GitHub's creation instant", () => {
    expect(sentReminders(ownComments([node('github-actions', 'Bot', true)]))).toEqual([
      { pilot: 'claims', role: 'legal', deadline: DEADLINE, at: '2026-11-13T09:00:00Z' },
    ]);
  });
});

describe('the consent rule cannot be satisfied by a forgery', () => {
  it("the PR author's pasted marker leaves legal pending; only the bot's own reminder lets silence count", () => {
    const forged = sentReminders([comment('dev', false, MARKER)]);
    expect(legalWith(forged).status).toBe('pending');
    const real = sentReminders([comment('github-actions[bot]', true, MARKER)]);
    expect(legalWith(real).status).toBe('consented');
  });

  it('a reminder recorded for another deadline (an earlier window) does not count for this one', () => {
    expect(legalWith([{ pilot: 'claims', role: 'legal', deadline: '2026-11-14T09:00:00.000Z', at: '2026-11-12T09:00:00Z' }]).status).toBe(
      'pending',
    );
  });
});

// ------------------------------------------------------------------- a flood of comments

describe('a flood of comments', () => {
  const startGitHub = fakeGitHubPerTest();
  const POLICY_PATH = '.github/pilot-readiness-policy.yml';
  /** #7: legal asked 20 days ago (its window closed 6 days ago), needs the reminder; security and the owner approved. */
  function flooded(spam: number) {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1), review('kim-sec', 'APPROVED', 15)] });
    const deadline = new Date(Date.parse(p.timeline![0]!.created_at) + 14 * DAY).toISOString();
    p.comments = [
      // The gate's reminder, posted when it was due...
      {
        user: 'github-actions[bot]',
        body: `${reminderMarker('churn-forecast', 'legal', deadline)}\nplease review`,
        created_at: daysAgo(7.5),
      },
      // ...then buried under a commenter's flood.
      ...Array.from({ length: spam }, (_, i) => ({ user: 'mallory', body: `spam ${i}`, created_at: daysAgo(7) })),
    ];
    const policy = 'version: 1\nextends: default\nroles:\n  legal: { consent_requires_reminder: true }\n';
    return world({ pulls: [p], base: { ...pilotFiles(), [POLICY_PATH]: policy } });
  }
  const gate = (gh: FakeGitHub) =>
    runAction({
      gh,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', pull()),
      with: { policy: POLICY_PATH },
      killAfterMs: 60_000,
    });
  const legal = (run: Awaited<ReturnType<typeof gate>>) => reportOf(run).roles.find((r) => r.role === 'legal')!;

  it('cannot lock the pull request out: the gate still decides, and silence does not count on the unseen reminder', async () => {
    const gh = await startGitHub(flooded(MAX_PAGES.comments * 100));
    const run = await gate(gh);
    // Decided (pending), not failed on the read; the warning names the limit.
    expect(run.outputs).toMatchObject({ decision: 'pending' });
    expect(run.annotations.map((a) => a.message).join('\n')).toContain(
      `#7 has ${MAX_PAGES.comments * 100 + 1} comments, more than the ${MAX_PAGES.comments * 100} pilot-readiness reads`,
    );
    expect(gh.statuses(REPO, HEAD).at(-1)?.state).toBe('pending');
    // The reminder out of sight does not count: legal waits, and the reminder is posted again, with its full notice.
    expect(legal(run)).toMatchObject({ status: 'pending', reminder: { state: 'sent' } });
    const again = gh.comments(REPO, 7).filter((c) => c.user === 'github-actions[bot]' && c.body.includes(' role=legal '));
    expect(again).toHaveLength(2);
    expect(Date.parse(legal(run).reminder!.sent_at!)).toBe(Date.parse(again[1]!.created_at));
    // The report comment is there, among the newest the next run reads.
    expect(gh.comments(REPO, 7).at(-1)?.body).toContain('<!-- pilot-readiness:readiness -->');
  }, 90_000);

  it('the control: the same reminder, in sight, lets the silence after it count', async () => {
    const gh = await startGitHub(flooded(10));
    const run = await gate(gh);
    expect(legal(run).status).toBe('consented');
    expect(run.outputs).toMatchObject({ decision: 'ready' });
  });
});

// ------------------------------------------------------------------- mentions

function dueReport(role: Partial<RoleResult>, governed: boolean): { report: Report; role: RoleResult } {
  const full: RoleResult = {
    role: 'legal',
    title: 'Legal',
    status: 'pending',
    required: true,
    blocking: false,
    members: ['lee'],
    members_from: 'manifest',
    resolved_members: ['lee'],
    window: '14d',
    on_silence: 'consent',
    on_objection: 'block',
    started_at: '2026-11-01T09:00:00.000Z',
    deadline: DEADLINE,
    time_left_ms: 1,
    reviews: [],
    reminder: { state: 'due', due_at: '2026-11-13T09:00:00.000Z', sent_at: null, deadline: DEADLINE, required: true, consent_at: null },
    hint: '',
    location: null,
    ...role,
  };
  const report = {
    pilot: { name: 'claims', title: null, risk: 'high' },
    roles: [full],
    ...(governed ? { governance_changes: [] } : {}),
  } as unknown as Report;
  return { report, role: full };
}
const NOW = new Date('2026-11-13T10:00:00Z');

describe('mentions in the reminder', () => {
  it('a new pilot: reviewers named only by the pull request are shown, not mentioned', () => {
    const { report, role } = dueReport({ members: ['acme/everyone', 'lee'] }, false);
    const body = renderReminder(report, role, NOW)!;
    expect(body).not.toMatch(/(^|\s)@acme\/everyone/);
    expect(body).not.toMatch(/(^|\s)@lee/);
    expect(body).toContain('`acme/everyone`');
  });

  it('members from the policy, or from a manifest judged against the base branch, are mentioned', () => {
    const fromPolicy = dueReport({ members: ['acme/legal'], members_from: 'policy' }, false);
    expect(renderReminder(fromPolicy.report, fromPolicy.role, NOW)).toContain('@acme/legal');
    const fromBase = dueReport({ members: ['lee'] }, true);
    expect(renderReminder(fromBase.report, fromBase.role, NOW)).toContain('@lee');
  });

  it('a member that is no login or team slug is never mentioned raw, and the title cannot inject a ping or HTML', () => {
    const { report, role } = dueReport(
      {
        members: ['@acme/everyone <img src=x>', 'lee'],
        members_from: 'policy',
        title: '@acme/everyone <img src=x onerror=alert(1)> [x](https://evil.example)',
      },
      false,
    );
    const body = renderReminder(report, role, NOW)!;
    expect(body).toContain('@lee');
    expect(body).not.toMatch(/(^|[\s(])@acme\/everyone/);
    // Outside code spans (where GitHub shows text as written): no HTML, no live link.
    const live = body.replace(/`[^`]*`/g, '');
    expect(live).not.toContain('<img');
    expect(live).not.toContain('](https://evil.example)');
    expect(body).toContain('`@acme/everyone <img src=x>`');
  });
});
