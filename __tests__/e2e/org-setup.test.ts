// The README's "Organisation set-up (recommended)", followed literally where it can run here: the
// inputs come from the example workflow files themselves (examples/workflows/org-dot-github/), read
// and evaluated step by step as the runner would, and the built Action runs with them against the
// fake GitHub, as a required workflow from the central repository (pull_request_target) and as the
// hourly sweep through the reusable workflow.
//
// What cannot run here, and is therefore only stated in the README: the organisation ruleset itself
// (that GitHub runs the central workflow and that the pull request cannot skip it), the required
// status's pinned source (GitHub refusing a `pilot-readiness` status from another App), the
// environment's deployment-branch rule releasing the key only to default-branch runs, and minting the
// App token (actions/create-github-app-token); its output is the token the fake knows as the App's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import type { Scenario } from '../support/fake-github/scenario.js';
import { ROOT, runAction, type InputName } from './run-action.js';
import { HEAD, MANIFEST, OWNER, REPO, pilotFiles, pull, pullRequestEvent, review, scheduleEvent, statuses, world } from './scenario.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  const running = gh;
  gh = undefined;
  await running?.close();
});

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  environment?: string;
  permissions?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, string> | 'inherit';
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
type WorkflowCall = { inputs: Record<string, { default?: unknown }>; secrets: Record<string, unknown> };

const read = (path: string): Workflow => load(readFileSync(join(ROOT, path), 'utf8'), { schema: JSON_SCHEMA }) as Workflow;
const GATE_FILE = 'examples/workflows/org-dot-github/pilot-readiness-gate.yml';
const SWEEP_FILE = 'examples/workflows/org-dot-github/sweep-caller.yml';
const REUSABLE_FILE = '.github/workflows/pilot-readiness.yml';

/** The Action's step of a job: the one that uses pilot-readiness/pilot-readiness by sha. */
function actionStep(job: Job): Step {
  const steps = (job.steps ?? []).filter((s) => s.uses?.startsWith('pilot-readiness/pilot-readiness@'));
  expect(steps).toHaveLength(1);
  return steps[0]!;
}

/**
 * `${{ a || b }}` as the runner evaluates it, for the contexts these files use; any other expression
 * throws, so a workflow edit this helper cannot follow fails the test instead of passing unread.
 */
function evaluate(value: unknown, contexts: Record<string, Record<string, string>>): string {
  const text = String(value);
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => {
    for (const operand of expression.split('||').map((o) => o.trim())) {
      const dot = operand.indexOf('.');
      const [context, name] = [operand.slice(0, dot), operand.slice(dot + 1)];
      if (!(context in contexts)) throw new Error(`cannot evaluate ${operand} in ${text}`);
      const found = contexts[context]![name] ?? '';
      if (found !== '') return found;
    }
    return '';
  });
}

/** The step's `with:` evaluated, as INPUT_* values the runner would pass. */
function inputsOf(step: Step, contexts: Record<string, Record<string, string>>): Partial<Record<InputName, string>> {
  return Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, evaluate(value, contexts)])) as Partial<
    Record<InputName, string>
  >;
}

const APP_TOKEN = 'gate-app-installation-token';
const POLICY_APP_TOKEN = 'gate-app-policy-installation-token';
const APP_LOGIN = 'acme-pilot-readiness-gate[bot]';
/** What `steps.<id>.outputs.token` evaluates to for each token the job mints. */
const MINTED = { 'app.outputs.token': APP_TOKEN, 'policy-app.outputs.token': POLICY_APP_TOKEN };

/**
 * The tokens a job mints with actions/create-github-app-token, as the fake GitHub knows them: the
 * repositories and permissions evaluated from the step's own inputs, so the scenario grants no more
 * (and no less) than the workflow file asks for.
 */
function mintedTokens(job: Job, contexts: Record<string, Record<string, string>>): NonNullable<Scenario['tokens']> {
  const tokens: NonNullable<Scenario['tokens']> = {};
  for (const step of job.steps ?? []) {
    if (!step.uses?.startsWith('actions/create-github-app-token@') || !step.id) continue;
    const token = MINTED[`${step.id}.outputs.token` as keyof typeof MINTED];
    if (!token) throw new Error(`a token minted by step ${step.id} has no name in MINTED`);
    const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(v, contexts)]));
    const permissions = Object.fromEntries(
      Object.entries(given)
        .filter(([k]) => k.startsWith('permission-'))
        .map(([k, v]) => [k.slice('permission-'.length).replace('-', '_'), v]),
    );
    const repositories = (given.repositories ?? '').split(/\s+/).filter(Boolean);
    tokens[token] = { login: APP_LOGIN, app: true, permissions, repositories: repositories.map((r) => `acme/${r}`) };
  }
  return tokens;
}
/** The policy the example gate pins: the central repository's file at that commit. */
const POLICY_INPUT = String(actionStep(read(GATE_FILE).jobs.gate!).with?.policy);
const [, POLICY_PATH = '', POLICY_SHA = ''] = /^acme\/ml-governance\/(.+)@([0-9a-f]{40})$/.exec(POLICY_INPUT) ?? [];
/** The organisation's layer: stricter than the default (a cap on waivers across renewals). */
const CENTRAL_POLICY = 'version: 1\nextends: default\nname: acme\nmax_waiver_total: 120d\n';

/** acme/models with the pull request, the central repository with the policy, and the App's tokens the job mints. */
function organisation(
  tokens: NonNullable<Scenario['tokens']>,
  p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)], files: [MANIFEST, '.github/workflows/pilot-readiness.yml'] }),
): Scenario {
  const models = world({
    pulls: [p],
    base: pilotFiles(),
    heads: { [HEAD]: { ...pilotFiles(), '.github/workflows/pilot-readiness.yml': 'on: pull_request\n' } },
  });
  return {
    ...models,
    tokens,
    repos: {
      ...models.repos,
      'acme/ml-governance': {
        default_branch: 'main',
        private: true,
        branches: { main: POLICY_SHA },
        files: { [POLICY_SHA]: { [POLICY_PATH]: CENTRAL_POLICY } },
      },
    },
  };
}

describe('the central gate workflow, as the ruleset runs it (pull_request_target, from acme/ml-governance)', () => {
  const workflow = read(GATE_FILE);
  const job = workflow.jobs.gate!;
  /** The contexts the job's expressions read, as GitHub gives them to acme/models. */
  const contexts = {
    steps: { 'repository.outputs.name': 'models', ...MINTED },
    github: { token: 'workflow-github-token', repository_owner: 'acme' },
    vars: { PILOT_READINESS_GATE_CLIENT_ID: 'Iv23liGateClientId' },
    secrets: { PILOT_READINESS_GATE_KEY: '-----BEGIN PRIVATE KEY-----' },
  };

  it('is shaped as the README says: pull_request_target only, no GITHUB_TOKEN permissions, the key behind an environment', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request_target']);
    expect(workflow.permissions).toEqual({});
    expect(job.environment).toBe('pilot-readiness');
    // Nothing from the pull request is checked out or run: no checkout, and no shell step reads event data.
    for (const step of job.steps ?? []) {
      expect(step.uses ?? '').not.toMatch(/^actions\/checkout@/);
      expect(step.run ?? '').not.toMatch(/github\.event|head_ref|\$\{\{/);
    }
    expect(POLICY_SHA).toMatch(/^[0-9a-f]{40}$/);
    expect(actionStep(job).with?.mode).toBe('gate');
  });

  it('a ready pull request that also edits its own workflow copy: success, written with the App token', async () => {
    gh = await startFakeGitHub(organisation(mintedTokens(job, contexts)));
    const p = gh.world.repo('acme', 'models')!.pulls.get(7)!.spec;
    const run = await runAction({
      gh,
      event: 'pull_request_target',
      payload: pullRequestEvent('synchronize', p),
      with: inputsOf(actionStep(job), contexts),
      // GitHub runs the required workflow from the central repository at its pinned commit.
      env: {
        GITHUB_WORKFLOW_REF: `acme/ml-governance/.github/workflows/pilot-readiness-gate.yml@${'d'.repeat(40)}`,
        GITHUB_REF: 'refs/heads/main',
      },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs.decision).toBe('ready');
    const written = statuses(gh);
    expect(written.map((s) => [s.state, s.creator])).toEqual([['success', APP_LOGIN]]);
    // The App's two tokens, each minted for one repository: the policy was read from the central
    // repository at the pinned commit with the read-only one, and nothing else was.
    expect(mintedTokens(job, contexts)).toEqual({
      [APP_TOKEN]: expect.objectContaining({ repositories: [REPO] }),
      [POLICY_APP_TOKEN]: expect.objectContaining({ repositories: ['acme/ml-governance'], permissions: { contents: 'read' } }),
    });
    expect(new Set(run.requests.map((r) => r.token))).toEqual(new Set([APP_TOKEN, POLICY_APP_TOKEN]));
    expect(run.requests.filter((r) => r.token === POLICY_APP_TOKEN).map((r) => r.operation)).toEqual(['PolicySource']);
    expect(run.stdout).not.toContain('can be moved');
    expect(JSON.stringify(run.report)).toContain(`acme/ml-governance/${POLICY_PATH}@${POLICY_SHA}`);
  });

  it('a pull request without the owner’s approval: pending, whatever its own workflow copy says', async () => {
    gh = await startFakeGitHub(
      organisation(
        mintedTokens(job, contexts),
        pull({ requestedDaysAgo: 20, reviews: [], files: [MANIFEST, '.github/workflows/pilot-readiness.yml'] }),
      ),
    );
    const p = gh.world.repo('acme', 'models')!.pulls.get(7)!.spec;
    const run = await runAction({
      gh,
      event: 'pull_request_target',
      payload: pullRequestEvent('synchronize', p),
      with: inputsOf(actionStep(job), contexts),
      env: { GITHUB_WORKFLOW_REF: `acme/ml-governance/.github/workflows/pilot-readiness-gate.yml@${'d'.repeat(40)}` },
    });
    expect(run.outputs.decision).toBe('pending');
    expect(statuses(gh).map((s) => [s.state, s.creator])).toEqual([['pending', APP_LOGIN]]);
    expect(run.status).toBe(1);
  });
});

describe('the hourly sweep: sweep-caller.yml calling the reusable workflow in the pilot-readiness environment', () => {
  const caller = read(SWEEP_FILE);
  const callerJob = caller.jobs.sweep!;
  const reusable = read(REUSABLE_FILE);
  const call = reusable.on.workflow_call as WorkflowCall;
  const gateJob = reusable.jobs.gate!;

  it('runs only from the default branch and passes the environment’s key by name', () => {
    expect(Object.keys(caller.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(callerJob.uses).toMatch(/^pilot-readiness\/pilot-readiness\/\.github\/workflows\/pilot-readiness\.yml@[0-9a-f]{40}$/);
    expect(callerJob.with?.environment).toBe('pilot-readiness');
    expect(gateJob.environment).toBe('${{ inputs.environment }}');
    // A secret the caller does not pass is empty in the reusable workflow, even in an environment.
    const passed = callerJob.secrets as Record<string, string>;
    expect(passed).toEqual({ PILOT_READINESS_GATE_KEY: '${{ secrets.PILOT_READINESS_GATE_KEY }}' });
    for (const name of Object.keys(passed)) expect(Object.keys(call.secrets)).toContain(name);
    // The same policy as the gate: the sweep cannot judge by other rules.
    expect(callerJob.with?.policy).toBe(POLICY_INPUT);
  });

  it('the sweep writes success for the ready pull request with the App token, the policy read with its read-only one', async () => {
    // The caller's `with:` over the reusable workflow's defaults, then the Action step's expressions.
    const inputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(call.inputs)) inputs[name] = spec.default === undefined ? '' : String(spec.default);
    for (const [name, value] of Object.entries(callerJob.with ?? {}))
      inputs[name] = evaluate(value, { vars: { PILOT_READINESS_GATE_CLIENT_ID: 'Iv23liGateClientId' } });
    // The environment releases its secret to this default-branch run; the caller passed it by name.
    const secrets = { PILOT_READINESS_GATE_KEY: '-----BEGIN PRIVATE KEY-----' };
    const app = gateJob.steps!.find((s) => s.id === 'app')!;
    expect(app.if).toBe("inputs.client-id != '' || inputs.app-id != ''");
    expect(inputs['client-id']).not.toBe('');
    expect(evaluate(app.with?.['client-id'], { inputs })).toBe('Iv23liGateClientId');
    expect(evaluate(app.with?.['private-key'], { secrets })).toBe(secrets.PILOT_READINESS_GATE_KEY);
    // The policy's own token is minted only when the caller names the policy repository, as this one does.
    expect(gateJob.steps!.find((s) => s.id === 'policy-app')?.if).toBe(
      "(inputs.client-id != '' || inputs.app-id != '') && inputs.policy-repository != ''",
    );
    expect(inputs['policy-repository']).toBe('ml-governance');
    const contexts = {
      inputs,
      secrets,
      steps: { 'repository.outputs.name': 'models', ...MINTED },
      github: { token: 'workflow-github-token', repository_owner: 'acme' },
    };
    gh = await startFakeGitHub(organisation(mintedTokens(gateJob, contexts)));
    const run = await runAction({
      gh,
      event: 'schedule',
      payload: scheduleEvent('17 * * * *'),
      with: inputsOf(actionStep(gateJob), contexts),
      env: { GITHUB_WORKFLOW_REF: `${REPO}/.github/workflows/pilot-readiness-sweep.yml@refs/heads/main` },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statuses(gh).map((s) => [s.state, s.creator])).toEqual([['success', APP_LOGIN]]);
    expect(mintedTokens(gateJob, contexts)).toEqual({
      [APP_TOKEN]: expect.objectContaining({ repositories: [REPO] }),
      [POLICY_APP_TOKEN]: expect.objectContaining({ repositories: ['acme/ml-governance'], permissions: { contents: 'read' } }),
    });
    expect(new Set(run.requests.map((r) => r.token))).toEqual(new Set([APP_TOKEN, POLICY_APP_TOKEN]));
    expect(run.requests.filter((r) => r.token === POLICY_APP_TOKEN).map((r) => r.operation)).toEqual(['PolicySource']);
    expect(JSON.stringify(run.report)).toContain(`acme/ml-governance/${POLICY_PATH}@${POLICY_SHA}`);
  });
});
