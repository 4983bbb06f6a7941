// The readiness comment's structure for each kind of decision, without snapshots: the verdict is the
// first thing under the title, the next step comes before the scorecard, details are collapsed, the
// counts add up, the tool's own code spans stay code, times carry no invisible characters, and every
// location links to the file at the head commit (on GitHub.com and on GitHub Enterprise Server).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import { renderMarkdown, withoutEvaluationInstant } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { ROOT } from '../cli/helpers.js';

const POLICY = loadBundledPolicy('default');
const NOW = new Date('2026-11-20T12:00:00Z');
const facts = (example: string, file: string): PrFacts =>
  JSON.parse(readFileSync(join(ROOT, 'examples', example, file), 'utf8')) as PrFacts;
const manifestOf = (example: string) => readFileSync(join(ROOT, 'examples', example, 'pilot-readiness.yml'), 'utf8');

function report(example: string, text: string, prFacts: PrFacts | null): Report {
  return evaluate({
    manifest: { path: `examples/${example}/pilot-readiness.yml`, text },
    policy: POLICY,
    files: localRepoFiles(ROOT),
    ...baseFromFacts(prFacts),
    now: NOW,
  });
}

const ready = facts('claims-triage', 'pr-ready.json');
/** The ready facts without the owner's approval: pending on the owner alone. */
const noOwner: PrFacts = { ...ready, reviews: ready.reviews.filter((r) => r.author !== 'maria-ops') };
/** Facts for the loan pilot, taken from claims' (no base manifest: a new pilot). */
const loanFacts: PrFacts = { ...ready, base_manifest: null, teams: { 'acme/legal': ['lee-legal'], 'acme/appsec': ['kim-sec'] } };

const KINDS: Array<[string, Report, { decision: Report['decision']; verdict: RegExp }]> = [
  ['ready', report('claims-triage', manifestOf('claims-triage'), ready), { decision: 'ready', verdict: /^\*\*Ready: \d+ met/ }],
  [
    'pending by a review window',
    report('churn-forecast', manifestOf('churn-forecast'), facts('churn-forecast', 'pr-pending.json')),
    {
      decision: 'pending',
      verdict: /^\*\*Waiting on legal \(`lee-legal`\): 7d 2h left; silence counts as consent on Fri 27 Nov 2026 14:10 UTC\./,
    },
  ],
  [
    'pending by the owner',
    report('claims-triage', manifestOf('claims-triage'), noOwner),
    { decision: 'pending', verdict: /Waiting on the accountable owner `maria-ops` to approve the head commit/ },
  ],
  [
    'blocked by an objection',
    report('claims-triage', manifestOf('claims-triage'), facts('claims-triage', 'pr-objection.json')),
    { decision: 'blocked', verdict: /^\*\*Blocked by security: `kim-sec` requested changes\.\*\*/ },
  ],
  [
    'blocked by evidence',
    report('loan-approval', manifestOf('loan-approval'), loanFacts),
    { decision: 'blocked', verdict: /^\*\*Blocked: \d+ of \d+ required criteria are not met, in / },
  ],
  [
    'bad input',
    report('claims-triage', manifestOf('claims-triage').replace(/^(\s+)title: .*$/m, '$1title: 12345'), ready),
    { decision: 'blocked', verdict: /^\*\*Blocked: the manifest has 1 problem/ },
  ],
];

const lines = (md: string) => md.split('\n');

describe.each(KINDS)('the comment when %s', (_kind, r, expected) => {
  const md = renderMarkdown(r, { serverUrl: 'https://github.com' });

  it('says the verdict first, then the next step, before anything else', () => {
    expect(r.decision).toBe(expected.decision);
    const [title, blank, verdict, next] = lines(md);
    expect(title).toMatch(/^## [🟢🟡🔴] Pilot readiness: (READY|PENDING|BLOCKED) · /u);
    expect(blank).toBe('');
    expect(verdict).toMatch(expected.verdict);
    expect(verdict).toMatch(/\\$/);
    expect(next).toMatch(/^Next: \S/);
  });

  const judged = r.gates.length > 0;

  it('puts the next step before the scorecard, and what is missing before the questions', () => {
    if (!judged) return expect(md).not.toContain('Scorecard');
    const scorecard = md.indexOf('<summary><b>Scorecard</b>');
    expect(scorecard).toBeGreaterThan(md.indexOf('Next: '));
    if (md.includes('### What is missing')) expect(md.indexOf('### What is missing')).toBeLessThan(md.indexOf('### The three questions'));
  });

  it('keeps every <details> collapsed', () => {
    expect(md.includes('<details>')).toBe(judged);
    expect(md).not.toMatch(/<details[^>]*\bopen\b/);
  });

  it('tells one count story that adds up, the same in the text report', () => {
    if (!judged) return expect(r.errors.length).toBeGreaterThan(0);
    const story =
      /<summary><b>Scorecard<\/b>: (\d+) met(?: \+ (\d+) not applicable)?(?: \+ (\d+) waived)? of (\d+) required(?:; (\d+) missing or failed)?(?:, (\d+) awaiting sign-off)?(?:; (\d+) awaiting sign-off)?<\/summary>/.exec(
        md,
      );
    expect(story).not.toBeNull();
    const [, met, na = '0', waived = '0', required, open = '0', pendingA = '0', pendingB = '0'] = story!;
    expect(Number(met) + Number(na) + Number(waived) + Number(open) + Number(pendingA) + Number(pendingB)).toBe(Number(required));
    expect(Number(required)).toBe(r.criteria.filter((c) => c.required).length);
    expect(Number(na)).toBe(r.criteria.filter((c) => c.required && c.status === 'not_applicable').length);
    const summary = story![0].replace(/^<summary><b>Scorecard<\/b>: /, '').replace(/<\/summary>$/, '');
    if (r.errors.length === 0) expect(renderText(r)).toContain(summary);
    // And the JSON report's score says the same.
    expect(r.score).toMatchObject({ met: Number(met), not_applicable: Number(na), required: Number(required) });
    expect(r.score.waived ?? 0).toBe(Number(waived));
  });

  it('never shows 0/0: a gate not required at the tier says so', () => {
    expect(md).not.toMatch(/\b0\/0\b/);
    for (const gate of r.gates.filter((g) => g.required === 0)) expect(md).toMatch(new RegExp(`\\| ${gate.title} \\| none required at`));
  });

  it('keeps the tool’s own code spans as code and times free of invisible characters', () => {
    expect(md).not.toContain('\\`');
    expect(md).not.toMatch(/\d:\u200d\d/);
    expect(md).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
  });

  it('links every location to the file at the head commit, on GitHub.com and on GHES', () => {
    for (const server of ['https://github.com', 'https://ghe.acme.example']) {
      const out = renderMarkdown(r, { serverUrl: server });
      const spans = out.match(/`[^`\s]+\.ya?ml:\d+:\d+`/g) ?? [];
      const linked = [...out.matchAll(/\[(`[^`\s]+\.ya?ml:\d+:\d+`)\]\(([^)\s]+)\)/g)];
      expect(linked.length).toBe(spans.length);
      // Where something is wrong there are locations to link: the check is not empty there.
      if (r.decision === 'blocked' && r.roles.every((role) => !role.blocking)) expect(spans.length).toBeGreaterThan(0);
      for (const [, , url] of linked)
        expect(url).toMatch(
          new RegExp(
            `^${server.replace(/\./g, '\\.')}/acme/[a-z-]+/blob/${r.inputs.facts!.head_sha}/examples/[a-z-]+/pilot-readiness\\.yml#L\\d+$`,
          ),
        );
    }
  });
});

describe('the next step when several things are awaited', () => {
  it('names each approver once, and says when the author has nothing to do', () => {
    const manifest = manifestOf('churn-forecast').replace(/^owner: sam-cto$/m, 'owner: nia-vp');
    const base = { owner: 'sam-cto', path: 'examples/churn-forecast/pilot-readiness.yml', text: manifestOf('churn-forecast') };
    const r = report('churn-forecast', manifest, { ...facts('churn-forecast', 'pr-pending.json'), base_manifest: base });
    const [, , verdict, next] = renderMarkdown(r).split('\n');
    expect(verdict).toMatch(/^\*\*Accountable owner changed from sam-cto to nia-vp: awaiting `nia-vp`\. Waiting on legal /);
    expect(next).toBe('Next: `nia-vp` approves the head commit; `lee-legal` may review sooner. Nothing for the author to do.');
  });
});

describe('the three questions table', () => {
  it('keeps an owner reason with | inside its cell: one escape, never two', () => {
    const r = report('claims-triage', manifestOf('claims-triage'), ready);
    const hostile: Report = { ...r, owner: { ...r.owner, status: 'invalid', reason: 'a | b `c|d`' } };
    const row = renderMarkdown(hostile)
      .split('\n')
      .find((l) => l.includes('One accountable owner decides'))!;
    // Cells split at pipes not escaped by one backslash, as GitHub splits them.
    const cells = row.split(/(?<!\\)\|/);
    expect(cells).toHaveLength(5);
    expect(row).not.toContain('\\\\|');
  });
});

describe('locations without PR facts', () => {
  it('stay code: a local check knows no repository or head commit to link to', () => {
    const md = renderMarkdown(report('loan-approval', manifestOf('loan-approval'), null), { serverUrl: 'https://github.com' });
    expect(md).toMatch(/`pilot-readiness\.yml:\d+:\d+`/);
    expect(md).not.toContain('/blob/');
  });

  it('a path from the pull request is percent-encoded in the link, its text stays code', () => {
    const r = report('claims-triage', manifestOf('claims-triage'), ready);
    const hostile: Report = { ...r, errors: [{ message: 'x', location: { file: 'a b/(x)/pilot-readiness.yml', line: 3, column: 1 } }] };
    const md = renderMarkdown(hostile, { serverUrl: 'https://github.com' });
    expect(md).toContain(
      `[\`a b/(x)/pilot-readiness.yml:3:1\`](https://github.com/${r.inputs.facts!.repository}/blob/${r.inputs.facts!.head_sha}/a%20b/%28x%29/pilot-readiness.yml#L3)`,
    );
    const closing: Report = {
      ...r,
      errors: [{ message: 'x', location: { file: 'x)**[y](https://evil.example)/pilot-readiness.yml', line: 1, column: 1 } }],
    };
    const link = /\]\((https:\/\/github\.com\/\S+)\)/.exec(renderMarkdown(closing, { serverUrl: 'https://github.com' }))![1]!;
    expect(link).toContain('x%29%2A%2A%5By%5D%28https%3A/evil.example%29/pilot-readiness.yml#L1');
    expect(link).not.toMatch(/[()*[\]]/);
  });
});

describe('the one time formatter', () => {
  it('writes instants in UTC with the weekday, and a zone-less date-time as written (never in local time)', async () => {
    const { formatInstant } = await import('../../src/core/instant.js');
    expect(formatInstant('2026-11-27T14:10:00.000Z')).toBe('Fri 27 Nov 2026 14:10 UTC');
    expect(formatInstant('2026-11-27T16:10:00+02:00')).toBe('Fri 27 Nov 2026 14:10 UTC');
    expect(formatInstant(Date.parse('2026-11-27T14:10:00Z'))).toBe('Fri 27 Nov 2026 14:10 UTC');
    expect(formatInstant('2026-11-27T14:10:00')).toBe('2026-11-27T14:10:00');
    expect(formatInstant('yesterday')).toBe('yesterday');
  });
});

describe('what counts as a change of the comment', () => {
  it('is everything but the instant of the evaluation in the footer', () => {
    const at = (iso: string) =>
      evaluate({
        manifest: { path: 'examples/claims-triage/pilot-readiness.yml', text: manifestOf('claims-triage') },
        policy: POLICY,
        files: localRepoFiles(ROOT),
        ...baseFromFacts(noOwner),
        now: new Date(iso),
      });
    const early = renderMarkdown(at('2026-11-20T12:00:00Z'), { level: 2 });
    const later = renderMarkdown(at('2026-11-20T12:07:00Z'), { level: 2 });
    expect(early).not.toBe(later);
    expect(withoutEvaluationInstant(early)).toBe(withoutEvaluationInstant(later));
    // The footer keeps its other parts, and the words around the instant.
    expect(withoutEvaluationInstant(early)).toMatch(
      /· sha256 [0-9a-f]{12} · evaluated <\/sub>|· sha256 [0-9a-f]{12} · evaluated · can change/,
    );
  });
});

describe('the renewal a ready pilot must plan', () => {
  it('names the criteria whose dated evidence goes stale first, and when; each met row says until when it holds', () => {
    const r = report('claims-triage', manifestOf('claims-triage'), ready);
    expect(r.decision).toBe('ready');
    const md = renderMarkdown(r, { level: 2 });
    // DR-2's quality baseline is dated 2026-11-06 and may be 30 days old.
    expect(md).toContain(
      'Next: nothing; merge when you are ready. The evidence of **DR-2** passes until Sun 6 Dec 2026 00:00 UTC: renew it before then, or the pilot stops being ready.',
    );
    expect(md).toMatch(/\| \*\*DR-2\*\* [^|]+\| data-readiness \| met\u00a0\(until Sun 6 Dec 2026 00:00 UTC\) \|/);
    // A criterion without a dated entry says nothing of the kind.
    expect(md).toMatch(/\| \*\*DR-6\*\* [^|]+\| data-readiness \| met \|/);
    expect(renderText(r)).toContain('\nNext renewal: the evidence of DR-2 passes until Sun 6 Dec 2026 00:00 UTC\n');
    // Not ready yet: the renewal is not the next thing to say.
    const pending = report('claims-triage', manifestOf('claims-triage'), noOwner);
    expect(renderMarkdown(pending, { level: 2 })).not.toContain('passes until Sun 6 Dec');
    expect(renderText(pending)).not.toContain('Next renewal');
  });
});
