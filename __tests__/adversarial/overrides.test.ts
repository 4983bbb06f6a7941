// Where an owner's `/override security: reason` must not count: every place in a review body where
// GitHub does not show it as a plain line of a top-level paragraph (code, HTML, quotes, lists,
// tables, links, emphasis, look-alike characters…). Each row runs through the core (the security
// objection still blocks, and a warning says where the override was); the main hiding places also
// run through the built Action against the fake GitHub (failure status, decision blocked).
// Rows that must count show the reading is not merely stricter. Run `npm run build` first.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from '../e2e/run-action.js';
import { OWNER as E2E_OWNER, pull, reportOf, review as reviewSpec, reviewEvent, statuses, world } from '../e2e/scenario.js';
import { H, OWNER, factsWith, manifestWith, messages, policyWith, request, review, role, signoffs } from '../signoff/builders.js';
import { MAX_OVERRIDE_BODY } from '../../src/core/signoff/override.js';
import { HOSTILE_OVERRIDE, HOSTILE_UNITS, hostileBody } from '../../bench/override-bodies.js';

const REASON = 'the endpoint sits behind the VPN until the Q1 gateway work';
const CMD = `/override security: ${REASON}`;

interface Row {
  name: string;
  body: string;
  /** Where the warning says the override was (its wording after "it is"); absent for rows that count. */
  where?: string;
  /** Also run through the built Action. */
  e2e?: boolean;
}

const CODE = 'inside a code block';
const HTML = 'inside raw HTML';
const AFTER_HTML = 'after raw HTML, which can hide what follows';
const QUOTE = 'inside a block quote';
const LIST = 'inside a list';
const TABLE = 'inside a table';
const LOOK_ALIKE = 'written with an invisible or look-alike character';

const hidden: Row[] = [
  { name: 'fenced ``` code', body: `Approved.\n\n\`\`\`\n${CMD}\n\`\`\``, where: CODE, e2e: true },
  { name: 'fenced ~~~ code', body: `Approved.\n\n~~~text\n${CMD}\n~~~`, where: CODE },
  { name: 'a fence never closed', body: `Approved.\n\n\`\`\`\n\n${CMD}`, where: CODE },
  { name: 'indented code', body: `Approved.\n\n    ${CMD}`, where: CODE },
  { name: 'HTML comment, one line', body: `Approved.\n\n<!-- ${CMD} -->`, where: 'inside an HTML comment', e2e: true },
  { name: 'HTML comment, several lines', body: `Approved.\n\n<!--\n${CMD}\n-->`, where: 'inside an HTML comment', e2e: true },
  { name: 'HTML comment inside a paragraph', body: `Approved. <!--\n${CMD}\n-->`, where: 'inside inline HTML' },
  { name: 'HTML comment never closed', body: `Approved.\n\n<!--\n\n${CMD}`, where: HTML },
  { name: 'text after a comment on its line', body: `<!-- note --> ${CMD}`, where: HTML },
  {
    name: '<details> folded away',
    body: `Approved.\n\n<details>\n<summary>Notes</summary>\n\n${CMD}\n\n</details>`,
    where: AFTER_HTML,
    e2e: true,
  },
  { name: '<div> block', body: `Approved.\n\n<div>\n${CMD}\n</div>`, where: HTML },
  { name: '<div hidden> around a paragraph', body: `Approved.\n\n<div hidden>\n\n${CMD}\n\n</div>`, where: AFTER_HTML, e2e: true },
  { name: 'after inline raw HTML earlier in the paragraph', body: `Approved <details>\n${CMD}`, where: AFTER_HTML },
  { name: 'after inline raw HTML in an earlier paragraph', body: `Approved <kbd>ok</kbd>\n\n${CMD}`, where: AFTER_HTML },
  { name: 'inline HTML at the line start', body: `<span hidden>${CMD}</span>`, where: 'inside inline HTML' },
  { name: 'block quote', body: `Approved.\n\n> ${CMD}`, where: QUOTE, e2e: true },
  { name: 'block quote, lazy continuation line', body: `> Approved.\n${CMD}`, where: QUOTE },
  { name: 'nested block quote', body: `> > ${CMD}`, where: QUOTE },
  { name: 'bullet list item', body: `- ${CMD}`, where: LIST, e2e: true },
  { name: 'bullet list, continuation line', body: `- Approved.\n${CMD}`, where: LIST },
  { name: 'ordered list item', body: `1. ${CMD}`, where: LIST },
  { name: 'ordered list, second paragraph', body: `1. Approved.\n\n   ${CMD}`, where: LIST },
  { name: 'table cell', body: `| note | ok |\n| --- | --- |\n| ${CMD} | yes |`, where: TABLE, e2e: true },
  { name: 'table row without pipes', body: `| note |\n| --- |\n${CMD}`, where: TABLE },
  { name: 'table header without pipes (GitHub makes it a table)', body: `Approved.\n${CMD}\n| --- |`, where: TABLE },
  { name: 'heading', body: `## ${CMD}`, where: 'inside a heading' },
  { name: 'setext heading', body: `${CMD}\n---`, where: 'inside a heading' },
  { name: 'footnote', body: `Approved.[^1]\n\n[^1]: see below\n${CMD}`, where: 'inside a footnote' },
  { name: 'link text', body: `[${CMD}](https://example.com)`, where: 'inside a link', e2e: true },
  { name: 'link text over two lines', body: `Approved, [see\n${CMD}](https://example.com)`, where: 'inside a link' },
  {
    name: 'link text behind brackets nested past the parser',
    body: `${'['.repeat(24)}x\n${CMD}]()`,
    where: 'in a paragraph with brackets nested too deeply to read',
  },
  { name: 'image alt', body: `![\n${CMD}](https://example.com/x.png)`, where: 'inside an image' },
  { name: 'inline code', body: `\`${CMD}\``, where: 'inside inline code', e2e: true },
  { name: 'inline code over two lines', body: `Approved \`see\n${CMD}\``, where: 'inside inline code' },
  { name: 'emphasis', body: `_${CMD}_`, where: 'inside emphasis', e2e: true },
  { name: 'strong emphasis over two lines', body: `Approved **see\n${CMD}**`, where: 'inside emphasis' },
  { name: 'strikethrough', body: `~~${CMD}~~`, where: 'inside strikethrough' },
  { name: 'strikethrough over two lines', body: `Approved ~~see\n${CMD}~~`, where: 'inside strikethrough' },
  { name: 'CRLF: fenced code', body: `Approved.\r\n\r\n\`\`\`\r\n${CMD}\r\n\`\`\``, where: CODE },
  { name: 'CRLF: block quote, lazy continuation', body: `> Approved.\r\n${CMD}\r\n`, where: QUOTE },
  { name: 'zero-width space before the slash', body: `\u200b${CMD}`, where: LOOK_ALIKE, e2e: true },
  { name: 'word joiner inside the keyword', body: CMD.replace('/', '/\u2060'), where: LOOK_ALIKE },
  { name: 'fullwidth slash', body: CMD.replace('/', '\uff0f'), where: LOOK_ALIKE },
  { name: 'division slash', body: CMD.replace('/', '\u2215'), where: LOOK_ALIKE },
  { name: 'backslash-escaped slash', body: `\\${CMD}`, where: 'written with a backslash escape or an HTML entity' },
  { name: 'entity for the slash', body: CMD.replace('/', '&#47;'), where: 'written with a backslash escape or an HTML entity' },
  { name: 'in the middle of a line', body: `Approved; ${CMD}`, where: 'not at the start of a line' },
  {
    name: 'emphasis around the role',
    body: CMD.replace('security', '*security*'),
    where: 'not written as `/override ROLE: reason` in plain text',
  },
];

const counted: Row[] = [
  { name: 'a plain paragraph', body: CMD, e2e: true },
  { name: 'a paragraph after a normal paragraph', body: `Read the security memo.\n\n${CMD}` },
  { name: 'the second line of a paragraph', body: `Read the security memo.\n${CMD}\nThanks.` },
  { name: 'after a hard break (two spaces)', body: `Read the security memo.  \n${CMD}` },
  { name: 'after a hard break (backslash)', body: `Read the security memo.\\\n${CMD}` },
  { name: 'an indented continuation line', body: `Read the security memo.\n      ${CMD}` },
  { name: 'after a complete HTML comment', body: `<!-- checked with appsec -->\n\n${CMD}`, e2e: true },
  { name: 'on the line after a complete HTML comment', body: `<!--\nchecked with appsec\n-->\n${CMD}` },
  { name: 'after a closed code block, a quote and a list', body: `\`\`\`\ncode\n\`\`\`\n\n> quoted\n\n- item\n\n${CMD}` },
  { name: 'CRLF line endings', body: `Read the security memo.\r\n${CMD}\r\nThanks.\r\n` },
  { name: 'beside an ignored one in a quote', body: `> /override security: because I said so\n\n${CMD}` },
];

/** kim-sec objected two hours after the request; the owner approved the head an hour later with `body`. */
function core(body: string) {
  const policy = policyWith({ security: { on_objection: 'block' } });
  const manifest = manifestWith({ reviewers: { security: ['kim-sec'] } });
  const approval = review(OWNER, 'APPROVED', 3 * H, { body });
  const result = signoffs({
    policy,
    manifest,
    facts: factsWith({ review_requests: [request('kim-sec', H)], reviews: [review('kim-sec', 'CHANGES_REQUESTED', 2 * H), approval] }),
  });
  return { result, security: role(result, 'security'), warnings: messages(result.warnings), approval };
}

describe('an /override the review does not show as a plain paragraph line does not count (core)', () => {
  it.each(hidden)('$name', ({ body, where }) => {
    const { result, security, warnings, approval } = core(body);
    expect(security).toMatchObject({ status: 'objected', blocking: true });
    expect(result.overrides).toEqual([]);
    expect(warnings).toEqual([
      `\`/override security\` in review ${approval.id} does not count: it is ${where}; write it as a plain paragraph line`,
    ]);
  });
});

describe('an /override on a plain line of a top-level paragraph counts (core)', () => {
  it.each(counted)('$name', ({ body }) => {
    const { result, security, warnings, approval } = core(body);
    expect(security).toMatchObject({ status: 'objected', blocking: false });
    expect(result.overrides).toEqual([{ role: 'security', by: OWNER, reason: REASON, review_id: approval.id, at: approval.at }]);
    expect(warnings.filter((w) => !w.includes('does not count: it is inside a block quote'))).toEqual([]);
  });
});

describe('hostile bodies as large as are read', () => {
  // Each fills MAX_OVERRIDE_BODY with one construct, then a blank line and a plain override.
  const refused: Record<string, string> = {
    // Lists nested deeper than the parser follows swallow the rest of the body: refused, never counted.
    'indented lists': LIST,
    // Raw HTML blocks: everything after them is refused.
    'html blocks': AFTER_HTML,
  };
  it.each(Object.entries(HOSTILE_UNITS))('%s', (name, unit) => {
    const body = hostileBody(unit, MAX_OVERRIDE_BODY - 200);
    expect(body.length).toBeLessThanOrEqual(MAX_OVERRIDE_BODY);
    const { result, security, warnings } = core(body);
    const where = refused[name];
    if (where) {
      expect(security.blocking).toBe(true);
      expect(warnings.some((w) => w.includes(`does not count: it is ${where}`))).toBe(true);
    } else {
      expect(security.blocking).toBe(false);
      expect(result.overrides.map((o) => o.reason)).toEqual([HOSTILE_OVERRIDE.replace('/override security: ', '')]);
    }
  });

  it('a 1 MiB body is not read at all, and says so', () => {
    const { security, warnings, approval } = core(hostileBody(HOSTILE_UNITS['open brackets']!, 1024 * 1024));
    expect(security.blocking).toBe(true);
    expect(warnings).toEqual([
      `\`/override security\` in review ${approval.id} does not count: it is in a review body longer than ${MAX_OVERRIDE_BODY} characters, which is not read for overrides; write it as a plain paragraph line`,
    ]);
  });
});

// ---------------------------------------------------------------- the built Action

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

/** Asked 20 days ago: legal consented by silence; kim-sec objected two days ago; the owner approved yesterday with `body`. */
async function action(body: string) {
  const p = pull({
    requestedDaysAgo: 20,
    reviews: [
      reviewSpec('kim-sec', 'CHANGES_REQUESTED', 2, { body: 'The model endpoint is public.' }),
      reviewSpec(E2E_OWNER, 'APPROVED', 1, { body }),
    ],
  });
  gh = await startGitHub(world({ pulls: [p] }));
  const run = await runAction({ gh, event: 'pull_request_review', payload: reviewEvent(p, { user: E2E_OWNER, state: 'approved' }) });
  return { run, status: statuses(gh).at(-1), report: reportOf(run) };
}

describe('the built Action: a hidden /override leaves the security objection blocking', () => {
  it.each(hidden.filter((row) => row.e2e))('$name', async ({ body, where }) => {
    const { run, status, report } = await action(body);
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false', blocking: 'security' });
    expect(status).toMatchObject({ state: 'failure', description: '16/16 criteria · blocked by security' });
    expect(report.decision).toBe('blocked');
    expect(report.overrides).toEqual([]);
    expect(report.roles.find((r) => r.role === 'security')).toMatchObject({ status: 'objected', blocking: true });
    expect(report.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining(`does not count: it is ${where}`));
  });
});

describe('the built Action: a plain /override lifts it', () => {
  it.each(counted.filter((row) => row.e2e))('$name', async ({ body }) => {
    const { run, status, report } = await action(body);
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true', blocking: '' });
    expect(status).toMatchObject({ state: 'success' });
    expect(report.overrides).toEqual([expect.objectContaining({ role: 'security', by: E2E_OWNER, reason: REASON })]);
  });
});
