// The rows where a pull request tries to choose its own gate (edit the workflow that runs it, narrow
// the manifest pattern), shared by the adversarial suite (this checkout's build) and the pin test
// (the build the documentation pins), so both builds face the same attacks.
import { expect } from 'vitest';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { type ActionRun, runAction } from '../e2e/run-action.js';
import {
  HEAD,
  MANIFEST,
  OWNER,
  REPO,
  pilotFiles,
  pull,
  pullRequestEvent,
  review,
  scheduleEvent,
  statuses,
  world,
} from '../e2e/scenario.js';

const WORKFLOW = '.github/workflows/pilot-readiness.yml';
export const READY = { requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] };

export interface WorkflowTrustRow {
  name: string;
  files: string[];
  event?: 'pull_request' | 'schedule';
  with?: Record<string, string>;
  env?: Record<string, string>;
  expect: { state: string; exit: number; says?: string };
}

export const WORKFLOW_TRUST_ROWS: WorkflowTrustRow[] = [
  {
    name: 'the PR edits the workflow file that runs the gate (and with it, the inputs)',
    files: [MANIFEST, WORKFLOW],
    with: { manifest: 'nothing/**', mode: 'report' },
    expect: { state: 'failure', exit: 1, says: `changes ${WORKFLOW}, the workflow file that runs the gate` },
  },
  {
    name: 'the PR edits the workflow file and touches no pilot at all',
    files: [WORKFLOW],
    expect: { state: 'failure', exit: 1, says: 'the workflow file that runs the gate' },
  },
  {
    name: "the PR edits a local reusable workflow the gate's workflow could call, not the file itself",
    files: [MANIFEST, '.github/workflows/gate-steps.yml'],
    expect: { state: 'failure', exit: 1, says: 'changes .github/workflows/gate-steps.yml, a workflow or action of this repository' },
  },
  {
    name: 'the PR edits a local composite action',
    files: ['.github/actions/setup/action.yml'],
    expect: { state: 'failure', exit: 1, says: 'changes .github/actions/setup/action.yml' },
  },
  {
    name: 'the runner did not say which workflow runs the gate (GITHUB_WORKFLOW_REF unset)',
    files: [MANIFEST],
    env: { GITHUB_WORKFLOW_REF: '' },
    expect: { state: 'failure', exit: 1, says: 'GITHUB_WORKFLOW_REF is not set' },
  },
  {
    name: 'a narrowed manifest pattern leaves the pilot out: the manifest it skips is an error',
    files: [MANIFEST],
    with: { manifest: 'nothing/**' },
    expect: { state: 'error', exit: 1, says: 'looks like a pilot manifest, but the manifest pattern (nothing/**) does not match it' },
  },
  {
    name: 'control: a required workflow from the central repository runs the gate; the PR edits its own copy',
    files: [MANIFEST, WORKFLOW],
    env: { GITHUB_WORKFLOW_REF: `acme/ml-governance/.github/workflows/gate.yml@${'a'.repeat(40)}` },
    expect: { state: 'success', exit: 0 },
  },
  {
    name: 'control: the scheduled sweep runs the default branch workflow; the PR edits the workflow file',
    files: [MANIFEST, WORKFLOW],
    event: 'schedule',
    expect: { state: 'success', exit: 0 },
  },
];

/**
 * Runs one row: the pull request and its head (which edits the gate's workflow file) on a fresh fake
 * GitHub, then the Action of `build` (a folder with action.yml and dist/; default this checkout's).
 */
export async function runWorkflowTrustRow(
  startGitHub: (scenario: Scenario) => Promise<FakeGitHub>,
  row: WorkflowTrustRow,
  build?: string,
): Promise<{ gh: FakeGitHub; run: ActionRun }> {
  const p = pull({ ...READY, files: row.files });
  const head = { ...pilotFiles(), [WORKFLOW]: 'on: pull_request\n' };
  const gh = await startGitHub(world({ pulls: [p], base: pilotFiles(), heads: { [HEAD]: head } }));
  const event = row.event ?? 'pull_request';
  const run = await runAction({
    gh,
    event,
    payload: event === 'schedule' ? scheduleEvent() : pullRequestEvent('synchronize', p),
    with: row.with ?? {},
    env: row.env ?? {},
    ...(build === undefined ? {} : { build }),
  });
  return { gh, run };
}

/** What the row expects of the status, the exit code and the messages; `label` names the build in failures. */
export function expectWorkflowTrustRow({ gh, run }: { gh: FakeGitHub; run: ActionRun }, row: WorkflowTrustRow, label = 'this build'): void {
  const at = `${label}: ${row.name}`;
  expect(statuses(gh).at(-1)?.state, `${at}: the last commit status`).toBe(row.expect.state);
  if (row.expect.state !== 'success')
    expect(
      statuses(gh).some((s) => s.state === 'success'),
      `${at}: a success was written`,
    ).toBe(false);
  expect(run.status, `${at}: the exit code`).toBe(row.expect.exit);
  if (row.expect.says) expect(run.stdout, `${at}: the message`).toContain(row.expect.says);
  if (row.expect.state === 'failure' && row.expect.says?.includes('workflow file')) {
    expect(gh.comments(REPO, 7)[0]?.body ?? '', `${at}: the comment`).toContain('could not be verified');
  }
}
