// The Action with evidence read from artifacts, as the runner runs it against the fake GitHub: the
// blob shas it records come from the head commit's tree; an artifact GitHub cannot give whole fails
// its criterion, not the run; and a threshold fixed before the evaluation, changed in the same pull
// request as that evaluation, waits for the base owner's approval.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { runAction } from './run-action.js';
import { MANIFEST, OWNER, PILOT_DIR, exampleManifest, pilotFiles, pull, pullRequestEvent, reportOf, review, world } from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const CARD = `${PILOT_DIR}/README.md`;
const DATA_QUALITY = `${PILOT_DIR}/reports/data-quality-2026-11.json`;
const blobSha = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
/** The example pilot with BUS-2's threshold set to `threshold` (it is 8 in the example). */
const withThreshold = (threshold: number) => exampleManifest().replace('threshold: 8 }', `threshold: ${threshold} }`);

// Each case runs the built Action in its own process against the fake GitHub.
describe('evidence read from artifacts in the Action', { timeout: 60_000 }, () => {
  it("records each evidence file with the blob sha of the head commit's tree, which is git's own", async () => {
    const files = pilotFiles();
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0)] });
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: files } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(run.stderr).toBe('');
    const report = reportOf(run);
    expect(report.decision).toBe('ready');
    const recorded = report.evidence_files ?? [];
    expect(recorded.map((f) => f.path)).toEqual(expect.arrayContaining([CARD, DATA_QUALITY, `${PILOT_DIR}/ops/rollback.md`]));
    for (const file of recorded) expect(file).toEqual({ path: file.path, git_blob_sha: blobSha(files[file.path]!) });
    // What the engine read is in the report, so replay needs no GitHub.
    expect(Object.keys(report.inputs.texts ?? {})).toEqual(expect.arrayContaining([CARD, DATA_QUALITY]));
  });

  it('an artifact over 1 MiB fails its criterion with the reason; the run itself goes on', async () => {
    const files = { ...pilotFiles(), [DATA_QUALITY]: `{"statistics": {"completeness": 1}, "pad": "${'x'.repeat(1024 * 1024)}"}` };
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0)] });
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: files } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const dr2 = reportOf(run).criteria.find((c) => c.id === 'DR-2')!;
    expect(dr2.status).toBe('failed');
    expect(dr2.problems.map((f) => f.message)).toEqual([
      `metrics artifact ${DATA_QUALITY} cannot be read: it is ${1024 * 1024 + 46} bytes; the limit is 1048576 bytes (1 MiB)`,
    ]);
    expect(run.outputs.decision).toBe('blocked');
  });
});

describe('a threshold fixed before the evaluation, in a pull request', { timeout: 60_000 }, () => {
  /** The head: BUS-2's threshold lowered from 8 to 9 (the measure is an error: higher is easier), and the model card's backtest redone. */
  function head() {
    const files = pilotFiles(withThreshold(9));
    files[CARD] = files[CARD]!.replace('value: 4.9', 'value: 3.1');
    return files;
  }

  it('changed together with the evaluation it is judged against: pending until the base owner approves', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15)], files: [MANIFEST, CARD] });
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: head() } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const report = reportOf(run);
    expect(report.decision).toBe('pending');
    expect(report.waiting_on).toEqual(expect.arrayContaining(['governance']));
    expect(report.governance_changes).toEqual([
      expect.objectContaining({
        kind: 'threshold_changed',
        summary: 'threshold changed in the same pull request as the evaluation: BUS-2 threshold from 8 to 9, with new evidence for BUS-3',
        from: '8',
        to: '9',
        needs: [{ who: OWNER, as: 'base_owner', status: 'awaiting' }],
        approved: false,
      }),
    ]);
    expect(run.summary).toContain('threshold changed in the same pull request as the evaluation');
  });

  it("with the base owner's approval of the head: the change stands, and the pilot is ready", async () => {
    const p = pull({
      requestedDaysAgo: 20,
      reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0)],
      files: [MANIFEST, CARD],
    });
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: head() } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const report = reportOf(run);
    expect(report.governance_changes).toEqual([
      expect.objectContaining({ kind: 'threshold_changed', needs: [{ who: OWNER, as: 'base_owner', status: 'approved' }], approved: true }),
    ]);
    expect(report.decision).toBe('ready');
  });

  it('changed without touching the evaluation: an ordinary change, nothing more to approve', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0)] });
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: pilotFiles(withThreshold(7)) } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    const report = reportOf(run);
    expect(report.governance_changes).toEqual([]);
    expect(report.decision).toBe('ready');
  });
});
