// Annotations on the manifest at the line of each problem. GitHub shows at most 10 errors and 10
// warnings per step, so the most important come first and the rest roll into one.
import type { Finding, Report, SourceLocation } from '../core/types.js';

export const ANNOTATION_LIMIT = 10;

interface Ranked {
  title: string;
  finding: Finding;
}

/** One annotation as the runner shows it: on the file and line when it has a location. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  location?: SourceLocation | null;
}

/** Errors in order of importance: invalid input, the owner, blocking roles, failed then missing criteria. */
export function rankAnnotations(report: Report): { errors: Ranked[]; warnings: Ranked[] } {
  const errors: Ranked[] = [];
  const warnings: Ranked[] = [];
  for (const error of report.errors) errors.push({ title: 'Invalid manifest', finding: error });
  // With an invalid manifest the owner is "invalid" only because of those errors, already shown at their lines.
  if (report.owner.status === 'invalid' && report.errors.length === 0)
    errors.push({ title: 'Accountable owner', finding: { message: report.owner.reason, location: report.owner.location } });
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

function cap(list: Ranked[], what: string): Ranked[] {
  if (list.length <= ANNOTATION_LIMIT) return list;
  const shown = list.slice(0, ANNOTATION_LIMIT - 1);
  const rest = list.length - shown.length;
  shown.push({
    title: `${rest} more ${what}`,
    finding: {
      message: `${rest} more ${what} are listed in the job summary and the readiness comment`,
      location: list[ANNOTATION_LIMIT - 1]!.finding.location,
    },
  });
  return shown;
}

/** Every report's annotations, errors then warnings, each list within GitHub's per-step limits. */
export function reportAnnotations(reports: Report[]): Annotation[] {
  const errors = reports.flatMap((r) => rankAnnotations(r).errors);
  const warnings = reports.flatMap((r) => rankAnnotations(r).warnings);
  return [
    ...cap(errors, 'errors').map(({ title, finding }) => ({
      level: 'error' as const,
      message: finding.message,
      title,
      location: finding.location,
    })),
    ...cap(warnings, 'warnings').map(({ title, finding }) => ({
      level: 'warning' as const,
      message: finding.message,
      title,
      location: finding.location,
    })),
  ];
}
