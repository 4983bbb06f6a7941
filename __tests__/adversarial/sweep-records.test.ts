// A sweep skips a pull request whose recorded status says nothing is due. Whoever can write a status
// or a comment on the pull request may try to plant such a record, so that a stale decision stands.
// Each row plants one after a genuine sweep and asserts that the next sweep still reads the pull
// request in full and writes the gate's own status (fail closed: a record that does not verify means evaluate).
import { describe, expect, it } from 'vitest';
import { runAction } from '../e2e/run-action.js';
import { HEAD, OWNER, pilotFiles, pull, pullRequestEvent, review, scheduleEvent, sha, statuses, world } from '../e2e/scenario.js';
import { elapse } from '../support/fake-github/clock.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { PullSpec, Scenario } from '../support/fake-github/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const OTHER = sha('c', 8);
const GATE_BOT = 'github-actions[bot]';

/** A status written straight into the fake's world, as its author could through the API. */
function plant(
  gh: FakeGitHub,
  commit: string,
  status: { state: 'success' | 'pending' | 'failure' | 'error'; target_url: string; creator: string; description?: string },
) {
  const repo = gh.world.repo('acme', 'models');
  if (!repo) throw new Error('no repository');
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const list = repo.statuses.get(commit) ?? [];
  list.push({
    id: gh.world.newId(),
    sha: commit,
    context: 'pilot-readiness',
    description: 'all good',
    created_at: at,
    updated_at: at,
    ...status,
  });
  repo.statuses.set(commit, list);
}

const genuineLink = (gh: FakeGitHub, commit = HEAD) => statuses(gh, commit).at(-1)?.target_url ?? '';

interface Row {
  name: string;
  /** The token the gate runs with: the workflow's GITHUB_TOKEN (a bot, login unknown) or a person's. */
  token?: 'gh-token' | 'pat';
  plant(gh: FakeGitHub): void;
}

const ROWS: Row[] = [
  {
    name: "the PR's author copies the gate's record onto a success status of their own",
    plant: (gh) => plant(gh, HEAD, { state: 'success', target_url: genuineLink(gh), creator: 'dev-lin' }),
  },
  {
    name: 'another app (a bot) copies the record, while the gate runs with a person token whose login GitHub names',
    token: 'pat',
    plant: (gh) => plant(gh, HEAD, { state: 'success', target_url: genuineLink(gh), creator: 'renovate[bot]' }),
  },
  {
    name: "another app copies the gate's whole status (record and description) while the gate runs with a person token",
    token: 'pat',
    plant: (gh) =>
      plant(gh, HEAD, {
        state: 'success',
        target_url: genuineLink(gh),
        creator: 'renovate[bot]',
        description: statuses(gh).at(-1)?.description ?? '',
      }),
  },
  {
    name: "a record pushed into the future: the gate's digest with next moved a year ahead, by the author",
    plant: (gh) =>
      plant(gh, HEAD, {
        state: 'success',
        target_url: genuineLink(gh).replace(/next=[^;]+/, 'next=2099-01-01T00:00:00.000Z'),
        creator: 'dev-lin',
      }),
  },
  {
    name: 'a record that does not read (a malformed instant), even under the gate’s own name',
    plant: (gh) => plant(gh, HEAD, { state: 'success', target_url: genuineLink(gh).replace(/next=[^;]+/, 'next=soon'), creator: GATE_BOT }),
  },
  {
    name: "another pull request's record carried over to this head, under the gate's own name",
    plant: (gh) => plant(gh, HEAD, { state: 'success', target_url: genuineLink(gh, OTHER), creator: GATE_BOT }),
  },
  {
    name: 'an error status (an earlier run could not verify the pull request) with a record',
    plant: (gh) => plant(gh, HEAD, { state: 'error', target_url: genuineLink(gh), creator: GATE_BOT }),
  },
  {
    name: 'a record written only in a comment of the author (records count only in the gate’s own status)',
    plant: (gh) => {
      const repo = gh.world.repo('acme', 'models');
      repo?.statuses.delete(HEAD);
      repo?.comments.push({
        id: gh.world.newId(),
        issue_number: 7,
        user: 'dev-lin',
        body: `<!-- pilot-readiness:readiness -->\n${genuineLink(gh, OTHER)}`,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
    },
  },
  {
    name: 'a genuine record more than a day old (the daily safety net, whatever its instant says)',
    plant: (gh) => elapse(gh.world, 25 * 3600_000),
  },
];

function scenario(): Scenario {
  const ready = { requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] };
  return world({
    pulls: [pull(ready), pull({ ...ready, number: 8, head: OTHER })],
    heads: { [HEAD]: pilotFiles(), [OTHER]: pilotFiles() },
    tokens: {
      'gh-token': { login: GATE_BOT, permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' } },
      pat: { login: 'dana-ops', app: false, permissions: 'write-all' },
    },
  });
}

describe('a planted sweep record', () => {
  for (const row of ROWS)
    it(`${row.name}: the pull request is read again`, { timeout: 60_000 }, async () => {
      gh = await startGitHub(scenario());
      const token = row.token ?? 'gh-token';
      const first = await runAction({ gh, event: 'schedule', payload: scheduleEvent(), token });
      expect(first.status).toBe(0);
      // Without the plant the next sweep would read nothing: both records are the gate's own and fresh.
      row.plant(gh);
      const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent(), token });
      expect(run.status).toBe(0);
      expect(run.requests.filter((r) => r.operation === 'PullRequestFacts').map((r) => r.variables?.number)).toContain(7);
      const latest = statuses(gh).at(-1);
      expect(latest?.creator).toBe(token === 'pat' ? 'dana-ops' : GATE_BOT);
      expect(latest?.state).toBe('success');
      // Ready: the record's instant is when its earliest evidence goes stale (in the future).
      const next = /#pilot-readiness=v1;next=(\d{4}-\d{2}-\d{2}T[0-9:.]+Z);inputs=[0-9a-f]{32}$/.exec(latest?.target_url ?? '')?.[1];
      expect(Date.parse(next ?? '')).toBeGreaterThan(Date.now());
      expect(latest?.description).toBe('16/16 criteria · roles consulted · owner approved');
    });

  it("a copy of the gate's status by the PR's author, linking elsewhere, is not left standing as the gate's", {
    timeout: 60_000,
  }, async () => {
    gh = await startGitHub(scenario());
    const payload = pullRequestEvent('synchronize', gh.world.repo('acme', 'models')?.pulls.get(7)?.spec as PullSpec);
    await runAction({ gh, event: 'pull_request', payload });
    const genuine = statuses(gh).at(-1);
    const record = (genuine?.target_url ?? '').slice((genuine?.target_url ?? '').indexOf('#'));
    plant(gh, HEAD, { state: 'success', target_url: `https://evil.example/${record}`, creator: 'dev-lin' });
    statuses(gh).at(-1)!.description = genuine?.description ?? null;
    const run = await runAction({ gh, event: 'pull_request', payload });
    expect(run.status).toBe(0);
    expect(statuses(gh).at(-1)).toMatchObject({ creator: GATE_BOT, state: 'success', target_url: genuine?.target_url });
  });

  it('the control: with nothing planted, the next sweep reads no pull request', async () => {
    gh = await startGitHub(scenario());
    await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(run.requests.map((r) => r.operation)).toEqual(['OpenPullRequests', 'Viewer']);
  });
});
