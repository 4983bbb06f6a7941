// Annotations on the manifest at the line of each problem. GitHub shows at most 10 errors and 10
// warnings per step, so the most important come first and the rest roll into one.
import * as core from '@actions/core';
import type { Finding, Report } from '../core/types.js';

export const ANNOTATION_LIMIT = 10;

interface Annotation {
  title: string;
  finding: Finding;
}

/** Errors in order of importance: invalid input, the owner, blocking roles, failed then missing criteria. */
export function rankAnnotations(report: Report): { errors: Annotation[]; warnings: Annotation[] } {
  const errors: Annotation[] = [];
  const warnings: Annotation[] = [];
  for (const error of report.errors) errors.push({ title: 'Invalid manifest', finding: error });
  // With an invalid manifest the owner is "invalid" only because of those errors, already shown at their lines.
  if (report.owner.status === 'invalid' && report.errors.length === 0) errors.push({ title: 'Accountable owner', finding: { message: report.owner.reason, location: report.owner.location } });
  for (const role of report.roles.filter((r) => r.blocking)) {
    errors.push({ title: `Role ${role.role}`, finding: { message: role.hint, location: role.location } });
  }
  for (const status of ['failed', 'missing'] as const) {
    for (const criterion of report.criteria.filter((c) => c.required && c.status === status)) {
      const problems = criterion.problems.length > 0 ? criterion.problems : [{ message: criterion.reason, location: criterion.location }];
      for (const problem of problems) errors.push({ title: `${criterion.id} ${criterion.title}`, finding: problem });
    }
  }
  for (const criterion of report.criteria.filter((c) => c.required && c.status === 'awaiting_signoff')) {
    warnings.push({ title: `${criterion.id} awaiting sign-off`, finding: { message: criterion.reason, location: criterion.location } });
  }
  for (const warning of report.warnings) warnings.push({ title: 'pilot-readiness', finding: warning });
  return { errors, warnings };
}

function cap(list: Annotation[], what: string): Annotation[] {
  if (list.length <= ANNOTATION_LIMIT) return list;
  const shown = list.slice(0, ANNOTATION_LIMIT - 1);
  const rest = list.length - shown.length;
  shown.push({ title: `${rest} more ${what}`, finding: { message: `${rest} more ${what} are listed in the job summary and the readiness comment`, location: list[ANNOTATION_LIMIT - 1]!.finding.location } });
  return shown;
}

/** Emits annotations for every report of the run, within GitHub's per-step limits. */
export function annotate(reports: Report[]): void {
  const errors = reports.flatMap((r) => rankAnnotations(r).errors);
  const warnings = reports.flatMap((r) => rankAnnotations(r).warnings);
  for (const { title, finding } of cap(errors, 'errors')) core.error(finding.message, properties(title, finding));
  for (const { title, finding } of cap(warnings, 'warnings')) core.warning(finding.message, properties(title, finding));
}

function properties(title: string, finding: Finding): core.AnnotationProperties {
  const location = finding.location;
  return location ? { title, file: location.file, startLine: location.line, startColumn: location.column } : { title };
}
