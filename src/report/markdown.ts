// The Markdown report shared by the sticky PR comment, the job summary and `--format markdown`.
// Every value the tool did not write itself goes through ./escape.js: escapeMarkdown for text,
// codeSpan/quietLogin for paths and logins, markdownWhere for locations.
import type { Finding, Report } from '../core/types.js';
import { formatLocation } from '../core/errors.js';
import { codeSpan, toText, escapeMarkdown as esc, escapeMessage, markdownWhere, quietLogin } from './escape.js';
import { CRITERION_SYMBOL, CRITERION_WORD, DECISION_WORD, OWNER_WORD, WAIVER_WORD, formatInstant, gateCount, governanceNeeds, headline, roleState } from './labels.js';

const DECISION_ICON = { ready: '🟢', pending: '🟡', blocked: '🔴' } as const;

export interface MarkdownOptions {
  /** Heading level of the title (2 in comments, 2 in summaries). */
  level?: number;
  /** Shorter form (for comments over GitHub's 65,536-character limit). */
  compact?: boolean;
}

/** A location after a list item's text (not in a table). */
const where = (location: Finding['location'] | undefined): string => markdownWhere(location, { table: false });
/** A location inside a table cell. */
const whereInCell = (location: Finding['location'] | undefined): string => markdownWhere(location);
/** A path, login or slug outside a table. */
const code = (value: unknown): string => codeSpan(value, { table: false });
/** A message the core composed (it may quote commands as `code`), outside a table. */
const message = (value: unknown): string => escapeMessage(value, { table: false });

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const h = '#'.repeat(options.level ?? 2);
  const out: string[] = [];
  const pilot = report.pilot;
  const title = pilot ? `${esc(pilot.title ?? pilot.name)} (${code(pilot.name)}, ${esc(pilot.risk)} risk)` : code(report.manifest.path);
  out.push(`${h} ${DECISION_ICON[report.decision]} Pilot readiness: ${DECISION_WORD[report.decision]} · ${title}`);
  out.push('');
  out.push(`**${esc(headline(report))}**${report.next_change_at ? ` · can change by time alone at ${esc(formatInstant(report.next_change_at))}` : ''}`);

  if (report.errors.length > 0) {
    out.push('', `${h}# Invalid input`, '');
    for (const error of report.errors) out.push(`- ${message(error.message)}${where(error.location)}`);
  }

  // What the pull request changes about who decides or what is required, against the base branch.
  const changes = report.governance_changes ?? [];
  if (changes.length > 0) {
    out.push('', `${h}# Governance changes`, '');
    for (const change of changes) {
      out.push(`- ${change.approved ? '✓' : '⏳'} ${esc(change.summary)} · ${esc(governanceNeeds(change))}${where(change.location)}`);
    }
  }

  if (pilot && report.gates.length > 0) {
    const production = report.gates.filter((g) => g.stage === 'production');
    const data = report.gates.filter((g) => g.stage === 'pre-pilot');
    const sum = (gates: typeof production) => gates.reduce((n, g) => ({ met: n.met + g.met, required: n.required + g.required }), { met: 0, required: 0 });
    const prod = sum(production);
    const dr = sum(data);
    const reviewers = report.roles.filter((r) => r.required).map((r) => esc(`${r.role} ${r.window}`)).join(', ');
    out.push('', `${h}# The three questions`, '');
    out.push(
      `1. **Who can approve alone?** ${report.owner.login ? code(report.owner.login) : 'nobody (no valid owner)'}, the accountable owner (${OWNER_WORD[report.owner.status]}). ` +
        `${reviewers ? `Reviewers advise within their windows (${reviewers}); silence after a window counts as consent where the policy says so.` : 'No reviewer role is required for this tier.'}`,
    );
    out.push(`2. **Was data readiness assessed before the pilot?** ${dr.required === 0 ? 'The policy has no data-readiness gate.' : `${dr.met}/${dr.required} data-readiness criteria met${dr.met === dr.required ? '.' : ': see below.'}`}`);
    out.push(`3. **Are the production criteria defined and met?** ${production.length} gates, ${prod.required} criteria required for ${esc(pilot.risk)} risk; ${prod.met} met.`);
  }

  if (report.gates.length > 0) {
    out.push('', `${h}# Scorecard`, '', '| Gate | Met | Status |', '| --- | --- | --- |');
    for (const gate of report.gates) {
      const ok = gate.met + (gate.waived ?? 0) === gate.required;
      out.push(`| ${esc(gate.title)}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''} | ${gateCount(gate)} | ${ok ? '✓' : '✗'} |`);
    }
    const open = report.criteria.filter((c) => c.required && c.status !== 'met' && c.status !== 'not_applicable' && c.status !== 'waived');
    if (open.length > 0) {
      out.push('', `${h}# What is missing`, '');
      for (const criterion of open) {
        out.push(`- ${CRITERION_SYMBOL[criterion.status]} **${esc(criterion.id)}** ${esc(criterion.title)}: ${CRITERION_WORD[criterion.status]}`);
        const problems = criterion.problems.length > 0 ? criterion.problems : [{ message: criterion.reason, location: criterion.location }];
        const shown = options.compact ? problems.slice(0, 1) : problems;
        for (const problem of shown) out.push(`  - ${message(problem.message)}${where(problem.location)}`);
      }
    }
    const waivers = report.waivers ?? [];
    if (waivers.length > 0) {
      out.push('', `${h}# Waivers`, '', '| Criterion | Until | Approved by | State | Reason |', '| --- | --- | --- | --- | --- |');
      for (const w of waivers) {
        out.push(`| **${esc(w.criterion)}** | ${esc(w.expires)} | ${esc(w.approved_by)} | ${WAIVER_WORD[w.status]} | ${esc(w.reason)}${whereInCell(w.location)} |`);
      }
    }
    if (!options.compact) {
      out.push('', '<details><summary>Every criterion</summary>', '', '| | Criterion | Gate | Status |', '| --- | --- | --- | --- |');
      for (const c of report.criteria) out.push(`| ${CRITERION_SYMBOL[c.status]} | **${esc(c.id)}** ${esc(c.title)} | ${esc(c.gate)} | ${CRITERION_WORD[c.status]} |`);
      out.push('', '</details>');
    }
  }

  if (pilot) {
    out.push('', `${h}# Decision rights`, '', '| Role | Who | Window | State |', '| --- | --- | --- | --- |');
    const owner = report.owner;
    out.push(`| **Accountable owner** (decides) | ${owner.login ? quietLogin(owner.login) : '—'} | — | ${OWNER_WORD[owner.status]}${owner.reason ? `: ${escapeMessage(owner.reason)}` : ''} |`);
    if (owner.base_owner) out.push(`| Previous owner (hand-over) | ${quietLogin(owner.base_owner.login)} | — | ${esc(owner.base_owner.status)} |`);
    for (const role of report.roles) {
      const who = role.members.length > 0 ? role.members.map((member) => quietLogin(member)).join(', ') : '—';
      const window = role.required ? esc(`${role.window}, silence = ${role.on_silence}`) : 'not required';
      out.push(`| ${esc(role.title || role.role)} (advises) | ${who} | ${window} | ${esc(roleState(role))} |`);
    }
    for (const override of report.overrides) out.push('', `> Override of **${esc(override.role)}** by ${code(override.by)}: ${esc(override.reason)}`);
  }

  const next = nextSteps(report);
  if (next.length > 0) {
    out.push('', `${h}# What to do next`, '');
    for (const step of next) out.push(`- ${step}`);
  }
  // A waiver's warning is its row in the Waivers table already.
  const atWaiver = new Set((report.waivers ?? []).map((w) => formatLocation(w.location)));
  const warnings = report.warnings.filter((w) => !(w.location && atWaiver.has(formatLocation(w.location))));
  if (warnings.length > 0 && !options.compact) {
    out.push('', `${h}# Warnings`, '');
    for (const warning of warnings) out.push(`- ${message(warning.message)}${where(warning.location)}`);
  }
  out.push('', `<sub>policy ${esc(report.policy.name ?? report.policy.source)} · sha256 ${esc(toText(report.policy.sha256).slice(0, 12))} · evaluated ${esc(formatInstant(report.now))}</sub>`);
  return `${out.join('\n')}\n`;
}

function nextSteps(report: Report): string[] {
  const steps: string[] = [];
  for (const change of report.governance_changes ?? []) {
    const awaited = change.needs.filter((n) => n.status === 'awaiting');
    if (awaited.length === 0) continue;
    const who = awaited.map((n) => (n.as === 'role' ? `a member of ${esc(n.who)}` : `${code(n.who)}${n.as === 'base_owner' ? ' (owner on the base branch)' : ''}`)).join(' and ');
    steps.push(`${who} approve${awaited.length === 1 ? 's' : ''} the head commit to confirm: ${esc(change.summary)}.`);
  }
  for (const error of report.errors.slice(0, 3)) steps.push(`Fix the manifest: ${message(error.message)}`);
  const failing = report.criteria.filter((c) => c.required && (c.status === 'failed' || c.status === 'missing'));
  if (failing.length > 0) steps.push(`Provide or renew evidence for ${failing.map((c) => `**${esc(c.id)}**`).join(', ')} in ${code(report.manifest.path)}.`);
  for (const role of report.roles) {
    if (role.required && role.status !== 'approved' && role.status !== 'consented' && role.hint) steps.push(`${esc(role.role)}: ${message(role.hint)}`);
  }
  for (const w of report.waivers ?? []) {
    if (w.status === 'awaiting_approval') steps.push(`${esc(w.approved_by)}: approve the pull request to put the waiver for **${esc(w.criterion)}** in force (until ${esc(w.expires)}), or ask for the evidence instead.`);
    if (w.status === 'expired') steps.push(`The waiver for **${esc(w.criterion)}** expired on ${esc(w.expires)}: provide the evidence, or renew the waiver.`);
  }
  if (report.owner.status === 'awaiting' && report.decision !== 'blocked') {
    steps.push(`The accountable owner ${report.owner.login ? code(report.owner.login) : ''} approves the pull request's head commit to decide.`);
  }
  if (report.owner.status === 'invalid') steps.push(`Fix the owner: ${message(report.owner.reason)}`);
  return steps;
}

/**
 * The job summary's section for a run or pull request that could not be verified: the problems of
 * an input error (each at its location), or one message. Every message is escaped: a team slug or a
 * path quoted in an error comes from the pull request. `what` is the caller's own words ("Pilot
 * readiness", "PR #9"), written as they are on one line.
 */
export function renderFailureMarkdown(what: string, problems: Finding[] | string, options: { level?: number; unexpected?: boolean } = {}): string {
  const h = '#'.repeat(options.level ?? 3);
  const body =
    typeof problems === 'string'
      ? `${options.unexpected ? 'Unexpected error: ' : ''}${message(problems)}`
      : problems.map((problem) => `- ${message(problem.message)}${where(problem.location)}`).join('\n');
  return `${h} ${toText(what).replace(/[\r\n]+/g, ' ')} could not be verified\n\n${body}\n`;
}
