// The reminder rules: due `remind` before the deadline (never before the window starts), one per
// window, and silence counting as consent only after it was sent when consent_requires_reminder says so.
import { describe, expect, it } from 'vitest';
import { consentRequiresReminder, remindLead } from '../../src/core/signoff/reminder.js';
import type { ReviewerRolePolicy, RiskTier, SentReminder } from '../../src/core/types.js';
import { D, H, M, factsWith, iso, manifestWith, policyWith, request, review, role, signoffs } from './builders.js';

// legal: lena, 14d window, asked at ready_at (T0): the deadline is T0+14d; remind 2d: due at T0+12d.
const DEADLINE = 14 * D;
const DUE = 12 * D;

function legalAt(
  now: number,
  options: { rules?: Partial<ReviewerRolePolicy>; risk?: RiskTier; sent?: SentReminder[]; reviews?: ReturnType<typeof review>[] } = {},
) {
  const policy = policyWith({
    legal: { on_silence: 'consent', remind: '2d', consent_requires_reminder: { high: true }, ...options.rules },
  });
  const manifest = manifestWith({ pilot: { name: 'claims-triage', risk: options.risk ?? 'high' } });
  const facts = factsWith({ review_requests: [request('lena', 0)], reminders: options.sent ?? [], reviews: options.reviews ?? [] });
  const result = signoffs({ policy, manifest, facts, now });
  return { legal: role(result, 'legal'), result };
}
const sentAt = (offset: number, deadline = DEADLINE, role = 'legal', pilot = 'claims-triage'): SentReminder => ({
  pilot,
  role,
  deadline: iso(deadline),
  at: iso(offset),
});

describe('when a reminder is due', () => {
  it('is scheduled before remind-before-the-deadline, and next_change_at wakes the sweep for it', () => {
    const { legal, result } = legalAt(DUE - 1);
    expect(legal.reminder).toEqual({
      state: 'scheduled',
      due_at: iso(DUE),
      sent_at: null,
      deadline: iso(DEADLINE),
      required: true,
      consent_at: null,
    });
    expect(result.next_change_at).toBe(iso(DUE));
    expect(result.next_reminder_at).toBe(iso(DUE));
  });

  it('is due from exactly its instant until it is sent', () => {
    expect(legalAt(DUE).legal.reminder?.state).toBe('due');
    expect(legalAt(DEADLINE - 1).legal.reminder?.state).toBe('due');
    expect(legalAt(DUE + H, { sent: [sentAt(DUE)] }).legal.reminder).toMatchObject({
      state: 'sent',
      sent_at: iso(DUE),
      consent_at: iso(DEADLINE),
    });
  });

  it('is never due before the window starts: a lead longer than the window reminds at the start', () => {
    const { legal } = legalAt(0, { rules: { window: '1d', remind: '3d' } });
    expect(legal.reminder).toMatchObject({ state: 'due', due_at: iso(0), deadline: iso(D) });
  });

  it('is not planned with remind: false, nor for a role that already answered', () => {
    expect(legalAt(DUE, { rules: { remind: false, consent_requires_reminder: false } }).legal.reminder).toBeUndefined();
    const approved = legalAt(DUE, { reviews: [review('lena', 'APPROVED', 1)] }).legal;
    expect(approved.status).toBe('approved');
    expect(approved.reminder).toBeUndefined();
    const objected = legalAt(DUE, { reviews: [review('lena', 'CHANGES_REQUESTED', 1)] }).legal;
    expect(objected.reminder).toBeUndefined();
  });

  it('belongs to one window: a reminder sent for an earlier deadline, another role or pilot does not count', () => {
    const others = [sentAt(DUE, DEADLINE - D), sentAt(DUE, DEADLINE, 'security'), sentAt(DUE, DEADLINE, 'legal', 'other-pilot')];
    expect(legalAt(DUE + H, { sent: others }).legal.reminder?.state).toBe('due');
  });

  it('is missed, not due, once the window closed when silence does not wait for it', () => {
    const { legal } = legalAt(DEADLINE, { risk: 'low' });
    expect(legal.status).toBe('consented');
    expect(legal.reminder).toMatchObject({ state: 'missed', required: false, consent_at: iso(DEADLINE) });
  });
});

describe('consent_requires_reminder', () => {
  it('without a sent reminder: the closed window stays pending, and the report says why', () => {
    const { legal, result } = legalAt(DEADLINE + H);
    expect(legal).toMatchObject({ status: 'pending', blocking: false, time_left_ms: null });
    expect(legal.reminder).toMatchObject({ state: 'due', required: true, consent_at: null });
    expect(legal.hint).toBe(
      'no review within 14d of Mon 2 Mar 2026 09:00 UTC, but silence counts as consent only after a reminder (consent_requires_reminder) and no reminder could be sent (due Sat 14 Mar 2026 09:00 UTC); the next run posts it, or ask lena to review',
    );
    // Every run retries the reminder: its due instant stays the next change.
    expect(result.next_change_at).toBe(iso(DUE));
  });

  it('with the reminder sent in time: silence counts as consent at the deadline', () => {
    const { legal } = legalAt(DEADLINE, { sent: [sentAt(DUE)] });
    // Ten minutes late (a sweep's period), consent moves by ten minutes: the notice is never short.
    expect(legalAt(DEADLINE, { sent: [sentAt(DUE + 10 * M)] }).legal.reminder?.consent_at).toBe(iso(DEADLINE + 10 * M));
    expect(legal.status).toBe('consented');
    expect(legal.hint).toBe(
      'no review within 14d of Mon 2 Mar 2026 09:00 UTC (reminder sent Sat 14 Mar 2026 09:00 UTC): silence counts as consent',
    );
  });

  it('with the reminder sent late: consent waits for the full notice (sent + remind)', () => {
    const late = DEADLINE + 3 * H;
    const pending = legalAt(DEADLINE + 4 * H, { sent: [sentAt(late)] });
    expect(pending.legal).toMatchObject({ status: 'pending', time_left_ms: 2 * D - H });
    expect(pending.legal.reminder?.consent_at).toBe(iso(late + 2 * D));
    expect(pending.legal.hint).toBe(
      'reminder sent Mon 16 Mar 2026 12:00 UTC, after it was due; silence counts as consent from Wed 18 Mar 2026 12:00 UTC (the full notice the policy gives)',
    );
    expect(pending.result.next_change_at).toBe(iso(late + 2 * D));
    expect(legalAt(late + 2 * D, { sent: [sentAt(late)] }).legal.status).toBe('consented');
  });

  it('a reminder sent late but before the deadline moves consent past the deadline too', () => {
    const late = DEADLINE - H;
    const { legal } = legalAt(DEADLINE, { sent: [sentAt(late)] });
    expect(legal.status).toBe('pending');
    expect(legal.reminder?.consent_at).toBe(iso(late + 2 * D));
  });

  it('off for the tier: silence counts at the deadline without any reminder', () => {
    expect(legalAt(DEADLINE, { risk: 'medium' }).legal.status).toBe('consented');
    expect(legalAt(DEADLINE, { rules: { consent_requires_reminder: false } }).legal.status).toBe('consented');
  });

  it('does not touch on_silence: block (silence lapses at the deadline either way)', () => {
    const { legal } = legalAt(DEADLINE, { rules: { on_silence: 'block' } });
    expect(legal.status).toBe('lapsed');
    expect(legal.reminder).toMatchObject({ required: false, consent_at: null, state: 'missed' });
  });

  it('fails closed when a policy that skipped the policy check requires a reminder it never sends', () => {
    const { legal } = legalAt(DEADLINE, { rules: { remind: false } });
    expect(legal.status).toBe('pending');
    expect(legal.hint).toContain('the policy sends none (remind: false)');
  });
});

describe('the settings', () => {
  it('default to a 2d lead and consent_requires_reminder for high only; a map keeps the default for tiers it omits', () => {
    expect(remindLead({})).toBe(2 * D);
    expect(remindLead({ remind: '36h' })).toBe(36 * H);
    expect(remindLead({ remind: false })).toBeNull();
    const table: Array<[ReviewerRolePolicy['consent_requires_reminder'], RiskTier, boolean]> = [
      [undefined, 'high', true],
      [undefined, 'medium', false],
      [undefined, 'low', false],
      [true, 'low', true],
      [false, 'high', false],
      [{ medium: true }, 'medium', true],
      [{ medium: true }, 'high', true],
      [{ high: false }, 'high', false],
    ];
    for (const [setting, tier, expected] of table) {
      expect(consentRequiresReminder({ consent_requires_reminder: setting }, tier), `${JSON.stringify(setting)} ${tier}`).toBe(expected);
    }
  });
});
