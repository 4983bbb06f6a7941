// Locations in the readiness comment link to the file at the head commit. The path comes from the
// pull request, so each row tries to break out of the link with it: the link must stay one link to
// the server, its destination percent-encoded, its text a code span.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { evaluate } from '../../src/core/evaluate.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { ROOT } from '../cli/helpers.js';

const facts = JSON.parse(readFileSync(join(ROOT, 'examples', 'claims-triage', 'pr-ready.json'), 'utf8')) as PrFacts;
const base = evaluate({
  manifest: {
    path: 'examples/claims-triage/pilot-readiness.yml',
    text: readFileSync(join(ROOT, 'examples', 'claims-triage', 'pilot-readiness.yml'), 'utf8'),
  },
  policy: loadBundledPolicy('default'),
  files: localRepoFiles(ROOT),
  facts,
  now: new Date('2026-11-20T12:00:00Z'),
});

const PATHS: Array<[string, string]> = [
  ['a closing parenthesis and a second link', 'x)[y](https://evil.example)/pilot-readiness.yml'],
  ['emphasis and an image', '**a**/![i](https://evil.example/i.png)/pilot-readiness.yml'],
  ['an angle-bracket autolink', '<https://evil.example>/pilot-readiness.yml'],
  ['spaces, quotes and a title', 'a "title"/b \'c\'/pilot-readiness.yml'],
  ['backticks that would close the code span', '``x``/pilot-readiness.yml'],
  ['a javascript: segment', 'javascript:alert(1)/pilot-readiness.yml'],
  ['a newline and a heading', 'a\n## READY/pilot-readiness.yml'],
  ['a ping', '@acme/everyone/pilot-readiness.yml'],
];

describe('a hostile path in a linked location', () => {
  it.each(PATHS)('%s: one link, to the server, encoded', (_name, file) => {
    const report: Report = { ...base, errors: [{ message: 'x', location: { file, line: 3, column: 1 } }] };
    const md = renderMarkdown(report, { serverUrl: 'https://github.com' });
    const line = md.split('\n').find((l) => l.startsWith('- x · '))!;
    expect(line).toBeDefined();
    // What follows the message is exactly one link whose text is a code span and whose destination
    // has no character that could end it or start Markdown.
    const m = /^- x · \[(`+)(.*)\1\]\((\S+)\)$/.exec(line);
    expect(m, line).not.toBeNull();
    const url = m![3]!;
    expect(url.startsWith(`https://github.com/${facts.repository}/blob/${facts.head_sha}/`)).toBe(true);
    expect(url.slice(url.indexOf('/blob/'))).not.toMatch(/[\s()<>[\]*`"'!@]/);
    expect(url).toMatch(/#L3$/);
  });
});
