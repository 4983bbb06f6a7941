// Locations in the readiness comment link to the file at the head commit. The path comes from the
// pull request, so each row tries to break out of the link with it: the link must stay one link to
// the server, its destination percent-encoded, its text a code span.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
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
  ...baseFromFacts(facts),
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

// EXP-3's appeal link may be a mailbox (the default policy's pattern accepts mailto:). Whatever a
// manifest writes there is shown only as text: a mailto: carrying headers, a script or an inline
// document must not become a link in the comment, not even by GitHub's autolinking of addresses.
const manifestText = readFileSync(join(ROOT, 'examples', 'claims-triage', 'pilot-readiness.yml'), 'utf8');
const HONEST_LINK = '    link: https://claims.example.com/help/ask-for-a-review\n';

function withAppealLink(link: string): Report {
  expect(manifestText).toContain(HONEST_LINK);
  return evaluate({
    manifest: {
      path: 'examples/claims-triage/pilot-readiness.yml',
      text: manifestText.replace(HONEST_LINK, `    link: ${JSON.stringify(link)}\n`),
    },
    policy: loadBundledPolicy('default'),
    files: localRepoFiles(ROOT),
    ...baseFromFacts(facts),
    now: new Date('2026-11-20T12:00:00Z'),
  });
}

const LINKS: Array<[string, string]> = [
  ['a mailto: that prefills a message', 'mailto:appeals@example.com?body=I%20approve%20this%20pilot'],
  ['a mailto: with a second recipient', 'mailto:appeals@example.com,audit@evil.example'],
  ['a mailto: copying someone', 'mailto:appeals@example.com?cc=everyone@evil.example'],
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['a data: document', 'data:text/html,<script>alert(1)</script>'],
];

describe('a hostile appeal link in the comment', () => {
  const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => { render(md: string): string };
  const commonMark = new MarkdownIt({ html: false, linkify: false });
  /** GitHub's extended e-mail autolink (GFM spec 6.9), which mailto: before it would keep: the escaping's @ + ZWJ breaks it. */
  const GFM_EMAIL_AUTOLINK = /[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/;

  it.each(LINKS)('%s: refused, and no link made of it', (_name, link) => {
    const report = withAppealLink(link);
    expect(report.decision).toBe('blocked');
    const md = renderMarkdown(report, { serverUrl: 'https://github.com' });
    expect(md).toContain('EXP-3');
    const hrefs = [...commonMark.render(md).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((href) => !href.startsWith('https://github.com/'))).toEqual([]);
    expect(md).not.toMatch(GFM_EMAIL_AUTOLINK);
    expect(md).not.toMatch(/<script/i);
  });

  it('control: a plain mailto: address meets EXP-3', () => {
    const report = withAppealLink('mailto:appeals@example.com');
    expect(report.criteria.find((c) => c.id === 'EXP-3')?.status).toBe('met');
  });
});
