// What a commit status shows beside its state: one line, at most 140 characters on GitHub's side.
import { formatSpan } from '../core/duration.js';
import { silenceAt } from '../core/signoff/reminder.js';
import type { Decision, Report } from '../core/types.js';

/** `21/23 criteria · legal 9d left` and the like: what the status check shows beside its state. */
export function statusDescription(reports: Report[], now: Date): string {
  if (reports.length > 1) {
    const counts = (['blocked', 'pending', 'ready'] as Decision[])
      .map((d) => [d, reports.filter((r) => r.decision === d).length] as const)
      .filter(([, n]) => n > 0);
    return `${reports.length} pilots: ${counts.map(([d, n]) => `${n} ${d}`).join(', ')}`;
  }
  const report = reports[0]!;
  const retiring = report.governance_changes?.find((change) => change.kind === 'retired');
  if (retiring)
    return retiring.approved
      ? `retiring ${report.pilot?.name ?? report.manifest.path}: approved`
      : `retiring ${report.pilot?.name ?? report.manifest.path}: awaiting ${retiring.needs.map((n) => n.who).join(', ')}`;
  const score = `${report.score.met + (report.score.not_applicable ?? 0)}/${report.score.required} criteria`;
  if (report.errors.length > 0) return `invalid manifest ${report.manifest.path}: ${report.errors.length} error(s)`;
  if (report.decision === 'ready') return `${score} · roles consulted · owner approved`;
  if (report.decision === 'blocked') return `${score} · blocked by ${report.blocking.join(', ')}`;
  // A window that closed while silence waits for a reminder not yet sent has no time left to count: awaited.
  const open = report.roles.filter((r) => r.required && r.status === 'pending' && r.deadline && r.time_left_ms !== null);
  // Counted to when silence takes effect: a reminder sent late moves it past a deadline already gone.
  const windows = open.map((r) => `${r.role} ${formatSpan(Math.max(0, Date.parse(silenceAt(r)!) - now.getTime()))} left`);
  return [score, ...windows, ...report.waiting_on.filter((w) => !open.some((r) => r.role === w)).map((w) => `awaiting ${w}`)].join(' · ');
}
