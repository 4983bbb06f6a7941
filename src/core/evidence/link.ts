// `link` evidence: a URL (to a ticket, dashboard or record) that matches the policy's pattern when it
// sets one; a `mailto:` address only where that pattern accepts it (EXP-3's appeal channel may be a mailbox).
import { messageOf } from '../errors.js';
import { PLACEHOLDERS } from '../placeholders.js';
import type { Finding } from '../types.js';
import { reporter, type EvidenceKind } from './types.js';

/**
 * One plain address and nothing else: no `?subject=`/`?body=` headers (a link that prefills a message
 * is not an appeal channel, and can carry text nobody reviewed), no second recipient, no
 * percent-encoding that could hide either. Deliberately narrower than RFC 6068.
 */
const MAILTO =
  /^mailto:[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Why a link cannot stand, before the policy's pattern is asked; null when it is an http(s) URL or a plain mailto: address. */
function linkProblem(link: string, criterion: string, pattern: string | undefined, at: Finding['location']): Finding | null {
  if (/^mailto:/i.test(link)) {
    if (!MAILTO.test(link))
      return report(
        'bad-mailto',
        `link "${link}" is not one plain e-mail address: write it as mailto:appeals@example.com, without ?subject=, ?body=, a second address or %-escapes`,
        at,
      );
    if (pattern === undefined)
      return report(
        'mailto-refused',
        `link "${link}" is an e-mail address, but ${criterion} needs an http(s) link: the policy accepts mailto: only where its link pattern does`,
        at,
      );
    return null;
  }
  if (!/^https?:\/\//i.test(link) || !URL.canParse(link)) return report('not-a-url', `link "${link}" is not a valid http(s) URL`, at);
  return null;
}

const MESSAGES = {
  needed: 'the policy asks for a link and the entry names none',
  'bad-mailto': 'a mailto: link that is not one plain address',
  'mailto-refused': "a mailto: link where the policy's link pattern accepts none",
  'not-a-url': 'the link is not a valid http(s) URL',
  'pattern-mismatch': "the link does not match the policy's pattern",
  'bad-pattern': "the policy's link pattern is not a valid regular expression",
} as const;
const report = reporter('link', MESSAGES);

export const linkEvidence: EvidenceKind = {
  meta: {
    name: 'link',
    docs: "A URL to a ticket, dashboard or record, matching the policy's pattern when it sets one.",
    messages: MESSAGES,
  },
  compareLayer(p, c, ops) {
    if (!p.link || !c.link) return;
    const [patternP, patternC] = [p.link.pattern, c.link.pattern];
    const advice = 'a child policy may only add a pattern where its parent has none, never change one';
    if (patternP === undefined && patternC !== undefined)
      ops.tighten(ops.at('link', 'pattern'), `restricts links to the pattern "${patternC}"`);
    else if (patternP !== undefined && patternC === undefined)
      ops.loosen(ops.at('link', 'pattern'), `is removed (${ops.parent} requires links to match "${patternP}")`, advice, ops.at('link'));
    else if (patternP !== patternC)
      ops.loosen(ops.at('link', 'pattern'), `"${patternC}" differs from "${patternP}" in ${ops.parent}`, advice);
  },
  mergeLayer(merged, child) {
    if (child.link) merged.link = { ...merged.link, ...structuredClone(child.link) };
  },
  applies: (criterion) => criterion.evidence.link !== undefined,
  // A link is judged as written, never fetched: no file of the repository takes part.
  reads: () => [],
  readsContents: () => false,
  validateLayer(evidence, at) {
    const pattern = evidence.link?.pattern;
    if (pattern === undefined) return [];
    try {
      new RegExp(pattern);
      return [];
    } catch (error) {
      return [report('bad-pattern', `link pattern is not a valid regular expression: ${messageOf(error)}`, at('link', 'pattern'))];
    }
  },
  placeholders: (entry) => [
    { path: ['link'], value: entry.link, placeholder: PLACEHOLDERS.link, replacement: 'the full URL of the ticket or record' },
  ],
  describe: (criterion, show) =>
    criterion.evidence.link ? [`link${criterion.evidence.link.pattern ? ` matching ${show(criterion.evidence.link.pattern)}` : ''}`] : [],
  starter: (criterion) => (criterion.evidence.link ? `link: ${PLACEHOLDERS.link}` : null),
  check(ctx) {
    const link = ctx.entry.link;
    if (link === undefined) {
      return [report('needed', `${ctx.criterion.id} needs a link: add \`link: https://…\` to the ticket or record`, ctx.locate([]))];
    }
    const pattern = ctx.criterion.evidence.link?.pattern;
    const problem = linkProblem(link, ctx.criterion.id, pattern, ctx.locate(['link']));
    if (problem !== null) return [problem];
    if (pattern !== undefined && !new RegExp(pattern).test(link)) {
      return [
        report(
          'pattern-mismatch',
          `link "${link}" does not match what the policy accepts for ${ctx.criterion.id} (${pattern})`,
          ctx.locate(['link']),
        ),
      ];
    }
    return [];
  },
};
