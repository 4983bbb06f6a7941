// The domain model shared by every part of the core: policy, manifest, PR facts and the report.
// Plain data only, so that the same objects serve the Action, the CLI and the JSON report.

export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** 1-based line and column of a YAML node in a named file. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A path into parsed YAML/JSON data: object keys and array indexes. */
export type DataPath = ReadonlyArray<string | number>;

/** A value that is either the same for every tier or given per tier. */
export type PerTier<T> = T | Partial<Record<RiskTier, T>>;

// ---------------------------------------------------------------- policy (trusted)

export type OnSilence = 'consent' | 'block';
export type OnObjection = 'block' | 'advise';
export type InvalidateOnPush = 'any' | 'governed' | 'never';

export interface OwnerRolePolicy {
  accountable: true;
  /** Logins or org/team slugs allowed to be the accountable owner. Absent: anyone. */
  allowed?: string[];
  /** May the PR author be the accountable owner? Default false. */
  allow_self?: boolean;
  title?: string;
}

export interface ReviewerRolePolicy {
  title?: string;
  description?: string;
  /** Duration such as 14d, 72h, 2w. */
  window: string;
  on_silence: OnSilence;
  on_objection: OnObjection;
  /** Fixed members (logins or org/team); when set, a manifest may not name reviewers for this role. */
  members?: string[];
  /** Risk tiers for which this role must be consulted. Absent: every tier. */
  required_for?: RiskTier[];
  /** How long before the deadline one reminder is posted (a duration), or false for none. Absent: 2d. */
  remind?: string | false;
  /**
   * Silence counts as consent only once the reminder was sent: one value for every tier, or per tier
   * (a tier missing from the map keeps the default). Absent: true for high, false otherwise.
   */
  consent_requires_reminder?: PerTier<boolean>;
}

export interface FileRequirement {
  /** minimatch globs, relative to the manifest's folder, that evidence files must match. */
  paths?: string[];
  /** Fewest bytes an evidence file may hold, so an empty or stub report is not evidence. */
  min_bytes?: number;
  /** Markdown headings (any level, case-insensitive) that at least one evidence file must have, each. */
  headings?: string[];
}

export interface DateRequirement {
  /** Oldest acceptable evidence date, as a duration (e.g. 365d), or per tier. */
  max_age: PerTier<string>;
}

export interface MetricRequirement {
  min?: PerTier<number>;
  max?: PerTier<number>;
  /** Shown in messages, e.g. "ratio" or "days". */
  unit?: string;
  description?: string;
  /** `artifact`: the value must be read from an evaluation artifact (`metrics: { from: ... }`), not typed. Absent: either. */
  metrics_source?: 'artifact' | 'any';
  /**
   * Criterion ids whose evidence is the evaluation this value (typed in the manifest) is judged
   * against: a pull request that changes the value together with that evidence is a governance change.
   */
  fixed_before_evaluation?: string[];
}

export interface LinkRequirement {
  /** A JavaScript regular expression the URL must match. */
  pattern?: string;
}

export interface EvidenceRequirements {
  file?: FileRequirement;
  date?: DateRequirement;
  /** Each named metric must be present; min/max (when given) must hold. */
  metrics?: Record<string, MetricRequirement>;
  link?: LinkRequirement;
  /** Met only by this role's explicit approval of the PR, never by silence. */
  signoff?: string;
}

export interface FrameworkReferences {
  nist_ai_rmf?: string[];
  eu_ai_act?: string[];
  ml_test_score?: string[];
  iso_42001?: string[];
}

export interface CriterionPolicy {
  id: string;
  title: string;
  description: string;
  required_for: RiskTier[];
  allow_not_applicable: boolean;
  /** May a manifest waive this criterion for a while (see Policy.max_waiver)? Default false. */
  waivable?: boolean;
  /** Reviewer roles that may approve a waiver of this criterion (`approved_by`). Absent: any reviewer role. */
  waiver_approvers?: string[];
  evidence: EvidenceRequirements;
  references?: FrameworkReferences;
}

export type GateStage = 'pre-pilot' | 'production';

export interface GatePolicy {
  id: string;
  title: string;
  description?: string;
  /** pre-pilot gates (data readiness) are assessed before the pilot is built. Default production. */
  stage?: GateStage;
  criteria: CriterionPolicy[];
}

export interface Policy {
  version: 1;
  name?: string;
  description?: string;
  /**
   * The policy this one tightens: a bundled name (`default`), a path (CLI) or owner/repo/path@ref.
   * Only in a policy's text: an effective (resolved) policy never carries it.
   */
  extends?: string;
  /** Longest a manifest's waiver may run from now, e.g. 90d. Absent: no waivers at all. */
  max_waiver?: string;
  /**
   * Longest a criterion may stay waived in all, across renewals, counted from the waiver's `since`,
   * e.g. 180d. Absent: no cap beyond max_waiver per renewal.
   */
  max_waiver_total?: string;
  /**
   * The reviewer role whose explicit approval (with the base owner's) confirms a lowered risk tier.
   * Absent: the base owner's approval alone.
   */
  tier_confirmed_by?: string;
  /**
   * Logins or org/team slugs whose approval a pull request that loosens this policy (in the policy's
   * own repository) needs. Absent: such a pull request fails.
   */
  policy_owners?: string[];
  /**
   * The reviewer role whose explicit approval (with the base owner's) confirms a value marked
   * fixed_before_evaluation that changes in the same pull request as its evaluation. Absent: the base owner alone.
   */
  thresholds_confirmed_by?: string;
  invalidate_on_push?: InvalidateOnPush;
  /** Globs (repo-relative) whose change invalidates approvals under invalidate_on_push: governed. */
  governed_paths?: string[];
  /**
   * Base branches (names or globs) whose pull requests the gate's success counts for; absent: the
   * repository's default branch alone. A pull request to any other base never passes.
   */
  branches?: string[];
  roles: { owner: OwnerRolePolicy } & Record<string, OwnerRolePolicy | ReviewerRolePolicy>;
  gates: GatePolicy[];
}

/**
 * A policy file as written. Without `extends` it is a complete Policy; with `extends` it is a layer
 * that states only what it adds or tightens: existing roles, gates and criteria are named by key or
 * id and carry only the settings that change.
 */
export interface PolicyLayer {
  version: 1;
  name?: string;
  description?: string;
  extends?: string;
  invalidate_on_push?: InvalidateOnPush;
  governed_paths?: string[];
  branches?: string[];
  max_waiver?: string;
  max_waiver_total?: string;
  tier_confirmed_by?: string;
  thresholds_confirmed_by?: string;
  policy_owners?: string[];
  roles?: Record<string, Partial<OwnerRolePolicy> | Partial<ReviewerRolePolicy>>;
  gates?: Array<Partial<Omit<GatePolicy, 'criteria'>> & { id: string; criteria?: Array<Partial<CriterionPolicy> & { id: string }> }>;
}

// ---------------------------------------------------------------- manifest (untrusted, from the PR)

/**
 * Where an entry's metrics are read from instead of (or besides) being typed: a JSON/YAML file, the
 * pilot's DVC metrics, or its Hugging Face model card. Reserved keys beside the metric names.
 */
export interface MetricsFrom {
  from?: string;
  /** Dotted path prefixed to every metric name looked up in the artifact. */
  prefix?: string;
  /** model-card: the result's task (type or name) and dataset (type or name). */
  task?: string;
  dataset?: string;
}

/** A metric's value as the manifest states it: typed, or where in the artifact it is (`{ key: a.b.c }`). */
export type MetricValue = number | { key: string };

export interface EvidenceEntry {
  file?: string | string[];
  date?: string;
  metrics?: MetricsFrom & Record<string, MetricValue | string | undefined>;
  unit?: string;
  link?: string;
  not_applicable?: string;
  note?: string;
}

/** A time-limited exemption from one criterion, approved by a reviewer role. */
export interface WaiverEntry {
  reason: string;
  /** YYYY-MM-DD: the waiver holds through this day (UTC). */
  expires: string;
  /** A reviewer role of the policy whose explicit approval of the PR puts the waiver in force. */
  approved_by: string;
  /**
   * YYYY-MM-DD: the first day the criterion was waived, kept through renewals. Required when the
   * policy sets max_waiver_total; a renewal may not move it later than the base branch's.
   */
  since?: string;
}

/** A model artifact a manifest names by digest (pilot.model_artifacts). */
export interface ModelArtifact {
  name: string;
  sha256: string;
}

export interface Manifest {
  version: 1;
  pilot: {
    name: string;
    title?: string;
    risk: RiskTier;
    description?: string;
    /** Model artifacts by digest: subjects of the readiness attestation. */
    model_artifacts?: ModelArtifact[];
  };
  owner: string;
  reviewers?: Record<string, string[]>;
  evidence?: Record<string, EvidenceEntry>;
  /** Keyed by criterion id; allowed only for criteria the policy marks waivable. */
  waivers?: Record<string, WaiverEntry>;
}

// ---------------------------------------------------------------- PR facts (issue 3)

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface PrFacts {
  version: 1;
  repository: string;
  number: number;
  author: string;
  head_sha: string;
  base_ref: string;
  draft: boolean;
  /** When the PR was opened non-draft or marked ready for review; null while draft. */
  ready_at: string | null;
  commits: Array<{ sha: string; at: string; files?: string[] }>;
  /** Review requests, and with `removed: true` their removals (at `at`); a role's window runs while any of it is requested. */
  review_requests: Array<{ reviewer: string; at: string; removed?: true }>;
  reviews: Array<{ id: number | string; author: string; state: ReviewState; at: string; commit: string; body?: string }>;
  /** org/team -> member logins, as resolved when the facts were gathered. */
  teams: Record<string, string[]>;
  /**
   * Reminders already posted, as the bot's own comments record them (pilot, role, the deadline of the
   * window they were sent for, and the comment's creation instant). Absent: none known.
   */
  reminders?: SentReminder[];
  /**
   * The pilot's manifest on the base branch, if it existed there: the reference every governance
   * change is judged against. `path` and `text` are absent in facts written before they were recorded;
   * then only a change of owner is recognised. This is where a facts file (`check --pr`) and a
   * report's `inputs.facts` record it; it reaches the engine as `EvaluationInput.base` (baseFromFacts).
   */
  base_manifest?: BaseManifest | null;
}

/** One reminder comment as found on the pull request (only the bot's own comments count). */
export interface SentReminder {
  pilot: string;
  role: string;
  /** The deadline of the window the reminder was sent for (ISO 8601): one reminder per window. */
  deadline: string;
  /** When the comment was created (ISO 8601). */
  at: string;
}

/** The same pilot (by pilot.name, or by path) as the base branch holds it. */
export interface BaseManifest {
  owner: string;
  /** Repository-relative path on the base branch. */
  path?: string;
  /** The manifest's text on the base branch. */
  text?: string;
}

// ---------------------------------------------------------------- repository view (port)

export type RepoPathKind = 'file' | 'dir' | 'missing' | 'outside' | 'unverifiable';

/**
 * What the engine may know of the repository that holds the manifest. Paths are
 * repository-relative POSIX paths, already normalised by the engine.
 * 'outside' means a symlink (or similar) that resolves outside the repository; 'unverifiable' a symlink
 * or submodule whose target the repository view cannot see (the GitHub API's tree).
 */
export interface RepoFiles {
  stat(repoPath: string): RepoPathKind;
  /**
   * The text of a file stat() calls a file, for evidence the engine reads (metrics artifacts,
   * documents with min_bytes or headings); a problem when it cannot be read whole as UTF-8 text
   * within the size limit. Absent: the view reads nothing (each read is a problem).
   */
  read?(repoPath: string): FileRead;
  /**
   * The content hashes of a file stat() calls a file; null when the view has none. Asked once the
   * evaluation is done, after every read(): a view may give sha256 only for files it read.
   */
  hash?(repoPath: string): FileHashes | null;
}

export type FileRead = { text: string; bytes: number } | { problem: string };

/** A file's content as recorded: git's blob sha (from the tree, or computed), and the sha256 of its bytes where they were read. */
export interface FileHashes {
  git_blob_sha?: string;
  sha256?: string;
}

/** One evidence file the decision used: its repository path and content hashes. */
export interface EvidenceFileRecord extends FileHashes {
  path: string;
}

// ---------------------------------------------------------------- report

export type Decision = 'ready' | 'pending' | 'blocked';

export type CriterionStatus = 'met' | 'missing' | 'failed' | 'not_applicable' | 'awaiting_signoff' | 'not_required' | 'waived';

export interface Finding {
  message: string;
  location: SourceLocation | null;
  /**
   * What an evidence kind reported, as a stable id (`file/missing`, `metrics/below-min`) that outlives the
   * wording; listed in the kind's `meta.messages`. Reports keep it (a criterion's problems, a report's
   * errors) so SARIF can give each id its own rule; absent where no kind reported the finding.
   */
  messageId?: string;
}

export interface CriterionResult {
  id: string;
  gate: string;
  title: string;
  required: boolean;
  status: CriterionStatus;
  /** One human sentence: why this status. */
  reason: string;
  /** Every individual problem, each at its own location. */
  problems: Finding[];
  location: SourceLocation | null;
  signoff?: string;
  /**
   * When it is met or awaits its sign-off: the last instant its evidence passes by time alone (a date
   * reaching its max_age; stale right after), the earliest of its entries. A sweep wakes for it.
   */
  valid_until?: string;
}

export interface GateResult {
  id: string;
  title: string;
  stage: GateStage;
  /** Required criteria met with evidence. */
  met: number;
  /** Required criteria justified as not applicable (counted apart from met). */
  not_applicable: number;
  required: number;
  /** Required criteria waived (counted apart from met); present when the manifest declares waivers. */
  waived?: number;
}

export type OwnerStatus = 'approved' | 'awaiting' | 'invalid';

export interface OwnerResult {
  login: string | null;
  status: OwnerStatus;
  reason: string;
  location: SourceLocation | null;
}

export type RoleStatus = 'approved' | 'objected' | 'consented' | 'lapsed' | 'pending' | 'not_requested';

/** One review as the sign-off rules saw it: counted or not, and why. */
export interface ReviewVerdict {
  id: number | string;
  author: string;
  state: ReviewState;
  at: string;
  commit: string;
  counted: boolean;
  /** Why a review does not count: author of the PR, bot, not a member, dismissed, stale (reviewed an older commit). */
  not_counted_because?: string;
}

export interface RoleResult {
  role: string;
  title: string;
  status: RoleStatus;
  /** Required for the pilot's risk tier. */
  required: boolean;
  /** True when this role stops the PR (objection with on_objection: block, lapsed, or unfilled). */
  blocking: boolean;
  /** Members as configured: logins and org/team slugs. */
  members: string[];
  /** Where the members came from. */
  members_from: 'policy' | 'manifest' | 'none';
  /** Logins after team expansion. */
  resolved_members: string[];
  window: string;
  on_silence: OnSilence;
  on_objection: OnObjection;
  started_at: string | null;
  deadline: string | null;
  /** Milliseconds at `now` until silence takes effect (the deadline, or a late reminder's later consent_at); null when no window runs. */
  time_left_ms: number | null;
  reviews: ReviewVerdict[];
  /** The window's reminder, when the policy reminds this role and the role is waiting on silence. */
  reminder?: RoleReminder;
  /** What a person should do next about this role, in one sentence. */
  hint: string;
  location: SourceLocation | null;
}

/**
 * scheduled: not due yet; due: to be posted now (not sent, due, and still useful); sent; missed: not
 * sent and no longer useful (the window closed and silence does not wait for a reminder).
 */
export type ReminderState = 'scheduled' | 'due' | 'sent' | 'missed';

export interface RoleReminder {
  state: ReminderState;
  /** When it is (or was) due: `remind` before the deadline, never before the window started. */
  due_at: string;
  /** When its comment was created; null while not sent. */
  sent_at: string | null;
  /** The window's deadline it is sent for (the marker's deadline). */
  deadline: string;
  /** Silence counts as consent only after it was sent (consent_requires_reminder for the pilot's tier). */
  required: boolean;
  /**
   * With on_silence: consent, when silence counts as consent: the deadline, or for a reminder sent
   * late, its sending plus the notice it should have given; null while a required reminder is unsent.
   */
  consent_at: string | null;
}

export type WaiverStatus = 'in_force' | 'awaiting_approval' | 'expired' | 'not_needed' | 'invalid';

/** One waiver of the manifest as the engine applied it. */
export interface WaiverResult {
  criterion: string;
  reason: string;
  expires: string;
  approved_by: string;
  /** The waiver's `since`, when the manifest states one. */
  since?: string;
  /** in_force: approved and unexpired (the criterion is `waived`); invalid: refused as an input error. */
  status: WaiverStatus;
  /**
   * While in force: the instant it stops holding (the end of its `expires` day, UTC), when time alone
   * changes the report even if it is ready. A sweep wakes for it.
   */
  ends_at?: string;
  location: SourceLocation | null;
}

/**
 * What a pull request changes about who decides or what is required, against the base branch's
 * manifest of the same pilot. Each needs approvals beyond the usual ones, listed in `needs`.
 */
export type GovernanceChangeKind =
  | 'retired'
  | 'moved'
  | 'owner_changed'
  | 'risk_lowered'
  | 'reviewers_changed'
  | 'waiver_added'
  | 'waiver_extended'
  | 'threshold_changed';

export interface GovernanceApproval {
  /** A login (owners) or a role name. */
  who: string;
  as: 'base_owner' | 'owner' | 'role';
  status: 'approved' | 'awaiting';
}

export interface GovernanceChange {
  kind: GovernanceChangeKind;
  /** One sentence, e.g. "risk tier lowered from high to low". */
  summary: string;
  /** The base branch's value and the head's, as text (null where there is none). */
  from: string | null;
  to: string | null;
  /** Who must approve the head commit for the change to take effect; empty when nothing more is needed. */
  needs: GovernanceApproval[];
  /** Every approval in `needs` is given. Until then the base value applies (or the decision waits). */
  approved: boolean;
  location: SourceLocation | null;
}

export interface Override {
  role: string;
  by: string;
  reason: string;
  review_id: number | string;
  at: string;
}

// ---------------------------------------------------------------- the report (JSON contract)

export interface Report {
  report_version: 1;
  tool: { name: 'pilot-readiness'; version: string };
  decision: Decision;
  /**
   * Over every required criterion of every gate: met (or justified not-applicable) / required.
   * `waived` (present when the manifest declares waivers) counts required criteria waived, apart from met.
   */
  /**
   * One count story: required = met + not_applicable + waived + the rest (missing, failed, awaiting a
   * sign-off). Every format tells it the same way ("29 met + 1 not applicable of 30 required").
   */
  score: { met: number; not_applicable: number; required: number; waived?: number };
  pilot: { name: string; title: string | null; risk: RiskTier } | null;
  manifest: { path: string; sha256: string };
  /**
   * sha256 is the entry policy's text. chain, present when the policy extends another, lists every
   * policy it was resolved from (the entry first, then what it extends), each with its text's sha256.
   */
  policy: { name: string | null; source: string; sha256: string; chain?: Array<{ source: string; sha256: string }> };
  now: string;
  gates: GateResult[];
  criteria: CriterionResult[];
  owner: OwnerResult & { base_owner?: { login: string; status: 'approved' | 'awaiting' } };
  roles: RoleResult[];
  overrides: Override[];
  /** What blocks the decision (criterion ids, role names, `owner`). */
  blocking: string[];
  /** What a pending decision waits on. */
  waiting_on: string[];
  /** For a pending decision: the earliest instant at which time alone can change it. */
  next_change_at: string | null;
  /** Short sentences explaining the decision. */
  reasons: string[];
  errors: Finding[];
  warnings: Finding[];
  /** The manifest's waivers and what became of each; present when the manifest declares waivers. */
  waivers?: WaiverResult[];
  /**
   * What the pull request changes about who decides or what is required, judged against the base
   * branch's manifest of the same pilot. Present when the PR facts carry a base manifest.
   */
  governance_changes?: GovernanceChange[];
  /**
   * Every evidence file the decision used (named by a file requirement, or read for metrics), with
   * its content hashes, so an audit can tell which version of a report the decision rested on.
   * Present when the evaluation looked at any file.
   */
  evidence_files?: EvidenceFileRecord[];
  /** The model artifacts the manifest names by digest (pilot.model_artifacts), when it names any. */
  model_artifacts?: ModelArtifact[];
  /** Everything the decision depended on, so `pilot-readiness replay` can reproduce it. */
  inputs: ReportInputs;
}

export interface ReportInputs {
  /** text null: the head holds no regular file for this pilot any more (it is being retired). */
  manifest: { path: string; text: string | null; retired?: string };
  policy: {
    source: string;
    text: string;
    /** The policies the entry extends, its parent first, as read: what replay resolves `extends` from. */
    parents?: Array<{ source: string; text: string }>;
  };
  /** What the repository view answered for each evidence path the engine looked up. */
  files: Record<string, RepoPathKind>;
  /** The texts of the files the engine read (metrics artifacts, documents checked for headings), for replay. */
  texts?: Record<string, string>;
  /** The paths the pull request changes (or the CLI's work since --base), as the evaluation was given them. */
  changed_files?: string[];
  /** The base manifest the CLI's --base read, when the facts carry none. */
  base?: { path: string; text: string };
  facts: PrFacts | null;
  now: string;
}
