// The verdict story as data (tellStory): a table of reports and the holds and next steps each tells,
// with who acts and by when. The renderers' wording is asserted in __tests__/report/; here only
// what the story says, so a new reader (a dashboard, a dossier) can rely on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import { type Hold, type Step, type Story, tellStory } from '../../src/core/story.js';
import type { GovernanceChange, PrFacts, Report, RoleResult, WaiverResult } from '../../src/core/types.js';
import { ROOT } from '../cli/helpers.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const facts = (example: string, file: string): PrFacts =>
  JSON.parse(readFileSync(join(ROOT, 'examples', example, file), 'utf8')) as PrFacts;

function evaluated(example: string, file: string): Report {
  return evaluate({
    manifest: {
      path: `examples/${example}/pilot-readiness.yml`,
      text: readFileSync(join(ROOT, 'examples', example, 'pilot-readiness.yml'), 'utf8'),
    },
    policy: loadBundledPolicy('default'),
    files: localRepoFiles(ROOT),
    ...baseFromFacts(facts(example, file)),
    now: NOW,
  });
}

const READY = evaluated('claims-triage', 'pr-ready.json');
const PENDING = evaluated('churn-forecast', 'pr-pending.json');
const OBJECTION = evaluated('claims-triage', 'pr-objection.json');
const MANIFEST = 'examples/claims-triage/pilot-readiness.yml';

/** A real report with a few fields replaced: the story reads nothing else. */
function reportWith(base: Report, change: (r: Report) => void): Report {
  const r = structuredClone(base);
  change(r);
  return r;
}

const role = (r: Report, name: string): RoleResult => r.roles.find((x) => x.role === name)!;
const waiver = (criterion: string, status: WaiverResult['status'], approved_by = 'legal'): WaiverResult => ({
  criterion,
  reason: 'vendor audit pending',
  expires: '2026-11-01',
  approved_by,
  status,
  location: null,
});
const retirement = (approved: boolean): GovernanceChange => ({
  kind: 'retired',
  summary: 'retiring claims-triage: its manifest is deleted',
  from: MANIFEST,
  to: null,
  needs: [{ who: 'ann-base', as: 'base_owner', status: approved ? 'approved' : 'awaiting' }],
  approved,
  location: null,
});

interface Row {
  name: string;
  report: Report;
  now?: Date;
  decision: Story['decision'];
  holds: Hold[];
  next: Step[];
}

const ROWS: Row[] = [
  {
    name: 'ready: nothing holds; the author may merge, and renews first the evidence that ages first',
    report: READY,
    decision: 'ready',
    holds: [],
    next: [{ what: 'merge', who: { as: 'author' }, renewal: { criteria: ['DR-2'], by: '2026-12-06T00:00:00.000Z' } }],
  },
  {
    name: 'ready with no evidence that ages: no renewal to plan',
    report: reportWith(READY, (r) => {
      for (const c of r.criteria) delete c.valid_until;
    }),
    decision: 'ready',
    holds: [],
    next: [{ what: 'merge', who: { as: 'author' }, renewal: null }],
  },
  {
    name: 'ready with evidence that ages at one instant: every criterion that ages then',
    report: reportWith(READY, (r) => {
      for (const c of r.criteria) delete c.valid_until;
      r.criteria[0]!.valid_until = '2027-03-01T00:00:00.000Z';
      r.criteria[1]!.valid_until = '2027-02-01T00:00:00.000Z';
      r.criteria[2]!.valid_until = '2027-02-01T00:00:00.000Z';
    }),
    decision: 'ready',
    holds: [],
    next: [
      {
        what: 'merge',
        who: { as: 'author' },
        renewal: { criteria: [READY.criteria[1]!.id, READY.criteria[2]!.id], by: '2027-02-01T00:00:00.000Z' },
      },
    ],
  },
  {
    name: 'invalid input holds before anything else, even a retirement',
    report: reportWith(READY, (r) => {
      r.decision = 'blocked';
      r.errors = [
        { message: 'owner is missing', location: null },
        { message: 'risk is not a tier', location: null },
      ];
      r.governance_changes = [retirement(false)];
    }),
    decision: 'blocked',
    holds: [{ what: 'input', problems: 2, file: MANIFEST }],
    next: [{ what: 'fix_input', who: { as: 'author' }, problems: 2, file: MANIFEST }],
  },
  {
    name: 'a retirement awaiting the owner on the base branch reads as pending, whatever the report decided',
    report: reportWith(READY, (r) => {
      r.governance_changes = [retirement(false)];
    }),
    decision: 'pending',
    holds: [
      {
        what: 'retirement',
        retirement: { summary: retirement(false).summary, approved: false, needs: ['ann-base'], awaiting: ['ann-base'] },
      },
    ],
    next: [{ what: 'approve_retirement', who: { as: 'people', logins: ['ann-base'] } }],
  },
  {
    name: 'an approved retirement reads as ready and plans no renewal',
    report: reportWith(PENDING, (r) => {
      r.governance_changes = [retirement(true)];
    }),
    decision: 'ready',
    holds: [{ what: 'retirement', retirement: { summary: retirement(true).summary, approved: true, needs: ['ann-base'], awaiting: [] } }],
    next: [{ what: 'merge', who: { as: 'author' }, renewal: null }],
  },
  {
    name: 'an objection: the objectors re-review, or the owner overrides with the command',
    report: OBJECTION,
    decision: 'blocked',
    holds: [{ what: 'objection', role: 'security', by: ['kim-sec'] }],
    next: [
      {
        what: 're_review',
        who: { as: 'people', logins: ['kim-sec'], role: 'security' },
        role: 'security',
        override: { owner: { as: 'owner', login: 'maria-ops' }, command: '/override security: <reason>' },
      },
    ],
  },
  {
    name: 'a lapsed window with nobody named: any reviewer of the role reviews',
    report: reportWith(OBJECTION, (r) => {
      Object.assign(role(r, 'security'), { status: 'lapsed', members: [], window: '7d' });
    }),
    decision: 'blocked',
    holds: [{ what: 'lapsed', role: 'security', window: '7d' }],
    next: [{ what: 'review', who: { as: 'people', logins: [], role: 'security' }, role: 'security' }],
  },
  {
    name: 'an invalid owner and a missing criterion: the author names an owner and provides the evidence',
    report: reportWith(READY, (r) => {
      r.decision = 'blocked';
      r.owner = { ...r.owner, status: 'invalid', reason: 'owner is a team' };
      r.criteria[0]!.status = 'missing';
    }),
    decision: 'blocked',
    holds: [
      { what: 'owner_invalid', reason: 'owner is a team' },
      {
        what: 'criteria',
        open: 1,
        required: READY.criteria.filter((c) => c.required).length,
        gates: [READY.gates.find((g) => g.id === READY.criteria[0]!.gate)!.title],
      },
    ],
    next: [
      { what: 'name_owner', who: { as: 'author' } },
      { what: 'provide_evidence', who: { as: 'author' }, file: MANIFEST },
    ],
  },
  {
    name: 'blocked with waivers: the approving role puts one in force; the author renews an expired one',
    report: reportWith(OBJECTION, (r) => {
      r.waivers = [waiver('C1', 'awaiting_approval'), waiver('C2', 'expired'), waiver('C3', 'in_force')];
    }),
    decision: 'blocked',
    holds: [{ what: 'objection', role: 'security', by: ['kim-sec'] }],
    next: [
      expect.objectContaining({ what: 're_review' }) as Step,
      { what: 'approve_waiver', who: { as: 'role', role: 'legal' }, criterion: 'C1' },
      { what: 'renew_waiver', who: { as: 'author' }, criterion: 'C2', expired: '2026-11-01' },
    ],
  },
  {
    name: 'blocked for a reason no item names: the report’s own list, and no step',
    report: reportWith(READY, (r) => {
      r.decision = 'blocked';
      r.blocking = ['branch'];
    }),
    decision: 'blocked',
    holds: [{ what: 'blocked', by: ['branch'] }],
    next: [],
  },
  {
    name: 'a review window: its people may review sooner; silence counts down from now to its instant',
    report: PENDING,
    now: new Date('2026-11-25T14:10:00.000Z'),
    decision: 'pending',
    holds: [
      {
        what: 'window',
        role: 'legal',
        who: ['lee-legal'],
        left_ms: 612_600_000,
        silence_at: '2026-11-27T14:10:00.000Z',
        silence_left_ms: 2 * 86_400_000,
        on_silence: 'consent',
      },
    ],
    next: [{ what: 'review_sooner', who: { as: 'people', logins: ['lee-legal'], role: 'legal' }, role: 'legal' }],
  },
  {
    name: 'a reminder sent late moves silence past the deadline; a window gone counts zero, never less',
    report: reportWith(PENDING, (r) => {
      role(r, 'legal').reminder = {
        state: 'sent',
        due_at: '2026-11-25T14:10:00.000Z',
        sent_at: '2026-11-28T09:00:00.000Z',
        deadline: '2026-11-27T14:10:00.000Z',
        required: true,
        consent_at: '2026-11-30T09:00:00.000Z',
      };
    }),
    now: new Date('2026-12-01T00:00:00.000Z'),
    decision: 'pending',
    holds: [expect.objectContaining({ what: 'window', silence_at: '2026-11-30T09:00:00.000Z', silence_left_ms: 0 }) as Hold],
    next: [expect.objectContaining({ what: 'review_sooner' }) as Step],
  },
  {
    name: 'a role not asked: the author requests it first, then the approvals, then reviews that may come sooner',
    report: reportWith(PENDING, (r) => {
      Object.assign(role(r, 'security'), { status: 'not_requested', members: ['kim-sec'], window: '5d' });
      r.owner = { ...r.owner, status: 'awaiting' };
    }),
    decision: 'pending',
    holds: [
      expect.objectContaining({ what: 'window', role: 'legal' }) as Hold,
      { what: 'not_requested', role: 'security' },
      { what: 'owner_approval', login: 'sam-cto' },
    ],
    next: [
      { what: 'request_review', who: { as: 'author' }, role: 'security', reviewers: ['kim-sec'], window: '5d' },
      { what: 'approve_head', who: [{ as: 'owner', login: 'sam-cto' }] },
      expect.objectContaining({ what: 'review_sooner', role: 'legal' }) as Step,
    ],
  },
  {
    name: 'approvers of the head commit are named once: a governance change’s new owner is the owner awaited',
    report: reportWith(PENDING, (r) => {
      role(r, 'legal').status = 'approved';
      r.owner = { ...r.owner, status: 'awaiting' };
      r.governance_changes = [
        {
          kind: 'owner_changed',
          summary: 'accountable owner changed from ann to sam-cto',
          from: 'ann',
          to: 'sam-cto',
          needs: [
            { who: 'sam-cto', as: 'owner', status: 'awaiting' },
            { who: 'legal', as: 'role', status: 'awaiting' },
          ],
          approved: false,
          location: null,
        },
      ];
      r.waivers = [waiver('C1', 'awaiting_approval')];
      r.criteria[0]!.status = 'awaiting_signoff';
      r.criteria[0]!.signoff = 'security';
    }),
    decision: 'pending',
    holds: [
      {
        what: 'governance',
        summary: 'accountable owner changed from ann to sam-cto',
        awaiting: [
          { as: 'people', logins: ['sam-cto'] },
          { as: 'role', role: 'legal' },
        ],
      },
      { what: 'waiver', criterion: 'C1', role: 'legal' },
      { what: 'signoff', criterion: PENDING.criteria[0]!.id, role: 'security' },
      { what: 'owner_approval', login: 'sam-cto' },
    ],
    next: [
      {
        what: 'approve_head',
        who: [
          { as: 'people', logins: ['sam-cto'] },
          { as: 'role', role: 'legal' },
          { as: 'role', role: 'security' },
        ],
      },
    ],
  },
  {
    name: 'pending for a reason no item names: the report’s waiting list, and no step',
    report: reportWith(PENDING, (r) => {
      role(r, 'legal').status = 'approved';
      r.waiting_on = ['branch'];
    }),
    decision: 'pending',
    holds: [{ what: 'waiting', on: ['branch'] }],
    next: [],
  },
];

describe('tellStory', () => {
  it.each(ROWS)('$name', ({ report, now, decision, holds, next }) => {
    const story = tellStory(report, now ?? NOW);
    expect(story.decision).toBe(decision);
    expect(story.holds).toEqual(holds);
    expect(story.next).toEqual(next);
  });

  it('the headline keeps the report’s own decision and counts, and a blocked pilot’s list', () => {
    const { headline } = tellStory(OBJECTION, NOW);
    expect(headline).toEqual({
      decision: 'blocked',
      renewal: null,
      tally: { required: 30, met: 29, not_applicable: 1, waived: 0, open: 0, pending: 0 },
      retirement: null,
      owner: { as: 'owner', login: 'maria-ops' },
      blocked_by: ['security'],
      waiting_on: [],
    });
  });

  it('without `now`, counts from the report’s own instant', () => {
    expect(tellStory(PENDING)).toEqual(tellStory(PENDING, NOW));
  });
});
