// Reminders, end to end: the built Action, run by scheduled sweeps across the instant a reminder is
// due, posts one comment per role and window, never twice, never for a role that answered; with
// consent_requires_reminder, silence counts only after it, and a refused write keeps the role pending.
import { describe, expect, it } from 'vitest';
import { elapse } from '../support/fake-github/clock.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { runAction } from './run-action.js';
import {
  AUTHOR,
  DAY,
  DEFAULT_POLICY_TEXT,
  HEAD,
  OWNER,
  QUEUED,
  REPO,
  daysAgo,
  mergeGroupEvent,
  pilotFiles,
  pull,
  reportOf,
  review,
  scheduleEvent,
  world,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const H = DAY / 24;
const POLICY_PATH = '.github/pilot-readiness-policy.yml';
/** The default policy, tightened: silence counts as consent only after the reminder, at every tier. */
const POLICY = `version: 1
extends: default
roles:
  legal: { consent_requires_reminder: true }
  security: { consent_requires_reminder: true }
`;
const sweep = (github: FakeGitHub) => runAction({ gh: github, event: 'schedule', payload: scheduleEvent(), with: { policy: POLICY_PATH } });

const reminders = (github: FakeGitHub) => github.comments(REPO, 7).filter((c) => c.body.startsWith('<!-- pilot-readiness-reminder '));
const roleOf = (run: Awaited<ReturnType<typeof sweep>>, name: string) => reportOf(run).roles.find((r) => r.role === name)!;

function start(options: { requestedDaysAgo: number; reviews?: ReturnType<typeof review>[] }) {
  const base = { ...pilotFiles(), [POLICY_PATH]: POLICY };
  const spec = pull({ requestedDaysAgo: options.requestedDaysAgo, reviews: options.reviews ?? [review(OWNER, 'APPROVED', 0.5)] });
  return world({ pulls: [spec], heads: { [HEAD]: pilotFiles(), [QUEUED]: pilotFiles() }, base });
}

describe('reminders sent by the sweep', () => {
  it('posts one reminder at the right instant, never twice, never for a role that answered; silence then counts', async () => {
    // Asked 4 days ago: legal's 14d window closes in 10 days, its reminder is due in 8. Security approved.
    gh = await startGitHub(start({ requestedDaysAgo: 4, reviews: [review(OWNER, 'APPROVED', 0.5), review('kim-sec', 'APPROVED', 1)] }));

    const before = await sweep(gh);
    expect(roleOf(before, 'legal').reminder).toMatchObject({ state: 'scheduled', sent_at: null, required: true });
    expect(roleOf(before, 'security').reminder).toBeUndefined();
    // The next change is the reminder's instant, so a sweep wakes for it.
    expect(reportOf(before).next_change_at).toBe(roleOf(before, 'legal').reminder?.due_at);
    expect(reminders(gh)).toEqual([]);
    const sticky = () => gh!.comments(REPO, 7).find((c) => c.body.startsWith('<!-- pilot-readiness:readiness -->'))?.body ?? '';
    expect(sticky()).toMatch(/left, then consent; reminder due \w{3} \d+ \w{3} \d{4} \d{2}:\d{2} UTC/);

    // One hour after it was due.
    elapse(gh.world, 8 * DAY + H);
    const due = await sweep(gh);
    const posted = reminders(gh);
    expect(posted).toHaveLength(1);
    const legal = roleOf(due, 'legal');
    expect(posted[0]!.user).toBe('github-actions[bot]');
    expect(posted[0]!.body.split('\n')[0]).toBe(
      `<!-- pilot-readiness-reminder pilot=churn-forecast role=legal deadline=${legal.deadline} -->`,
    );
    expect(posted[0]!.body).toContain('@lee-legal');
    expect(posted[0]!.body).toContain('Legal and compliance');
    // Sent an hour late: the reviewer still gets the full 2 days, so consent moves an hour past the deadline.
    expect(legal.reminder?.state).toBe('sent');
    expect(Date.parse(legal.reminder!.sent_at!)).toBe(Date.parse(posted[0]!.created_at));
    const consentAt = Date.parse(legal.reminder!.consent_at!);
    expect(consentAt - Date.parse(legal.reminder!.sent_at!)).toBe(2 * DAY);
    expect(posted[0]!.body).toMatch(/Silence will count as consent at \w{3} \d+ \w{3} \d{4} \d{2}:\d{2} UTC\./);
    expect(legal.status).toBe('pending');
    expect(legal.hint).toContain('reminder sent');
    // The report comment (updated, not a second one) says when the reminder went out.
    expect(sticky()).toMatch(/reminder sent \w{3} \d+ \w{3} \d{4} \d{2}:\d{2} UTC/);

    // The next sweep posts nothing new: its record says nothing is due before the consent instant, so
    // it does not even read the pull request again.
    const again = await sweep(gh);
    expect(reminders(gh)).toHaveLength(1);
    expect(again.report).toBeNull();
    expect(again.summary).toContain('Unchanged since their last evaluation');

    // Past the consent instant: silence counts, with no further reminder.
    elapse(gh.world, 2 * DAY + 2 * H);
    const after = await sweep(gh);
    expect(roleOf(after, 'legal').status).toBe('consented');
    expect(after.outputs).toMatchObject({ decision: 'ready' });
    expect(reminders(gh)).toHaveLength(1);
  }, 90_000);

  it('keeps the role pending while the reminder cannot be posted (fail closed), then consents only after the full notice', async () => {
    // Asked 15 days ago: security's 7d and legal's 14d windows closed without any reminder.
    gh = await startGitHub({
      ...start({ requestedDaysAgo: 15 }),
      faults: [
        {
          match: { method: 'POST', path: '/issues/7/comments$' },
          times: 3,
          respond: { status: 403, body: { message: 'Resource not accessible by integration' } },
        },
      ],
    });
    const refused = await sweep(gh);
    expect(refused.status).toBe(1);
    expect(refused.outputs).toMatchObject({ decision: 'pending' });
    for (const name of ['legal', 'security']) {
      const role = roleOf(refused, name);
      expect(role).toMatchObject({ status: 'pending', blocking: false });
      expect(role.reminder).toMatchObject({ state: 'due', sent_at: null, consent_at: null, required: true });
      expect(role.hint).toContain('no reminder could be sent');
    }
    expect(refused.annotations.map((a) => a.message).join('\n')).toContain('the reminder for legal on churn-forecast was not posted');
    expect(reminders(gh)).toEqual([]);

    // The next sweep can write (the three refusals were both reminders and the report comment): both
    // reminders go out late, and silence counts only once each reviewer had the full 2 days.
    const late = await sweep(gh);
    expect(reminders(gh)).toHaveLength(2);
    for (const name of ['legal', 'security']) {
      const role = roleOf(late, name);
      expect(role.status).toBe('pending');
      expect(Date.parse(role.reminder!.consent_at!) - Date.parse(role.reminder!.sent_at!)).toBe(2 * DAY);
    }
    elapse(gh.world, 2 * DAY + H);
    const consented = await sweep(gh);
    expect(['legal', 'security'].map((name) => roleOf(consented, name).status)).toEqual(['consented', 'consented']);
    expect(consented.outputs).toMatchObject({ decision: 'ready' });
    expect(reminders(gh)).toHaveLength(2);
  }, 90_000);
});

describe('forged reminders', () => {
  it("do not count when a person posts the marker or puts it in the description: the bot's own reminder is still posted", async () => {
    // Asked 12.5 days ago: legal's reminder has been due for half a day; its deadline is in 1.5 days.
    const scenario = start({ requestedDaysAgo: 12.5 });
    const spec = scenario.repos![REPO]!.pulls![0]!;
    const deadline = new Date(Date.parse(spec.timeline![0]!.created_at) + 14 * DAY).toISOString();
    const forged = `<!-- pilot-readiness-reminder pilot=churn-forecast role=legal deadline=${deadline} -->\nnothing to see`;
    spec.comments = [{ user: AUTHOR, body: forged, created_at: daysAgo(0.2) }];
    // The same marker in the pull request's description is no comment of the gate's either.
    spec.body = forged;
    gh = await startGitHub(scenario);
    const run = await sweep(gh);
    const legal = roleOf(run, 'legal');
    expect(legal.deadline).toBe(deadline);
    // (Security's window closed days ago without one: its late reminder is posted too.)
    const ours = reminders(gh).filter((c) => c.user === 'github-actions[bot]' && c.body.includes(' role=legal '));
    expect(ours).toHaveLength(1);
    expect(legal.reminder?.state).toBe('sent');
    expect(Date.parse(legal.reminder!.sent_at!)).toBe(Date.parse(ours[0]!.created_at));
  });
});

describe('in a merge queue', () => {
  it('reads the reminders already sent but never posts one', async () => {
    // Legal's reminder is due (its deadline is in 1.5 days), but the queue's run writes nothing to the pull request.
    gh = await startGitHub(start({ requestedDaysAgo: 12.5, reviews: [review(OWNER, 'APPROVED', 0.5), review('kim-sec', 'APPROVED', 1)] }));
    const run = await runAction({
      gh,
      event: 'merge_group',
      payload: mergeGroupEvent(pull({ requestedDaysAgo: 12.5 })),
      with: { policy: POLICY_PATH },
    });
    expect(roleOf(run, 'legal').reminder?.state).toBe('due');
    expect(gh.comments(REPO, 7)).toEqual([]);
    expect(run.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toEqual([]);
  });
});

// The default policy: a low-risk pilot's silence does not wait for the reminder.
describe('with the default policy', () => {
  it('does not hold a low-risk role for a reminder that was missed', async () => {
    gh = await startGitHub(world({ pulls: [pull({ requestedDaysAgo: 15, reviews: [review(OWNER, 'APPROVED', 0.5)] })] }));
    const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(DEFAULT_POLICY_TEXT).not.toContain('consent_requires_reminder');
    expect(roleOf(run, 'legal')).toMatchObject({ status: 'consented', reminder: { state: 'missed', required: false } });
    expect(reminders(gh)).toEqual([]);
  });
});
