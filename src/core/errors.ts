// Errors a person can fix (bad input, bad usage, a refusal of a service an adapter talks to) versus
// bugs. Every fixable error is a UserError: shown as a plain message, never a stack trace; both always
// fail the run. What a UserError means for the CLI's exit code and the Action's annotations is here,
// in one place, so that no caller keeps its own list of error classes.
import type { Finding, SourceLocation } from './types.js';
import { toText } from './text.js';

/** The CLI's exit code for any error a person can fix; 3 is kept for bugs. */
export const USER_ERROR_EXIT = 2;
export const BUG_EXIT = 3;

/** The one base of every error a person can fix: what is wrong, where, and how to fix it. */
export abstract class UserError extends Error {
  /**
   * The core's kinds are input (a file or value that cannot be used; the Action annotates each finding
   * at its location) and usage (a command line that cannot be run). An adapter names its failures in
   * its own words (src/adapters/github/errors.ts: github-access, github-api): the core knows no service.
   */
  abstract readonly kind: string;
  /** The problems, each where it is (location null when it is about no file). */
  readonly findings: Finding[];
  constructor(message: string, findings: Finding[] = [{ message, location: null }]) {
    super(message);
    this.findings = findings;
  }
  /** True when each finding is worth an annotation at its own location (input errors). */
  get annotated(): boolean {
    return this.kind === 'input';
  }
}

/** Input that cannot be used: the message says what is wrong, where, and how to fix it. */
export class InputError extends UserError {
  readonly kind = 'input' as const;
  constructor(findings: Finding[] | string, location: SourceLocation | null = null) {
    const list = typeof findings === 'string' ? [{ message: findings, location }] : findings;
    super(list.map(formatFinding).join('\n'), list);
    this.name = 'InputError';
  }
}

/** A command line that cannot be run as given (the CLI's flags and arguments). */
export class UsageError extends UserError {
  readonly kind = 'usage' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Any thrown value as one line of advice: every finding of a UserError at its place, else the message. */
export function messageOf(error: unknown): string {
  if (error instanceof UserError) return error.findings.map(formatFinding).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** `file:line:column`; '' without a location. Raw: outputs escape it (src/report/escape.ts, plain.ts). */
export function formatLocation(location: SourceLocation | null | undefined): string {
  if (!location) return '';
  return `${toText(location.file)}:${toText(location.line)}:${toText(location.column)}`;
}

/** `file:line:column: message`, the form editors and CI logs link to. Raw, like formatLocation. */
export function formatFinding(finding: Finding): string {
  const where = formatLocation(finding.location);
  return where ? `${where}: ${toText(finding.message)}` : toText(finding.message);
}
