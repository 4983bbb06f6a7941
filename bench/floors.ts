// The floors under the engine's targets, measured on the same inputs in one process (best of five
// passes unless said): what the 1,000 generated manifests cost to read at all (JSON.parse of the same
// data, js-yaml 4's bare load, the project's parser), the engine warm (the JIT's warm-up share is the
// first pass minus this), and, for the 100,000-review case, the part of the report that is one
// verdict object per review a role shows (75,000 here), built alone.
import { CORE_SCHEMA, load } from 'js-yaml';
import { evaluate } from '../src/core/evaluate.js';
import { parseYaml } from '../src/core/yaml.js';
import { manifests, policy } from './manifests.js';

const COUNT = Number(process.argv[2] ?? 1000);
const texts = manifests(COUNT);
const files = { stat: (path: string) => (path.endsWith('.md') && path.length % 3 !== 0 ? ('file' as const) : ('missing' as const)) };
const now = new Date('2026-11-20T12:00:00Z');

function passes(run: () => unknown, count = 5): { first: number; best: number } {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { first: times[0]!, best: Math.min(...times) };
}

const engine = passes(() => {
  for (const [i, text] of texts.entries())
    evaluate({ manifest: { path: `pilots/p${i}/pilot-readiness.yml`, text }, policy, files, facts: null, now });
});
const json = texts.map((text) => JSON.stringify(load(text, { schema: CORE_SCHEMA })));
const jsonParse = passes(() => {
  for (const text of json) JSON.parse(text);
});
const yamlLoad = passes(() => {
  for (const text of texts) load(text, { schema: CORE_SCHEMA });
});
const parser = passes(() => {
  for (const text of texts) parseYaml(text, 'pilot-readiness.yml').locate(['evidence']);
});
// One verdict per shown review, as judgeRoleReviews makes them (bench/scaling.ts: 15,000 + 60,000).
const reviews = Array.from({ length: 75_000 }, (_, i) => ({
  id: i + 1,
  author: `m${i % 50}`,
  state: 'APPROVED',
  at: new Date(Date.parse('2026-11-02T09:00:00Z') + i * 1000).toISOString(),
  commit: 'def5678',
}));
const verdicts = passes(() =>
  reviews.map((review, i) =>
    i % 2 === 0
      ? { id: review.id, author: review.author, state: review.state, at: review.at, commit: review.commit, counted: true }
      : {
          id: review.id,
          author: review.author,
          state: review.state,
          at: review.at,
          commit: review.commit,
          counted: false,
          not_counted_because: 'superseded',
        },
  ),
);
const sortOnly = passes(() => reviews.map((review) => Date.parse(review.at)).sort((a, b) => a - b));
process.stdout.write(
  `${JSON.stringify({ count: COUNT, engine, jsonParse, yamlLoad, parser, verdicts75k: verdicts, parseAndSort75k: sortOnly })}\n`,
);
