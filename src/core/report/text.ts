// The terminal scorecard: grouped by gate, with what is missing and where.
import { formatLocation } from '../../errors.js';
import type { Report } from '../types.js';
import { CRITERION_SYMBOL, CRITERION_WORD, DECISION_WORD, OWNER_WORD, formatInstant, gateCount, headline, roleState } from './labels.js';

export function renderText(report: Report): string {
  const out: string[] = [];
  const pilot = report.pilot;
  const name = pilot ? `${pilot.name}${pilot.title ? ` (${pilot.title})` : ''} · ${pilot.risk} risk` : report.manifest.path;
  out.push(`pilot-readiness · ${name}`);
  out.push(`manifest ${report.manifest.path} · policy ${report.policy.name ?? report.policy.source} (${report.policy.sha256.slice(0, 12)}) · at ${formatInstant(report.now)}`);
  out.push('');
  out.push(`Decision: ${DECISION_WORD[report.decision]} · ${headline(report)}`);
  if (report.next_change_at) out.push(`Can change by time alone at ${formatInstant(report.next_change_at)}`);

  if (report.errors.length > 0) {
    out.push('', 'Invalid input:');
    for (const error of report.errors) out.push(`  ${formatLocation(error.location)}${error.location ? ': ' : ''}${error.message}`);
  }

  for (const gate of report.gates) {
    out.push('', `${gate.title}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''}  ${gateCount(gate)}`);
    for (const criterion of report.criteria.filter((c) => c.gate === gate.id)) {
      const title = `${CRITERION_SYMBOL[criterion.status]} ${criterion.id.padEnd(6)} ${criterion.title}`;
      if (criterion.status === 'met' || criterion.status === 'not_required') {
        out.push(`  ${title}`);
        continue;
      }
      out.push(`  ${title} — ${CRITERION_WORD[criterion.status]}`);
      const problems = criterion.problems.length > 0 ? criterion.problems : [{ message: criterion.reason, location: criterion.location }];
      for (const problem of problems) {
        const where = problem.location ? `${formatLocation(problem.location)}: ` : '';
        out.push(`      ${where}${problem.message}`);
      }
    }
  }

  if (report.pilot) {
    out.push('', 'Decision rights');
    const owner = report.owner;
    out.push(`  accountable owner  ${owner.login ?? '(none)'} · ${OWNER_WORD[owner.status]}${owner.reason ? ` · ${owner.reason}` : ''}`);
    if (owner.base_owner) out.push(`  previous owner     ${owner.base_owner.login} · ${owner.base_owner.status} (a hand-over needs both)`);
    for (const role of report.roles) {
      const members = role.members.length > 0 ? role.members.join(', ') : '(nobody)';
      const need = role.required ? `${role.window} window, silence = ${role.on_silence === 'consent' ? 'consent' : 'block'}` : 'not required for this tier';
      out.push(`  ${role.role.padEnd(18)} ${members} · ${roleState(role)} · ${need}`);
      if (role.hint && role.status !== 'approved' && role.status !== 'consented') out.push(`      ${role.hint}`);
    }
    for (const override of report.overrides) out.push(`  override of ${override.role} by ${override.by}: ${override.reason}`);
  }

  if (report.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const warning of report.warnings) out.push(`  ${warning.location ? `${formatLocation(warning.location)}: ` : ''}${warning.message}`);
  }
  return `${out.join('\n')}\n`;
}
