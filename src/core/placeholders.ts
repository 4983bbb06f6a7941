// The placeholder values `init` writes into a starter manifest, defined once: the starter writer
// takes its values from here, and the engine refuses a manifest that still holds one, at its line,
// so an uncommented starter can never pass as if someone had filled it in.
import type { EvidenceKind } from './evidence/types.js';
import type { DataPath, Finding, SourceLocation } from './types.js';

export const PLACEHOLDERS = {
  /** pilot.name and pilot.title when init is given no --name. */
  pilot: 'my-pilot',
  /** owner when init is given no --owner. */
  owner: 'your-github-login',
  /** Each reviewer of a role the policy leaves open. */
  reviewer: 'login-or-org/team',
  /** Each metric's value. */
  metric: 'your-measured-value',
  /** The date the evidence was produced. */
  date: 'YYYY-MM-DD',
  /** A link to the ticket or record. */
  link: 'https://',
} as const;

type Locate = (path: DataPath) => SourceLocation;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every placeholder value still in a manifest (its raw parsed data, before schema checks), each at its
 * line. `kinds`: the evidence kinds (EVIDENCE_KINDS), passed in because they take their placeholder
 * values from this module.
 */
export function placeholderFindings(data: unknown, locate: Locate, kinds: readonly Pick<EvidenceKind, 'placeholders'>[]): Finding[] {
  if (!isObject(data)) return [];
  const findings: Finding[] = [];
  const still = (path: DataPath, value: unknown, placeholder: string, replacement: string) => {
    if (value !== placeholder) return;
    const where = path.join('.');
    findings.push({
      message: `${where} is still the placeholder init wrote ("${placeholder}"): replace it with ${replacement}`,
      location: locate(path),
    });
  };
  const pilot = data.pilot;
  if (isObject(pilot)) {
    still(['pilot', 'name'], pilot.name, PLACEHOLDERS.pilot, "the pilot's own name, a short slug such as churn-forecast");
    still(['pilot', 'title'], pilot.title, PLACEHOLDERS.pilot, 'a title people recognise, such as Churn forecast');
  }
  still(['owner'], data.owner, PLACEHOLDERS.owner, "the GitHub login of the pilot's one accountable owner");
  if (isObject(data.reviewers)) {
    for (const [role, list] of Object.entries(data.reviewers)) {
      const entries = Array.isArray(list) ? list : [list];
      for (const [i, value] of entries.entries()) {
        const path = ['reviewers', role, ...(Array.isArray(list) ? [i] : [])];
        still(path, value, PLACEHOLDERS.reviewer, `the GitHub logins or org/teams of the ${role} role`);
      }
    }
  }
  if (isObject(data.evidence)) {
    for (const [id, entry] of Object.entries(data.evidence)) {
      if (!isObject(entry)) continue;
      // Each kind names the values init writes into its part of an entry: the entry's own fields
      // (a date, a link) are reported before values inside them (each metric).
      const uses = kinds.flatMap((kind) => kind.placeholders?.(entry) ?? []).sort((a, b) => a.path.length - b.path.length);
      for (const use of uses) still(['evidence', id, ...use.path], use.value, use.placeholder, use.replacement);
    }
  }
  return findings;
}
