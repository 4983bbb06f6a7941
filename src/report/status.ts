// What a commit status shows beside its state: one line, at most 140 characters on GitHub's side.
import { formatSpan } from '../core/duration.js';
import { tellStory } from '../core/story.js';
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
  const story = tellStory(report, now);
  const { retirement, decision } = story.headline;
  const pilot = report.pilot?.name ?? report.manifest.path;
  if (retirement) return retirement.approved ? `retiring ${pilot}: approved` : `retiring ${pilot}: awaiting ${retirement.needs.join(', ')}`;
  const score = `${report.score.met + (report.score.not_applicable ?? 0)}/${report.score.required} criteria`;
  const input = story.holds.find((h) => h.what === 'input');
  if (input) return `invalid manifest ${input.file}: ${input.problems} error(s)`;
  if (decision === 'ready') return `${score} · roles consulted · owner approved`;
  if (decision === 'blocked') return `${score} · blocked by ${story.headline.blocked_by.join(', ')}`;
  // A window that closed while silence waits for a reminder not yet sent has no time left to count: awaited.
  // Counted to when silence takes effect: a reminder sent late moves it past a deadline already gone.
  const windows = story.holds.flatMap((h) => (h.what === 'window' ? [h] : []));
  const awaited = story.headline.waiting_on.filter((w) => !windows.some((h) => h.role === w)).map((w) => `awaiting ${w}`);
  return [score, ...windows.map((h) => `${h.role} ${formatSpan(h.silence_left_ms)} left`), ...awaited].join(' · ');
}
