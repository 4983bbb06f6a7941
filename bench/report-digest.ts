// Differential check for engine changes that must not change a report: evaluates the generated
// corpus (bench/manifests.ts), without PR facts and with generated ones (reviews by members,
// outsiders, bots, the author and case variants; dismissed and stale ones), and prints one sha256 of
// each JSON report. Bundle it from two commits and compare the outputs:
//   npx esbuild bench/report-digest.ts --bundle --platform=node --format=esm --outfile=/tmp/new.mjs
//   node /tmp/old.mjs 1000 > old.txt && node /tmp/new.mjs 1000 > new.txt && cmp old.txt new.txt
import { createHash } from 'node:crypto';
import { evaluate } from '../src/core/evaluate.js';
import type { PrFacts } from '../src/core/types.js';
import { manifests, policy } from './manifests.js';

const COUNT = Number(process.argv[2] ?? 1000);
const HEAD = `def5678${'0'.repeat(33)}`;
const OLD = `abc1234${'0'.repeat(33)}`;
const T0 = Date.parse('2026-11-02T09:00:00Z');
const now = new Date('2026-11-20T12:00:00Z');
const files = { stat: (path: string) => (path.endsWith('.md') && path.length % 3 !== 0 ? ('file' as const) : ('missing' as const)) };
const STATES = ['APPROVED', 'COMMENTED', 'CHANGES_REQUESTED', 'APPROVED', 'DISMISSED'] as const;
const AUTHORS = ['lee-legal', 'Lee-Legal', 'owner-1', 'OWNER-1', 'dev', 'x[bot]', 'outsider', 'm1', 'm2', 'm3'];

function facts(i: number): PrFacts {
  let seed = i + 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  return {
    version: 1,
    repository: 'acme/ml',
    number: i,
    author: i % 4 === 0 ? 'owner-1' : 'dev',
    head_sha: HEAD,
    base_ref: 'main',
    draft: false,
    ready_at: new Date(T0).toISOString(),
    commits: [
      { sha: OLD, at: new Date(T0 - 7_200_000).toISOString() },
      { sha: HEAD, at: new Date(T0 - 3_600_000).toISOString() },
    ],
    review_requests: [{ reviewer: 'acme/appsec', at: new Date(T0).toISOString() }],
    reviews: Array.from({ length: i % 23 }, (_, k) => ({
      id: k + 1,
      author: AUTHORS[next() % AUTHORS.length]!,
      state: STATES[next() % STATES.length]!,
      at: new Date(T0 + (next() % (20 * 86_400_000))).toISOString(),
      commit: next() % 3 === 0 ? OLD : HEAD,
    })),
    teams: { 'acme/appsec': ['m1', 'm2', 'm3'] },
  };
}

const texts = manifests(COUNT);
for (const [i, text] of texts.entries()) {
  for (const withFacts of [false, true]) {
    const report = evaluate({
      manifest: { path: `pilots/p${i}/pilot-readiness.yml`, text },
      policy,
      files,
      facts: withFacts ? facts(i) : null,
      now,
    });
    process.stdout.write(
      `${i} ${withFacts ? 'facts' : 'alone'} ${report.decision} ${createHash('sha256').update(JSON.stringify(report)).digest('hex')}\n`,
    );
  }
}
