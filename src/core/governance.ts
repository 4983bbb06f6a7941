// The base branch as the reference for every pilot: which pilots a pull request gates (by pilot.name
// across paths, deletions and non-files included, and by every path a pilot reads), and what it
// changes about who decides or what is required, each change with the approvals it needs before it
// takes effect.
import { posix } from 'node:path';
import { criteriaById } from './criteria.js';
import { EVIDENCE_KINDS, type ReadsContext } from './evidence/index.js';
import { reviewerRoles } from './signoff/members.js';
import { loginKey, sameLogin } from './signoff/identity.js';
import { standing, verdictsOf, type Review } from './signoff/reviews.js';
import { headOnly } from './signoff/staleness.js';
import {
  RISK_TIERS,
  type FileRead,
  type Finding,
  type GovernanceApproval,
  type GovernanceChange,
  type Manifest,
  type Policy,
  type PrFacts,
  type RiskTier,
} from './types.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

// ---------------------------------------------------------------- which pilots a pull request gates

/** What a tree holds at a path, as far as the gate cares: a regular file or something else. */
export type PathKind = 'file' | 'dir' | 'symlink' | 'submodule' | 'missing';

export interface ManifestAt {
  path: string;
  text: string;
}

export interface PilotPair {
  /** The pilot's manifest in the head; null when the head retires it. */
  head: ManifestAt | null;
  /** The same pilot on the base branch; null for a new pilot. */
  base: ManifestAt | null;
  /** For a retired pilot: what became of its manifest, in words. */
  retired?: string;
}

/** One commit's files as the gating rule sees them: what is at a path, and the texts read so far. */
export interface CommitFiles {
  kind(path: string): PathKind;
  /** A regular file's text, or why it cannot be read; undefined when it has not been read yet. */
  text(path: string): FileRead | undefined;
}

export interface PairingInput {
  /** Every manifest the glob matches in the base tree (regular files), with its text. */
  base: ManifestAt[];
  /** Every manifest the glob matches in the head tree (regular files), with its text. */
  head: ManifestAt[];
  /** What the head tree holds at a path. */
  headKind: (path: string) => PathKind;
  /** Every path in the head tree, for naming a manifest renamed out of the glob's reach. */
  headPaths: () => Iterable<string>;
  /** Paths the pull request changes. */
  changedFiles: readonly string[];
  /** The git blob sha of a file in the base tree, when known: evidence is then recognised by content too. */
  baseBlob?: (path: string) => string | undefined;
  /** The git blob sha of a file in the head tree, when known. */
  headBlob?: (path: string) => string | undefined;
  /** The trusted policy, whose criteria the evidence kinds are told of when they say what an entry reads. */
  policy: Policy;
  /** The base and head trees compared (treeDifference): every path that differs, and every folder above one. */
  differing: ReadonlySet<string>;
  /** The two commits' files, for reads that depend on contents (a dvc.yaml names its metrics files). */
  baseFiles: CommitFiles;
  headFiles: CommitFiles;
  /** Pair every head manifest, gated or not: the CLI's --base looks for one pilot's partner at REF. */
  everyPilot?: boolean;
}

export interface Pairing {
  /** The pilots the pull request gates, head path (or base path, when retired) order. */
  pilots: PilotPair[];
  /** Two head manifests claiming one pilot.name: an error at each. */
  errors: Finding[];
  /**
   * Texts to read before the pairing is final, at each commit: a pilot none of whose known paths
   * differ may still read a file its dvc.yaml names. Read them and pair again; empty when final.
   */
  wanted: { base: string[]; head: string[] };
}

/** A manifest's data, parsed once however many rules ask (pairing, names, evidence, owners, teams). */
const parsedData = new WeakMap<ManifestAt, Record<string, unknown> | null>();

/** The manifest's data as an object, or null when it is not one (any schema problem is evaluate's to report). */
export function manifestData(manifest: ManifestAt): Record<string, unknown> | null {
  if (parsedData.has(manifest)) return parsedData.get(manifest)!;
  let data: Record<string, unknown> | null = null;
  try {
    const value = parseYaml(manifest.text, manifest.path).data;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
  } catch {
    data = null;
  }
  parsedData.set(manifest, data);
  return data;
}

/** The pilot.name a manifest declares, or null when it cannot be read. */
export function pilotName(manifest: ManifestAt): string | null {
  const name = (manifestData(manifest)?.pilot as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** What a pilot reads at one commit: known paths, and texts still to read before the list is whole. */
export interface PilotReads {
  /** Repository paths, each standing for itself and everything under it; '' is the whole repository. */
  paths: string[];
  /** Files whose text decides further paths (a dvc.yaml), not read yet. */
  wanted: string[];
  /** Such files the tree lists as regular files whose text could not be read: what they name is unknown. */
  unreadable: string[];
}

/**
 * Every path the engine reads for a pilot at one commit: its manifest, its folder, and whatever each
 * evidence kind declares an entry reads there (EvidenceKind.reads). An entry declared not applicable
 * reads nothing.
 */
export function pilotReads(manifest: ManifestAt, policy: Policy, files: CommitFiles): PilotReads {
  const dir = dirOf(manifest.path);
  const paths = new Set([manifest.path, dir]);
  const wanted = new Set<string>();
  const unreadable = new Set<string>();
  const evidence = manifestData(manifest)?.evidence;
  if (!isRecord(evidence)) return { paths: [...paths], wanted: [], unreadable: [] };
  const text = (path: string): string | null | undefined => {
    if (files.kind(path) !== 'file') return null;
    const read = files.text(path);
    if (read === undefined) wanted.add(path);
    else if ('problem' in read) unreadable.add(path);
    return read === undefined ? undefined : 'text' in read ? read.text : null;
  };
  const criteria = criteriaById(policy);
  for (const [id, entry] of Object.entries(evidence)) {
    if (!isRecord(entry) || entry.not_applicable !== undefined) continue;
    const ctx: ReadsContext = { manifestDir: dir, criterion: criteria.get(id)?.criterion, text };
    for (const kind of EVIDENCE_KINDS) for (const path of kind.reads(entry, ctx)) paths.add(path);
  }
  return { paths: [...paths], wanted: [...wanted], unreadable: [...unreadable] };
}

/** A tree as the comparison needs it: each path's kind, and the blob sha of each entry that is not a folder. */
export interface TreeListing {
  entries(): IterableIterator<[string, string]>;
  get(path: string): string | undefined;
  readonly shas?: ReadonlyMap<string, string>;
}

/**
 * Every path whose entry differs between two trees (present in one only, another kind, another blob
 * sha), and every folder above one ('' for the repository, when anything differs). A rename counts at
 * both paths, whatever list of changed files GitHub gives.
 */
export function treeDifference(base: TreeListing, head: TreeListing): Set<string> {
  const differing = new Set<string>();
  const add = (path: string) => {
    for (let at = path; !differing.has(at); at = dirOf(at)) {
      differing.add(at);
      if (at === '') break;
    }
  };
  // An entry whose content cannot be compared (a file with no sha on either side) differs: fail closed.
  const differs = (path: string, kind: string, other: TreeListing, mine: TreeListing) => {
    if (other.get(path) !== kind) return true;
    const [theirs, ours] = [other.shas?.get(path), mine.shas?.get(path)];
    return kind !== 'dir' && (theirs === undefined || ours === undefined) ? true : theirs !== ours;
  };
  for (const [path, kind] of head.entries()) if (differs(path, kind, base, head)) add(path);
  for (const [path] of base.entries()) if (head.get(path) === undefined) add(path);
  return differing;
}

/** Does the pull request change a path the pilot reads at this commit? Its reads, while texts that decide more paths are unread. */
function readsChanged(manifest: ManifestAt, files: CommitFiles, input: PairingInput): boolean | PilotReads {
  const reads = pilotReads(manifest, input.policy, files);
  // A dvc.yaml whose text cannot be read might name any file: the pilot is judged (and its evaluation says why).
  if (reads.unreadable.length > 0 || reads.paths.some((path) => input.differing.has(path))) return true;
  return reads.wanted.length > 0 ? reads : false;
}

/** Does a change to `file` touch the pilot whose manifest is at `manifest` (its folder, the manifest, or one of its evidence files)? */
function touches(manifest: ManifestAt, changed: readonly string[], policy: Policy): boolean {
  const dir = dirOf(manifest.path);
  if (dir === '') return changed.length > 0;
  // The changed-file list may name a file changed and changed back, which the trees no longer show.
  const read = pilotReads(manifest, policy, UNREAD_COMMIT).paths;
  return changed.some((file) => read.some((path) => file === path || file.startsWith(`${path}/`)));
}

/**
 * Pairs each head manifest with the same pilot on the base branch: the base manifest with the same
 * pilot.name, else the one at the same path, else, for a new pilot, the base pilot whose evidence it
 * carries on (successors). A base pilot left without a partner is being retired (deleted, renamed out
 * of the glob's reach, turned into a symlink or folder, or replaced by another pilot). Gated: every
 * retired pilot, every new, moved or edited one, and every pilot any path it reads (pilotReads, at the
 * head or at the base) differs between the two trees (`differing`: treeDifference) or is among the
 * changed files. A pilot whose reads hang on texts not read yet (a dvc.yaml) is left out until they
 * are: they are listed in `wanted`, to read and pair again. With `everyPilot` every head manifest is
 * paired, gated or not (the CLI's --base). Two head manifests with one pilot.name, or a new pilot
 * carrying on two, are errors.
 */
export function pairPilots(input: PairingInput): Pairing {
  const errors: Finding[] = [];
  const baseByName = new Map<string, ManifestAt[]>();
  const baseByPath = new Map<string, ManifestAt>();
  for (const base of input.base) {
    baseByPath.set(base.path, base);
    const name = pilotName(base);
    if (name !== null) baseByName.set(name.toLowerCase(), [...(baseByName.get(name.toLowerCase()) ?? []), base]);
  }

  const headNames = new Map<string, ManifestAt[]>();
  for (const head of input.head) {
    const name = pilotName(head);
    if (name !== null) headNames.set(name.toLowerCase(), [...(headNames.get(name.toLowerCase()) ?? []), head]);
  }
  for (const [, heads] of headNames) {
    if (heads.length < 2) continue;
    for (const head of heads) {
      const others = heads.filter((h) => h !== head).map((h) => h.path);
      const parsed = safeParse(head);
      errors.push({
        message: `pilot.name "${pilotName(head)}" is also the name of ${others.join(', ')}: a pilot is identified by its name across folders, so each name may be used once; rename one of them`,
        location: parsed ? parsed.locate(['pilot', 'name']) : { file: head.path, line: 1, column: 1 },
      });
    }
  }

  const partnered = new Set<ManifestAt>();
  const pairs: PilotPair[] = [];
  const wanted = { base: new Set<string>(), head: new Set<string>() };
  for (const head of input.head) {
    const name = pilotName(head);
    const sameName = name === null ? [] : (baseByName.get(name.toLowerCase()) ?? []);
    const base = sameName.length === 1 ? sameName[0]! : (baseByPath.get(head.path) ?? null);
    if (base) partnered.add(base);
    if (input.everyPilot || base === null || base.path !== head.path || base.text !== head.text) {
      pairs.push({ head, base });
      continue;
    }
    if (touches(head, input.changedFiles, input.policy)) {
      pairs.push({ head, base });
      continue;
    }
    // A pilot is gated by everything it reads, at the head or at the base, wherever it lies.
    const atHead = readsChanged(head, input.headFiles, input);
    const atBase = atHead === true ? false : readsChanged(base, input.baseFiles, input);
    if (atHead === true || atBase === true) pairs.push({ head, base });
    else {
      if (atHead !== false) for (const path of atHead.wanted) wanted.head.add(path);
      if (atBase !== false) for (const path of atBase.wanted) wanted.base.add(path);
    }
  }
  const carriedOn = successors(pairs, input, errors);
  for (const base of input.base.filter((b) => !partnered.has(b))) {
    const heirs = carriedOn.get(base);
    const heirsText = heirs ? `; ${heirs.join(' and ')} ${heirs.length > 1 ? 'carry' : 'carries'} on its history` : '';
    pairs.push({ head: null, base, retired: `${whatBecameOf(base, input)}${heirsText}` });
  }
  pairs.sort((a, b) => compare((a.head ?? a.base)!.path, (b.head ?? b.base)!.path));
  return { pilots: pairs, errors, wanted: { base: [...wanted.base].sort(), head: [...wanted.head].sort() } };
}

/** git's blob of an empty file: every empty file has it, so it says nothing about which pilot it belongs to. */
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

/** A commit whose files are not read: enough for pairing every pilot (PairingInput.everyPilot). */
export const UNREAD_COMMIT: CommitFiles = { kind: () => 'missing', text: () => undefined };

/** The files a manifest names literally as its own evidence (EvidenceKind.identifies), as repository paths. */
function literalEvidenceFiles(manifest: ManifestAt): string[] {
  const evidence = manifestData(manifest)?.evidence;
  if (!isRecord(evidence)) return [];
  const paths = new Set<string>();
  const manifestDir = dirOf(manifest.path);
  for (const entry of Object.values(evidence))
    if (isRecord(entry)) for (const kind of EVIDENCE_KINDS) for (const path of kind.identifies?.(entry, manifestDir) ?? []) paths.add(path);
  return [...paths];
}

/** Each evidence file of a manifest under the keys that identify it: its path, and its content (blob) when known. */
function evidenceKeys(manifest: ManifestAt, blob: ((path: string) => string | undefined) | undefined): Set<string> {
  const keys = new Set<string>();
  for (const path of literalEvidenceFiles(manifest)) {
    keys.add(`path:${path}`);
    const sha = blob?.(path)?.toLowerCase();
    if (sha && sha !== EMPTY_BLOB) keys.add(`blob:${sha}`);
  }
  return keys;
}

/**
 * A pilot's history follows it: a new pilot (no base pilot of its name or path) whose evidence is a
 * base pilot's carries that pilot on, whether the pull request retires it, moves it or keeps it (a
 * split or a copy). Evidence is a base pilot's when the new manifest names, as a literal `file:` (not
 * a pattern), a file that base manifest named, at the same path or with the same content (git blob),
 * and no other base manifest named that file (a shared document says nothing about which pilot this
 * is). A base pilot may be carried on by several new ones; a new pilot whose evidence is that of two
 * base pilots is an error, since its history cannot be told. Sets each successor's base; returns the
 * successors' paths of each base pilot.
 */
function successors(pairs: PilotPair[], input: PairingInput, errors: Finding[]): Map<ManifestAt, string[]> {
  const heirs = new Map<ManifestAt, string[]>();
  const fresh = pairs.filter((pair) => pair.base === null && pair.head !== null);
  if (input.base.length === 0 || fresh.length === 0) return heirs;
  const keysOf = new Map(input.base.map((base) => [base, evidenceKeys(base, input.baseBlob)] as const));
  const named = new Map<string, number>();
  for (const keys of keysOf.values()) for (const key of keys) named.set(key, (named.get(key) ?? 0) + 1);
  for (const pair of fresh) {
    const head = pair.head!;
    const keys = [...evidenceKeys(head, input.headBlob)].filter((key) => named.get(key) === 1);
    const shared = input.base.filter((base) => keys.some((key) => keysOf.get(base)!.has(key)));
    if (shared.length > 1) {
      const parsed = safeParse(head);
      const names = shared.map((base) => `${pilotName(base) ?? '(unnamed)'} (${base.path})`);
      errors.push({
        message: `${head.path} names evidence of ${shared.length} pilots on the base branch, ${names.join(' and ')}: a pilot carries on the history of one pilot at most; keep the pilot.name of the one it continues, or retire the others in an earlier pull request`,
        location: parsed?.has(['pilot', 'name']) ? parsed.locate(['pilot', 'name']) : { file: head.path, line: 1, column: 1 },
      });
      continue;
    }
    const [predecessor] = shared;
    if (predecessor === undefined) continue;
    // A retired predecessor stays listed (its retirement still needs its owner); the new pilot is judged against it.
    pair.base = predecessor;
    heirs.set(predecessor, [...(heirs.get(predecessor) ?? []), head.path]);
  }
  return heirs;
}

function whatBecameOf(base: ManifestAt, input: PairingInput): string {
  const kind = input.headKind(base.path);
  if (kind === 'symlink') return `${base.path} is now a symbolic link, which pilot-readiness does not follow`;
  if (kind === 'submodule') return `${base.path} is now a submodule`;
  if (kind === 'dir') return `${base.path} is now a folder`;
  if (kind === 'file') return `${base.path} now declares another pilot`;
  const dir = dirOf(base.path);
  const stem = posix.basename(base.path).replace(/\.[^.]*$/, '');
  for (const path of input.headPaths()) {
    if (dirOf(path) === dir && path !== base.path && posix.basename(path).startsWith(`${stem}.`)) {
      return `${base.path} is gone; ${path} is there instead, which the manifest pattern does not match`;
    }
  }
  return `${base.path} is deleted`;
}

function safeParse(manifest: ManifestAt): ParsedYaml | null {
  try {
    return parseYaml(manifest.text, manifest.path);
  } catch {
    return null;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- what a pull request changes

/**
 * The base manifest as the governance rules read it. Its fields are read one by one, not through the
 * schema: a base manifest that today's schema refuses (a key since removed, a stricter rule) must not
 * make a lowered tier or new reviewers pass unnoticed. What cannot be read takes the strict value: the
 * highest tier, no reviewers (so any the head names are an addition), no waivers.
 */
export interface BaseVersion {
  owner: string;
  path: string | null;
  /** False for facts that recorded only the owner (written before the base text was): then only a change of owner is judged. */
  known: boolean;
  name: string | null;
  title: string | null;
  risk: RiskTier;
  reviewers: Record<string, string[]>;
  waivers: Record<string, { expires: string; since?: string }>;
}

/** `base`: EvaluationInput.base; only the pull request's base (one with an owner) governs. */
export function baseVersion(base: { owner?: string; path?: string; text?: string } | undefined): BaseVersion | null {
  if (base?.owner === undefined) return null;
  const version: BaseVersion = {
    owner: base.owner,
    path: base.path ?? null,
    known: typeof base.text === 'string',
    name: null,
    title: null,
    risk: 'high',
    reviewers: {},
    waivers: {},
  };
  if (typeof base.text !== 'string') return version;
  const data = manifestData({ path: base.path ?? 'base manifest', text: base.text });
  const pilot = (data?.pilot ?? {}) as { name?: unknown; title?: unknown; risk?: unknown };
  if (typeof pilot.name === 'string') version.name = pilot.name;
  if (typeof pilot.title === 'string') version.title = pilot.title;
  if ((RISK_TIERS as readonly unknown[]).includes(pilot.risk)) version.risk = pilot.risk as RiskTier;
  const reviewers = data?.reviewers;
  if (reviewers !== null && typeof reviewers === 'object' && !Array.isArray(reviewers)) {
    for (const [role, list] of Object.entries(reviewers))
      if (Array.isArray(list)) version.reviewers[role] = list.filter((x): x is string => typeof x === 'string');
  }
  const waivers = data?.waivers;
  if (waivers !== null && typeof waivers === 'object' && !Array.isArray(waivers)) {
    for (const [id, waiver] of Object.entries(waivers)) {
      const { expires, since } = (waiver ?? {}) as { expires?: unknown; since?: unknown };
      if (typeof expires === 'string') version.waivers[id] = typeof since === 'string' ? { expires, since } : { expires };
    }
  }
  return version;
}

const TIER_RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2 };

/** Has `login` approved the head commit (their latest verdict, on the head)? The PR author never has. */
export function approvedHead(reviews: readonly Review[], login: string, facts: PrFacts): boolean {
  if (sameLogin(login, facts.author)) return false;
  return standing(verdictsOf(reviews, login), headOnly(facts)).kind === 'approved';
}

function reviewerSet(list: readonly string[] | undefined): string {
  return [...new Set((list ?? []).map(loginKey))].sort().join(',');
}

export interface GovernancePlan {
  /** The head manifest with every change that needs an approval not yet given put back to the base value. */
  effective: Manifest;
  /** A lowered tier waiting for the confirming role: settled once the signoffs are known. */
  lowered: { from: RiskTier; to: RiskTier } | null;
  baseOwner: string;
  baseOwnerApproved: boolean;
  /** Changes settled before the signoffs: reviewers and a move. */
  changes: GovernanceChange[];
}

/**
 * The first half: what can be settled from the reviews alone. Reviewer changes take effect with the
 * base owner's approval; until then the base's reviewers stand. A lowered tier is judged at the base
 * tier until the base owner and the confirming role approve (settled in `settleTier`).
 */
export function planGovernance(args: {
  head: Manifest;
  headPath: string;
  parsed: ParsedYaml;
  base: BaseVersion;
  policy: Policy;
  facts: PrFacts;
  reviews: readonly Review[];
}): GovernancePlan {
  const { head, base, facts, reviews, parsed } = args;
  const baseOwnerApproved = approvedHead(reviews, base.owner, facts);
  const needBaseOwner: GovernanceApproval = { who: base.owner, as: 'base_owner', status: baseOwnerApproved ? 'approved' : 'awaiting' };
  const changes: GovernanceChange[] = [];
  const effective: Manifest = { ...head, pilot: { ...head.pilot } };

  if (base.path !== null && base.path !== args.headPath) {
    // Another name too: paired with its base by the evidence it carries on (see successors), which
    // the pull request may retire, move or keep beside it (a split).
    const carriesOn = base.name !== null && base.name !== head.pilot.name;
    changes.push({
      kind: 'moved',
      summary: carriesOn
        ? `pilot ${head.pilot.name} at ${args.headPath} carries on ${base.name} from ${base.path}, with its history`
        : `pilot moved from ${base.path} to ${args.headPath}`,
      from: base.path,
      to: args.headPath,
      needs: [],
      approved: true,
      location: parsed.locate(['pilot', 'name']),
    });
  }

  if (base.known) {
    const roles = new Set([...Object.keys(base.reviewers), ...Object.keys(head.reviewers ?? {})]);
    const reverted: Record<string, string[]> = { ...(head.reviewers ?? {}) };
    let anyReverted = false;
    for (const role of [...roles].sort()) {
      const before = Object.hasOwn(base.reviewers, role) ? base.reviewers[role] : undefined;
      const after = head.reviewers?.[role];
      if (reviewerSet(before) === reviewerSet(after)) continue;
      const from = before === undefined ? null : before.join(', ') || '(none)';
      const to = after === undefined ? null : after.join(', ') || '(none)';
      const verb = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      changes.push({
        kind: 'reviewers_changed',
        summary: `reviewers of ${role} ${verb}${from !== null ? ` from ${from}` : ''}${to !== null ? ` to ${to}` : ''}`,
        from,
        to,
        needs: [needBaseOwner],
        approved: baseOwnerApproved,
        location:
          after !== undefined
            ? parsed.locateKey(['reviewers', role])
            : parsed.has(['reviewers'])
              ? parsed.locateKey(['reviewers'])
              : parsed.locate([]),
      });
      if (!baseOwnerApproved) {
        anyReverted = true;
        if (before === undefined) delete reverted[role];
        else reverted[role] = [...before];
      }
    }
    if (anyReverted) {
      if (Object.keys(reverted).length === 0) delete effective.reviewers;
      else effective.reviewers = reverted;
    }
  }

  let lowered: GovernancePlan['lowered'] = null;
  if (base.known && TIER_RANK[head.pilot.risk] < TIER_RANK[base.risk]) {
    lowered = { from: base.risk, to: head.pilot.risk };
    effective.pilot.risk = base.risk;
  }
  return { effective, lowered, baseOwner: base.owner, baseOwnerApproved, changes };
}

/**
 * The second half of a lowered tier: it takes effect when the base owner and the role the policy names
 * (tier_confirmed_by) have approved. Returns the change and whether the head's tier now applies.
 */
export function settleTier(
  plan: GovernancePlan,
  policy: Policy,
  approvedRoles: readonly string[],
  parsed: ParsedYaml,
): { change: GovernanceChange | null; applies: boolean } {
  if (plan.lowered === null) return { change: null, applies: false };
  const role = policy.tier_confirmed_by;
  const roleKnown = role !== undefined && reviewerRoles(policy).some(([name]) => name === role);
  const needs: GovernanceApproval[] = [{ who: plan.baseOwner, as: 'base_owner', status: plan.baseOwnerApproved ? 'approved' : 'awaiting' }];
  if (roleKnown) needs.push({ who: role, as: 'role', status: approvedRoles.includes(role) ? 'approved' : 'awaiting' });
  const approved = needs.every((n) => n.status === 'approved');
  return {
    change: {
      kind: 'risk_lowered',
      summary: `risk tier lowered from ${plan.lowered.from} to ${plan.lowered.to}${approved ? '' : `: judged as ${plan.lowered.from} until approved`}`,
      from: plan.lowered.from,
      to: plan.lowered.to,
      needs,
      approved,
      location: parsed.locate(['pilot', 'risk']),
    },
    applies: approved,
  };
}

/** Waivers the head adds, or whose expiry it moves later, against the base's; each needs its role (as any waiver does). */
export function waiverChanges(
  head: Manifest,
  base: BaseVersion,
  parsed: ParsedYaml,
  statusOf: (criterion: string) => 'approved' | 'awaiting' | 'not_needed',
): GovernanceChange[] {
  const changes: GovernanceChange[] = [];
  const before = base.waivers;
  for (const [criterion, waiver] of Object.entries(head.waivers ?? {})) {
    const previous = Object.hasOwn(before, criterion) ? before[criterion] : undefined;
    if (previous !== undefined && waiver.expires <= previous.expires) continue;
    const status = statusOf(criterion);
    const since = previous !== undefined && typeof waiver.since === 'string' ? ` (waived since ${waiver.since})` : '';
    const what =
      previous === undefined
        ? `waiver of ${criterion} added, until ${waiver.expires}`
        : `waiver of ${criterion} extended from ${previous.expires} to ${waiver.expires}${since}`;
    changes.push({
      kind: previous === undefined ? 'waiver_added' : 'waiver_extended',
      summary: status === 'not_needed' ? `${what} (not needed: the criterion is met or not required)` : what,
      from: previous?.expires ?? null,
      to: waiver.expires,
      needs: status === 'not_needed' ? [] : [{ who: waiver.approved_by, as: 'role', status }],
      approved: status !== 'awaiting',
      location: parsed.locateKey(['waivers', criterion]),
    });
  }
  return changes;
}

/** The change of owner, as the owner rule judged it (base owner and new owner must both approve). */
export function ownerChange(from: string, to: string, baseApproved: boolean, ownerApproved: boolean, parsed: ParsedYaml): GovernanceChange {
  return {
    kind: 'owner_changed',
    summary: `accountable owner changed from ${from} to ${to}`,
    from,
    to,
    needs: [
      { who: from, as: 'base_owner', status: baseApproved ? 'approved' : 'awaiting' },
      { who: to, as: 'owner', status: ownerApproved ? 'approved' : 'awaiting' },
    ],
    approved: baseApproved && ownerApproved,
    location: parsed.locate(['owner']),
  };
}

/** A retirement: the base owner must approve the head commit. */
export function retirementChange(pilot: string, how: string, owner: string, approved: boolean, path: string): GovernanceChange {
  return {
    kind: 'retired',
    summary: `retiring ${pilot}: ${how}`,
    from: path,
    to: null,
    needs: [{ who: owner, as: 'base_owner', status: approved ? 'approved' : 'awaiting' }],
    approved,
    location: null,
  };
}

/** Who a change still waits for, in words: "sam-cto (owner on the base branch) and legal". */
export function awaitedBy(change: GovernanceChange): string {
  const words = change.needs
    .filter((n) => n.status === 'awaiting')
    .map((n) =>
      n.as === 'base_owner' ? `${n.who} (owner on the base branch)` : n.as === 'owner' ? `${n.who} (the new owner)` : `the ${n.who} role`,
    );
  return words.length <= 1 ? (words[0] ?? 'no one') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

// ---------------------------------------------------------------- thresholds fixed before the evaluation

/**
 * What the pull request changes about each criterion's evidence that needs approvals beyond the
 * evidence, as each evidence kind judges it (metrics: a value fixed before its evaluation, changed
 * with that evaluation's evidence or a file it used, `usedBy`): the base owner's approval and the
 * policy's thresholds_confirmed_by role's.
 */
export function thresholdChanges(args: {
  head: Manifest;
  baseText: string;
  basePath: string;
  baseOwner: string;
  policy: Policy;
  parsed: ParsedYaml;
  changedFiles: readonly string[];
  usedBy: ReadonlyMap<string, ReadonlySet<string>>;
  baseOwnerApproved: boolean;
  approvedRoles: readonly string[];
}): GovernanceChange[] {
  const base = manifestData({ path: args.basePath, text: args.baseText });
  const changed = new Set(args.changedFiles);
  // `folder/` stands for everything under it (the CLI lists a folder git tracks nothing in that way).
  const changedFolders = args.changedFiles.filter((path) => path.endsWith('/'));
  const isChanged = (path: string) => changed.has(path) || changedFolders.some((folder) => path.startsWith(folder));
  const role = args.policy.thresholds_confirmed_by;
  const roleKnown = role !== undefined && reviewerRoles(args.policy).some(([name]) => name === role);
  const thresholdApprovals = (): GovernanceApproval[] => {
    const needs: GovernanceApproval[] = [
      { who: args.baseOwner, as: 'base_owner', status: args.baseOwnerApproved ? 'approved' : 'awaiting' },
    ];
    if (roleKnown) needs.push({ who: role, as: 'role', status: args.approvedRoles.includes(role) ? 'approved' : 'awaiting' });
    return needs;
  };
  const shared = {
    baseEvidence: base?.evidence,
    headEvidence: args.head.evidence ?? {},
    usedChanged: (id: string) => [...(args.usedBy.get(id) ?? [])].some(isChanged),
    thresholdApprovals,
    parsed: args.parsed,
  };
  const changes: GovernanceChange[] = [];
  for (const gate of args.policy.gates)
    for (const criterion of gate.criteria)
      for (const kind of EVIDENCE_KINDS) if (kind.governance) changes.push(...kind.governance({ ...shared, criterion }));
  return changes;
}

/** Every path the pull request's commits touch, as the facts record them (empty for facts without file lists). */
export function changedFilesOf(facts: PrFacts | null): string[] {
  return [...new Set((facts?.commits ?? []).flatMap((commit) => commit.files ?? []))];
}
