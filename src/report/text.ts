// The terminal scorecard: grouped by gate, with what is missing and where.
// Every value from the report goes through plainLine (no control characters, no line breaks of its
// own), and the whole text through plainText, so that no line the CLI prints in a workflow can be
// read by the runner as a workflow command, and no escape sequence reaches the terminal.
import type { Report } from '../core/types.js';
import { formatLocation } from '../core/errors.js';
import { tally, tellStory, type Headline } from '../core/story.js';
import {
  CRITERION_SYMBOL,
  CRITERION_WORD,
  DECISION_WORD,
  OWNER_WORD,
  countStory,
  formatInstant,
  governanceNeeds,
  headline,
  roleState,
} from './labels.js';
import { plainLine as p, plainText } from './plain.js';

/** `file:line:column: ` before a message, or ''. */
const at = (location: Report['errors'][number]['location'] | undefined): string => (location ? `${p(formatLocation(location))}: ` : '');

export function renderText(report: Report): string {
  const story = tellStory(report);
  const out = [...header(report, story.headline)];
  if (report.errors.length > 0) {
    out.push('', 'Invalid input:');
    for (const error of report.errors) out.push(`  ${at(error.location)}${p(error.message)}`);
  }
  governance(report, out);
  for (const gate of report.gates) gateLines(report, gate, out);
  if (report.pilot) decisionRights(report, out);
  if (report.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const warning of report.warnings) out.push(`  ${at(warning.location)}${p(warning.message)}`);
  }
  // Every value is on its own line already; this pass also defuses a line that starts with one.
  return plainText(`${out.join('\n')}\n`);
}

/** Who and what the report is about, then the verdict, when time alone may change it, and the next renewal. */
function header(report: Report, story: Headline): string[] {
  const pilot = report.pilot;
  const name = pilot ? `${p(pilot.name)}${pilot.title ? ` (${p(pilot.title)})` : ''} · ${p(pilot.risk)} risk` : p(report.manifest.path);
  const out = [
    `pilot-readiness · ${name}`,
    `manifest ${p(report.manifest.path)} · policy ${p(report.policy.name ?? report.policy.source)} (${p(report.policy.sha256).slice(0, 12)}) · at ${p(formatInstant(report.now))}`,
    '',
    `Decision: ${DECISION_WORD[report.decision]} · ${p(headline(story))}`,
  ];
  if (report.next_change_at) out.push(`Can change by time alone at ${p(formatInstant(report.next_change_at))}`);
  const renew = story.renewal;
  if (renew) out.push(`Next renewal: the evidence of ${p(renew.criteria.join(', '))} passes until ${p(formatInstant(renew.by))}`);
  return out;
}

function governance(report: Report, out: string[]): void {
  const changes = report.governance_changes ?? [];
  if (changes.length === 0) return;
  out.push('', 'Governance changes (against the base branch):');
  for (const change of changes)
    out.push(`  ${change.approved ? '✓' : '…'} ${at(change.location)}${p(change.summary)} · ${p(governanceNeeds(change))}`);
}

/** A gate's count story, then each of its criteria, with the problems of those not met or not required. */
function gateLines(report: Report, gate: Report['gates'][number], out: string[]): void {
  const count = tally(report, (c) => c.gate === gate.id);
  out.push(
    '',
    `${p(gate.title)}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''}  ${count.required === 0 ? `none required at ${p(report.pilot?.risk ?? 'this')} risk` : countStory(count)}`,
  );
  for (const criterion of report.criteria.filter((c) => c.gate === gate.id)) {
    const title = `${CRITERION_SYMBOL[criterion.status]} ${p(criterion.id).padEnd(6)} ${p(criterion.title)}`;
    if (criterion.status === 'met' || criterion.status === 'not_required') {
      out.push(`  ${title}`);
      continue;
    }
    out.push(`  ${title} — ${CRITERION_WORD[criterion.status]}`);
    const problems = criterion.problems.length > 0 ? criterion.problems : [{ message: criterion.reason, location: criterion.location }];
    for (const problem of problems) out.push(`      ${at(problem.location)}${p(problem.message)}`);
  }
}

function decisionRights(report: Report, out: string[]): void {
  out.push('', 'Decision rights');
  const owner = report.owner;
  out.push(
    `  accountable owner  ${owner.login === null || owner.login === undefined ? '(none)' : p(owner.login)} · ${OWNER_WORD[owner.status]}${owner.reason ? ` · ${p(owner.reason)}` : ''}`,
  );
  if (owner.base_owner)
    out.push(`  previous owner     ${p(owner.base_owner.login)} · ${p(owner.base_owner.status)} (a hand-over needs both)`);
  for (const role of report.roles) {
    const members = role.members.length > 0 ? role.members.map((member) => p(member)).join(', ') : '(nobody)';
    const need = role.required
      ? `${p(role.window)} window, silence = ${role.on_silence === 'consent' ? 'consent' : 'block'}`
      : 'not required for this tier';
    out.push(`  ${p(role.role).padEnd(18)} ${members} · ${p(roleState(role))} · ${need}`);
    if (role.hint && role.status !== 'approved' && role.status !== 'consented') out.push(`      ${p(role.hint)}`);
  }
  for (const override of report.overrides) out.push(`  override of ${p(override.role)} by ${p(override.by)}: ${p(override.reason)}`);
}
