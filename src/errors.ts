// Errors a person can fix (bad input, missing permission) versus bugs. Only the first kind is
// shown as a plain message; both always fail the run.
import type { Finding, SourceLocation } from './core/types.js';

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

export function formatLocation(location: SourceLocation | null): string {
  if (!location) return '';
  return `${location.file}:${location.line}:${location.column}`;
}

/** `file:line:column: message`, the form editors and CI logs link to. */
export function formatFinding(finding: Finding): string {
  const where = formatLocation(finding.location);
  return where ? `${where}: ${finding.message}` : finding.message;
}
