// `link` evidence: a URL (to a ticket, dashboard or record) that matches the policy's pattern when it sets one.
import { PLACEHOLDERS } from '../placeholders.js';
import type { EvidenceKind } from './types.js';

export const linkEvidence: EvidenceKind = {
  kind: 'link',
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
  describe: (criterion, show) =>
    criterion.evidence.link ? [`link${criterion.evidence.link.pattern ? ` matching ${show(criterion.evidence.link.pattern)}` : ''}`] : [],
  starter: (criterion) => (criterion.evidence.link ? `link: ${PLACEHOLDERS.link}` : null),
  check(ctx) {
    const link = ctx.entry.link;
    if (link === undefined) {
      return [{ message: `${ctx.criterion.id} needs a link: add \`link: https://…\` to the ticket or record`, location: ctx.locate([]) }];
    }
    if (!URL.canParse(link)) {
      return [{ message: `link "${link}" is not a valid URL`, location: ctx.locate(['link']) }];
    }
    const pattern = ctx.criterion.evidence.link?.pattern;
    if (pattern && !new RegExp(pattern).test(link)) {
      return [
        {
          message: `link "${link}" does not match what the policy accepts for ${ctx.criterion.id} (${pattern})`,
          location: ctx.locate(['link']),
        },
      ];
    }
    return [];
  },
};
