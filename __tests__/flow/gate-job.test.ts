// The gate job's branching with in-memory ports, no GitHub: when the step fails and with which line,
// what a run decides, and what an event with nothing to gate, or a merge queue group it cannot tie
// to a pull request, leaves for the runner. The end-to-end tests hold the same through dist/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../src/adapters/github/client.js';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { decide, type GateJobSettings, type GateTrigger, runGateJob, stepFailure } from '../../src/flow/gate-job.js';
import type { PullRequestOutcome } from '../../src/flow/gate-pull-request.js';
import { failuresOf } from '../../src/flow/run-result.js';
import { ROOT } from '../cli/helpers.js';

const path = 'examples/claims-triage/pilot-readiness.yml';
const FACTS = JSON.parse(readFileSync(join(ROOT, 'examples/claims-triage/pr-ready.json'), 'utf8')) as PrFacts;
const report = (facts: PrFacts | null): Report =>
  evaluate({
    manifest: { path, text: readFileSync(join(ROOT, path), 'utf8') },
    policy: loadBundledPolicy('default'),
    files: localRepoFiles(ROOT),
    ...baseFromFacts(facts),
    now: new Date('2026-11-28T00:00:00Z'),
  });
const READY = report(FACTS);
const PENDING = report(null);
const outcome = (number: number, reports: Report[], extra: Partial<PullRequestOutcome> = {}): PullRequestOutcome => ({
  number,
  decision: reports[0]?.decision ?? 'pending',
  reports,
  note: null,
  warnings: [],
  errors: [],
  ...extra,
});
const gate = { mode: 'gate' } as const;

describe('stepFailure: the most serious reason first, or null to pass', () => {
  const location = { file: '.github/pilot-readiness.yml', line: 3, column: 1 };
  it.each([
    ['a ready run passes', [outcome(1, [READY])], 'ready', gate, null],
    ['report mode never fails for a decision', [outcome(1, [PENDING])], 'pending', { mode: 'report' } as const, null],
    ['an unfinished run (decision null) fails only for what it found', [outcome(1, [PENDING])], null, gate, null],
    [
      'a pending pilot names what it waits on',
      [outcome(1, [PENDING])],
      'pending',
      gate,
      `pilot-readiness: pending. ${PENDING.pilot?.name}: waiting on ${PENDING.waiting_on.join(', ')}`,
    ],
    [
      "a policy change without a report needs an owner's approval",
      [outcome(4, [], { decision: 'pending' })],
      'pending',
      gate,
      "pilot-readiness: pending. #4: the policy change needs a policy owner's approval",
    ],
    [
      'an invalid proposed policy outranks the decision',
      [outcome(2, [PENDING], { errors: [{ message: 'bad', location }] })],
      'pending',
      gate,
      'pilot-readiness: the proposed policy is invalid (1 problem(s)); see the annotations',
    ],
    [
      'a status not written outranks an invalid policy, in every mode',
      [outcome(2, [READY], { statusNotWritten: 'refused', errors: [{ message: 'bad', location: null }] })],
      'ready',
      { mode: 'report' } as const,
      'pilot-readiness: the commit status of #2 could not be written; an earlier status may still stand (see the annotations)',
    ],
    [
      "a pull request changing the gate's own workflow outranks everything",
      [outcome(3, [READY], { statusNotWritten: 'refused', untrusted: 'edits .github/workflows/gate.yml' })],
      'ready',
      gate,
      "pilot-readiness: #3 changes the gate's own workflow file; see the annotations",
    ],
  ] as const)('%s', (_, outcomes, decision, settings, expected) => {
    expect(stepFailure(outcomes, decision, settings)).toBe(expected);
  });

  it('a sweep names the pull requests it left alone that are not ready', () => {
    const unchanged = [
      { number: 8, decision: 'blocked' as const, next: null },
      { number: 9, decision: 'ready' as const, next: null },
    ];
    expect(stepFailure([outcome(1, [READY])], 'blocked', gate, unchanged)).toBe(
      'pilot-readiness: blocked. #8: still blocked, unchanged since its last evaluation',
    );
  });
});

describe('decide: the worst decision of the run, counting what a sweep left alone', () => {
  it.each([
    ['ready alone', [outcome(1, [READY])], [], 'ready'],
    ['pending outranks ready', [outcome(1, [READY]), outcome(2, [PENDING])], [], 'pending'],
    ['an unchanged blocked pull request counts', [outcome(1, [READY])], [{ number: 8, decision: 'blocked', next: null }], 'blocked'],
  ] as const)('%s', (_, outcomes, unchanged, expected) => {
    expect(decide(outcomes, unchanged)).toBe(expected);
  });
});

describe('runGateJob before any pull request is read', () => {
  // Any call to GitHub here is a bug: these branches decide from the event alone.
  const gh = new Proxy({} as GitHubClient, {
    get: () => {
      throw new Error('GitHub was called');
    },
  });
  const settings: GateJobSettings = {
    policy: 'default',
    manifest: '**/pilot-readiness.yml',
    mode: 'gate',
    comment: true,
    statusContext: 'pilot-readiness',
    requestReviews: true,
    attest: false,
    sweepBudget: 600,
  };
  const ports = {
    gh,
    context: {
      eventName: 'pull_request',
      owner: 'acme',
      repo: 'claims-ml',
      runUrl: null,
      serverUrl: 'https://github.com',
      now: new Date(),
      workflowRef: null,
    },
    tally: { sent: 0 },
    attestation: {
      owner: 'acme',
      repo: 'claims-ml',
      signer: { sign: () => Promise.reject(new Error('nothing is signed here')) },
      artifacts: {
        writeJson: () => {
          throw new Error('nothing is written here');
        },
      },
    },
  };
  const job = (trigger: GateTrigger) => runGateJob(ports, settings, trigger);

  it('an event with nothing to gate is a notice: no output, no summary, the step passes', async () => {
    const result = await job({ kind: 'event', targets: 'the pull request is closed' });
    expect(result).toEqual({
      outputs: {},
      notes: [{ kind: 'annotation', level: 'notice', message: 'pilot-readiness: the pull request is closed; nothing to do.' }],
      summary: [],
    });
  });

  it('a merge queue group it cannot tie to a pull request fails closed, with advice and no output', async () => {
    const result = await job({ kind: 'event', targets: { sha: null, reason: 'the merge group names no pull request' } });
    expect(result.outputs).toEqual({});
    expect(failuresOf(result)).toEqual(['pilot-readiness: the merge group names no pull request']);
    expect(result.summary).toHaveLength(1);
    expect(result.summary[0]).toContain('the merge group names no pull request');
  });
});
