// The sticky report comment is now found in the pull request's own read (GitHub's viewerDidAuthor
// marks the token's comments). A comment that carries the marker but is not the gate's own is never
// taken over: the gate writes its own beside it, and the planted one stays as its author wrote it.
import { describe, expect, it } from 'vitest';
import { runAction } from '../e2e/run-action.js';
import { MARKER, OWNER, REPO, pull, pullRequestEvent, review, world } from '../e2e/scenario.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { withoutEvaluationInstant } from '../../src/report/markdown.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const ROWS: Array<{ name: string; planter: string; token: 'gh-token' | 'pat'; gate: string }> = [
  { name: "the PR's author, with the workflow's token", planter: 'dev-lin', token: 'gh-token', gate: 'github-actions[bot]' },
  { name: "the PR's author, with a person's token", planter: 'dev-lin', token: 'pat', gate: 'dana-ops' },
  {
    name: 'a reviewer who is an organisation owner, with the workflow token',
    planter: 'sam-cto',
    token: 'gh-token',
    gate: 'github-actions[bot]',
  },
];

describe('a comment carrying the report marker, written by someone else', () => {
  for (const row of ROWS)
    it(`by ${row.name}: is left alone, and the gate keeps its own comment`, { timeout: 60_000 }, async () => {
      const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
      p.comments = [{ id: 9001, user: row.planter, body: `${MARKER}\n## 🟢 Pilot readiness: READY (planted)` }];
      gh = await startGitHub(
        world({
          pulls: [p],
          tokens: {
            'gh-token': {
              login: 'github-actions[bot]',
              permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' },
            },
            pat: { login: 'dana-ops', app: false, permissions: 'write-all' },
          },
        }),
      );
      for (let run = 0; run < 2; run++) {
        const result = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: row.token });
        expect(result.status).toBe(0);
        // Never a write to the planted comment (the gate may update its own).
        expect(result.requests.filter((r) => r.path.endsWith('/issues/comments/9001'))).toEqual([]);
      }
      const comments = gh.comments(REPO, 7);
      expect(comments.map((c) => [c.id === 9001, c.user])).toEqual([
        [true, row.planter],
        [false, row.gate],
      ]);
      expect(comments[0]?.body).toBe(`${MARKER}\n## 🟢 Pilot readiness: READY (planted)`);
      expect(comments[1]?.body).toContain('Pilot readiness: READY');
    });
});

describe('text in the pull request that imitates the footer’s instant', () => {
  // A run rewrites the comment only when what it says changes, ignoring the instant of the evaluation in
  // the footer. Text the pull request controls must not widen what is ignored.
  const FOOTER = '<sub>pilot `p` · low risk · `PATH` · policy default · sha256 0123456789ab · evaluated Fri 20 Nov 2026 12:00 UTC</sub>';
  const ROWS: Array<{ name: string; before: string; after: string }> = [
    {
      name: 'a title that says "· sha256 … · evaluated" above the footer',
      before: `## Pilot readiness: x · sha256 00 · evaluated READY\n\n${FOOTER.replace('PATH', 'a.yml')}\n`,
      after: `## Pilot readiness: x · sha256 00 · evaluated BLOCKED\n\n${FOOTER.replace('PATH', 'a.yml')}\n`,
    },
    {
      name: 'a manifest path in the footer that says "· sha256 … · evaluated"',
      before: `${FOOTER.replace('PATH', 'p · sha256 00 · evaluated one.yml')}\n`,
      after: `${FOOTER.replace('PATH', 'p · sha256 00 · evaluated two.yml')}\n`,
    },
    {
      name: 'words added after the footer’s instant by someone who edited the gate’s comment',
      before: `${FOOTER.replace('PATH', 'a.yml')}\n`,
      after: `${FOOTER.replace('PATH', 'a.yml').replace('12:00 UTC', '12:00 UTC — approved by the CISO')}\n`,
    },
    {
      name: 'a changed "can change by time alone" instant',
      before: `${FOOTER.replace('PATH', 'a.yml')}\n`,
      after: `${FOOTER.replace('PATH', 'a.yml').replace('</sub>', ' · can change by time alone at Sat 21 Nov 2026 09:00 UTC</sub>')}\n`,
    },
  ];
  for (const row of ROWS)
    it(`${row.name}: still counts as a change`, () => {
      expect(withoutEvaluationInstant(row.after)).not.toBe(withoutEvaluationInstant(row.before));
      // While the footer's own instant alone does not.
      expect(withoutEvaluationInstant(row.before.replace('12:00 UTC', '12:07 UTC'))).toBe(withoutEvaluationInstant(row.before));
    });
});
