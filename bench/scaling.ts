// Two inputs that once took superlinear time: PR facts naming a team of 30,000 members (ajv's
// `uniqueItems` compared every pair), and an evaluation over 100,000 reviews (Date.parse inside the
// sort comparator). `node scaling.mjs teams|reviews [size]`: the median of three runs in one process.
import { evaluate } from '../src/core/evaluate.js';
import { parseFacts } from '../src/core/facts.js';
import type { PrFacts } from '../src/core/types.js';
import { manifest, policy } from './manifests.js';

const HEAD = `def5678${'0'.repeat(33)}`;
const OLD = `abc1234${'0'.repeat(33)}`;
const T0 = Date.parse('2026-11-02T09:00:00Z');

function facts(members: number, reviews: number): PrFacts {
  // A deterministic shuffle of times, so that the sort has real work to do.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  return {
    version: 1,
    repository: 'acme/ml',
    number: 7,
    author: 'dev',
    head_sha: HEAD,
    base_ref: 'main',
    draft: false,
    ready_at: new Date(T0).toISOString(),
    commits: [{ sha: HEAD, at: new Date(T0 - 3600_000).toISOString() }],
    review_requests: [
      { reviewer: 'acme/appsec', at: new Date(T0).toISOString() },
      { reviewer: 'lee-legal', at: new Date(T0).toISOString() },
    ],
    reviews: Array.from({ length: reviews }, (_, i) => ({
      id: i + 1,
      author: i % 5 === 0 ? 'lee-legal' : `m${next() % Math.max(1, members)}`,
      state: (['APPROVED', 'COMMENTED', 'CHANGES_REQUESTED', 'APPROVED'] as const)[i % 4]!,
      at: new Date(T0 + (next() % (14 * 86_400_000))).toISOString(),
      commit: i % 3 === 0 ? OLD : HEAD,
    })),
    teams: { 'acme/appsec': Array.from({ length: members }, (_, i) => `m${i}`) },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
function timed(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const [what, size] = [process.argv[2], Number(process.argv[3] ?? 0)];
const now = new Date('2026-11-20T12:00:00Z');
const files = { stat: () => 'file' as const };
if (what === 'teams') {
  const members = size || 30_000;
  const text = JSON.stringify(facts(members, 10), null, 1);
  const ms = timed(() => parseFacts(text, 'facts.json'));
  process.stdout.write(`${JSON.stringify({ members, bytes: text.length, ms })}\n`);
} else if (what === 'reviews') {
  const reviews = size || 100_000;
  const input = facts(50, reviews);
  let decision = '';
  const ms = timed(
    () =>
      (decision = evaluate({ manifest: { path: 'pilot-readiness.yml', text: manifest(1) }, policy, files, facts: input, now }).decision),
  );
  process.stdout.write(`${JSON.stringify({ reviews, ms, decision })}\n`);
} else {
  throw new Error('usage: scaling teams|reviews [size]');
}
