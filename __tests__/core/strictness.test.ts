// Evidence strictness and bounded work on hostile input (issue 8): the one strict date parser, the
// letters-and-digits count of a not_applicable justification, and the bounded "did you mean".
import { describe, expect, it } from 'vitest';
import { countLettersAndDigits, MIN_NOT_APPLICABLE_LENGTH, notApplicableProblem } from '../../src/core/evidence/index.js';
import { evaluate } from '../../src/core/evaluate.js';
import { parseFacts } from '../../src/core/facts.js';
import { parseCalendarDate, parseInstant } from '../../src/core/instant.js';
import { loadPolicy } from '../../src/core/policy.js';
import { replay } from '../../src/core/replay.js';
import { closest, didYouMean, MAX_CANDIDATES, MAX_SUGGESTIONS_PER_FILE, suggestionBudget } from '../../src/core/suggest.js';
import type { InputError } from '../../src/core/errors.js';
import { hostileId, hostileManifest, HOSTILE_IDS, HOSTILE_LIMIT } from '../../bench/hostile.js';
import { BUNDLED_POLICIES } from '../../src/core/bundled.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const ms = (iso: string) => new Date(iso).getTime();
const reasonOf = (result: ReturnType<typeof parseInstant>) => (result.ok ? null : result.reason);

describe('parseInstant: real calendar dates and date-times with a zone', () => {
  it.each([
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['2026-11-20T12:00:00Z', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20T12:00Z', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20 12:00:00Z', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20T12:00:00.123456Z', '2026-11-20T12:00:00.123Z'],
    ['2026-11-20T12:00:00.5Z', '2026-11-20T12:00:00.500Z'],
    ['2026-11-20T14:00:00+02:00', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20T14:00:00+0200', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20T02:00:00-10:00', '2026-11-20T12:00:00.000Z'],
    ['2026-11-21T01:59:59+14:00', '2026-11-20T11:59:59.000Z'],
    ['2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00.000Z'],
    ['0099-06-01', '0099-06-01T00:00:00.000Z'],
  ])('accepts %s as %s', (text, iso) => {
    expect(parseInstant(text)).toEqual({ ok: true, ms: ms(iso) });
  });

  it.each([
    ['2026-02-30', 'not a real calendar date: February 2026 has 28 days'],
    ['2026-02-29', 'not a real calendar date: February 2026 has 28 days'],
    ['1900-02-29', 'not a real calendar date: February 1900 has 28 days'],
    ['2026-04-31', 'not a real calendar date: April 2026 has 30 days'],
    ['2026-11-00', 'not a real calendar date: November 2026 has 30 days'],
    ['2026-13-01', 'not a real calendar date: there is no month 13'],
    ['2026-00-10', 'not a real calendar date: there is no month 00'],
    ['2026-02-30T00:00:00Z', 'not a real calendar date: February 2026 has 28 days'],
    ['2026-11-20T24:00:00Z', 'not a real time of day: there is no hour 24 (hours run from 00 to 23)'],
    ['2026-11-20T25:00:00Z', 'not a real time of day: there is no hour 25 (hours run from 00 to 23)'],
    ['2026-11-20T12:60:00Z', 'not a real time of day: there is no minute 60 (minutes run from 00 to 59)'],
    ['2026-06-30T23:59:60Z', 'not a real time of day: there is no second 60 (seconds run from 00 to 59; leap seconds are not accepted)'],
    ['2026-11-20T12:00:00+24:00', 'not a real time zone offset: +24:00 (offsets run from -23:59 to +23:59)'],
    ['2026-11-20T12:00:00', 'a date-time without a time zone: add Z or an offset such as +02:00'],
    ['2026-11-20T12:00', 'a date-time without a time zone: add Z or an offset such as +02:00'],
    ['2026-11-20 12:00:00', 'a date-time without a time zone: add Z or an offset such as +02:00'],
  ])('refuses %s: %s', (text, reason) => {
    expect(reasonOf(parseInstant(text))).toBe(reason);
  });

  it.each([
    'yesterday',
    '',
    '2026-1-5',
    '26-11-20',
    '2026-11-20T12:00:00z',
    '2026-11-20t12:00:00Z',
    '2026-11-20T12:00:00+02',
    '+002026-11-20',
    'Fri, 20 Nov 2026 12:00:00 GMT',
    '1795176000000',
    ' 2026-11-20',
    '2026-11-20\n',
  ])('refuses the form %j', (text) => {
    expect(reasonOf(parseInstant(text))).toBe(
      'not a date (YYYY-MM-DD, such as 2026-11-20) or a date-time with a time zone (such as 2026-11-20T12:00:00Z)',
    );
  });

  it('agrees with Date.UTC on every day of a leap year and a common year', () => {
    for (const year of [2024, 2026, 2100]) {
      for (let day = 0; day < 366; day++) {
        const date = new Date(Date.UTC(year, 0, 1 + day));
        if (date.getUTCFullYear() !== year) break;
        const text = date.toISOString().slice(0, 10);
        expect(parseInstant(text)).toEqual({ ok: true, ms: date.getTime() });
      }
    }
  });

  it('calendar dates: a day only', () => {
    expect(parseCalendarDate('2027-01-31')).toEqual({ ok: true, ms: ms('2027-01-31T00:00:00Z') });
    expect(reasonOf(parseCalendarDate('2027-02-29'))).toBe('not a real calendar date: February 2027 has 28 days');
    expect(reasonOf(parseCalendarDate('2027-01-31T00:00:00Z'))).toBe('a date-time, not a day: write the day alone, as YYYY-MM-DD');
    expect(reasonOf(parseCalendarDate('2027-01-31T00:00:00'))).toBe('a date-time, not a day: write the day alone, as YYYY-MM-DD');
    expect(reasonOf(parseCalendarDate('31/01/2027'))).toBe('not a date: write it as YYYY-MM-DD, such as 2026-11-20');
  });
});

describe('not_applicable: letters and digits, per code point', () => {
  it.each([
    ['twenty zero-width spaces', '\u200b'.repeat(20), 0],
    ['twenty Hangul fillers (U+3164, category Lo)', '\u3164'.repeat(20), 0],
    ['the other Hangul fillers', '\u115f\u1160\uffa0'.repeat(7), 0],
    ['ten emoji (twenty UTF-16 code units)', '🙂'.repeat(10), 0],
    ['whitespace of every kind', ' \t\u00a0\u2003\u3000'.repeat(6), 0],
    ['joiners, marks and bidi controls between letters', 'n\u200d/\u2060a\u202e\u0301', 2],
    ['nineteen letters', 'abcdefghijklmnopqrs', 19],
    ['Cyrillic letters', 'Пакетная обработка', 17],
    ['Han characters, each a letter', '夜間バッチ処理で人が翌朝確認する', 16],
    ['digits of other scripts', '١٢٣٤٥', 5],
  ])('%s', (_name, text, count) => {
    expect(countLettersAndDigits(text)).toBe(count);
  });

  it('needs 20 and says how many it found', () => {
    expect(MIN_NOT_APPLICABLE_LENGTH).toBe(20);
    expect(notApplicableProblem('OPS-5', 'Batch job reviewed daily')).toBeNull();
    expect(notApplicableProblem('OPS-5', '🙂'.repeat(10))).toBe(
      'the not_applicable justification for OPS-5 is too short: it has 0 letters or digits; say why in at least 20 (spaces, punctuation, emoji and invisible characters do not count)',
    );
    expect(notApplicableProblem('OPS-5', 'x\u200b'.repeat(1))).toBe(
      'the not_applicable justification for OPS-5 is too short: it has 1 letter or digit; say why in at least 20 (spaces, punctuation, emoji and invisible characters do not count)',
    );
  });

  it('stops counting once there are enough', () => {
    expect(countLettersAndDigits('a'.repeat(100_000), 20)).toBe(20);
  });
});

describe('bounded did-you-mean', () => {
  const ids = ['SEC-1', 'SEC-2', 'OPS-5', 'DR-2', 'allow_not_applicable'];

  it('finds the near miss as before: case, swaps, one edit per three characters', () => {
    expect(closest('sec-1', ids)).toBe('SEC-1');
    expect(closest('SEC-22', ids)).toBe('SEC-2');
    expect(closest('OSP-5', ids)).toBe('OPS-5');
    expect(closest('alow_not_applicabel', ids)).toBe('allow_not_applicable');
    expect(closest('SEC-9', ids)).toBe('SEC-1'); // the first of equals
    expect(closest('XYZ-9', ids)).toBeNull();
    expect(didYouMean('SEC-22', ids)).toBe(' Did you mean "SEC-2"?');
    expect(didYouMean('nothing-like-it', ids)).toBe('');
  });

  it('gives no suggestion for a word longer than 64 characters', () => {
    const long = `allow_not_applicable${'e'.repeat(45)}`;
    expect(closest(long, [long.slice(0, 64)])).toBeNull();
    expect(closest(long.slice(0, 64), [long.slice(0, 63)])).toBe(long.slice(0, 63));
  });

  it(`considers the first ${MAX_CANDIDATES} candidates only`, () => {
    const many = Array.from({ length: MAX_CANDIDATES }, (_, i) => `candidate-${i}`);
    expect(closest('target-1', [...many, 'target-1'])).toBeNull();
    expect(closest('target-1', [...many.slice(1), 'target-1'])).toBe('target-1');
  });

  it(`spends one word of a budget per call: only the first ${MAX_SUGGESTIONS_PER_FILE} get a hint`, () => {
    const budget = suggestionBudget();
    const hints = Array.from({ length: 30 }, () => didYouMean('SEC-22', ids, budget));
    expect(hints.slice(0, MAX_SUGGESTIONS_PER_FILE)).toEqual(Array(MAX_SUGGESTIONS_PER_FILE).fill(' Did you mean "SEC-2"?'));
    expect(hints.slice(MAX_SUGGESTIONS_PER_FILE)).toEqual(Array(30 - MAX_SUGGESTIONS_PER_FILE).fill(''));
    expect(budget.left).toBe(0);
  });
});

const POLICY = loadPolicy(
  `version: 1
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
`,
  'policy.yml',
);

function run(evidence: string, extra = '') {
  const text = `version: 1\npilot:\n  name: claims\n  risk: high\nowner: maria\nreviewers:\n  security: [kim]\nevidence:\n${evidence}${extra}`;
  return evaluate({ manifest: { path: 'm.yml', text }, policy: POLICY, files: { stat: () => 'missing' }, facts: null, now: NOW });
}
const errorsOf = (report: ReturnType<typeof run>) => report.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message}`);

describe('dates in the manifest', () => {
  it('an impossible evidence date is an input error at its line, and fails its criterion', () => {
    const report = run('  OPS-5: { link: "https://x.example.com" }\n  SEC-1: { date: 2026-02-30 }\n');
    expect(errorsOf(report)).toEqual(['10:18 evidence.SEC-1.date "2026-02-30" is not a real calendar date: February 2026 has 28 days']);
    expect(report.decision).toBe('blocked');
    expect(report.criteria.find((c) => c.id === 'SEC-1')).toMatchObject({
      status: 'failed',
      reason: 'date "2026-02-30" is not a real calendar date: February 2026 has 28 days',
    });
  });

  it('a zone-less date-time is an error at its line that says what to add', () => {
    const report = run('  OPS-5: { link: "https://x.example.com" }\n  SEC-1: { date: "2026-11-01T09:00:00" }\n');
    expect(errorsOf(report)).toEqual([
      '10:18 evidence.SEC-1.date "2026-11-01T09:00:00" is a date-time without a time zone: add Z or an offset such as +02:00',
    ]);
  });

  it('a date is checked even where the policy asks for none', () => {
    const report = run('  OPS-5: { link: "https://x.example.com", date: 2026-04-31 }\n  SEC-1: { date: 2026-11-01T09:00:00+02:00 }\n');
    expect(errorsOf(report)).toEqual(['9:49 evidence.OPS-5.date "2026-04-31" is not a real calendar date: April 2026 has 30 days']);
  });

  it('a date-time with an offset is the instant it names', () => {
    const report = run('  OPS-5: { link: "https://x.example.com" }\n  SEC-1: { date: 2026-11-20T13:59:59+02:00 }\n');
    expect(report.errors).toEqual([]);
    expect(report.criteria.find((c) => c.id === 'SEC-1')?.status).toBe('met');
    const future = run('  OPS-5: { link: "https://x.example.com" }\n  SEC-1: { date: 2026-11-20T12:00:01Z }\n');
    expect(future.criteria.find((c) => c.id === 'SEC-1')?.reason).toBe(
      'date 2026-11-20T12:00:01Z is in the future; evidence is dated when it was produced',
    );
  });

  it('waiver expiry: a real day, not a date-time', () => {
    const waiver = (expires: string) =>
      run(
        '  OPS-5: { link: "https://x.example.com" }\n',
        `waivers:\n  SEC-1:\n    reason: Pen test booked for January; internal users only.\n    expires: ${expires}\n    approved_by: security\n`,
      );
    expect(errorsOf(waiver('2026-12-31'))).toEqual([]);
    expect(errorsOf(waiver('2027-02-29'))).toEqual([
      '13:14 waivers.SEC-1.expires "2027-02-29" is not a real calendar date: February 2027 has 28 days',
    ]);
    expect(errorsOf(waiver('2026-12-31T00:00:00'))).toEqual([
      '13:14 waivers.SEC-1.expires "2026-12-31T00:00:00" is a date-time, not a day: write the day alone, as YYYY-MM-DD',
    ]);
  });

  it('the not_applicable count decides, at the not_applicable line', () => {
    const report = run(`  OPS-5: { not_applicable: "${'\u3164'.repeat(20)}" }\n  SEC-1: { date: 2026-11-01 }\n`);
    expect(report.criteria.find((c) => c.id === 'OPS-5')).toMatchObject({
      status: 'failed',
      reason:
        'the not_applicable justification for OPS-5 is too short: it has 0 letters or digits; say why in at least 20 (spaces, punctuation, emoji and invisible characters do not count)',
      location: { file: 'm.yml', line: 9, column: 28 },
    });
  });
});

describe('dates in PR facts and replay', () => {
  const facts = (readyAt: string) =>
    JSON.stringify({
      version: 1,
      repository: 'acme/ml',
      number: 7,
      author: 'dev',
      head_sha: 'abcdef1',
      base_ref: 'main',
      draft: false,
      ready_at: readyAt,
      commits: [],
      review_requests: [],
      reviews: [],
      teams: {},
    });
  const factsError = (readyAt: string) => {
    try {
      parseFacts(facts(readyAt), 'pr.json');
    } catch (error) {
      return (error as InputError).findings.map((f) => f.message);
    }
    return [];
  };

  it('a facts date-time that is not one names the problem', () => {
    expect(factsError('2026-11-01T09:00:00Z')).toEqual([]);
    expect(factsError('2026-02-30T09:00:00Z')).toEqual([
      'ready_at is not a real calendar date: February 2026 has 28 days (got the text "2026-02-30T09:00:00Z")',
    ]);
    expect(factsError('2026-11-01T09:00:00')).toEqual([
      'ready_at is a date-time without a time zone: add Z or an offset such as +02:00 (got the text "2026-11-01T09:00:00")',
    ]);
    expect(factsError('2026-11-01T24:00:00Z')).toEqual([
      'ready_at is not a real time of day: there is no hour 24 (hours run from 00 to 23) (got the text "2026-11-01T24:00:00Z")',
    ]);
  });

  it('replay reads the recorded instant as strictly as --now', () => {
    const report = run('  OPS-5: { link: "https://x.example.com" }\n  SEC-1: { date: 2026-11-01 }\n');
    const saved = { ...report, inputs: { ...report.inputs, now: '2026-11-20T12:00:00' } };
    expect(() => replay(JSON.stringify(saved), 'r.json')).toThrow(
      'r.json: inputs.now "2026-11-20T12:00:00" is a date-time without a time zone: add Z or an offset such as +02:00',
    );
  });
});

describe('a hostile manifest at the 1 MiB limit', () => {
  it(`reports each of its ${HOSTILE_IDS} unknown ids at its own line`, () => {
    const text = hostileManifest();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(HOSTILE_LIMIT);
    expect(Buffer.byteLength(text)).toBeGreaterThan(HOSTILE_LIMIT - 10_000);
    const policy = loadPolicy(BUNDLED_POLICIES.default!, 'default');
    const report = evaluate({ manifest: { path: 'm.yml', text }, policy, files: { stat: () => 'missing' }, facts: null, now: NOW });
    expect(report.decision).toBe('blocked');
    expect(report.errors).toHaveLength(HOSTILE_IDS);
    report.errors.forEach((error, i) => {
      expect(error).toEqual({
        message: `unknown criterion id "${hostileId(i)}": the policy (default) has no such criterion. Run \`pilot-readiness explain\` to list them.`,
        location: { file: 'm.yml', line: 7 + i, column: 3 },
      });
    });
  });

  it('only the first unknown ids of a file get a hint; the rest get the error alone', () => {
    const evidence = Array.from(
      { length: 30 },
      (_, i) => `  SEC-1${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}: { note: n }\n`,
    ).join('');
    const report = run(evidence);
    const hinted = report.errors.filter((e) => e.message.includes('Did you mean "SEC-1"?'));
    expect(report.errors).toHaveLength(30);
    expect(hinted).toHaveLength(MAX_SUGGESTIONS_PER_FILE);
    expect(report.errors.slice(0, MAX_SUGGESTIONS_PER_FILE)).toEqual(hinted);
    expect(report.errors[MAX_SUGGESTIONS_PER_FILE]!.message).toBe(
      'unknown criterion id "SEC-1u": the policy (policy.yml) has no such criterion. Run `pilot-readiness explain` to list them.',
    );
  });

  it('thousands of unknown keys: each reported, the first few with a hint', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `    lnk${i}: x\n`).join('');
    const report = run(`  OPS-5:\n${keys}`);
    expect(report.errors).toHaveLength(5000);
    expect(report.errors[0]!.message).toBe(
      'unknown key "lnk0" in evidence.OPS-5 of the manifest. Allowed keys: file, date, metrics, unit, link, not_applicable, note.',
    );
    expect(report.errors[4999]!.location).toEqual({ file: 'm.yml', line: 5009, column: 5 });
    // Thirty keys one edit away from link, note and date: the first twenty get a hint.
    const typos = ['lin', 'not', 'dat'].flatMap((stem) => [...'qrstuvwxyz'].map((c) => `${stem}${c}`));
    const near = run(`  OPS-5:\n${typos.map((key) => `    ${key}: x\n`).join('')}`);
    expect(near.errors.map((e) => / Did you mean "(\w+)"\?/.exec(e.message)?.[1] ?? null)).toEqual([
      ...Array(10).fill('link'),
      ...Array(10).fill('note'),
      ...Array(10).fill(null),
    ]);
  });
});
