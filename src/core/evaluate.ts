// The engine: manifest + trusted policy + repository view + PR facts + now → Report. Pure: the
// clock, the files and the PR arrive as values, so the same inputs always give the same report.
import { posix } from 'node:path';
import { formatLocation, InputError } from './errors.js';
import { decide } from './decide.js';
import { asReported, EVIDENCE_KINDS, judgeNotApplicable, type EvidenceContext, type EvidenceKind } from './evidence/index.js';
import { sha256 } from './hash.js';
import { criteriaById } from './criteria.js';
import type { LoadedPolicy } from './policy.js';
import { schemaFindings } from './validate.js';
import { manifest as manifestValidator } from './generated/manifest-validator.js';
import { evaluateSignoffs, type SignoffResult } from './signoff/index.js';
import { sortReviews } from './signoff/reviews.js';
import {
  approvedHead,
  awaitedBy,
  baseVersion,
  changedFilesOf,
  manifestData,
  ownerChange,
  planGovernance,
  retirementChange,
  settleTier,
  thresholdChanges,
  waiverChanges,
  type BaseVersion,
  type GovernancePlan,
} from './governance.js';
import { sameLogin } from './signoff/identity.js';
import { didYouMean, suggestionBudget } from './suggest.js';
import { applyWaiver, checkWaivers, type Predecessor } from './waivers.js';
import type {
  CriterionPolicy,
  CriterionResult,
  CriterionStatus,
  DataPath,
  EvidenceEntry,
  FileRead,
  Finding,
  GateResult,
  GovernanceChange,
  Manifest,
  PrFacts,
  RepoFiles,
  RepoPathKind,
  Report,
  RiskTier,
  WaiverStatus,
  SourceLocation,
} from './types.js';
import { placeholderFindings } from './placeholders.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

import { TOOL_VERSION } from './version.js';

export { TOOL_VERSION };

export interface EvaluationInput {
  /**
   * The manifest's text and its repository-relative path (e.g. `pilots/claims/pilot-readiness.yml`).
   * text null: the head holds no regular file for a pilot the base branch has (`base` with an owner):
   * the pull request retires it.
   */
  manifest: { path: string; text: string | null; retired?: string };
  policy: LoadedPolicy;
  files: RepoFiles;
  facts: PrFacts | null;
  now: Date;
  /**
   * Paths the pull request changes (the Action), or the work since the base (CLI --base): a value fixed
   * before the evaluation that changes along with a file its evaluation used is a governance change.
   */
  changedFiles?: string[];
  /** The pilot's manifest at the base: the only way it reaches the engine (see BaseManifestInput). */
  base?: BaseManifestInput;
}

/**
 * The pilot's manifest on the base branch. With an `owner` it is the pull request's base (the
 * Action reads it from the base branch; a facts file or a saved report records it as
 * `facts.base_manifest`): governance is judged against it (owner, tier, reviewers, waivers,
 * thresholds), and a pull request without a head manifest retires it. Without an owner (CLI --base)
 * it only fixes the thresholds the evaluation compares. `path` and `text` are absent in facts
 * written before they were recorded: then only a change of owner is judged.
 */
export interface BaseManifestInput {
  owner?: string;
  path?: string;
  text?: string;
}

/**
 * Takes the base manifest out of recorded facts (a facts file, a saved report's inputs) so it reaches
 * the engine as `EvaluationInput.base`, joined with a reference base (CLI --base, a report's
 * `inputs.base`) that fills what old facts did not record. The facts keep their `base_manifest` key,
 * emptied, so that the report records them in the same shape.
 */
export function baseFromFacts(
  facts: PrFacts | null,
  reference?: { path: string; text: string },
): { facts: PrFacts | null; base?: BaseManifestInput } {
  const recorded = facts?.base_manifest;
  if (!recorded) return reference ? { facts, base: { path: reference.path, text: reference.text } } : { facts };
  const path = recorded.path ?? reference?.path;
  const text = typeof recorded.text === 'string' ? recorded.text : reference?.text;
  return {
    facts: { ...facts!, base_manifest: null },
    base: { owner: recorded.owner, ...(path !== undefined ? { path } : {}), ...(text !== undefined ? { text } : {}) },
  };
}

/**
 * The facts as the sign-off rules and the report read them: with the pull request's base owner in
 * `base_manifest`. Facts arriving with one of their own are a caller that bypassed `base`, which
 * would leave governance unjudged: refused rather than guessed.
 */
function factsOf(input: EvaluationInput): PrFacts | null {
  const facts = input.facts;
  if (facts === null) return null;
  if (facts.base_manifest)
    throw new Error('facts.base_manifest reaches the engine as EvaluationInput.base: pass the facts through baseFromFacts first');
  const base = input.base;
  if (base?.owner === undefined) return facts;
  return {
    ...facts,
    base_manifest: {
      owner: base.owner,
      ...(base.path !== undefined ? { path: base.path } : {}),
      ...(base.text !== undefined ? { text: base.text } : {}),
    },
  };
}

/** What a recording view saw: each stat answer, each text read, and every file used (hashed once the evaluation is done). */
interface FileLog {
  kinds: Map<string, RepoPathKind>;
  texts: Map<string, string>;
  used: Set<string>;
}

/** Wraps a repository view so the report can record every answer it gave (for replay) and the files it used. */
function recording(files: RepoFiles, log: FileLog): RepoFiles {
  const reads = new Map<string, FileRead>();
  return {
    stat(path) {
      const kind = files.stat(path);
      log.kinds.set(path, kind);
      if (kind === 'file') log.used.add(path);
      return kind;
    },
    read(path) {
      let read = reads.get(path);
      if (read === undefined) {
        read = files.read ? files.read(path) : { problem: 'this repository view cannot read file contents' };
        reads.set(path, read);
        if ('text' in read) log.texts.set(path, read.text);
      }
      return read;
    },
  };
}

/** What evaluating one criterion needs from the policy alone: worked out once per policy, not per manifest. */
interface CriterionPlan {
  /** The evidence kinds the criterion asks for, in EVIDENCE_KINDS order, and their names for a message. */
  kinds: readonly EvidenceKind[];
  needs: string;
  entryPath: DataPath;
}

// Policies are never mutated once loaded (see criteriaById); each criterion object gets its plan once.
const plans = new WeakMap<CriterionPolicy, CriterionPlan>();

function planOf(criterion: CriterionPolicy): CriterionPlan {
  let plan = plans.get(criterion);
  if (!plan) {
    const kinds = EVIDENCE_KINDS.filter((kind) => kind.applies(criterion));
    plan = { kinds, needs: kinds.map((kind) => kind.meta.name).join(', '), entryPath: ['evidence', criterion.id] };
    plans.set(criterion, plan);
  }
  return plan;
}

/** Evaluates one criterion's evidence. `approvedRoles` are roles with an explicit counted approval. */
function evaluateCriterion(
  criterion: CriterionPolicy,
  gate: string,
  entry: EvidenceEntry | undefined,
  ctx: {
    tier: RiskTier;
    now: Date;
    manifestDir: string;
    files: RepoFiles;
    parsed: ParsedYaml;
    approvedRoles: Set<string>;
    usedBy: Map<string, Set<string>>;
  },
): CriterionResult {
  const required = criterion.required_for.includes(ctx.tier);
  const { kinds, needs, entryPath } = planOf(criterion);
  const locate = (path: DataPath): SourceLocation => ctx.parsed.locate([...entryPath, ...path]);
  // One object shape for every result (this runs for every criterion of every manifest).
  const result = (status: CriterionStatus, reason: string, problems: Finding[], location: SourceLocation | null): CriterionResult => {
    const criterionResult: CriterionResult = {
      id: criterion.id,
      gate,
      title: criterion.title,
      required,
      status: required ? status : 'not_required',
      reason: required
        ? reason
        : `not required for ${ctx.tier} risk${status === 'met' || status === 'not_applicable' ? '' : ` (${reason})`}`,
      problems,
      location,
    };
    if (criterion.evidence.signoff) criterionResult.signoff = criterion.evidence.signoff;
    return criterionResult;
  };

  if (entry?.not_applicable !== undefined) {
    const at = locate(['not_applicable']);
    const judged = judgeNotApplicable(criterion, entry.not_applicable);
    return result(judged.status, judged.reason, judged.problem === null ? [] : [{ message: judged.problem, location: at }], at);
  }

  const signoff = criterion.evidence.signoff;
  if (entry === undefined && kinds.length > 0) {
    const location = ctx.parsed.has(['evidence']) ? ctx.parsed.locateKey(['evidence']) : ctx.parsed.locate([]);
    return result('missing', `no evidence: add evidence.${criterion.id} with ${needs}`, [], location);
  }

  const problems: Finding[] = [];
  let validUntil: number | null = null;
  if (entry !== undefined && kinds.length > 0) {
    // The files this criterion's evidence used: a threshold fixed before its evaluation is judged against them.
    const used = new Set<string>();
    ctx.usedBy.set(criterion.id, used);
    const files: RepoFiles = {
      stat: (path) => {
        used.add(path);
        return ctx.files.stat(path);
      },
      read: (path) => ctx.files.read!(path),
    };
    // One context for every kind of the criterion; findings appended without spreading.
    const check: EvidenceContext = {
      criterion,
      entry,
      tier: ctx.tier,
      now: ctx.now,
      manifestDir: ctx.manifestDir,
      files,
      locate,
      validUntil: (ms) => {
        if (Number.isFinite(ms) && (validUntil === null || ms < validUntil)) validUntil = ms;
      },
    };
    for (const kind of kinds) for (const finding of kind.check(check)) problems.push(asReported(finding));
  }
  const location = entry !== undefined ? ctx.parsed.locateKey(entryPath) : null;
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return result('failed', `${problems[0]!.message}${more}`, problems, problems[0]!.location);
  }
  const timed = (r: CriterionResult): CriterionResult => {
    if (validUntil !== null && (r.status === 'met' || r.status === 'awaiting_signoff')) r.valid_until = new Date(validUntil).toISOString();
    return r;
  };
  if (signoff !== undefined && !ctx.approvedRoles.has(signoff)) {
    return timed(result('awaiting_signoff', `needs an explicit approval from the ${signoff} role (silence does not count)`, [], location));
  }
  return timed(result('met', signoff !== undefined ? `evidence checked; approved by ${signoff}` : 'evidence checked', [], location));
}

function manifestFindings(manifest: Manifest, parsed: ParsedYaml, policy: LoadedPolicy): Finding[] {
  const ids = criteriaById(policy.policy);
  const findings: Finding[] = [];
  // Bounded work on hostile input: only the first unknown ids of a file get a "did you mean".
  const hints = suggestionBudget();
  for (const id of Object.keys(manifest.evidence ?? {})) {
    if (!ids.has(id)) {
      findings.push({
        message: `unknown criterion id "${id}": the policy (${policy.source}) has no such criterion.${didYouMean(id, ids.keys(), hints)} Run \`pilot-readiness explain\` to list them.`,
        location: parsed.locateKey(['evidence', id]),
      });
    }
  }
  // Each kind refuses what an entry names, whatever the policy asks: first every path that leaves the
  // repository (an attempt, not a mistake), then every value that is not one of its kind.
  const manifestDir = posix.dirname(parsed.file) === '.' ? '' : posix.dirname(parsed.file);
  const entries = Object.entries(manifest.evidence ?? {}).map(([id, entry]) => ({
    entry,
    ctx: { id, manifestDir, locate: (path: DataPath) => parsed.locate(['evidence', id, ...path]) },
  }));
  for (const { entry, ctx } of entries)
    for (const kind of EVIDENCE_KINDS) for (const finding of kind.validatePaths?.(entry, ctx) ?? []) findings.push(asReported(finding));
  for (const { entry, ctx } of entries)
    for (const kind of EVIDENCE_KINDS) for (const finding of kind.validateEntry?.(entry, ctx) ?? []) findings.push(asReported(finding));
  return findings;
}

function blockedByInput(input: EvaluationInput, errors: Finding[], parsed: ParsedYaml | null): Report {
  const manifest = parsed?.data as Partial<Manifest> | undefined;
  const pilot = manifest?.pilot;
  return {
    ...header(input),
    decision: 'blocked',
    score: { met: 0, not_applicable: 0, required: 0 },
    pilot: pilot && typeof pilot.name === 'string' ? { name: pilot.name, title: pilot.title ?? null, risk: pilot.risk as RiskTier } : null,
    gates: [],
    criteria: [],
    owner: {
      login: typeof manifest?.owner === 'string' ? manifest.owner : null,
      status: 'invalid',
      reason: 'the manifest is invalid',
      location: null,
    },
    roles: [],
    overrides: [],
    blocking: ['manifest'],
    waiting_on: [],
    next_change_at: null,
    reasons: [
      `the manifest ${input.manifest.path} is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}); fix it and run again`,
    ],
    errors,
    warnings: [],
    inputs: inputsOf(input, {}),
  };
}

function header(input: EvaluationInput) {
  return {
    report_version: 1 as const,
    tool: { name: 'pilot-readiness' as const, version: TOOL_VERSION },
    manifest: { path: input.manifest.path, sha256: sha256(input.manifest.text ?? '') },
    policy: {
      name: input.policy.policy.name ?? null,
      source: input.policy.source,
      sha256: input.policy.sha256,
      // Only for a policy that extends another: a report without `chain` was decided by the entry alone.
      ...(input.policy.layers && input.policy.layers.length > 1
        ? { chain: input.policy.layers.map(({ source, sha256: hash }) => ({ source, sha256: hash })) }
        : {}),
    },
    now: input.now.toISOString(),
  };
}

/** `withChanges`: the changed files decided something (a threshold change), so replay needs them. */
function inputsOf(input: EvaluationInput, files: Record<string, RepoPathKind>, texts?: Map<string, string>, withChanges = false) {
  return {
    manifest: {
      path: input.manifest.path,
      text: input.manifest.text,
      ...(input.manifest.retired !== undefined ? { retired: input.manifest.retired } : {}),
    },
    policy: {
      source: input.policy.source,
      text: input.policy.text,
      // What the entry extends, as read: replay resolves the chain from these texts, not from the network.
      ...(input.policy.layers && input.policy.layers.length > 1
        ? { parents: input.policy.layers.slice(1).map(({ source, text }) => ({ source, text })) }
        : {}),
    },
    files,
    ...(texts && texts.size > 0 ? { texts: Object.fromEntries(texts) } : {}),
    ...(withChanges && input.changedFiles ? { changed_files: input.changedFiles } : {}),
    // The replay format: the pull request's base inside the facts, the CLI's --base beside them.
    ...(input.base?.owner === undefined && input.base?.path !== undefined && input.base.text !== undefined
      ? { base: { path: input.base.path, text: input.base.text } }
      : {}),
    facts: factsOf(input),
    now: input.now.toISOString(),
  };
}

/**
 * A pilot the pull request retires: its manifest is gone from the head (deleted, renamed, or no longer
 * a regular file). Nothing is left to check but the base owner's consent: until they approve the head
 * commit, the decision waits.
 */
function evaluateRetirement(input: EvaluationInput, base: BaseVersion | null): Report {
  const facts = factsOf(input);
  const retiredAt = input.manifest.path;
  if (base === null || facts === null) {
    const problem = {
      message: `${retiredAt}: no manifest to evaluate (the pilot's manifest is not a regular file, and the base branch holds no manifest to compare it with)`,
      location: null,
    };
    return blockedByInput(input, [problem], null);
  }
  const name = base.name ?? base.path ?? retiredAt;
  const approved = approvedHead(sortReviews(facts.reviews), base.owner, facts);
  const how = input.manifest.retired ?? `${base.path ?? retiredAt} is no longer a regular file in the head`;
  const change = retirementChange(name, how, base.owner, approved, base.path ?? retiredAt);
  const authorIsOwner = sameLogin(facts.author, base.owner);
  const waiting = approved
    ? []
    : [
        `retiring ${name}: ${base.owner} (its owner on the base branch) must approve the head commit ${facts.head_sha.slice(0, 7)}${
          authorIsOwner ? `; GitHub does not let ${base.owner} approve their own pull request, so have someone else open it` : ''
        }`,
      ];
  return {
    ...header(input),
    decision: approved ? 'ready' : 'pending',
    score: { met: 0, not_applicable: 0, required: 0 },
    pilot: base.name !== null ? { name: base.name, title: base.title, risk: base.risk } : null,
    gates: [],
    criteria: [],
    owner: {
      login: base.owner,
      status: approved ? 'approved' : 'awaiting',
      reason: approved ? `${base.owner} (the owner on the base branch) approved retiring ${name}` : waiting[0]!,
      location: null,
    },
    roles: [],
    overrides: [],
    blocking: [],
    waiting_on: approved ? [] : ['governance'],
    next_change_at: null,
    reasons: approved ? [`retiring ${name}: ${base.owner} (the owner on the base branch) approved the head commit`] : waiting,
    errors: [],
    warnings: [],
    governance_changes: [change],
    inputs: inputsOf(input, {}),
  };
}

/**
 * Whom to ask for a review before evaluating: the members of every role the pilot's tier requires
 * that nobody has asked yet (never the owner, the base owner or the PR author). Only the sign-off
 * rules run, not the evidence checks, so that a pull request is evaluated once per run even when the
 * Action asks roles first (asking starts their windows). A lowered tier still awaiting its approvals
 * asks the roles of the base tier.
 */
export function rolesToRequest(input: EvaluationInput): { people: string[]; teams: string[] } {
  const none = { people: [], teams: [] };
  const facts = factsOf(input);
  if (input.manifest.text === null || facts === null || facts.draft || facts.ready_at === null) return none;
  const read = readManifestOnce(input.manifest as { path: string; text: string });
  if (!read.ok) return none;
  const { parsed, manifest } = read;
  const base = baseVersion(input.base);
  const plan = planFor(input, parsed, manifest, base);
  const signoffs = evaluateSignoffs({
    policy: input.policy.policy,
    manifest: plan?.effective ?? manifest,
    locate: (path) => parsed.locate(path),
    facts,
    now: input.now,
    signoffCriteria: {},
  });
  const barred = [manifest.owner, facts.author, ...(base ? [base.owner] : [])];
  const people = new Set<string>();
  const teams = new Set<string>();
  for (const role of signoffs.roles) {
    if (!role.required || role.status !== 'not_requested') continue;
    for (const member of role.members) {
      if (member.includes('/')) teams.add(member);
      else if (!barred.some((login) => sameLogin(login, member))) people.add(member);
    }
  }
  return { people: [...people], teams: [...teams] };
}

/**
 * True when evaluating `input` may read file contents: an evidence kind says its check of an entry
 * reads them (a metrics artifact; a file whose size or headings the policy asks for). The flow reads
 * those files beforehand only then.
 */
export function readsFiles(input: EvaluationInput): boolean {
  if (input.manifest.text === null) return false;
  const read = readManifestOnce(input.manifest as { path: string; text: string });
  if (!read.ok) return false;
  const evidence = read.manifest.evidence ?? {};
  for (const { criterion } of criteriaById(input.policy.policy).values()) {
    const entry = evidence[criterion.id];
    if (entry !== undefined && EVIDENCE_KINDS.some((kind) => kind.readsContents(entry, criterion))) return true;
  }
  return false;
}

type ManifestRead = { ok: true; parsed: ParsedYaml; manifest: Manifest } | { ok: false; errors: Finding[]; parsed: ParsedYaml | null };
/** Reads per manifest object: asking roles, then evaluating, parses and schema-checks a manifest once. */
const READS = new WeakMap<object, { text: string; read: ManifestRead }>();

/** readManifest, once per manifest object (and text): the Action asks roles before it evaluates. */
function readManifestOnce(manifest: { path: string; text: string }): ManifestRead {
  const known = READS.get(manifest);
  if (known && known.text === manifest.text) return known.read;
  const read = readManifest(manifest);
  READS.set(manifest, { text: manifest.text, read });
  return read;
}

/** The manifest parsed and checked against its schema: what both the evaluation and rolesToRequest start from. */
function readManifest(manifest: {
  path: string;
  text: string;
}): { ok: true; parsed: ParsedYaml; manifest: Manifest } | { ok: false; errors: Finding[]; parsed: ParsedYaml | null } {
  let parsed: ParsedYaml;
  try {
    parsed = parseYaml(manifest.text, manifest.path);
  } catch (error) {
    if (error instanceof InputError) return { ok: false, errors: error.findings, parsed: null };
    throw error;
  }
  // A placeholder init wrote is named as such; the schema's complaint at the same place (a metric that
  // is not a number, a date that is no date) would only say less.
  const placeholders = placeholderFindings(parsed.data, (path) => parsed.locate(path), EVIDENCE_KINDS);
  const at = new Set(placeholders.map((f) => formatLocation(f.location)));
  const schemaErrors = schemaFindings(manifestValidator, parsed, 'manifest').filter((f) => !at.has(formatLocation(f.location)));
  const errors = [...placeholders, ...schemaErrors];
  if (errors.length > 0) return { ok: false, errors, parsed };
  return { ok: true, parsed, manifest: parsed.data as Manifest };
}

/** The base pilot, when the head gave it another path or name (moved, renamed or split off): its history still applies. */
function predecessorOf(base: BaseVersion | null, path: string, manifest: Manifest): Predecessor | null {
  if (base === null || !base.known) return null;
  const moved = base.path !== null && base.path !== path;
  const renamed = base.name !== null && base.name !== manifest.pilot.name;
  return moved || renamed ? { path: base.path ?? path, name: base.name } : null;
}

/** The governance plan against the pull request's base manifest, when there is one. */
function planFor(input: EvaluationInput, parsed: ParsedYaml, manifest: Manifest, base: BaseVersion | null): GovernancePlan | null {
  const facts = factsOf(input);
  if (base === null || facts === null) return null;
  return planGovernance({
    head: manifest,
    headPath: input.manifest.path,
    parsed,
    base,
    policy: input.policy.policy,
    facts,
    reviews: sortReviews(facts.reviews),
  });
}

/** Thresholds fixed before the evaluation that change with it, against the base manifest (the pull request's, or the CLI's --base). */
function thresholdChangesFor(
  input: EvaluationInput,
  manifest: Manifest,
  parsed: ParsedYaml,
  base: BaseVersion | null,
  plan: GovernancePlan | null,
  approvedRoles: readonly string[],
  usedBy: ReadonlyMap<string, ReadonlySet<string>>,
): GovernanceChange[] {
  const baseText = input.base?.text;
  if (baseText === undefined) return [];
  const basePath = input.base?.path ?? input.manifest.path;
  const baseOwner =
    base?.owner ??
    (() => {
      const owner = manifestData({ path: basePath, text: baseText })?.owner;
      return typeof owner === 'string' ? owner : '(unknown owner)';
    })();
  return thresholdChanges({
    head: manifest,
    baseText,
    basePath,
    baseOwner,
    policy: input.policy.policy,
    parsed,
    changedFiles: [...(input.changedFiles ?? []), ...changedFilesOf(input.facts)],
    usedBy,
    baseOwnerApproved: plan?.baseOwnerApproved ?? false,
    approvedRoles,
  });
}

/** Evaluates a manifest against the policy. Invalid input yields a `blocked` report whose `errors` say why. */
export function evaluate(input: EvaluationInput): Report {
  const base = baseVersion(input.base);
  if (input.manifest.text === null) return evaluateRetirement(input, base);
  const read = readManifestOnce(input.manifest as { path: string; text: string });
  if (!read.ok) return blockedByInput(input, read.errors, read.parsed);
  const { parsed, manifest } = read;
  const waivers = checkWaivers({
    manifest,
    parsed,
    policy: input.policy,
    now: input.now,
    base: base?.waivers ?? null,
    predecessor: predecessorOf(base, input.manifest.path, manifest),
  });
  const crossErrors = [...manifestFindings(manifest, parsed, input.policy), ...waivers.errors];
  // Reports of manifests without waivers keep their shape: waived counts appear only with a waivers key.
  const declaresWaivers = manifest.waivers !== undefined;

  const policy = input.policy.policy;
  // The base branch is the reference: what the PR changes about who decides or what is required
  // takes effect only with the approvals it needs; until then the base value applies.
  const facts = factsOf(input);
  const plan = planFor(input, parsed, manifest, base);
  const signoffsAt = (tier: RiskTier, judged: Manifest): SignoffResult => {
    const signoffCriteria: Record<string, string> = {};
    for (const { criterion } of criteriaById(policy).values()) {
      if (criterion.evidence.signoff && criterion.required_for.includes(tier)) signoffCriteria[criterion.id] = criterion.evidence.signoff;
    }
    return evaluateSignoffs({
      policy,
      manifest: { ...judged, pilot: { ...judged.pilot, risk: tier } },
      locate: (path) => parsed.locate(path),
      facts,
      now: input.now,
      signoffCriteria,
    });
  };
  const judged = plan?.effective ?? manifest;
  let tier: RiskTier = judged.pilot.risk;
  let signoffs = signoffsAt(tier, judged);
  const tierChange = plan ? settleTier(plan, policy, signoffs.approvedRoles, parsed) : null;
  if (tierChange?.applies) {
    tier = manifest.pilot.risk;
    signoffs = signoffsAt(tier, judged);
  }

  const fileLog: FileLog = { kinds: new Map(), texts: new Map(), used: new Set() };
  const ctx = {
    tier,
    now: input.now,
    manifestDir: posix.dirname(input.manifest.path) === '.' ? '' : posix.dirname(input.manifest.path),
    files: recording(input.files, fileLog),
    parsed,
    approvedRoles: new Set(signoffs.approvedRoles),
    usedBy: new Map<string, Set<string>>(),
  };
  const criteria: CriterionResult[] = [];
  const gates: GateResult[] = [];
  const waiverErrors: Finding[] = [];
  const waiverWarnings: Finding[] = [];
  const waiverStatus = new Map<string, WaiverStatus>();
  for (const gate of policy.gates) {
    let met = 0;
    let notApplicable = 0;
    let required = 0;
    let waived = 0;
    for (const criterion of gate.criteria) {
      let result = evaluateCriterion(criterion, gate.id, manifest.evidence?.[criterion.id], ctx);
      const waiver = waivers.valid.get(criterion.id);
      if (waiver) {
        const applied = applyWaiver(result, waiver, ctx);
        result = applied.result;
        waiverStatus.set(criterion.id, applied.status);
        if (applied.error) waiverErrors.push(applied.error);
        if (applied.warning) waiverWarnings.push(applied.warning);
      }
      criteria.push(result);
      if (result.required) {
        required++;
        if (result.status === 'met') met++;
        if (result.status === 'not_applicable') notApplicable++;
        if (result.status === 'waived') waived++;
      }
    }
    gates.push({
      id: gate.id,
      title: gate.title,
      stage: gate.stage ?? 'production',
      met,
      not_applicable: notApplicable,
      required,
      ...(declaresWaivers ? { waived } : {}),
    });
  }

  const errors = [...crossErrors, ...signoffs.errors, ...waiverErrors];
  const governance: GovernanceChange[] | null = plan && base ? [...plan.changes] : null;
  if (governance && base && plan) {
    if (tierChange?.change) governance.push(tierChange.change);
    const handOver = signoffs.owner.base_owner;
    if (handOver) {
      const ownerApproved =
        signoffs.owner.status === 'approved' || (facts !== null && approvedHead(sortReviews(facts.reviews), manifest.owner, facts));
      governance.push(ownerChange(handOver.login, manifest.owner, handOver.status === 'approved', ownerApproved, parsed));
    }
    governance.push(
      ...waiverChanges(manifest, base, parsed, (criterion) => {
        const status = waiverStatus.get(criterion);
        return status === 'in_force' ? 'approved' : status === 'not_needed' ? 'not_needed' : 'awaiting';
      }),
    );
  }
  const thresholds = thresholdChangesFor(input, manifest, parsed, base, plan, signoffs.approvedRoles, ctx.usedBy);
  const changes = governance ?? (thresholds.length > 0 ? [] : null);
  changes?.push(...thresholds);
  // The owner rule already waits for a hand-over; waivers wait through their criterion. The rest wait here.
  const awaitingGovernance = (changes ?? []).filter(
    (c) => !c.approved && (c.kind === 'risk_lowered' || c.kind === 'reviewers_changed' || c.kind === 'threshold_changed'),
  );
  // A waiver's end is a moment when time alone changes the report, like a review window's deadline.
  const ends = [...waivers.valid.values()].map((w) => w.endsAt.getTime()).filter((end) => end > input.now.getTime());
  const nextChange = [signoffs.next_change_at === null ? Infinity : Date.parse(signoffs.next_change_at), ...ends].reduce(
    (a, b) => Math.min(a, b),
    Infinity,
  );
  const decision = decide({
    criteria,
    signoffs: { ...signoffs, next_change_at: Number.isFinite(nextChange) ? new Date(nextChange).toISOString() : null },
    errors: errors.length,
    governance: awaitingGovernance.map((change) => `${change.summary}; awaiting ${awaitedBy(change)}`),
  });
  const score = gates.reduce(
    (sum, gate) => ({
      met: sum.met + gate.met,
      not_applicable: sum.not_applicable + gate.not_applicable,
      required: sum.required + gate.required,
      ...(declaresWaivers ? { waived: (sum.waived ?? 0) + (gate.waived ?? 0) } : {}),
    }),
    { met: 0, not_applicable: 0, required: 0 } as Report['score'],
  );
  const reasons = [...decision.reasons];
  if (decision.decision === 'ready') {
    for (const c of criteria.filter((r) => r.required && r.status === 'waived')) {
      reasons.push(`${c.id} is waived until ${waivers.valid.get(c.id)!.entry.expires}; after that day its evidence is needed`);
    }
  }
  return {
    ...header(input),
    decision: decision.decision,
    score,
    pilot: { name: manifest.pilot.name, title: manifest.pilot.title ?? null, risk: tier },
    ...(manifest.pilot.model_artifacts ? { model_artifacts: manifest.pilot.model_artifacts } : {}),
    gates,
    criteria,
    owner: signoffs.owner,
    roles: signoffs.roles,
    overrides: signoffs.overrides,
    blocking: decision.blocking,
    waiting_on: decision.waiting_on,
    // A blocked pilot's roles still get their reminders: the sweep wakes for the next one due.
    next_change_at:
      decision.decision === 'pending'
        ? decision.next_change_at
        : decision.decision === 'blocked'
          ? (signoffs.next_reminder_at ?? null)
          : null,
    reasons,
    errors,
    warnings: [...signoffs.warnings, ...waiverWarnings],
    ...(declaresWaivers
      ? {
          waivers: waivers.results.map((w) => {
            const status = waiverStatus.get(w.criterion) ?? w.status;
            const ends = status === 'in_force' ? waivers.valid.get(w.criterion)?.endsAt : undefined;
            return { ...w, status, ...(ends ? { ends_at: ends.toISOString() } : {}) };
          }),
        }
      : {}),
    ...(changes ? { governance_changes: changes } : {}),
    ...(fileLog.used.size > 0
      ? {
          // Hashed after every read: a view may hash only what it read (the CLI's sha256) and name the rest by its tree's blob.
          evidence_files: [...fileLog.used]
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
            .map((path) => ({ path, ...(input.files.hash?.(path) ?? {}) })),
        }
      : {}),
    inputs: inputsOf(input, Object.fromEntries(fileLog.kinds), fileLog.texts, thresholds.length > 0),
  };
}
