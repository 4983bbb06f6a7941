// Small builders for sign-off tests: a policy, a manifest with a line table, PR facts, reviews and times.
import { type SignoffInput, type SignoffResult, evaluateSignoffs } from '../../src/core/signoff/index.js';
import type {
  DataPath,
  Manifest,
  OwnerRolePolicy,
  Policy,
  PrFacts,
  ReviewState,
  ReviewerRolePolicy,
  RoleResult,
  SourceLocation,
} from '../../src/core/types.js';

export const S = 1_000;
export const M = 60 * S;
export const H = 60 * M;
export const D = 24 * H;

/** ready_at of the default facts: every time in a test is an offset from it. */
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const iso = (offset: number): string => new Date(T0 + offset).toISOString();

export const OLD = `abc1234${'0'.repeat(33)}`;
export const MID = `bcd2345${'0'.repeat(33)}`;
export const HEAD = `def5678${'0'.repeat(33)}`;

export const AUTHOR = 'dev';
export const OWNER = 'olivia';

export function policyWith(
  roles: Record<string, Partial<ReviewerRolePolicy>>,
  extra: Partial<Omit<Policy, 'roles'>> & { owner?: Partial<OwnerRolePolicy> } = {},
): Policy {
  const { owner, ...rest } = extra;
  const built: Policy['roles'] = { owner: { accountable: true, ...owner } };
  for (const [name, role] of Object.entries(roles)) {
    // Reminders off unless a test turns them on: the window rules are tested on their own.
    built[name] = { window: '14d', on_silence: 'block', on_objection: 'block', remind: false, consent_requires_reminder: false, ...role };
  }
  return { version: 1, roles: built, gates: [], ...rest };
}

/** One role, legal: 14d window, silence blocks, objections block, filled by the manifest. */
export const LEGAL_POLICY = policyWith({ legal: { title: 'Legal' } });

export function manifestWith(partial: Partial<Manifest> = {}): Manifest {
  return {
    version: 1,
    pilot: { name: 'claims-triage', risk: 'high' },
    owner: OWNER,
    reviewers: { legal: ['lena'] },
    ...partial,
  };
}

/**
 * Locations as the YAML would give them, one node per line:
 *   1 version, 2 pilot, 3 name, 4 risk, 5 owner, 6 reviewers, then each role key and its entries.
 */
export function locator(manifest: Manifest): (path: DataPath) => SourceLocation | null {
  const table = new Map<string, SourceLocation>();
  const put = (path: DataPath, line: number, column: number): void => {
    table.set(JSON.stringify(path), { file: 'pilot-readiness.yml', line, column });
  };
  put(['owner'], 5, 8);
  let line = 6;
  if (manifest.reviewers) {
    put(['reviewers'], line, 1);
    for (const [role, entries] of Object.entries(manifest.reviewers)) {
      put(['reviewers', role], ++line, 3);
      for (const index of entries.keys()) put(['reviewers', role, index], ++line, 7);
    }
  }
  return (path) => table.get(JSON.stringify(path)) ?? null;
}

export function factsWith(partial: Partial<PrFacts> = {}): PrFacts {
  return {
    version: 1,
    repository: 'acme/claims',
    number: 42,
    author: AUTHOR,
    head_sha: HEAD,
    base_ref: 'main',
    draft: false,
    ready_at: iso(0),
    commits: [
      { sha: OLD, at: iso(-2 * D), files: ['models/claims/model.onnx'] },
      { sha: MID, at: iso(-1 * D), files: ['README.md'] },
      { sha: HEAD, at: iso(-1 * H), files: ['docs/notes.md'] },
    ],
    review_requests: [],
    reviews: [],
    teams: {},
    ...partial,
  };
}

let nextId = 1000;
export type Review = PrFacts['reviews'][number];

export function review(
  author: string,
  state: ReviewState,
  offset: number,
  extra: { commit?: string; body?: string; id?: number | string } = {},
): Review {
  const built: Review = { id: extra.id ?? nextId++, author, state, at: iso(offset), commit: extra.commit ?? HEAD };
  if (extra.body !== undefined) built.body = extra.body;
  return built;
}

export function request(reviewer: string, offset: number): PrFacts['review_requests'][number] {
  return { reviewer, at: iso(offset) };
}

export interface Scenario {
  policy?: Policy;
  manifest?: Manifest;
  facts?: PrFacts | null;
  /** Offset from T0; default one day. */
  now?: number;
  signoffCriteria?: Record<string, string>;
}

export function inputOf(scenario: Scenario = {}): SignoffInput {
  const manifest = scenario.manifest ?? manifestWith();
  return {
    policy: scenario.policy ?? LEGAL_POLICY,
    manifest,
    locate: locator(manifest),
    facts: scenario.facts === undefined ? factsWith() : scenario.facts,
    now: new Date(T0 + (scenario.now ?? D)),
    signoffCriteria: scenario.signoffCriteria ?? {},
  };
}

export function signoffs(scenario: Scenario = {}): SignoffResult {
  return evaluateSignoffs(inputOf(scenario));
}

export function role(result: SignoffResult, name: string): RoleResult {
  const found = result.roles.find((candidate) => candidate.role === name);
  if (!found) throw new Error(`no role ${name} in ${result.roles.map((r) => r.role).join(', ')}`);
  return found;
}

/** The line-table location of a manifest node, as `locator` gives it. */
export function at(manifest: Manifest, path: DataPath): SourceLocation | null {
  return locator(manifest)(path);
}

export const messages = (findings: ReadonlyArray<{ message: string }>): string[] => findings.map((finding) => finding.message);
