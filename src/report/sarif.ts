// SARIF 2.1.0 from readiness reports, for GitHub code scanning and other SARIF viewers: one rule per
// criterion of the policy, one per message id an evidence kind reports (plus the rules for input,
// owner, roles and governance), one result per problem at its file, line and column. Pure: the policy
// and the reports come in, a SARIF log goes out.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { EVIDENCE_KINDS } from '../core/evidence/index.js';
import { sha256 } from '../core/hash.js';
import { isOpen } from '../core/story.js';
import type { FrameworkReferences, Policy, Report, SourceLocation } from '../core/types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/pilot-readiness/pilot-readiness';

/** Rules that are not criteria: what else can stop a pilot. */
const RULES = {
  input: { name: 'InvalidInput', text: 'The manifest, the policy or the pull request facts could not be read as they must be.' },
  owner: { name: 'AccountableOwner', text: 'The one accountable owner named by the manifest must approve the head commit.' },
  role: { name: 'ReviewerRole', text: 'A reviewer role of the policy objected, or its window cannot close in consent.' },
  governance: { name: 'GovernanceChange', text: 'A change to who decides or what is required needs the approvals the base branch names.' },
  warning: {
    name: 'ReadinessWarning',
    text: 'Worth fixing, but not what holds the pilot: an unneeded waiver, a hint, a policy ref that can move.',
  },
} as const;
type ExtraRule = keyof typeof RULES;
const ruleId = (extra: ExtraRule) => `pilot-readiness/${extra}`;
/** A finding's message id (`file/missing`) as its rule's id. */
const messageRuleId = (messageId: string) => `pilot-readiness/${messageId}`;

const FRAMEWORKS: Record<keyof FrameworkReferences, string> = {
  nist_ai_rmf: 'NIST AI RMF 1.0',
  eu_ai_act: 'EU AI Act',
  ml_test_score: 'ML Test Score',
  iso_42001: 'ISO/IEC 42001',
};

/** SARIF names are identifiers: "Lineage map" → "LineageMap". */
const identifier = (title: string) =>
  title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());

function referencesText(references: FrameworkReferences | undefined): string[] {
  return Object.entries(references ?? {}).map(
    ([framework, items]) => `${FRAMEWORKS[framework as keyof FrameworkReferences] ?? framework}: ${(items as string[]).join(', ')}`,
  );
}

/** The policy's gates as the reports saw them, when the policy itself is not at hand (the Action's flow). */
function gatesOfReports(reports: readonly Report[]): Policy['gates'] {
  const gates = new Map<string, Policy['gates'][number]>();
  for (const report of reports) {
    for (const result of report.criteria ?? []) {
      const gate = gates.get(result.gate) ?? {
        id: result.gate,
        title: report.gates.find((g) => g.id === result.gate)?.title ?? result.gate,
        criteria: [],
      };
      if (!gate.criteria.some((c) => c.id === result.id)) {
        gate.criteria.push({
          id: result.id,
          title: result.title,
          description: result.title,
          required_for: [],
          allow_not_applicable: false,
          evidence: {},
        });
      }
      gates.set(result.gate, gate);
    }
  }
  return [...gates.values()];
}

function rules(gatesOfPolicy: Policy['gates']): ReportingDescriptor[] {
  const criteria = gatesOfPolicy.flatMap((gate) =>
    gate.criteria.map((criterion): ReportingDescriptor => {
      const references = referencesText(criterion.references);
      const needs = Object.keys(criterion.evidence).join(', ');
      const help = [
        criterion.description.trim(),
        ...(needs ? [`Evidence: ${needs}; required for ${criterion.required_for.join(', ') || 'no'} risk.`] : []),
        ...(references.length > 0 ? [`References: ${references.join('; ')}.`] : []),
        `Run \`pilot-readiness explain ${criterion.id}\` for what it needs.`,
      ].join('\n\n');
      return {
        id: criterion.id,
        name: identifier(criterion.title),
        shortDescription: { text: criterion.title },
        fullDescription: { text: criterion.description.trim() },
        help: { text: help, markdown: help },
        helpUri: `${INFORMATION_URI}#the-default-policy`,
        defaultConfiguration: { level: 'error' },
        properties: {
          tags: ['pilot-readiness', gate.id],
          gate: gate.title,
          ...(criterion.references ? { references: criterion.references } : {}),
        },
      };
    }),
  );
  const extras = (Object.keys(RULES) as ExtraRule[]).map(
    (key): ReportingDescriptor => ({
      id: ruleId(key),
      name: RULES[key].name,
      shortDescription: { text: RULES[key].text },
      defaultConfiguration: { level: key === 'warning' ? 'warning' : 'error' },
      properties: { tags: ['pilot-readiness'] },
    }),
  );
  return [...criteria, ...messageRules(), ...extras];
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/**
 * A rule for every message id of every evidence kind, whether or not this run reports it: the rule
 * list stays the same from run to run, and code scanning can group one kind of problem across
 * criteria and pilots (`pilot-readiness/file/missing`). GitHub requires fullDescription and help.
 */
function messageRules(): ReportingDescriptor[] {
  return EVIDENCE_KINDS.flatMap(({ meta }) =>
    Object.entries(meta.messages).map(([id, when]): ReportingDescriptor => {
      const help = [
        `\`${meta.name}\` evidence: ${meta.docs}`,
        `Reported when ${when}.`,
        'The result names the criterion; run `pilot-readiness explain <criterion>` for what it needs.',
      ].join('\n\n');
      return {
        id: messageRuleId(`${meta.name}/${id}`),
        name: identifier(`${meta.name} ${id}`),
        shortDescription: { text: sentence(when) },
        fullDescription: { text: `${meta.docs} Reported when ${when}.` },
        help: { text: help, markdown: help },
        helpUri: `${INFORMATION_URI}#the-manifest-pilot-readinessyml`,
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['pilot-readiness', `evidence/${meta.name}`] },
      };
    }),
  );
}

/**
 * A repository path as a SARIF `uri`: a relative reference (RFC 3986) with each segment
 * percent-encoded, so that a viewer decoding it gets the path back, never another one: a folder the
 * pull request names `%2e%2e%2f` stays that folder instead of climbing out, and `javascript:x` stays
 * a path instead of a scheme. `encodeURIComponent` keeps only unreserved characters and `!'()*`,
 * which RFC 3986 allows in a segment. Backslashes are Windows separators, as before.
 */
function sarifUri(path: string): string {
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

function location(at: SourceLocation | null, fallback: string) {
  const uri = sarifUri(at?.file ?? fallback);
  return [
    {
      physicalLocation: {
        artifactLocation: { uri },
        ...(at ? { region: { startLine: Math.max(1, at.line), startColumn: Math.max(1, at.column) } } : {}),
      },
    },
  ];
}

/**
 * A fingerprint that survives lines moving: the rule, the file and the message, not the line. Code
 * scanning then keeps one alert per problem across pushes.
 */
const fingerprint = (rule: string, file: string, message: string) => ({
  'pilotReadiness/v1': sha256(`${rule}\u0000${file}\u0000${message}`).slice(0, 32),
});

/**
 * `rule`: the rule the result counted under before findings carried message ids; its fingerprint
 * stays computed from it, so alerts keep theirs. `messageId`: the finding's id, whose rule the
 * result then points at instead.
 */
type Add = (rule: string, level: Result.level, message: string, at: SourceLocation | null, messageId?: string) => void;

/** Who decides and has not yet: the owner, the roles that block or are awaited, the governance changes not approved. */
function signoffResults(report: Report, add: Add): void {
  if (report.owner.status !== 'approved')
    add(ruleId('owner'), report.owner.status === 'invalid' ? 'error' : 'note', report.owner.reason, report.owner.location);
  for (const role of report.roles) {
    if (role.blocking) add(ruleId('role'), 'error', `${role.role} (${role.status.replace('_', ' ')}): ${role.hint}`, role.location);
    else if (role.required && role.status === 'pending') add(ruleId('role'), 'note', `${role.role} (pending): ${role.hint}`, role.location);
  }
  for (const change of report.governance_changes ?? []) {
    if (!change.approved) add(ruleId('governance'), 'note', change.summary, change.location);
  }
}

function resultsOf(report: Report, ruleIndex: ReadonlyMap<string, number>): Result[] {
  const file = report.manifest.path;
  const results: Result[] = [];
  const add: Add = (rule, level, message, at, messageId) => {
    const id = messageId !== undefined && ruleIndex.has(messageRuleId(messageId)) ? messageRuleId(messageId) : rule;
    const index = ruleIndex.get(id);
    results.push({
      ruleId: id,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level,
      message: { text: message },
      locations: location(at, file),
      // The path as written, not its URI: alerts keep their fingerprints across the change to encoded URIs.
      partialFingerprints: fingerprint(rule, (at?.file ?? file).replace(/\\/g, '/'), message),
    });
  };
  for (const error of report.errors) add(ruleId('input'), 'error', error.message, error.location, error.messageId);
  for (const criterion of report.criteria) {
    if (!isOpen(criterion)) continue;
    const level: Result.level = report.decision === 'blocked' ? 'error' : 'warning';
    if (criterion.problems.length === 0)
      add(criterion.id, level, `${criterion.id} ${criterion.title}: ${criterion.reason}`, criterion.location);
    for (const problem of criterion.problems)
      add(
        criterion.id,
        level,
        `${criterion.id} ${criterion.title}: ${problem.message}`,
        problem.location ?? criterion.location,
        problem.messageId,
      );
  }
  signoffResults(report, add);
  for (const warning of report.warnings) add(ruleId('warning'), 'warning', warning.message, warning.location);
  return results;
}

/**
 * One SARIF run for the reports of one policy (a PR's pilots, or one manifest from the CLI). With the
 * policy, each rule carries the criterion's description, evidence and references; without it (null),
 * the rules are the criteria the reports name, with their titles.
 */
export function renderSarif(reports: readonly Report[], policy: Policy | null, version: string): Log {
  const driverRules = rules(policy ? policy.gates : gatesOfReports(reports));
  const ruleIndex = new Map(driverRules.map((rule, index) => [rule.id, index]));
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: 'pilot-readiness',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: driverRules,
          },
        },
        automationDetails: { id: 'pilot-readiness/' },
        results: reports.flatMap((report) => resultsOf(report, ruleIndex)),
        // Columns count UTF-16 code units, as the parser's offsets do.
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
