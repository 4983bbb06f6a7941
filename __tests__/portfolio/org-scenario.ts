// A generated organisation for the portfolio tests: `repos` ML repositories (plus archived ones that
// must be skipped and one without pilots), each with a pilot on its default branch (every fifth with
// two), and open pull requests of four kinds. Every instant is relative to the real clock.
import type { PullSpec, RepoSpec, Scenario } from '../support/fake-github/scenario.js';

export const ORG = 'acme';
export const DAY = 86_400_000;

export function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A 40-hex sha from a tag and numbers: sha(3, 12) is the same in every run. */
export function sha(...parts: number[]): string {
  return parts
    .map((n) => n.toString(16).padStart(4, '0'))
    .join('')
    .padEnd(40, 'f')
    .slice(0, 40);
}

export const repoName = (i: number) => `ml-${String(i).padStart(2, '0')}`;

function manifest(name: string, owner: string, risk = 'low'): string {
  return `version: 1
pilot:
  name: ${name}
  title: Pilot ${name}
  risk: ${risk}
owner: ${owner}
reviewers:
  security: [kim-sec]
  legal: [lee-legal]
evidence:
  DR-1: { file: docs/lineage.md }
  CMP-4: { file: docs/model-card.md }
`;
}

/** A pilot's folder: the manifest and two evidence files. */
function pilot(dir: string, name: string, owner: string): Record<string, string> {
  return {
    [`${dir}/pilot-readiness.yml`]: manifest(name, owner),
    [`${dir}/docs/lineage.md`]: `# Lineage of ${name}\n`,
    [`${dir}/docs/model-card.md`]: `# Model card of ${name}\n`,
  };
}

/** What a test needs to know about the generated organisation to count what the portfolio must find. */
export interface Expected {
  /** Unarchived repositories, by full name, name-sorted. */
  repositories: string[];
  /** Open non-draft PRs (each read: facts, tree, and texts when it gates a pilot). */
  readPulls: number;
  /** Of those, the ones that gate a pilot. */
  gatingPulls: number;
  /** Repositories with default-branch pilots no open PR gates (one texts query each). */
  offlineRepos: number;
  /** Pilot entries the portfolio must list. */
  pilots: number;
  /** Per repository: the pilots it must list ("manifest#pr" or "manifest" when evaluated without a PR). */
  entries: Record<string, string[]>;
}

export interface OrgOptions {
  repos: number;
  archived?: number;
  policy?: string;
}

/**
 * Repository i: pilot `pilots/p{i}a` (and `pilots/p{i}b` when i % 5 === 0) on main. Open PRs:
 * #1 changes pilot a (unless i % 3 === 0: then it only changes the README, and pilot a is evaluated
 * offline), #2 adds a new pilot, #3 changes the README only, #4 changes pilot a again (or, when
 * i % 3 === 0, only the docs);
 * a draft #5 on every fourth repository and a closed #6 everywhere, neither read.
 */
export function orgScenario(options: OrgOptions): { scenario: Scenario; expected: Expected } {
  const repos: Record<string, RepoSpec> = {};
  const expected: Expected = { repositories: [], readPulls: 0, gatingPulls: 0, offlineRepos: 0, pilots: 0, entries: {} };
  const total = options.repos + (options.archived ?? 0);
  for (let i = 0; i < total; i++) {
    const archived = i >= options.repos;
    const name = archived ? `old-${String(i).padStart(2, '0')}` : repoName(i);
    const full = `${ORG}/${name}`;
    const base = sha(i, 0);
    const owner = `owner-${i % 7}`;
    const a = `pilots/p${i}a`;
    const b = `pilots/p${i}b`;
    const baseFiles: Record<string, string> = {
      'README.md': `# ${name}\n`,
      ...pilot(a, `p${i}a`, owner),
      ...(i % 5 === 0 ? pilot(b, `p${i}b`, owner) : {}),
    };
    const files: Record<string, Record<string, string>> = { [base]: baseFiles };
    const pulls: PullSpec[] = [];
    const entries: string[] = [];
    const gatedOnMain = new Set<string>();
    const addPull = (number: number, change: Record<string, string>, opts: { draft?: boolean; state?: 'closed'; readyDaysAgo: number }) => {
      const head = sha(i, number);
      files[head] = { ...baseFiles, ...change };
      pulls.push({
        number,
        title: `Change ${number} in ${name}`,
        user: 'dev-ana',
        draft: opts.draft ?? false,
        state: opts.state ?? 'open',
        created_at: daysAgo(opts.readyDaysAgo),
        head: { sha: head, ref: `change-${number}` },
        base: { sha: base, ref: 'main' },
        files: Object.keys(change),
        commits: [{ sha: head, at: daysAgo(opts.readyDaysAgo + 0.1) }],
      });
    };
    const touchA = { [`${a}/docs/lineage.md`]: `# Lineage of p${i}a, revised\n` };
    if (i % 3 === 0) addPull(1, { 'README.md': `# ${name} (edited)\n` }, { readyDaysAgo: 1 + (i % 11) });
    else addPull(1, touchA, { readyDaysAgo: 1 + (i % 11) });
    addPull(2, pilot(`pilots/new${i}`, `new${i}`, owner), { readyDaysAgo: 3 + (i % 13) });
    addPull(3, { 'README.md': `# ${name}, again\n` }, { readyDaysAgo: 2 });
    addPull(4, i % 3 === 0 ? { 'docs/CONTRIBUTING.md': '# Contributing\n' } : touchA, { readyDaysAgo: 20 + (i % 17) });
    if (i % 4 === 0) addPull(5, touchA, { draft: true, readyDaysAgo: 5 });
    addPull(6, touchA, { state: 'closed', readyDaysAgo: 30 });
    repos[full] = { default_branch: 'main', branches: { main: base }, files, pulls, ...(archived ? { archived: true } : {}) };
    if (archived) continue;

    expected.repositories.push(full);
    for (const p of pulls.filter((p) => p.state === 'open' && !p.draft)) {
      expected.readPulls++;
      const changed = (p.files ?? []) as string[];
      const gates = [a, b, `pilots/new${i}`].filter((dir) => changed.some((f) => f.startsWith(`${dir}/`)));
      if (gates.length > 0) expected.gatingPulls++;
      for (const dir of gates) {
        entries.push(`${dir}/pilot-readiness.yml#${p.number}`);
        gatedOnMain.add(dir);
      }
    }
    const offline = [a, ...(i % 5 === 0 ? [b] : [])].filter((dir) => !gatedOnMain.has(dir));
    if (offline.length > 0) expected.offlineRepos++;
    for (const dir of offline) entries.push(`${dir}/pilot-readiness.yml`);
    expected.entries[full] = entries.sort();
    expected.pilots += entries.length;
  }
  // A repository with no pilot at all: listed, read (PR list and tree), nothing to show.
  repos[`${ORG}/website`] = {
    default_branch: 'main',
    branches: { main: sha(9999, 0) },
    files: { [sha(9999, 0)]: { 'index.html': '<html></html>\n' } },
  };
  expected.repositories.push(`${ORG}/website`);
  expected.repositories.sort();
  expected.entries[`${ORG}/website`] = [];
  return { scenario: { repos, orgs: { [ORG]: {} } }, expected };
}

/** "manifest#pr" / "manifest" for each portfolio input of a repository, sorted, as Expected.entries has them. */
export function entriesOf(
  inputs: Array<{ repository: string; manifest: string; pullRequest: { number: number } | null }>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const input of inputs) {
    out[input.repository] ??= [];
    out[input.repository]!.push(input.pullRequest ? `${input.manifest}#${input.pullRequest.number}` : input.manifest);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}
