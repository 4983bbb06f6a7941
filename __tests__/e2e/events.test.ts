// Events the gate has nothing to do with end cleanly, with a notice and without a single API call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from './run-action.js';
import { REPO, otherEvent, pull, pullRequestEvent, reviewEvent, world } from './scenario.js';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub(world());
});
afterAll(async () => {
  await gh.close();
});

describe('an event the gate ignores', () => {
  it.each([
    ['push', otherEvent('push')],
    ['issues', otherEvent('issues', 'opened')],
  ])('(%s) ends with a notice and exit 0, without loading anything or calling GitHub', async (event, payload) => {
    const run = await runAction({ gh, event, payload });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.annotations).toEqual([
      {
        level: 'notice',
        title: 'pilot-readiness',
        message: `pilot-readiness has nothing to do on the "${event}" event; it runs on pull_request, pull_request_target, pull_request_review, merge_group, schedule and workflow_dispatch.`,
      },
    ]);
    expect(run.outputs).toEqual({});
    expect(run.summary).toBe('');
    expect(run.requests).toEqual([]);
  });

  it('(a closed pull request) ends with a notice and exit 0, without calling GitHub', async () => {
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('closed', pull()) });
    expect(run.status).toBe(0);
    expect(run.annotations).toEqual([
      { level: 'notice', message: 'pilot-readiness: nothing to evaluate for pull_request.closed; nothing to do.' },
    ]);
    expect(run.outputs).toEqual({});
    expect(run.requests).toEqual([]);
    expect(gh.statuses(REPO, pull().head.sha)).toEqual([]);
  });

  it('(a review on a closed pull request) ends with a notice and exit 0', async () => {
    const payload = reviewEvent(pull({ state: 'closed' }), { user: 'kim-sec', state: 'approved' });
    (payload.pull_request as Record<string, unknown>).state = 'closed';
    const run = await runAction({ gh, event: 'pull_request_review', payload });
    expect(run.status).toBe(0);
    expect(run.annotations).toEqual([{ level: 'notice', message: 'pilot-readiness: the pull request is closed; nothing to do.' }]);
    expect(run.requests).toEqual([]);
  });
});

describe('a workflow mistake', () => {
  it('(an input with a typo) fails with the input named, before any API call', async () => {
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('opened', pull()), with: { mode: 'gating' } });
    expect(run.status).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toContain(
      'pilot-readiness: input mode: "gating" is not a mode; use gate, report, portfolio or deployment',
    );
    expect(run.summary).toContain('input mode: "gating" is not a mode; use gate, report, portfolio or deployment');
    expect(run.requests).toEqual([]);
  });
});
