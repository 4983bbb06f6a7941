// The Markdown report shared by the sticky PR comment, the job summary and `--format markdown`.
// Verdict first: under the title, one line saying what holds the pull request and the next step with
// the person to act; then what is missing (when something is), the three questions, the decision
// rights, and the scorecard and every criterion collapsed.
//
// Every value the tool did not write itself goes through ./escape.js where it is interpolated:
// escapeMarkdown for text, codeSpan/quietLogin for paths and logins, escapeMessage for the core's
// messages (which quote commands as code). Text the tool writes itself is written as Markdown.
import type { Finding, Report, RoleResult, SourceLocation } from '../core/types.js';
import { formatLocation } from '../core/errors.js';
import { codeSpan, toText, escapeMarkdown as esc, escapeMessage, quietLogin } from './escape.js';
import { CRITERION_SYMBOL, CRITERION_WORD, DECISION_WORD, WAIVER_WORD, countStory, formatInstant, governanceNeeds } from './labels.js';
import { formatSpan } from '../core/duration.js';
import { silenceAt } from '../core/signoff/reminder.js';
import { isOpen, reviewersOf, tally, tellStory, type Tally } from '../core/story.js';
import { renderVerdict } from './verdict.js';

/**
 * The report as compared with the comment already posted: without the instant of the evaluation in each
 * footer, so a run that finds nothing new leaves the comment alone (no write, no notification). The
 * footer keeps the instant of the run that last changed what the comment says; the status check carries
 * every run's. Only the footer line the tool writes matches, and in it only the instant after its last "evaluated".
 */
export function withoutEvaluationInstant(markdown: string): string {
  // Greedy up to the footer's last "evaluated": text before it (a path, a name) is compared in full, and
  // only an instant as formatInstant writes it is ignored (a footer edited to add words is rewritten).
  return markdown.replace(
    /^(<sub>.* · sha256 [0-9a-f]{0,64} · evaluated )[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC((?: · can change by time alone at [^<\n]*)?<\/sub>)$/gm,
    '$1$2',
  );
}

const DECISION_ICON = { ready: '🟢', pending: '🟡', blocked: '🔴' } as const;
/** A non-breaking space: windows and counts that must not wrap in a narrow table column. */
const NB = '\u00a0';

export interface MarkdownOptions {
  /** Heading level of the title; sections are one level below. 2 in comments and summaries. */
  level?: number;
  /** Shorter form (for comments over GitHub's 65,536-character limit). */
  compact?: boolean;
  /**
   * Where `file:line` locations link to: the web address of the GitHub server (https://github.com, or a
   * GitHub Enterprise Server's). Links need the repository and head commit from the report's PR facts;
   * without them (a local check) locations stay code.
   */
  serverUrl?: string;
}

interface Ctx {
  h: string;
  /** The manifest's path, whose locations show its file name only. */
  manifest: string | null;
  compact: boolean;
  /** The blob address of a location at the head commit, or null. */
  link: (location: SourceLocation) => string | null;
}

/**
 * `file:line:col` as code, linked to the file at the head commit when the report knows it. A location
 * in the manifest itself shows the file's name only (the footer names its path), so it does not wrap.
 */
function located(ctx: Ctx, location: SourceLocation | null | undefined, table = false): string {
  if (!location) return '';
  const shown =
    ctx.manifest !== null && location.file === ctx.manifest
      ? { ...location, file: toText(location.file).split('/').pop() ?? '' }
      : location;
  const text = codeSpan(formatLocation(shown), { table });
  const url = ctx.link(location);
  return url ? ` · [${text}](${url})` : ` · ${text}`;
}

/** The blob URL of a path at a commit, each segment percent-encoded (the path comes from the pull request). */
function blobLink(serverUrl: string | undefined, report: Report): (location: SourceLocation) => string | null {
  const facts = report.inputs?.facts;
  const repository = toText(facts?.repository ?? '');
  const sha = toText(facts?.head_sha ?? '');
  if (!serverUrl || !/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/.test(repository) || !/^[0-9a-f]{7,64}$/.test(sha)) return () => null;
  const base = serverUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s()<>]+$/.test(base)) return () => null;
  return (location) => {
    // encodeURIComponent leaves ! ' ( ) * as they are; a ) would end the Markdown link early.
    const segment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const path = toText(location.file)
      .split('/')
      .filter((s) => s !== '')
      .map(segment)
      .join('/');
    const line = Number.isInteger(location.line) && location.line > 0 ? `#L${location.line}` : '';
    return `${base}/${repository}/blob/${sha}/${path}${line}`;
  };
}

/** An array from a report field, or [] (a replayed or hand-written report may hold anything). */
const list = <T>(value: readonly T[] | undefined | null): readonly T[] => (Array.isArray(value) ? value : []);
const code = (value: unknown): string => codeSpan(value, { table: false });
const message = (value: unknown): string => escapeMessage(value, { table: false });

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const ctx: Ctx = {
    h: '#'.repeat((options.level ?? 2) + 1),
    manifest: toText(report.manifest.path),
    compact: options.compact === true,
    link: blobLink(options.serverUrl, report),
  };
  const out: string[] = [];
  const pilot = report.pilot;
  // The slug and the manifest go to the footer: the title stays on one line.
  const title = pilot ? esc(pilot.title ?? pilot.name) : code(report.manifest.path);
  out.push(
    `${'#'.repeat(options.level ?? 2)} ${DECISION_ICON[report.decision]} Pilot readiness: ${DECISION_WORD[report.decision]} · ${title}`,
  );
  // A backslash at the end of a line is a hard break: the next step sits under the verdict.
  const [said, next] = renderVerdict(tellStory(report));
  out.push('', next ? `${said}\\\n${next}` : said!);

  if (report.errors.length > 0) {
    out.push('', `${ctx.h} Invalid input`, '');
    for (const error of report.errors) out.push(`- ${message(error.message)}${located(ctx, error.location)}`);
  }

  // What the pull request changes about who decides or what is required, against the base branch.
  const changes = report.governance_changes ?? [];
  if (changes.length > 0) {
    out.push('', `${ctx.h} Governance changes`, '');
    for (const change of changes)
      out.push(
        `- ${change.approved ? '✅' : '⏳'} ${esc(change.summary)} · ${esc(governanceNeeds(change))}${located(ctx, change.location)}`,
      );
  }

  missing(report, ctx, out);
  waiversSection(report, ctx, out);
  if (pilot) {
    threeQuestions(report, ctx, out);
    decisionRights(report, ctx, out);
  }
  scorecard(report, ctx, out);
  notCounted(report, ctx, out);

  // A waiver's warning is its row in the Waivers table already.
  const atWaiver = new Set((report.waivers ?? []).map((w) => formatLocation(w.location)));
  const warnings = report.warnings.filter((w) => !(w.location && atWaiver.has(formatLocation(w.location))));
  if (warnings.length > 0 && !ctx.compact) {
    out.push('', `${ctx.h} Warnings`, '');
    for (const warning of warnings) out.push(`- ${message(warning.message)}${located(ctx, warning.location)}`);
  }
  const change = report.next_change_at ? ` · can change by time alone at ${esc(formatInstant(report.next_change_at))}` : '';
  const which = pilot ? `pilot ${code(pilot.name)} · ${esc(pilot.risk)} risk · ${code(report.manifest.path)} · ` : '';
  out.push(
    '',
    `<sub>${which}policy ${esc(report.policy.name ?? report.policy.source)} · sha256 ${esc(toText(report.policy.sha256).slice(0, 12))} · evaluated ${esc(formatInstant(report.now))}${change}</sub>`,
  );
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- sections

/** What is missing, grouped by gate, the failing gates first, each problem at its (linked) location. */
function missing(report: Report, ctx: Ctx, out: string[]): void {
  const open = report.criteria.filter(
    (c) => c.required && c.status !== 'met' && c.status !== 'not_applicable' && c.status !== 'waived' && c.status !== 'not_required',
  );
  if (open.length === 0) return;
  out.push('', `${ctx.h} What is missing`, '');
  const gates = failingFirst(report);
  for (const gate of gates) {
    const here = open.filter((c) => c.gate === gate.id);
    if (here.length === 0) continue;
    out.push(`**${esc(gate.title)}**`, '');
    for (const criterion of here) {
      out.push(
        `- ${CRITERION_SYMBOL[criterion.status]} **${esc(criterion.id)}** ${esc(criterion.title)}: ${CRITERION_WORD[criterion.status]}`,
      );
      const problems = criterion.problems.length > 0 ? criterion.problems : [{ message: criterion.reason, location: criterion.location }];
      for (const problem of ctx.compact ? problems.slice(0, 1) : problems)
        out.push(`  - ${message(problem.message)}${located(ctx, problem.location)}`);
    }
    out.push('');
  }
  out.pop();
}

/** How many of a gate's required criteria fail or are missing: failing gates sort first. */
/** The report's gates, those with the most missing or failed criteria first (stable otherwise). */
function failingFirst(report: Report): Report['gates'] {
  const open = new Map<string, number>();
  for (const c of report.criteria) if (isOpen(c)) open.set(c.gate, (open.get(c.gate) ?? 0) + 1);
  return [...report.gates].sort((a, b) => (open.get(b.id) ?? 0) - (open.get(a.id) ?? 0));
}

function waiversSection(report: Report, ctx: Ctx, out: string[]): void {
  const waivers = report.waivers ?? [];
  if (waivers.length === 0) return;
  out.push('', `${ctx.h} Waivers`, '', '| Criterion | Until | Approved by | State | Reason |', '| --- | --- | --- | --- | --- |');
  for (const w of waivers) {
    out.push(
      `| **${esc(w.criterion)}** | ${esc(w.expires)} | ${esc(w.approved_by)} | ${WAIVER_WORD[w.status]} | ${esc(w.reason)}${located(ctx, w.location, true)} |`,
    );
  }
}

function threeQuestions(report: Report, ctx: Ctx, out: string[]): void {
  const pilot = report.pilot!;
  const production = tally(report, (c) => report.gates.find((g) => g.id === c.gate)?.stage !== 'pre-pilot');
  const data = tally(report, (c) => report.gates.find((g) => g.id === c.gate)?.stage === 'pre-pilot');
  const hasData = report.gates.some((g) => g.stage === 'pre-pilot');
  const icon = (t: Tally) => (t.open > 0 ? '❌' : '✅');
  const owner = report.owner;
  const blockers = report.roles.filter((r) => r.blocking).map((r) => r.role);
  const pendingRoles = report.roles
    .filter((r) => r.required && (r.status === 'pending' || r.status === 'not_requested'))
    .map((r) => r.role);
  let ownerIcon: string;
  let ownerText: string;
  // A table cell: the login and the reason are escaped for a cell (| written \|), once.
  const who = owner.login ? quietLogin(owner.login) : 'nobody';
  if (owner.status === 'invalid') {
    ownerIcon = '❌';
    ownerText = `no valid accountable owner: ${escapeMessage(owner.reason)}`;
  } else if (owner.status === 'awaiting') {
    ownerIcon = '⏳';
    ownerText = `${who} has not approved the head commit yet`;
  } else if (blockers.length > 0) {
    ownerIcon = '❌';
    ownerText = `${who} approved, not enough while ${esc(blockers.join(' and '))} ${blockers.length === 1 ? 'blocks' : 'block'}`;
  } else if (pendingRoles.length > 0) {
    ownerIcon = '⏳';
    ownerText = `${who} approved; ${esc(pendingRoles.join(' and '))} still ${pendingRoles.length === 1 ? 'has' : 'have'} time to answer`;
  } else {
    ownerIcon = '✅';
    ownerText = `${who} approved; every required role answered or consented`;
  }
  out.push('', `${ctx.h} The three questions`, '', '| | Question | Answer |', '| --- | --- | --- |');
  out.push(`| ${ownerIcon} | One accountable owner decides | ${ownerText} |`);
  out.push(
    `| ${hasData ? icon(data) : '➖'} | Data readiness before the pilot | ${hasData ? countStory(data) : 'the policy has no data-readiness gate'} |`,
  );
  out.push(`| ${icon(production)} | Production criteria, ${esc(pilot.risk)}${NB}risk | ${countStory(production)} |`);
}

function roleWho(role: RoleResult): string {
  const acted = reviewersOf(role);
  const people = acted.length > 0 ? acted : list(role.members);
  return people.length > 0 ? people.map((p) => quietLogin(p)).join(', ') : '—';
}

/** "; reminder sent …" or "; reminder due …" for a role reminded in this window. */
function reminderNote(role: RoleResult): string {
  const reminder = role.reminder;
  if (!reminder || reminder.state === 'missed') return '';
  return reminder.sent_at
    ? `; reminder sent ${esc(formatInstant(reminder.sent_at))}`
    : `; reminder due ${esc(formatInstant(reminder.due_at))}`;
}

function roleStatus(role: RoleResult): { blocks: string; status: string } {
  const objectors = reviewersOf(role, 'CHANGES_REQUESTED');
  const approvers = reviewersOf(role, 'APPROVED');
  const by = (people: string[]) => (people.length > 0 ? ` by ${people.map((p) => quietLogin(p)).join(', ')}` : '');
  switch (role.status) {
    case 'approved':
      return { blocks: 'no', status: `✅ approved${by(approvers)}` };
    case 'consented':
      return { blocks: 'no', status: `✅ consented (silence)${reminderNote(role)}` };
    case 'objected':
      return role.blocking
        ? { blocks: '**yes**', status: `⛔ objected${by(objectors)}` }
        : { blocks: 'no', status: `⚠️ objected${by(objectors)}; it advises only` };
    case 'lapsed':
      return { blocks: role.blocking ? '**yes**' : 'no', status: '⛔ window closed without a review' };
    case 'pending':
      if (!role.required) return { blocks: 'no', status: '➖ not required at this tier' };
      if (role.time_left_ms !== null && role.deadline) {
        const then = role.on_silence === 'consent' ? 'then consent' : 'then blocks';
        // A reminder sent late moves consent past the deadline (the reviewer gets the full notice).
        const until = silenceAt(role)!;
        return {
          blocks: `until ${esc(formatInstant(until)).replace(/ /g, NB)}`,
          status: `⏳ ${formatSpan(role.time_left_ms).replace(/ /g, NB)}${NB}left, ${then}${reminderNote(role)}`,
        };
      }
      return { blocks: role.blocking ? '**yes**' : 'until it answers', status: `⏳ ${escapeMessage(role.hint)}` };
    case 'not_requested':
      return {
        blocks: role.required ? 'until asked and answered' : 'no',
        status: role.required ? '⏳ not asked for review yet' : '➖ not required at this tier',
      };
    default:
      return { blocks: role.blocking ? '**yes**' : '—', status: esc(role.status) };
  }
}

function decisionRights(report: Report, ctx: Ctx, out: string[]): void {
  out.push('', `${ctx.h} Decision rights`, '', '| Role | Who | Blocks merge? | Status |', '| --- | --- | --- | --- |');
  const owner = report.owner;
  const ownerStatus =
    owner.status === 'approved'
      ? '✅ approved the head commit'
      : owner.status === 'awaiting'
        ? '⏳ has not approved the head commit'
        : `⛔ ${escapeMessage(owner.reason)}`;
  out.push(
    `| **Accountable owner** | ${owner.login ? quietLogin(owner.login) : '—'} | ${owner.status === 'approved' ? 'no' : '**yes**, until approved'} | ${ownerStatus} |`,
  );
  if (owner.base_owner) {
    out.push(
      `| Previous owner (hand-over) | ${quietLogin(owner.base_owner.login)} | ${owner.base_owner.status === 'approved' ? 'no' : '**yes**, until approved'} | ${owner.base_owner.status === 'approved' ? '✅ approved' : '⏳ awaiting approval'} |`,
    );
  }
  for (const role of report.roles) {
    const { blocks, status } = roleStatus(role);
    const window = role.required ? ` · ${esc(role.window).replace(/ /g, NB)}` : '';
    out.push(`| ${esc(role.title || role.role)}${window} | ${roleWho(role)} | ${blocks} | ${status} |`);
  }
  for (const override of report.overrides)
    out.push('', `> Override of **${esc(override.role)}** by ${code(override.by)}: ${esc(override.reason)}`);
}

function scorecard(report: Report, ctx: Ctx, out: string[]): void {
  if (report.gates.length === 0) return;
  const t = tally(report);
  out.push('', `<details><summary><b>Scorecard</b>: ${countStory(t)}</summary>`, '', '| | Gate | Criteria |', '| --- | --- | --- |');
  const gates = failingFirst(report);
  for (const gate of gates) {
    const g = tally(report, (c) => c.gate === gate.id);
    const symbol = g.required === 0 ? '➖' : g.open > 0 ? '❌' : g.pending > 0 ? '⏳' : '✅';
    const story = g.required === 0 ? `none required at ${esc(report.pilot?.risk ?? 'this')} risk` : countStory(g);
    out.push(`| ${symbol} | ${esc(gate.title)}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''} | ${story} |`);
  }
  if (!ctx.compact) {
    out.push('', '| | Criterion | Gate | Status |', '| --- | --- | --- | --- |');
    for (const c of report.criteria)
      out.push(
        `| ${CRITERION_SYMBOL[c.status]} | **${esc(c.id)}** ${esc(c.title)} | ${esc(c.gate)} | ${CRITERION_WORD[c.status]}${c.valid_until ? `${NB}(until ${esc(formatInstant(c.valid_until))})` : ''} |`,
      );
  }
  out.push('', '</details>');
}

/** Reviews that did not count, each with why (author, bot, not a member, dismissed, stale). */
function notCounted(report: Report, ctx: Ctx, out: string[]): void {
  if (ctx.compact) return;
  const rows = report.roles.flatMap((role) =>
    list(role.reviews)
      .filter((r) => !r.counted)
      .map((r) => ({ role: role.role, review: r })),
  );
  if (rows.length === 0) return;
  out.push(
    '',
    `<details><summary>Reviews that did not count (${rows.length})</summary>`,
    '',
    '| Role | Reviewer | Review | Why it does not count |',
    '| --- | --- | --- | --- |',
  );
  for (const { role, review } of rows) {
    out.push(
      `| ${esc(role)} | ${quietLogin(review.author)} | ${esc(toText(review.state).toLowerCase().replace('_', ' '))}, ${esc(formatInstant(review.at))} | ${esc(review.not_counted_because ?? 'not counted')} |`,
    );
  }
  out.push('', '</details>');
}

/**
 * The job summary's section for a run or pull request that could not be verified: the problems of
 * an input error (each at its location), or one message. Every message is escaped: a team slug or a
 * path quoted in an error comes from the pull request. `what` is the caller's own words ("Pilot
 * readiness", "PR #9"), written as they are on one line.
 */
export function renderFailureMarkdown(
  what: string,
  problems: Finding[] | string,
  options: { level?: number; unexpected?: boolean } = {},
): string {
  const h = '#'.repeat(options.level ?? 3);
  const ctx: Ctx = { h, manifest: null, compact: false, link: () => null };
  const body =
    typeof problems === 'string'
      ? `${options.unexpected ? 'Unexpected error: ' : ''}${message(problems)}`
      : problems.map((problem) => `- ${message(problem.message)}${located(ctx, problem.location)}`).join('\n');
  return `${h} ${toText(what).replace(/[\r\n]+/g, ' ')} could not be verified\n\n${body}\n`;
}
