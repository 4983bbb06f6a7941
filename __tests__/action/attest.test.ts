// attest: true, through the signer seam: the Action signs one statement per ready pull request (the
// head commit as subject, the reports as predicate), writes them to a file and names it in an output;
// pending or blocked pull requests are never attested. A fake signer stands in for Sigstore.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deploymentSha, mergedPullRequest } from '../../src/action/deployment.js';
import type { RunnerContext } from '../../src/action/event.js';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { checkStatement, type Statement } from '../../src/core/attestation.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { type AttestationPorts, attestMerge, attestReady } from '../../src/flow/attest.js';
import type { PullRequestOutcome } from '../../src/flow/gate-pull-request.js';
import type { AttestationSigner } from '../../src/flow/ports.js';
import { RunRecorder } from '../../src/flow/run-result.js';
import { ROOT } from '../cli/helpers.js';
import { MERGED, PUSHED, deployWorld } from '../deploy/world.js';
import { HEAD } from '../e2e/scenario.js';
import { fakeClient } from '../support/fake-github/client.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';

const startGitHub = fakeGitHubPerTest();

const FACTS = JSON.parse(readFileSync(join(ROOT, 'examples/claims-triage/pr-ready.json'), 'utf8')) as PrFacts;
const path = 'examples/claims-triage/pilot-readiness.yml';
const report = (facts: PrFacts | null): Report =>
  evaluate({
    manifest: { path, text: readFileSync(join(ROOT, path), 'utf8') },
    policy: loadBundledPolicy('default'),
    files: localRepoFiles(ROOT),
    ...baseFromFacts(facts),
    now: new Date('2026-11-28T00:00:00Z'),
  });
const outcome = (number: number, r: Report): PullRequestOutcome => ({
  number,
  decision: r.decision,
  headDecision: r.decision,
  reports: [r],
  note: null,
  warnings: [],
  errors: [],
});

let dir: string;
let ctx: RunnerContext;
let run: RunRecorder;
/** The runner's temporary folder as the Action's store writes it. */
const ports = (signer: AttestationSigner, owner = ctx.owner, repo = ctx.repo): AttestationPorts => ({
  owner,
  repo,
  signer,
  artifacts: {
    writeJson: (name, body) => {
      writeFileSync(join(dir, name), `${JSON.stringify(body, null, 2)}\n`);
      return join(dir, name);
    },
  },
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attest-'));
  run = new RunRecorder();
  ctx = {
    eventName: 'pull_request',
    payload: {},
    owner: 'acme',
    repo: 'claims-ml',
    apiUrl: undefined,
    serverUrl: 'https://github.com',
    runUrl: null,
    tempDir: dir,
    now: new Date(),
    workflowRef: null,
  };
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('attestReady', () => {
  it('signs the statement of each ready pull request and names the file in the attestation output', async () => {
    const signed: Array<Parameters<AttestationSigner['sign']>[0]> = [];
    const signer: AttestationSigner = {
      sign: async (s) => {
        signed.push(s);
        return { bundle: {}, id: '123' };
      },
    };
    const ready = report(FACTS);
    const file = await attestReady([outcome(42, ready), outcome(43, report(null))], ports(signer), run);

    expect(signed).toHaveLength(1);
    expect(signed[0]?.subject).toEqual([{ name: `acme/claims-ml@${FACTS.head_sha}`, digest: { gitCommit: FACTS.head_sha } }]);
    const written = JSON.parse(readFileSync(file!, 'utf8')) as Statement;
    expect(written).toEqual(signed[0]);
    expect(checkStatement(written, { repository: 'acme/claims-ml', commits: [FACTS.head_sha], pullRequest: 42 })).toEqual([]);
    expect(run.result.outputs).toEqual({ attestation: file });
  });

  it('signs nothing and sets no output when no pull request is ready', async () => {
    const signer: AttestationSigner = { sign: vi.fn() };
    expect(await attestReady([outcome(43, report(null))], ports(signer), run)).toBeNull();
    expect(signer.sign).not.toHaveBeenCalled();
    expect(run.result.outputs).toEqual({});
  });

  it("lets a signer's failure through: the run fails rather than go on without the attestation", async () => {
    const signer: AttestationSigner = { sign: async () => Promise.reject(new Error('Rekor is unreachable')) };
    await expect(attestReady([outcome(42, report(FACTS))], ports(signer), run)).rejects.toThrow('Rekor is unreachable');
  });
});

describe('attestReady refuses to vouch for what the run did not stand behind', () => {
  const signer = (): AttestationSigner & { sign: ReturnType<typeof vi.fn> } => ({ sign: vi.fn(async () => ({ bundle: {} })) });
  it('a ready pull request whose success the run held back (changed between the read and the write) is not attested', async () => {
    const s = signer();
    const held = { ...outcome(42, report(FACTS)), statusNotWritten: 'the pull request changed since it was read' };
    expect(await attestReady([held], ports(s), run)).toBeNull();
    expect(s.sign).not.toHaveBeenCalled();
  });

  it('a ready pull request whose shared head another pull request holds back is not attested', async () => {
    const s = signer();
    for (const headDecision of ['pending', 'blocked', undefined] as const) {
      const { headDecision: _, ...own } = outcome(42, report(FACTS));
      const held = headDecision === undefined ? own : { ...own, headDecision };
      expect(own.decision).toBe('ready');
      expect(await attestReady([held], ports(s), run)).toBeNull();
    }
    expect(s.sign).not.toHaveBeenCalled();
  });

  it("the subject is the head the reports judged (the event's head, which a push may overtake, is no input)", async () => {
    const s = signer();
    await attestReady([outcome(42, report(FACTS))], ports(s), run);
    const statement = s.sign.mock.calls[0]![0] as Statement;
    expect(statement.subject).toEqual([{ name: `acme/claims-ml@${FACTS.head_sha}`, digest: { gitCommit: FACTS.head_sha } }]);
    expect(statement.predicate.head_sha).toBe(FACTS.head_sha);
  });

  it('reports that name no head, or two, fail the run instead of being attested under a guessed commit', async () => {
    const s = signer();
    const other = report({ ...FACTS, head_sha: 'b'.repeat(40) });
    await expect(attestReady([{ ...outcome(42, report(FACTS)), reports: [report(FACTS), other] }], ports(s), run)).rejects.toThrow(
      '#42: its reports do not name one head commit they judged, so it cannot be attested',
    );
    expect(s.sign).not.toHaveBeenCalled();
  });
});

describe('deploymentSha', () => {
  const sha = 'd'.repeat(40);
  it.each([
    ['the input first', 'x', 'push', {}, 'x'],
    ["the deployment's sha on deployment", '', 'deployment', { deployment: { sha } }, sha],
    ["the deployment's sha on deployment_status", '', 'deployment_status', { deployment: { sha } }, sha],
    ["the triggering run's head on workflow_run", '', 'workflow_run', { workflow_run: { head_sha: sha } }, sha],
    ['GITHUB_SHA otherwise', '', 'push', { deployment: { sha } }, 'e'.repeat(40)],
  ])('%s', (_, given, eventName, payload, expected) => {
    expect(deploymentSha(given, { ...ctx, eventName, payload }, 'e'.repeat(40))).toBe(expected);
  });
  it('refuses to guess when nothing names a commit', () => {
    expect(() => deploymentSha('', ctx, undefined)).toThrow(/mode: deployment needs the commit being deployed/);
  });
});

describe('attest on merge', () => {
  const settings = { policy: 'default', manifest: '**/pilot-readiness.yml', now: new Date() };
  const closed = (merged: boolean, mergeSha = MERGED) => ({
    action: 'closed',
    pull_request: { number: 7, merged, merge_commit_sha: mergeSha, head: { sha: HEAD } },
  });

  it('reads only a merged pull request out of a closed event', () => {
    expect(mergedPullRequest({ ...ctx, payload: closed(true) })).toEqual({ number: 7, headSha: HEAD, mergeSha: MERGED });
    expect(mergedPullRequest({ ...ctx, payload: closed(false) })).toBeNull();
    expect(mergedPullRequest({ ...ctx, payload: { ...closed(true), action: 'synchronize' } })).toBeNull();
    expect(mergedPullRequest({ ...ctx, eventName: 'push', payload: closed(true) })).toBeNull();
  });

  it('signs the decision at the merge with the head and the merge commit as subjects', async () => {
    const gh = await startGitHub(deployWorld());
    const signed: Array<Parameters<AttestationSigner['sign']>[0]> = [];
    const signer: AttestationSigner = {
      sign: async (s) => {
        signed.push(s);
        return { bundle: {} };
      },
    };
    await attestMerge(
      fakeClient(gh, { token: 'gh-token' }),
      ports(signer, 'acme', 'models'),
      settings,
      { number: 7, headSha: HEAD, mergeSha: MERGED },
      run,
    );
    expect(signed.map((s) => s.subject)).toEqual([
      [
        { name: `acme/models@${HEAD}`, digest: { gitCommit: HEAD } },
        { name: `acme/models@${MERGED}`, digest: { gitCommit: MERGED } },
      ],
    ]);
    const statement = signed[0] as Statement;
    // What the deploy gate expects of it: the pull request's head (the predicate's head_sha) and the merge commit.
    expect(checkStatement(statement, { repository: 'acme/models', commits: [HEAD, MERGED], pullRequest: 7 })).toEqual([]);
    // Named by the merge commit alone, the head the sign-offs were given on is not vouched for.
    expect(checkStatement(statement, { repository: 'acme/models', commits: [MERGED], pullRequest: 7 })).toEqual([
      `the predicate's head_sha "${HEAD}" is not one of ${MERGED}`,
    ]);
    expect(run.result.outputs.attestation).toContain('pilot-readiness-attestation.json');
  });

  it('refuses a merge commit that GitHub does not trace to the pull request, and signs nothing', async () => {
    const gh = await startGitHub(deployWorld());
    const signer: AttestationSigner = { sign: vi.fn() };
    await expect(
      attestMerge(
        fakeClient(gh, { token: 'gh-token' }),
        ports(signer, 'acme', 'models'),
        settings,
        { number: 7, headSha: HEAD, mergeSha: PUSHED },
        run,
      ),
    ).rejects.toThrow(
      /^the merge commit e1e1e1e1e1e1 of #7 is not traced to it \(commit e1e1e1e1e1e1 was not produced by a merged pull request/,
    );
    expect(signer.sign).not.toHaveBeenCalled();
  });
});
