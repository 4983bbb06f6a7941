// Errors a person can fix (bad input, missing permission) versus bugs. Only the first kind is
// shown as a plain message; both always fail the run.
import type { Finding, SourceLocation } from './types.js';
import { toText } from '../report/plain.js';

/** Input that cannot be used: the message says what is wrong, where, and how to fix it. */
export class InputError extends Error {
  readonly findings: Finding[];
  constructor(findings: Finding[] | string, location: SourceLocation | null = null) {
    const list = typeof findings === 'string' ? [{ message: findings, location }] : findings;
    super(list.map(formatFinding).join('\n'));
    this.name = 'InputError';
    this.findings = list;
  }
}

/** `file:line:column`; '' without a location. Raw: outputs escape it (src/core/report/escape.ts, plain.ts). */
export function formatLocation(location: SourceLocation | null | undefined): string {
  if (!location) return '';
  return `${toText(location.file)}:${toText(location.line)}:${toText(location.column)}`;
}

/** `file:line:column: message`, the form editors and CI logs link to. Raw, like formatLocation. */
export function formatFinding(finding: Finding): string {
  const where = formatLocation(finding.location);
  return where ? `${where}: ${toText(finding.message)}` : toText(finding.message);
}
