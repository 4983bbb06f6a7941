// A reminder the gate posts late moves consent past the window's deadline (the reviewer still gets the
// full notice). Every place that says how long a role has left must count to that moment: the
// comment's headline, the rights table, the text report and the commit status, never to the deadline
// already gone (which read "security -14d left" and named a consent date in the past).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import type { RepoPathKind, Report } from '../../src/core/types.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { statusDescription } from '../../src/report/status.js';
import { renderText } from '../../src/report/text.js';
import { factsWith, HEAD } from '../signoff/builders.js';

const M = 'ml/pilot-readiness.yml';
const POLICY = loadPolicy(
  `version: 1
roles:
  owner: { accountable: true }
  security: { window: 7d, on_silence: consent, on_objection: block, remind: 2d, consent_requires_reminder: true }
gates:
  - id: security
    title: Security clearance
    criteria:
      - id: SEC-1
        title: Penetration test
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: {} }
`,
  'late.yml',
);
const MANIFEST =
  'version: 1\npilot:\n  name: claims\n  risk: high\nowner: maria\nreviewers: { security: [kim] }\nevidence:\n  SEC-1: { file: x.md }\n';
const files = { stat: (path: string): RepoPathKind | 'missing' => (path === 'ml/x.md' ? 'file' : 'missing') };
/** Security asked at 09:00 on 6 November: its 7-day window closed at 09:00 on the 13th. */
const DEADLINE = '2026-11-13T09:00:00.000Z';

function reportAt(now: string, reminderAt: string | null): Report {
  const facts = factsWith({
    ready_at: '2026-11-06T09:00:00Z',
    review_requests: [{ reviewer: 'kim', at: '2026-11-06T09:00:00Z' }],
    reviews: [{ id: 1, author: 'maria', state: 'APPROVED', at: '2026-11-06T10:00:00Z', commit: HEAD }],
    reminders: reminderAt === null ? [] : [{ pilot: 'claims', role: 'security', deadline: DEADLINE, at: reminderAt }],
  });
  return evaluate({ manifest: { path: M, text: MANIFEST }, policy: POLICY, files, facts, now: new Date(now) });
}

describe('a reminder sent late: every report counts to when silence takes effect', () => {
  it('sent 14 days after the deadline: headline, rights table, text and status all say 1d 23h, to Sun 29 Nov', () => {
    const now = '2026-11-27T09:00:00Z';
    const report = reportAt(now, '2026-11-27T08:00:00Z');
    expect(report.decision).toBe('pending');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('Waiting on security (`kim`): 1d 23h left; silence counts as consent on Sun 29 Nov 2026 08:00 UTC.');
    expect(markdown).not.toContain('Fri 13 Nov 2026');
    const row = markdown.split('\n').find((line) => line.startsWith('| security'));
    expect(row).toContain('until Sun\u00a029\u00a0Nov\u00a02026\u00a008:00\u00a0UTC');
    expect(row).toContain('1d\u00a023h\u00a0left');
    expect(renderText(report)).toContain('1d 23h left (until Sun 29 Nov 2026 08:00 UTC)');
    expect(statusDescription([report], new Date(now))).toBe('1/1 criteria · security 1d 23h left');
  });

  it('sent an hour before the deadline: the time left runs to the later consent, not to the deadline', () => {
    const now = '2026-11-13T08:30:00Z';
    const report = reportAt(now, '2026-11-13T08:00:00Z');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('Waiting on security (`kim`): 1d 23h left; silence counts as consent on Sun 15 Nov 2026 08:00 UTC.');
    expect(markdown.split('\n').find((line) => line.startsWith('| security'))).toContain('1d\u00a023h\u00a0left');
    expect(statusDescription([report], new Date(now))).toBe('1/1 criteria · security 1d 23h left');
  });

  it('not sent yet, the window closed: the status says security is awaited, not how long ago its deadline was', () => {
    const report = reportAt('2026-11-27T09:00:00Z', null);
    expect(report.roles.find((r) => r.role === 'security')?.reminder?.state).toBe('due');
    expect(statusDescription([report], new Date('2026-11-27T09:00:00Z'))).toBe('1/1 criteria · awaiting security');
  });

  it('a status written after consent was due never shows a negative time left', () => {
    const report = reportAt('2026-11-27T09:00:00Z', '2026-11-27T08:00:00Z');
    expect(statusDescription([report], new Date('2026-12-01T00:00:00Z'))).toBe('1/1 criteria · security 0m left');
  });
});
