// `link` evidence: a URL (to a ticket, dashboard or record) that matches the policy's pattern when it sets one.
import { PLACEHOLDERS } from '../placeholders.js';
import type { EvidenceKind } from './types.js';

export const linkEvidence: EvidenceKind = {
  kind: 'link',
  applies: (criterion) => criterion.evidence.link !== undefined,
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
