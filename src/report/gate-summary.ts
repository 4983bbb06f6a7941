// The job summary of a gate run (one pull request, a merge queue's group, or a sweep), part by part:
// the flow hands each part what it found and adds the parts in order; nothing here decides.
import type { Decision, Report } from '../core/types.js';
import { escapeMarkdown } from './escape.js';
import { formatInstant } from './labels.js';
import { renderMarkdown } from './markdown.js';

/** A pull request as its summary part shows it: its reports, then what the flow adds (a policy review, or why there is no report). */
export interface SummarisedPullRequest {
  number: number;
  reports: Report[];
  note: { markdown: string } | { sentence: string } | null;
}

/** The part for one gated pull request; in a sweep, under its own linked heading after a rule when parts precede it. */
export function pullRequestSummary(
  outcome: SummarisedPullRequest,
  links: { serverUrl: string; repository: string; sweep: boolean; first: boolean },
): string[] {
  const parts: string[] = [];
  if (links.sweep) {
    parts.push(`${links.first ? '' : '---\n\n'}# [PR #${outcome.number}](${links.serverUrl}/${links.repository}/pull/${outcome.number})\n`);
  }
  const level = 2;
  if (outcome.reports.length > 0)
    parts.push(outcome.reports.map((r) => renderMarkdown(r, { level, serverUrl: links.serverUrl })).join('\n'));
  const note = outcome.note;
  if (note)
    parts.push('markdown' in note ? note.markdown : `${'#'.repeat(level + 1)} PR #${outcome.number}: ${escapeMarkdown(note.sentence)}\n`);
  return parts;
}

/** A merge queue's run: which pull request the queue's commit holds, and that its status is the verdict. */
export function mergeQueueSummary(queued: { number: number; headSha: string }, statusContext: string): string {
  return `Merge queue: commit \`${queued.headSha.slice(0, 7)}\` holds PR #${queued.number}; its ${escapeMarkdown(statusContext)} status is the verdict below.\n`;
}

/** The sweep's line for the pull requests it left alone: nothing about them changed, and their time has not come. */
export function unchangedSummary(
  unchanged: ReadonlyArray<{ number: number; decision: Decision; next?: string | null }>,
  due: number,
): string {
  const list = unchanged
    .map((u) => `#${u.number} ${u.decision}${u.next ? ` (until ${escapeMarkdown(formatInstant(u.next))})` : ''}`)
    .join(', ');
  return `${due > 0 ? '---\n\n' : ''}Unchanged since their last evaluation, not read again: ${list}.\n`;
}

export const NOTHING_GATED_SUMMARY = 'No open pull request touches a pilot manifest.\n';

/** A pull request whose commit status could not be written: an earlier status may still stand. */
export function statusNotWrittenSummary(number: number, why: string): string {
  return `### ⛔ PR #${number}: the commit status was not written\n\n${escapeMarkdown(why)}\n`;
}

/** GitHub refuses a step summary over 1 MiB (a sweep of hundreds of PRs can get there): cut it, and say where the rest is. */
const SUMMARY_LIMIT = 1_000_000;
export function withinSummaryLimit(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= SUMMARY_LIMIT) return text;
  const note = '\n…the summary is cut here (GitHub keeps 1 MiB); every report is in the JSON file named by the `report` output.\n';
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, SUMMARY_LIMIT - Buffer.byteLength(note))
    .toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  return `${cut.slice(0, cut.lastIndexOf('\n') + 1)}${note}`;
}
