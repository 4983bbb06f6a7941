// Evidence strictness against someone trying to get past it, through the built CLI (dist/cli.js) as a
// user runs it; run `npm run build` first. Each row is an attack: padding that is not a justification,
// dates that do not exist or name no zone, a --now that is not an instant, a hostile manifest at the
// size limit. Every row asserts the exit code, the decision (or that there is no report) and the
// message; control rows show the honest variant still passes.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileId, hostileManifest, HOSTILE_IDS } from '../../bench/hostile.js';
import { cli, NOW } from '../cli/helpers.js';

const POLICY = `version: 1
max_waiver: 90d
roles:
  owner: { accountable: true }
  security: { window: 7d, on_silence: consent, on_objection: block }
gates:
  - id: ops
    title: Operations
    criteria:
      - id: OPS-5
        title: On-call rota
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: true
        evidence: { link: {} }
      - id: SEC-1
        title: Penetration test
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        waivable: true
        evidence: { date: { max_age: 1000d } }
`;

const HEAD = 'abcdef1234567890abcdef1234567890abcdef12';
/** The owner (maria) and the security reviewer (kim) approved: an honest manifest is ready. */
function facts(readyAt = '2026-11-01T09:00:00Z'): string {
  return `{
  "version": 1,
  "repository": "acme/ml",
  "number": 7,
  "author": "dev",
  "head_sha": "${HEAD}",
  "base_ref": "main",
  "draft": false,
  "ready_at": "${readyAt}",
  "commits": [{ "sha": "${HEAD}", "at": "2026-11-01T08:00:00Z" }],
  "review_requests": [{ "reviewer": "kim", "at": "2026-11-01T09:00:00Z" }],
  "reviews": [
    { "id": 1, "author": "maria", "state": "APPROVED", "at": "2026-11-18T10:00:00Z", "commit": "${HEAD}" },
    { "id": 2, "author": "kim", "state": "APPROVED", "at": "2026-11-18T10:00:00Z", "commit": "${HEAD}" }
  ],
  "teams": {}
}
`;
}

const HONEST_NA = 'Batch job; a person reviews every output the next morning.';
const REASON = 'Pen test booked for January; the pilot serves internal users only.';
/**
 * The manifest: OPS-5 on line 9 (its not_applicable text at column 28), SEC-1's date on line 10 at
 * column 18; or, with a waiver, `waivers:` on line 10 and its expires on line 13 at column 14.
 */
function manifest(parts: { na?: string; date?: string; ops?: string; expires?: string; evidence?: string } = {}): string {
  const head = 'version: 1\npilot:\n  name: claims\n  risk: high\nowner: maria\nreviewers:\n  security: [kim]\nevidence:\n';
  if (parts.evidence !== undefined) return `${head}${parts.evidence}`;
  const ops = parts.ops ?? `  OPS-5: { not_applicable: ${JSON.stringify(parts.na ?? HONEST_NA)} }\n`;
  if (parts.expires !== undefined) {
    return `${head}${ops}waivers:\n  SEC-1:\n    reason: ${REASON}\n    expires: ${parts.expires}\n    approved_by: security\n`;
  }
  return `${head}${ops}  SEC-1: { date: ${parts.date ?? '2026-10-01'} }\n`;
}

const M = 'pilot-readiness.yml';
const NA_TAIL = 'say why in at least 20 (spaces, punctuation, emoji and invisible characters do not count)';
const naRefused = (count: number) =>
  `the not_applicable justification for OPS-5 is too short: it has ${count} letter${count === 1 ? '' : 's'} or digit${count === 1 ? '' : 's'}; ${NA_TAIL}`;
const dateError = (value: string, reason: string) => `${M}:10:18: evidence.SEC-1.date "${value}" is ${reason}`;
const NO_ZONE = 'a date-time without a time zone: add Z or an offset such as +02:00';
const FORMS = 'not a date (YYYY-MM-DD, such as 2026-11-20) or a date-time with a time zone (such as 2026-11-20T12:00:00Z)';

interface Attack {
  name: string;
  /** The manifest's text, and the files written beside it. */
  manifest?: string;
  files?: Record<string, string>;
  /** Arguments after `check pilot-readiness.yml --policy policy.yml --format json`; default `--pr pr.json --now NOW`. */
  args?: string[];
  /** A whole command line instead (for replay). */
  command?: string[];
  exit: number;
  /** The report's decision; null when the run refuses before any report. */
  decision: 'ready' | 'pending' | 'blocked' | null;
  /** Every stderr line without its `error: ` prefix, in order; none when absent. */
  stderr?: string[];
  /** The criterion the attack fails, with its reason and where it points. */
  failed?: { id: string; reason: string; line: number; column: number };
}

const attacks: Attack[] = [
  // not_applicable: padding that is not a reason.
  { name: 'control: an honest justification', manifest: manifest(), exit: 0, decision: 'ready', stderr: [] },
  {
    name: 'control: twenty Han and kana letters',
    manifest: manifest({ na: '夜間バッチ処理で人が翌朝確認する出力のみ' }),
    exit: 0,
    decision: 'ready',
    stderr: [],
  },
  {
    name: 'twenty zero-width spaces',
    manifest: manifest({ na: '\u200b'.repeat(20) }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(0), line: 9, column: 28 },
  },
  {
    name: 'twenty Hangul fillers (U+3164, a "letter")',
    manifest: manifest({ na: '\u3164'.repeat(20) }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(0), line: 9, column: 28 },
  },
  {
    name: 'the other Hangul fillers (U+115F, U+1160, U+FFA0)',
    manifest: manifest({ na: '\u115f\u1160\uffa0'.repeat(8) }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(0), line: 9, column: 28 },
  },
  {
    name: 'ten emoji (twenty UTF-16 code units)',
    manifest: manifest({ na: '🙂🚀🔥✅💯🙂🚀🔥✅💯' }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(0), line: 9, column: 28 },
  },
  {
    name: 'whitespace only',
    manifest: manifest({ na: ' \t\u00a0\u2003\u3000'.repeat(6) }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(0), line: 9, column: 28 },
  },
  {
    name: '"n/a" padded with joiners and punctuation',
    manifest: manifest({ na: `n/a${'\u200d'.repeat(30)}!!!!!.....` }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(2), line: 9, column: 28 },
  },
  {
    name: 'one letter under combining accents',
    manifest: manifest({ na: `a${'\u0301'.repeat(25)}` }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(1), line: 9, column: 28 },
  },
  {
    name: 'nineteen letters, spaced out',
    manifest: manifest({ na: 'n o t   n e e d e d   h e r e   a t   a l l   k' }),
    exit: 1,
    decision: 'blocked',
    failed: { id: 'OPS-5', reason: naRefused(19), line: 9, column: 28 },
  },

  // Evidence dates that do not exist.
  { name: 'control: a leap day', manifest: manifest({ date: '2024-02-29' }), exit: 0, decision: 'ready', stderr: [] },
  {
    name: 'control: a date-time with an offset',
    manifest: manifest({ date: '2026-11-01T09:00:00+02:00' }),
    exit: 0,
    decision: 'ready',
    stderr: [],
  },
  {
    name: 'February 30',
    manifest: manifest({ date: '2026-02-30' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-02-30', 'not a real calendar date: February 2026 has 28 days')],
  },
  {
    name: 'April 31',
    manifest: manifest({ date: '2026-04-31' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-04-31', 'not a real calendar date: April 2026 has 30 days')],
  },
  {
    name: 'February 29 in a common year',
    manifest: manifest({ date: '2025-02-29' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2025-02-29', 'not a real calendar date: February 2025 has 28 days')],
  },
  {
    name: 'month 13',
    manifest: manifest({ date: '2026-13-01' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-13-01', 'not a real calendar date: there is no month 13')],
  },
  {
    name: 'day 0',
    manifest: manifest({ date: '2026-10-00' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-10-00', 'not a real calendar date: October 2026 has 31 days')],
  },
  {
    name: 'February 30 with a time and a zone',
    manifest: manifest({ date: '2026-02-30T00:00:00Z' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-02-30T00:00:00Z', 'not a real calendar date: February 2026 has 28 days')],
  },
  {
    name: 'hour 24',
    manifest: manifest({ date: '2026-10-01T24:00:00Z' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-10-01T24:00:00Z', 'not a real time of day: there is no hour 24 (hours run from 00 to 23)')],
  },
  {
    name: 'hour 25',
    manifest: manifest({ date: '2026-10-01T25:00:00Z' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-10-01T25:00:00Z', 'not a real time of day: there is no hour 25 (hours run from 00 to 23)')],
  },
  {
    name: 'a leap second',
    manifest: manifest({ date: '2026-06-30T23:59:60Z' }),
    exit: 2,
    decision: 'blocked',
    stderr: [
      dateError(
        '2026-06-30T23:59:60Z',
        'not a real time of day: there is no second 60 (seconds run from 00 to 59; leap seconds are not accepted)',
      ),
    ],
  },
  {
    name: 'an offset of a day',
    manifest: manifest({ date: '2026-10-01T12:00:00+24:00' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-10-01T12:00:00+24:00', 'not a real time zone offset: +24:00 (offsets run from -23:59 to +23:59)')],
  },
  {
    name: 'an impossible date on a criterion that asks for none',
    manifest: manifest({ ops: '  OPS-5: { link: "https://x.example.com", date: 2026-02-30 }\n' }),
    exit: 2,
    decision: 'blocked',
    stderr: [`${M}:9:49: evidence.OPS-5.date "2026-02-30" is not a real calendar date: February 2026 has 28 days`],
  },

  // Date-times without a zone: read in local time, they would make the decision depend on the machine.
  {
    name: 'a zone-less evidence date-time',
    manifest: manifest({ date: '2026-11-20T11:00:00' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-11-20T11:00:00', NO_ZONE)],
  },
  {
    name: 'a zone-less evidence date-time with a space',
    manifest: manifest({ date: '"2026-11-20 11:00"' }),
    exit: 2,
    decision: 'blocked',
    stderr: [dateError('2026-11-20 11:00', NO_ZONE)],
  },

  // Waiver expiry: a real day.
  { name: 'control: a waiver through a real day', manifest: manifest({ expires: '2026-12-31' }), exit: 0, decision: 'ready', stderr: [] },
  {
    name: 'a waiver until February 30',
    manifest: manifest({ expires: '2027-02-30' }),
    exit: 2,
    decision: 'blocked',
    stderr: [`${M}:13:14: waivers.SEC-1.expires "2027-02-30" is not a real calendar date: February 2027 has 28 days`],
  },
  {
    name: 'a waiver until February 29 of a common year',
    manifest: manifest({ expires: '2027-02-29' }),
    exit: 2,
    decision: 'blocked',
    stderr: [`${M}:13:14: waivers.SEC-1.expires "2027-02-29" is not a real calendar date: February 2027 has 28 days`],
  },
  {
    name: 'a waiver until month 13',
    manifest: manifest({ expires: '2026-13-01' }),
    exit: 2,
    decision: 'blocked',
    stderr: [`${M}:13:14: waivers.SEC-1.expires "2026-13-01" is not a real calendar date: there is no month 13`],
  },
  {
    name: 'a waiver until a zone-less date-time',
    manifest: manifest({ expires: '2026-12-31T23:59:59' }),
    exit: 2,
    decision: 'blocked',
    stderr: [`${M}:13:14: waivers.SEC-1.expires "2026-12-31T23:59:59" is a date-time, not a day: write the day alone, as YYYY-MM-DD`],
  },

  // --now: the same parser, one line, exit 2, no report.
  {
    name: 'control: --now with an offset',
    manifest: manifest(),
    args: ['--pr', 'pr.json', '--now', '2026-11-20T13:00:00+01:00'],
    exit: 0,
    decision: 'ready',
    stderr: [],
  },
  {
    name: 'control: --now as a plain date (UTC midnight)',
    manifest: manifest(),
    args: ['--pr', 'pr.json', '--now', '2026-11-20'],
    exit: 0,
    decision: 'ready',
    stderr: [],
  },
  {
    name: '--now February 30',
    manifest: manifest(),
    args: ['--now', '2026-02-30T00:00:00Z'],
    exit: 2,
    decision: null,
    stderr: ['--now 2026-02-30T00:00:00Z: not a real calendar date: February 2026 has 28 days'],
  },
  {
    name: '--now without a zone',
    manifest: manifest(),
    args: ['--now', '2026-11-20T12:00:00'],
    exit: 2,
    decision: null,
    stderr: [`--now 2026-11-20T12:00:00: ${NO_ZONE}`],
  },
  {
    name: '--now hour 24',
    manifest: manifest(),
    args: ['--now', '2026-11-20T24:00:00Z'],
    exit: 2,
    decision: null,
    stderr: ['--now 2026-11-20T24:00:00Z: not a real time of day: there is no hour 24 (hours run from 00 to 23)'],
  },
  {
    name: '--now February 29 of a common year',
    manifest: manifest(),
    args: ['--now', '2025-02-29'],
    exit: 2,
    decision: null,
    stderr: ['--now 2025-02-29: not a real calendar date: February 2025 has 28 days'],
  },
  {
    name: '--now as a JS date string',
    manifest: manifest(),
    args: ['--now', 'Fri Nov 20 2026 12:00:00'],
    exit: 2,
    decision: null,
    stderr: [`--now Fri Nov 20 2026 12:00:00: ${FORMS}`],
  },

  // PR facts and replay carry date-times too.
  {
    name: 'PR facts ready on February 30',
    manifest: manifest(),
    files: { 'pr-bad.json': facts('2026-02-30T09:00:00Z') },
    args: ['--pr', 'pr-bad.json', '--now', NOW],
    exit: 2,
    decision: null,
    stderr: ['pr-bad.json:9:15: ready_at is not a real calendar date: February 2026 has 28 days (got the text "2026-02-30T09:00:00Z")'],
  },
  {
    name: 'PR facts with a zone-less date-time',
    manifest: manifest(),
    files: { 'pr-bad.json': facts('2026-11-01T09:00:00') },
    args: ['--pr', 'pr-bad.json', '--now', NOW],
    exit: 2,
    decision: null,
    stderr: [`pr-bad.json:9:15: ready_at is ${NO_ZONE} (got the text "2026-11-01T09:00:00")`],
  },
  {
    name: 'a saved report whose instant was edited to drop its zone',
    manifest: manifest(),
    command: ['replay', 'edited.json'],
    exit: 2,
    decision: null,
    stderr: [`edited.json: inputs.now "2026-11-20T12:00:00" is ${NO_ZONE}`],
  },

  // Bounded work: a manifest at the 1 MiB limit with 12,000 unknown ids, each a 64-character near miss.
  {
    name: `${HOSTILE_IDS} unknown evidence ids at the 1 MiB limit`,
    manifest: hostileManifest(),
    args: ['--policy', 'default', '--now', NOW],
    exit: 2,
    decision: 'blocked',
    stderr: Array.from(
      { length: HOSTILE_IDS },
      (_, i) =>
        `${M}:${7 + i}:3: unknown criterion id "${hostileId(i)}": the policy (default) has no such criterion. Run \`pilot-readiness explain\` to list them.`,
    ),
  },
  {
    name: 'thirty near misses: the first twenty get a hint, the rest the error alone',
    manifest: manifest({
      evidence: Array.from({ length: 30 }, (_, i) => `  OPS-5${String.fromCharCode(97 + (i % 26))}${i < 26 ? '' : i}: { note: n }\n`).join(
        '',
      ),
    }),
    exit: 2,
    decision: 'blocked',
    stderr: Array.from({ length: 30 }, (_, i) => {
      const id = `OPS-5${String.fromCharCode(97 + (i % 26))}${i < 26 ? '' : i}`;
      return `${M}:${9 + i}:3: unknown criterion id "${id}": the policy (policy.yml) has no such criterion.${i < 20 ? ' Did you mean "OPS-5"?' : ''} Run \`pilot-readiness explain\` to list them.`;
    }),
  },
];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pr-adversarial-'));
  writeFileSync(join(dir, 'policy.yml'), POLICY);
  writeFileSync(join(dir, 'pr.json'), facts());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence strictness, through the built CLI', () => {
  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', (_name, attack) => {
    writeFileSync(join(dir, M), attack.manifest ?? manifest());
    for (const [name, text] of Object.entries(attack.files ?? {})) writeFileSync(join(dir, name), text);
    if (attack.command?.[0] === 'replay') {
      const saved = cli(['check', M, '--worktree', '--policy', 'policy.yml', '--pr', 'pr.json', '--now', NOW, '--output', 'saved.json'], {
        cwd: dir,
      });
      expect(saved.status).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'saved.json'), 'utf8'));
      writeFileSync(join(dir, 'edited.json'), JSON.stringify({ ...report, inputs: { ...report.inputs, now: '2026-11-20T12:00:00' } }));
    }
    // The temporary folder is no git repository: --worktree says so, and check prints no notice about it.
    const args = attack.command ?? [
      'check',
      M,
      '--worktree',
      '--policy',
      'policy.yml',
      '--format',
      'json',
      ...(attack.args ?? ['--pr', 'pr.json', '--now', NOW]),
    ];
    const result = cli(args, { cwd: dir });

    expect(result.status).toBe(attack.exit);
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    expect(result.stderr).toBe((attack.stderr ?? []).map((line) => `error: ${line}\n`).join(''));
    if (attack.decision === null) {
      expect(result.stdout).toBe('');
    } else {
      const report = JSON.parse(result.stdout);
      expect(report.decision).toBe(attack.decision);
      if (attack.failed) {
        const criterion = report.criteria.find((c: { id: string }) => c.id === attack.failed!.id);
        expect(criterion).toMatchObject({
          status: 'failed',
          reason: attack.failed.reason,
          location: { file: M, line: attack.failed.line, column: attack.failed.column },
        });
      }
    }
  });
});

// EXP-3's appeal channel under the bundled default policy, whose pattern accepts mailto: (and init
// and explain say so): one plain address meets it; anything else a link could smuggle does not.
describe("EXP-3's appeal link, through the built CLI with the default policy", () => {
  const EXAMPLE = join(process.cwd(), 'examples', 'claims-triage');
  const HONEST_LINK = '    link: https://claims.example.com/help/ask-for-a-review\n';
  const APPEAL_AT = 'pilot-readiness.yml:97:11';

  it.each([
    {
      name: 'control: one plain mailto: address (the pilot is ready)',
      link: 'mailto:appeals@example.com',
      exit: 0,
      exp3: 'met',
      stderr: '',
    },
    {
      name: 'a mailto: that prefills the message',
      link: 'mailto:appeals@example.com?body=approved',
      exit: 1,
      exp3: 'failed',
      stderr: '',
    },
    {
      name: 'a javascript: link',
      link: 'javascript:alert(1)',
      exit: 2,
      exp3: null,
      stderr: `error: ${APPEAL_AT}: evidence.EXP-3.link must be an http(s) URL, or a mailto: address where the policy accepts one (got the text "javascript:alert(1)")\n`,
    },
  ])('$name', ({ link, exit, exp3, stderr }) => {
    const pilot = mkdtempSync(join(tmpdir(), 'pr-adv-appeal-'));
    try {
      cpSync(EXAMPLE, pilot, { recursive: true });
      const text = readFileSync(join(pilot, 'pilot-readiness.yml'), 'utf8');
      expect(text).toContain(HONEST_LINK);
      writeFileSync(join(pilot, 'pilot-readiness.yml'), text.replace(HONEST_LINK, `    link: "${link}"\n`));
      const result = cli(['check', 'pilot-readiness.yml', '--worktree', '--pr', 'pr-ready.json', '--now', NOW, '--format', 'json'], {
        cwd: pilot,
      });
      expect(result.stderr).toBe(stderr);
      expect(result.status).toBe(exit);
      const report = JSON.parse(result.stdout);
      expect(report.criteria.find((c: { id: string }) => c.id === 'EXP-3')?.status ?? null).toBe(exp3);
    } finally {
      rmSync(pilot, { recursive: true, force: true });
    }
  });
});
