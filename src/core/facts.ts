// PR facts files (JSON): parsed with positions and checked against schemas/facts.schema.json.
import { InputError } from './errors.js';
import { schemaFindings } from './validate.js';
import { facts as factsValidator } from './generated/facts-validator.js';
import type { Finding, PrFacts } from './types.js';
import { parseInstant } from './instant.js';
import { parseYaml } from './yaml.js';

/** JSON is YAML, so the same parser gives every facts finding a line and column. */
export function parseFacts(text: string, file: string): PrFacts {
  const parsed = parseYaml(text, file);
  const findings = schemaFindings(factsValidator, parsed, 'facts');
  if (findings.length > 0) throw new InputError(findings);
  const facts = parsed.data as PrFacts;
  // The schema's date-time format lets through forms the rules cannot compare (a leap second, an
  // hour-only offset): every instant must be one the one strict parser reads.
  const instants: Array<[string | null, Array<string | number>]> = [
    [facts.ready_at, ['ready_at']],
    ...facts.commits.map((c, i): [string, Array<string | number>] => [c.at, ['commits', i, 'at']]),
    ...facts.review_requests.map((r, i): [string, Array<string | number>] => [r.at, ['review_requests', i, 'at']]),
    ...facts.reviews.map((r, i): [string, Array<string | number>] => [r.at, ['reviews', i, 'at']]),
  ];
  const bad: Finding[] = [];
  for (const [text, path] of instants) {
    if (text === null) continue;
    const read = parseInstant(text);
    if (!read.ok) bad.push({ message: `${path.join('.')}: "${text}" is ${read.reason}`, location: parsed.locate(path) });
  }
  if (bad.length > 0) throw new InputError(bad);
  return facts;
}
