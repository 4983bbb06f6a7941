// Evidence files against a policy that accepts them only under a folder (`docs/**`, as the bundled
// policy does), which the file kind now matches without minimatch: each row is a path that tries to
// look as if it were under the folder, or to leave it. Every row asserts the criterion's status and
// message; the controls show honest paths still pass.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';

const POLICY = loadPolicy(
  `version: 1
roles:
  owner: { accountable: true }
gates:
  - id: docs
    title: Documentation
    criteria:
      - id: DOC-1
        title: Model card
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: { paths: ["docs/**"] } }
`,
  'policy.yml',
);

/** Every path names a file, so that only where it lies decides. */
const files = { stat: () => 'file' as const };

function judge(path: string) {
  const text = `version: 1\npilot:\n  name: claims\n  risk: high\nowner: maria\nevidence:\n  DOC-1: { file: ${JSON.stringify(path)} }\n`;
  const report = evaluate({
    manifest: { path: 'ml/pilot-readiness.yml', text },
    policy: POLICY,
    files,
    facts: null,
    now: new Date('2026-11-20T12:00:00Z'),
  });
  const criterion = report.criteria.find((c) => c.id === 'DOC-1')!;
  return { status: criterion.status, reason: criterion.reason };
}

const NOT_THERE = (raw: string) => `file "${raw}" is not where the policy accepts evidence for DOC-1: docs/**`;

const rows: Array<{ name: string; path: string; status: string; reason: string }> = [
  { name: 'control: a file in the folder', path: 'docs/model-card.md', status: 'met', reason: 'evidence checked' },
  { name: 'control: a file deeper in the folder', path: 'docs/cards/v2/model-card.md', status: 'met', reason: 'evidence checked' },
  { name: 'control: a dot-file in the folder', path: 'docs/.model-card.md', status: 'met', reason: 'evidence checked' },
  { name: 'a walk out of the folder', path: 'docs/../secret.md', status: 'failed', reason: NOT_THERE('docs/../secret.md') },
  {
    name: 'a deeper walk out of the folder',
    path: 'docs/a/../../secret.md',
    status: 'failed',
    reason: NOT_THERE('docs/a/../../secret.md'),
  },
  { name: 'the folder itself', path: 'docs', status: 'failed', reason: NOT_THERE('docs') },
  { name: 'a folder whose name starts like it', path: 'docsx/model-card.md', status: 'failed', reason: NOT_THERE('docsx/model-card.md') },
  { name: 'the folder in another case', path: 'Docs/model-card.md', status: 'failed', reason: NOT_THERE('Docs/model-card.md') },
  {
    name: 'a sibling folder of the same name',
    path: '../docs/model-card.md',
    status: 'failed',
    reason: NOT_THERE('../docs/model-card.md'),
  },
];

describe('evidence files under a folder glob', () => {
  for (const row of rows) {
    it(row.name, () => {
      expect(judge(row.path)).toEqual({ status: row.status, reason: row.reason });
    });
  }
});
