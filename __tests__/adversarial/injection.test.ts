// Text from the pull request in every output: ONE corpus of hostile strings, placed in every field
// that can carry it (manifest values, the manifest's folder, reviewers, an override's reason), and
// rendered through every format: the sticky comment (full and compact), the job summary, the text
// scorecard, JSON, the portfolio, the policy-change review and the failure summary. Each row asserts
// that the payload is absent in its dangerous form (raw HTML, a live link, a ping, a heading or a
// table row of its own, a workflow command, a terminal control) and that nothing threw. A subset runs
// through the built CLI (`npm run build` first).
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import { buildPortfolio, mergePortfolios, portfolioReport, type PortfolioInput } from '../../src/core/portfolio.js';
import { renderPortfolioMarkdown } from '../../src/report/portfolio.js';
import { codeSpan, escapeMarkdown, escapeMessage, markdownWhere, quietLogin } from '../../src/report/escape.js';
import { renderFailureMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { plainLine, plainText, terminalJson, toText } from '../../src/report/plain.js';
import type { PolicyReview } from '../../src/core/policy-review.js';
import { renderPolicyReview } from '../../src/report/policy-review.js';
import { renderText } from '../../src/report/text.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { cli, NOW as CLI_NOW } from '../cli/helpers.js';

// ------------------------------------------------------------------------------------------ corpus

const LONG =
  '<img src=x onerror=alert(1)> [click](https://evil.example) @acme/everyone `` ` \n## ✅ READY | a | b |\n::error::x \u001b[2K\r'
    .repeat(200)
    .slice(0, 10_000);

/** The one corpus: each string is placed in every field below and rendered through every format. */
const CORPUS: Array<[name: string, payload: string]> = [
  ['newline then an image with an onerror handler', 'ok\n<img src=x onerror=alert(1)>'],
  ['a live Markdown link', '[click](https://evil.example)'],
  ['a team ping', '@acme/everyone'],
  ['a heading of its own', '\n## ✅ READY'],
  ['a table row of its own', '\n| a | b |\n| --- | --- |'],
  ['a table cell break', '| a | b |'],
  ['backtick runs', 'a ` b `` c ``` d `` `'],
  ['a workflow command on a new line', 'x\n::error file=a::pwned'],
  ['a workflow command', '::set-output name=decision::ready'],
  ['a workflow command after white space', ' \t::warning::pwned'],
  ['the old workflow command form', 'x ##[error]pwned'],
  ['erase the line and write over it', '\u001b[2K\r✅ READY'],
  ['an OSC 8 hyperlink', '\u001b]8;;https://evil\u0007x\u001b]8;;\u0007'],
  ['BEL', 'ding\u0007dong'],
  ['C1 CSI', 'a\u009b2Kb\u0085c'],
  ['a right-to-left override', 'safe\u202Eydaer\u202C'],
  ['zero-width joiners and spaces', 'a\u200d@\u200bacme\u200c/every\u2060one'],
  ['emoji shortcodes', ':smile: :+1: :white_check_mark:'],
  ['HTML entities', '&lt;img src=x&gt; &#64;acme'],
  ['a Unicode line separator', 'a\u2028## b\u2029c'],
  ['autolink in angle brackets', '<https://evil.example>'],
  ['GitHub math', '$\\color{red}{READY}$'],
  ['10,000 characters', LONG],
];

// ------------------------------------------------------------------------------------------ inputs

const NOW = new Date('2026-11-20T12:00:00Z');
const HEAD = 'abcdef1234567890abcdef1234567890abcdef12';

const POLICY = loadPolicy(
  `version: 1
name: injection-test
max_waiver: 90d
roles:
  owner: { accountable: true }
  legal: { window: 14d, on_silence: consent, on_objection: block }
  security: { window: 7d, on_silence: consent, on_objection: block }
gates:
  - id: security
    title: Security clearance
    criteria:
      - id: SEC-1
        title: Penetration test
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: {}, date: { max_age: 365d } }
      - id: SEC-2
        title: Threat model
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: true
        evidence: { file: {} }
      - id: SEC-3
        title: Access review
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        waivable: true
        evidence: { file: {} }
      - id: SEC-4
        title: Model card
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: {} }
`,
  'injection-policy.yml',
);

/** Every path exists but the one that names the payload, so its problem is reported (and quoted). */
const files = { stat: (path: string) => (path.includes('pentest') ? ('file' as const) : ('missing' as const)) };

/** A YAML double-quoted scalar holding exactly `text` (YAML refuses raw C1 and some separators: escaped). */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Fields {
  folder: string;
  name: string;
  title: string;
  owner: string;
  reviewer: string;
  evidencePath: string;
  notApplicable: string;
  note: string;
  waiverReason: string;
  waiverApprover: string;
  overrideReason: string;
}

const BENIGN: Fields = {
  folder: 'ml',
  name: 'claims',
  title: 'Claims triage',
  owner: 'maria',
  reviewer: 'lee',
  evidencePath: 'reports/threats.md',
  notApplicable: 'The model has no external surface: it runs offline on batch files only.',
  note: 'see the appendix',
  waiverReason: 'The access review is booked for January; internal users only until then.',
  waiverApprover: 'security',
  overrideReason: 'the endpoint sits behind the VPN until the Q1 gateway work',
};

/** Where a payload can go: a field of the manifest, the manifest's folder, or an override's reason. */
const FIELDS: Array<[field: string, key: keyof Fields]> = [
  ['pilot.name', 'name'],
  ['pilot.title', 'title'],
  ['owner', 'owner'],
  ['a reviewer entry', 'reviewer'],
  ['an evidence path', 'evidencePath'],
  ['the folder name of the manifest path', 'folder'],
  ['not_applicable text', 'notApplicable'],
  ['an evidence note', 'note'],
  ['a waiver reason', 'waiverReason'],
  ['a waiver approver', 'waiverApprover'],
  ['the reason of an override in a review body', 'overrideReason'],
];

function scenario(f: Fields): { path: string; text: string; facts: PrFacts } {
  const text = [
    'version: 1',
    'pilot:',
    `  name: ${yamlString(f.name)}`,
    `  title: ${yamlString(f.title)}`,
    '  risk: high',
    `owner: ${yamlString(f.owner)}`,
    'reviewers:',
    `  legal: [${yamlString(f.reviewer)}]`,
    '  security: [kim]',
    'evidence:',
    '  SEC-1:',
    `    file: reports/pentest.md`,
    '    date: 2026-10-01',
    `    note: ${yamlString(f.note)}`,
    `  SEC-2: { not_applicable: ${yamlString(f.notApplicable)} }`,
    `  SEC-4: { file: ${yamlString(f.evidencePath)} }`,
    'waivers:',
    '  SEC-3:',
    `    reason: ${yamlString(f.waiverReason)}`,
    '    expires: 2027-01-31',
    `    approved_by: ${yamlString(f.waiverApprover)}`,
    '',
  ].join('\n');
  const owner = f.owner;
  const facts: PrFacts = {
    version: 1,
    repository: 'acme/ml',
    number: 7,
    author: 'dev',
    head_sha: HEAD,
    base_ref: 'main',
    draft: false,
    ready_at: '2026-11-01T09:00:00Z',
    commits: [{ sha: HEAD, at: '2026-11-01T08:00:00Z' }],
    review_requests: [
      { reviewer: 'lee', at: '2026-11-01T09:00:00Z' },
      { reviewer: 'kim', at: '2026-11-01T09:00:00Z' },
    ],
    reviews: [
      { id: 1, author: 'lee', state: 'CHANGES_REQUESTED', at: '2026-11-10T10:00:00Z', commit: HEAD, body: 'Not yet.' },
      {
        id: 2,
        author: owner,
        state: 'APPROVED',
        at: '2026-11-18T10:00:00Z',
        commit: HEAD,
        body: `Approved.\n\n/override legal: ${f.overrideReason}`,
      },
    ],
    teams: {},
  };
  return { path: `${f.folder}/pilot-readiness.yml`, text, facts };
}

function reportWith(fields: Fields): Report {
  const s = scenario(fields);
  return evaluate({ manifest: { path: s.path, text: s.text }, policy: POLICY, files, facts: s.facts, now: NOW });
}

// --------------------------------------------------------------------------------------- checkers

/** C0 but \t and \n, DEL, C1, bidirectional embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * A line of Markdown as GitHub reads it for inline syntax: backslash escapes become \u0001 and code
 * spans (a run of n backticks to the next run of exactly n, on the line) become \u0002, so what is
 * left is what GitHub interprets. Unmatched backticks stay.
 */
function interpreted(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1]!)) {
      out += '\u0001';
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (line[i + n] === '`') n++;
      let j = i + n;
      let close = -1;
      while (j < line.length) {
        if (line[j] !== '`') {
          j++;
          continue;
        }
        let m = 0;
        while (line[j + m] === '`') m++;
        if (m === n) {
          close = j;
          break;
        }
        j += m;
      }
      if (close < 0) {
        out += line.slice(i, i + n);
        i += n;
      } else {
        out += '\u0002';
        i = close + n;
      }
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const OUR_HEADINGS =
  /^#{2,6} (?:\S+ (?:Pilot readiness|Policy change):|(?:Invalid input|The three questions|Scorecard|What is missing|Waivers|Decision rights|What to do next|Warnings)$|AI pilot portfolio$|.* could not be verified$)/u;
const OUR_TAGS = /<\/?(?:sub|details|summary|b)>/g;
/** The only links the tool writes: a portfolio's pull request numbers, to the server. */
const OUR_LINKS = /\[#\d+\]\(https:\/\/github\.com\/acme\/[a-z]+\/pull\/\d+\)/g;

/** The dangerous forms of any payload, in Markdown that GitHub renders. */
function expectSafeMarkdown(md: string): void {
  expect(md).not.toMatch(CONTROL);
  const lines = md.split('\n');
  for (const line of lines) {
    if (/^\s{0,3}#{1,6}(\s|$)/.test(line)) expect(line, 'a heading the tool did not write').toMatch(OUR_HEADINGS);
    const seen = interpreted(line).replace(OUR_TAGS, '').replace(OUR_LINKS, '').replace('> [!WARNING]', '');
    expect(seen, `raw HTML in: ${line.slice(0, 200)}`).not.toContain('<');
    expect(seen, `a live link in: ${line.slice(0, 200)}`).not.toMatch(/[[\]]/);
    expect(seen, `a ping in: ${line.slice(0, 200)}`).not.toMatch(/@(?!\u200d)/);
    expect(seen, `an open code span in: ${line.slice(0, 200)}`).not.toContain('`');
    expect(seen, `an emoji in: ${line.slice(0, 200)}`).not.toMatch(/:(?:smile|\+1|white_check_mark):/);
    expect(seen, `math in: ${line.slice(0, 200)}`).not.toContain('$');
  }
  // Every row of a table has the cells of its header: a value cannot add or split cells.
  let columns: number | null = null;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = null;
      continue;
    }
    const cells = (interpreted(line).match(/\|/g) ?? []).length;
    columns ??= cells;
    expect(cells, `cells of: ${line.slice(0, 200)}`).toBe(columns);
  }
}

/** What a terminal or the Actions runner could act on, in plain text. */
function expectSafeText(text: string): void {
  expect(text).not.toMatch(CONTROL);
  expect(text).not.toContain('\r');
  for (const line of text.split('\n')) expect(line, 'a line the runner reads as a workflow command').not.toMatch(/^\s*::/);
  expect(text).not.toContain('##[');
}

function expectSafeJson(json: string, value: unknown): void {
  expectSafeText(json);
  // Still valid JSON, with every string exactly as it was.
  expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
}

function everyFormat(report: Report): void {
  expectSafeMarkdown(renderMarkdown(report));
  expectSafeMarkdown(renderMarkdown(report, { compact: true }));
  expectSafeMarkdown(renderMarkdown(report, { level: 3 })); // the job summary
  expectSafeText(renderText(report));
  expectSafeJson(terminalJson(report), report);
}

function portfolioOf(report: Report, payload: string) {
  const inputs: PortfolioInput[] = [
    {
      repository: 'acme/ml',
      manifest: report.manifest.path,
      pullRequest: { number: 7, title: payload, url: 'https://github.com/acme/ml/pull/7', ready_at: '2026-11-01T09:00:00Z' },
      report: portfolioReport(report),
    },
    { repository: 'acme/ml', manifest: report.manifest.path, pullRequest: null, report: portfolioReport(report) },
    {
      repository: 'acme/other',
      manifest: '',
      pullRequest: { number: 9, title: payload, url: 'https://github.com/acme/other/pull/9', ready_at: null },
      report: null,
      error: `could not read ${payload}`,
    },
  ];
  return buildPortfolio(inputs, NOW, { repositories: 2, incomplete: `rate-limited while reading ${payload}` });
}

function reviewsOf(payload: string, file: string): PolicyReview[] {
  const location = { file, line: 3, column: 5 };
  const change = { setting: `roles.${payload}.window`, message: `roles.${payload}.window: 14d → 7d "${payload}"`, location };
  return [
    {
      path: file,
      valid: false,
      errors: [
        { message: `unknown key "${payload}" in roles of the policy`, location },
        { message: payload, location: null },
      ],
    },
    { path: file, valid: true, deleted: false, comparison: { tightenings: [change], loosenings: [change, change], changes: [] } },
    { path: file, valid: true, deleted: false, comparison: { tightenings: [], loosenings: [], changes: [] } },
  ];
}

describe('the checks catch what they look for', () => {
  // What the renderers wrote before one escaping path: each sample must fail its check.
  const unsafeMarkdown: Array<[string, string]> = [
    ['a location with a newline, raw in a code span', '- missing <sub>`ml\n<img src=x onerror=alert(1)>/pilot-readiness.yml:3:5`</sub>'],
    ['a live link', '- see [click](https://evil.example)'],
    ['a ping', '| owner | @acme/everyone |'],
    ['a heading', '- x\n## ✅ READY'],
    ['an extra cell', '| a | b |\n| --- | --- |\n| x | y | z |'],
    ['an unclosed code span', '- `x'],
    ['an emoji', '- :smile:'],
    ['a control character', '- \u001b[2K'],
    ['a bidirectional override', '- safe\u202Eydaer'],
    ['math', '- $x$'],
  ];
  it.each(unsafeMarkdown)('Markdown: %s', (_name, md) => {
    expect(() => expectSafeMarkdown(md)).toThrow();
  });

  const unsafeText: Array<[string, string]> = [
    ['a workflow command', 'ok\n::error file=a::pwned\n'],
    ['a workflow command after white space', 'ok\n \t::warning::x\n'],
    ['the old command form', 'x ##[error]y\n'],
    ['ESC', 'x\u001b[2K\n'],
    ['BEL', 'x\u0007\n'],
    ['C1', 'x\u009b\n'],
    ['a carriage return', 'x\ry\n'],
  ];
  it.each(unsafeText)('text: %s', (_name, text) => {
    expect(() => expectSafeText(text)).toThrow();
  });

  it('JSON: the same data, or it fails', () => {
    expect(() => expectSafeJson('{"a":"b"}', { a: 'c' })).toThrow();
    expect(() => expectSafeJson('{"a":"\u009b"}', { a: '\u009b' })).toThrow();
  });
});

// ------------------------------------------------------------------------------------------ rows

const ROWS = FIELDS.flatMap(([field, key]) => CORPUS.map(([name, payload]) => ({ field, key, name, payload })));

describe('a hostile string in every field, through every output', () => {
  it('the corpus covers every field with every payload', () => {
    expect(ROWS).toHaveLength(FIELDS.length * CORPUS.length);
  });

  it('the benign scenario renders a full report (so the rows reach every section)', () => {
    const report = reportWith(BENIGN);
    expect(report.errors).toEqual([]);
    expect(report.overrides).toHaveLength(1);
    expect(report.waivers?.[0]?.reason).toBe(BENIGN.waiverReason);
    const md = renderMarkdown(report);
    for (const section of ['What is missing', 'Waivers', 'The three questions', 'Decision rights']) expect(md).toContain(`### ${section}`);
    expect(md).toContain('<summary><b>Scorecard</b>:');
    expect(md).toContain('\\\nNext: ');
    expect(md).toContain('> Override of **legal** by `maria`: the endpoint sits behind the VPN until the Q1 gateway work');
    everyFormat(report);
  });

  it.each(ROWS)('$field: $name', ({ key, payload }) => {
    const report = reportWith({ ...BENIGN, [key]: payload });
    everyFormat(report);
    const portfolio = portfolioOf(report, payload);
    expectSafeMarkdown(renderPortfolioMarkdown(portfolio));
    expectSafeMarkdown(renderPortfolioMarkdown(mergePortfolios([portfolio, portfolio])));
    expectSafeJson(terminalJson(portfolio), portfolio);
  });
});

describe('a hostile string in a report field the engine fills, and in a policy change', () => {
  /** Every string of a real report replaced by the payload: enums and ids included, nothing may throw. */
  function poisoned(value: unknown, payload: string): unknown {
    if (typeof value === 'string') return payload;
    if (Array.isArray(value)) return value.map((v) => poisoned(v, payload));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poisoned(v, payload)]));
    return value;
  }

  it.each(CORPUS)('every string of the report: %s', (_name, payload) => {
    const report = poisoned(reportWith(BENIGN), payload) as Report;
    everyFormat(report);
    expectSafeMarkdown(
      renderPortfolioMarkdown(
        buildPortfolio([{ repository: payload, manifest: payload, pullRequest: null, report: portfolioReport(report) }], NOW),
      ),
    );
  });

  it.each(CORPUS)('the policy review: %s', (_name, payload) => {
    for (const review of reviewsOf(payload, `${payload}/policy.yml`)) {
      const md = renderPolicyReview(review);
      expectSafeMarkdown(md);
      expect(md.startsWith(`## ${review.valid ? '📝' : '🔴'} Policy change: \``)).toBe(true);
    }
  });

  it('a benign policy review reads as before: heading, findings, locations in the proposed file', () => {
    const at = { file: '.github/pilot-readiness-policy.yml', line: 12, column: 7 };
    const change = { setting: 'roles.legal.window', message: 'roles.legal.window: 14d → 21d (longer)', location: at };
    expect(
      renderPolicyReview({
        path: '.github/pilot-readiness-policy.yml',
        valid: true,
        deleted: false,
        comparison: { tightenings: [], loosenings: [change], changes: [] },
      }),
    ).toBe(
      [
        '## 📝 Policy change: `.github/pilot-readiness-policy.yml`',
        '',
        'The proposed policy is valid. Against the base branch it **tightens 0** and **loosens 1** setting; pilots are judged by the new rules once it is merged.',
        '',
        '**This change loosens the policy and cannot pass here:** the base policy names no `policy_owners` who could approve a loosening.',
        '',
        '**Loosens** (review these with care):',
        '',
        '- roles.legal.window: 14d → 21d \\(longer\\) <sub>`.github/pilot-readiness-policy.yml:12:7`</sub>',
        '',
      ].join('\n'),
    );
    expect(renderPolicyReview({ path: 'p.yml', valid: false, errors: [{ message: 'the policy has no `roles`', location: null }] })).toBe(
      '## 🔴 Policy change: `p.yml`\n\nThe proposed policy is **invalid**; pilots are still judged by the base branch version. Fix:\n\n- the policy has no `roles`\n',
    );
  });

  it.each(CORPUS)('the job summary of a run that could not be verified (a team lookup error): %s', (_name, payload) => {
    const teamError = {
      message: `"${payload}" is not a team: write teams as org/team-slug, e.g. acme/appsec`,
      location: { file: `${payload}/pilot-readiness.yml`, line: 8, column: 5 },
    };
    expectSafeMarkdown(renderFailureMarkdown('PR #3', [teamError, { message: payload, location: null }]));
    expectSafeMarkdown(renderFailureMarkdown('Pilot readiness', payload, { unexpected: true }));
    expect(renderFailureMarkdown('PR #9', [{ message: 'GitHub GET /x failed (404): Not Found', location: null }])).toBe(
      '### PR #9 could not be verified\n\n- GitHub GET /x failed \\(404\\): Not Found\n',
    );
  });
});

describe('schema-invalid manifests still render, escaped', () => {
  const invalid: Array<[string, string]> = [
    ['title: 12345 (a number)', 'version: 1\npilot:\n  name: claims\n  title: 12345\n  risk: high\nowner: maria\n'],
    [
      'title: a map',
      'version: 1\npilot:\n  name: claims\n  title: { html: "<img src=x>", ping: "@acme/everyone" }\n  risk: high\nowner: maria\n',
    ],
    ['title: true', 'version: 1\npilot:\n  name: claims\n  title: true\n  risk: high\nowner: maria\n'],
    ['pilot.risk: "<img>"', 'version: 1\npilot:\n  name: claims\n  risk: "<img src=x onerror=alert(1)>"\nowner: maria\n'],
    ['pilot.risk: a list', 'version: 1\npilot:\n  name: claims\n  risk: ["<img>", "@acme/everyone"]\nowner: maria\n'],
    ['owner: "@acme/everyone"', 'version: 1\npilot:\n  name: claims\n  risk: high\nowner: "@acme/everyone"\n'],
    ['pilot.name not a slug', 'version: 1\npilot:\n  name: "x\\n## ✅ READY @acme/everyone <img src=x>"\n  risk: high\nowner: maria\n'],
  ];

  it.each(invalid)('%s', (_name, text) => {
    const report = evaluate({ manifest: { path: 'ml/pilot-readiness.yml', text }, policy: POLICY, files, facts: null, now: NOW });
    expect(report.decision).toBe('blocked');
    expect(report.errors.length).toBeGreaterThan(0);
    everyFormat(report);
    expectSafeMarkdown(
      renderPortfolioMarkdown(
        buildPortfolio(
          [{ repository: 'acme/ml', manifest: 'ml/pilot-readiness.yml', pullRequest: null, report: portfolioReport(report) }],
          NOW,
        ),
      ),
    );
  });

  it('shows what it can: the number as text, the risk and the owner escaped', () => {
    const run = (text: string) =>
      renderMarkdown(evaluate({ manifest: { path: 'ml/pilot-readiness.yml', text }, policy: POLICY, files, facts: null, now: NOW }));
    expect(run(invalid[0]![1])).toContain('## 🔴 Pilot readiness: BLOCKED · 12345\n');
    expect(run(invalid[0]![1])).toContain('<sub>pilot `claims` · high risk ·');
    expect(run(invalid[3]![1])).toContain('pilot `claims` · &lt;img src=x onerror=alert\\(1\\)&gt; risk ·');
    expect(run(invalid[5]![1])).toContain('| **Accountable owner** | `@acme/everyone` |');
  });
});

// ------------------------------------------------------------------------------- the escapers

describe('the Markdown escapers', () => {
  it('render any value as text, never throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const cases: unknown[] = [
      12345,
      0,
      -1.5,
      NaN,
      true,
      false,
      null,
      undefined,
      10n,
      Symbol('s'),
      () => 1,
      { a: '<b>' },
      ['@x', 2],
      cyclic,
      { big: 1n },
      {
        toJSON: () => {
          throw new Error('no');
        },
      },
      Object.create(null),
    ];
    for (const value of cases) {
      for (const render of [toText, escapeMarkdown, escapeMessage, codeSpan, quietLogin, plainLine, plainText])
        expect(() => render(value)).not.toThrow();
    }
    expect(escapeMarkdown(12345)).toBe('12345');
    expect(escapeMarkdown(true)).toBe('true');
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown({ a: '<b>' })).toBe('\\{"a":"&lt;b&gt;"\\}');
    expect(toText(cyclic)).toBe('[object Object]');
  });

  it('handle a megabyte of backtick runs in one pass', () => {
    const huge = '`a``b'.repeat(200_000);
    for (const render of [escapeMarkdown, escapeMessage, codeSpan, plainLine, plainText])
      expect(render(huge).length).toBeGreaterThan(huge.length / 2);
    expect(codeSpan(`${'`'.repeat(100_000)}x`).startsWith('`'.repeat(100_001))).toBe(true);
  });

  it('leave times, offsets and ratios alone, and stop real shortcodes (GitHub renders :100: and :1234: too)', () => {
    expect(escapeMarkdown('evaluated at 14:10:30 UTC, 09:05+02:00, ratio 3:2')).toBe('evaluated at 14:10:30 UTC, 09:05\\+02:00, ratio 3:2');
    expect(escapeMarkdown(':100: :1234: :-1:')).toBe(':\u200d100: :\u200d1234: :\u200d-1:');
    expect(escapeMarkdown(':smile: :+1: x:white_check_mark:')).toBe(':\u200dsmile: :\u200d\\+1: x:\u200dwhite\\_check\\_mark:');
  });

  it('stop pings, HTML, links, headings, tables and line breaks', () => {
    expect(escapeMarkdown('@acme/everyone')).toBe('@\u200dacme/everyone');
    expect(escapeMarkdown('\n## <img> [a](b) | c')).toBe(' \\#\\# &lt;img&gt; \\[a\\]\\(b\\) \\| c');
  });

  it('code spans hold anything: a fence longer than any backtick run, padded where the content needs it', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('``x``')).toBe('``` ``x`` ```');
    expect(codeSpan(' x ')).toBe('`  x  `');
    expect(codeSpan('x\n::error\u001b[2K\r')).toBe('` x ::error[2K  `');
    expect(codeSpan('a|b')).toBe('`a\\|b`');
    expect(codeSpan('a|b', { table: false })).toBe('`a|b`');
    expect(codeSpan('')).toBe('` `');
    expect(markdownWhere({ file: 'ml\n<img>/p.yml', line: 3, column: 5 }, { table: false })).toBe(' <sub>`ml <img>/p.yml:3:5`</sub>');
  });

  it("messages keep the tool's own code and escape the rest", () => {
    expect(escapeMessage('approve with `/override legal: <reason>` @acme', { table: false })).toBe(
      'approve with `/override legal: <reason>` @\u200dacme',
    );
    expect(escapeMessage('a `` b ` c `` d ` e')).toBe('a ``b ` c`` d \\` e');
  });
});

describe('the plain-text sanitiser', () => {
  it('removes terminal controls and keeps line breaks and tabs of a block', () => {
    expect(plainText('a\u001b[2K\r✅ READY\u0007\u009b\u202e\tb\r\nc')).toBe('a[2K\n✅ READY\tb\nc');
    expect(plainLine('a\nb\tc\rd')).toBe('a b c d');
  });

  it('defuses every line the runner would read as a workflow command', () => {
    expect(plainText('ok\n::error file=a::pwned\n  ::warning::x\n\t::set-output name=a::b\nx ##[error]y')).toBe(
      'ok\n\\::error file=a::pwned\n  \\::warning::x\n\t\\::set-output name=a::b\nx ##\\[error]y',
    );
    expect(plainText('\u3000\u00a0::error::x')).toBe('\u3000\u00a0\\::error::x');
    expect(plainLine('::error::x')).toBe('\\::error::x');
  });

  it('keeps JSON valid and exact', () => {
    const value = { a: '\u009b##[error]x\u2028\u202e\u007f', b: ['::x', '\u001b'] };
    const json = terminalJson(value);
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u202e]/);
    expect(json).not.toContain('##[');
    expect(JSON.parse(json)).toEqual(value);
    expect(plainText(json)).toBe(json);
  });
});

// ---------------------------------------------------------------------------------- built CLI

describe('the built CLI on a hostile manifest', () => {
  // Folder names: anything but / and NUL; `@acme/everyone` is a folder inside a folder.
  const folders: Array<[string, string]> = [
    ['a workflow command on a new line', 'x\n::error file=a::pwned'],
    ['an image after a newline', 'ok\n<img src=x onerror=alert(1)>'],
    ['a team ping', '@acme/everyone'],
    ['terminal controls', '\u001b[2K\r✅ READY \u001b]8;;https:evil\u0007x\u001b]8;;\u0007\u0007\u009b'],
  ];
  const values = (payload: string) => ({
    ...BENIGN,
    title: payload,
    evidencePath: `reports/${payload.replace(/\//g, '-')}.md`,
    notApplicable: `${payload} ${BENIGN.notApplicable}`,
    waiverReason: `${payload} ${BENIGN.waiverReason}`,
  });

  it.each(folders)('%s: text, markdown and json', (_name, payload) => {
    const root = mkdtempSync(join(tmpdir(), 'pr-injection-'));
    mkdirSync(join(root, '.git'));
    const s = scenario({ ...values(payload), folder: payload });
    mkdirSync(join(root, payload), { recursive: true });
    writeFileSync(join(root, s.path), s.text);
    writeFileSync(join(root, 'pr.json'), JSON.stringify(s.facts));
    const policy = join(root, 'policy.yml');
    writeFileSync(policy, POLICY.text);
    for (const format of ['text', 'markdown', 'json']) {
      const run = cli(['check', s.path, '--policy', 'policy.yml', '--pr', 'pr.json', '--format', format, '--now', CLI_NOW], { cwd: root });
      expect(run.status, run.stderr).toBeLessThan(3);
      expectSafeText(run.stdout);
      expectSafeText(run.stderr);
      if (format === 'markdown') expectSafeMarkdown(run.stdout);
      if (format === 'json') expect(JSON.parse(run.stdout).manifest.path).toBe(s.path);
    }
  });

  it('schema-invalid: title 12345, risk "<img>", owner "@acme/everyone"', () => {
    const root = mkdtempSync(join(tmpdir(), 'pr-injection-'));
    mkdirSync(join(root, '.git'));
    writeFileSync(
      join(root, 'pilot-readiness.yml'),
      'version: 1\npilot:\n  name: claims\n  title: 12345\n  risk: "<img src=x>\\n::error::x"\nowner: "@acme/everyone"\n',
    );
    for (const format of ['text', 'markdown', 'json']) {
      const run = cli(['check', 'pilot-readiness.yml', '--format', format, '--now', CLI_NOW], { cwd: root });
      expect(run.status).toBe(2);
      expectSafeText(run.stdout);
      expectSafeText(run.stderr);
      if (format === 'markdown') {
        expectSafeMarkdown(run.stdout);
        expect(run.stdout).toContain('12345');
      }
    }
  });
});
