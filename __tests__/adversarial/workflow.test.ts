// The pull request chooses its gate: on pull_request GitHub runs the workflow file of the merge ref,
// so a PR can change the gate's inputs (manifest pattern, mode, policy). Each row runs the built
// Action against the fake GitHub and asserts that such a run never vouches for the pull request.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from '../e2e/run-action.js';
import { HEAD, MANIFEST, OWNER, pilotFiles, pull, pullRequestEvent, review, statuses, world } from '../e2e/scenario.js';
import { READY, WORKFLOW_TRUST_ROWS, expectWorkflowTrustRow, runWorkflowTrustRow } from './workflow-rows.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('a pull request cannot choose its own gate (built Action, fake GitHub)', () => {
  it.each(WORKFLOW_TRUST_ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const ran = await runWorkflowTrustRow(startGitHub, row);
    gh = ran.gh;
    expectWorkflowTrustRow(ran, row);
  });
});

describe('a success that no longer holds when it would be written', () => {
  it('the owner approval is dismissed between the read and the status write: no success is written', async () => {
    const p = pull(READY);
    gh = await startGitHub(world({ pulls: [p], base: pilotFiles(), heads: { [HEAD]: pilotFiles() } }));
    const fake = gh;
    // The re-check before a success is written waits a moment: time for the dismissal to land.
    fake.fault({ match: { operation: 'PullRequestFreshness' }, delay_ms: 1500 });
    const running = runAction({ gh: fake, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const deadline = Date.now() + 10_000;
    while (!fake.requests.some((r) => r.operation === 'PullRequestFacts') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    const record = fake.world.repo('acme', 'models')!.pulls.get(7)!;
    record.spec = {
      ...record.spec,
      reviews: (record.spec.reviews ?? []).map((r) => (r.user === OWNER ? { ...r, state: 'DISMISSED' as const } : r)),
    };
    const run = await running;

    expect(run.outputs.decision).toBe('ready');
    expect(statuses(fake)).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('the pull request changed while it was evaluated');
    // The next run sees the dismissal and writes what now holds.
    const next = await runAction({ gh: fake, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(next.outputs.decision).toBe('pending');
    expect(statuses(fake).at(-1)?.state).toBe('pending');
  });
});

describe('a dismissal of an approval older than the latest 100 reviews, between the read and the write', () => {
  it('is still seen: no success is written', async () => {
    const chatter = Array.from({ length: 100 }, (_, i) => review(`watcher-${i}`, 'COMMENTED', 0.5, { body: `note ${i}` }));
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1), ...chatter] });
    gh = await startGitHub(world({ pulls: [p], base: pilotFiles(), heads: { [HEAD]: pilotFiles() } }));
    const fake = gh;
    fake.fault({ match: { operation: 'PullRequestFreshness' }, delay_ms: 1500 });
    const running = runAction({ gh: fake, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const deadline = Date.now() + 10_000;
    while (!fake.requests.some((r) => r.operation === 'PullRequestFacts') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    const record = fake.world.repo('acme', 'models')!.pulls.get(7)!;
    record.spec = {
      ...record.spec,
      reviews: (record.spec.reviews ?? []).map((r) => (r.user === OWNER ? { ...r, state: 'DISMISSED' as const } : r)),
    };
    const run = await running;
    expect(run.outputs.decision).toBe('ready');
    expect(statuses(fake)).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('the pull request changed while it was evaluated');
  });
});

describe('least privilege: a separate token reads team members', () => {
  it('members-token resolves a team that github-token may not read; the status is still written by github-token', async () => {
    const manifest = pilotFiles()[MANIFEST]!.replace('security: [kim-sec]', 'security: [acme/appsec]');
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 1), review(OWNER, 'APPROVED', 1)] });
    const scenario = world({ pulls: [p], base: pilotFiles(manifest), heads: { [HEAD]: pilotFiles(manifest) } });
    scenario.orgs = { acme: { teams: { appsec: ['kim-sec', 'lee-sec'] }, members_visible: false } };
    scenario.tokens = {
      'gh-token': {
        login: 'github-actions[bot]',
        permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' },
      },
      'members-only': { login: 'members-reader[bot]', permissions: { members: 'read' } },
    };
    gh = await startGitHub(scenario);
    const without = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(without.status).toBe(1);
    expect(statuses(gh).some((s) => s.state === 'success')).toBe(false);

    const run = await runAction({
      gh,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', p),
      with: { 'members-token': 'members-only' },
    });
    expect(run.status).toBe(0);
    expect(statuses(gh).at(-1)?.state).toBe('success');
    const teamReads = run.requests.filter((r) => r.operation === 'TeamMembers');
    expect(teamReads.length).toBeGreaterThan(0);
    expect(teamReads.every((r) => r.token === 'members-only')).toBe(true);
    expect(run.requests.filter((r) => r.method === 'POST' && r.endpoint?.includes('/statuses/')).every((r) => r.token === 'gh-token')).toBe(
      true,
    );
  });
});
