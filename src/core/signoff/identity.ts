// GitHub identities as the sign-off rules see them: logins, org/team slugs, bots, short shas.

/** A GitHub login: alphanumerics and single inner hyphens, at most 39 characters. */
export const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function isLogin(text: string): boolean {
  return LOGIN.test(text);
}

/** An `org/team-slug` reference. */
export function isTeam(text: string): boolean {
  return TEAM.test(text);
}

/** GitHub Apps review as `name[bot]`; their reviews never count. */
export function isBot(login: string): boolean {
  return login.toLowerCase().endsWith('[bot]');
}

/** GitHub compares logins and org names without regard to case. */
export function loginKey(login: string): string {
  return login.toLowerCase();
}

export function sameLogin(a: string, b: string): boolean {
  return loginKey(a) === loginKey(b);
}

/** Members of a team as gathered in the PR facts; undefined when the team could not be resolved. */
export function teamMembers(teams: Record<string, string[]>, slug: string): string[] | undefined {
  if (Object.hasOwn(teams, slug)) return teams[slug];
  const key = slug.toLowerCase();
  const match = Object.keys(teams).find((name) => name.toLowerCase() === key);
  return match === undefined ? undefined : teams[match];
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Advice on what the token lacks when a team cannot be expanded. */
export const TEAM_PERMISSION = 'the token needs read access to organization members (fine-grained token: Members read; classic: read:org)';

/** `a`, `a or b`, `a, b or c`. */
export function oneOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The closest of `candidates` to `name` when it is a plausible typo (edit distance at most 2). */
export function didYouMean(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(2, Math.max(1, Math.floor(name.length / 3)));
  return bestDistance <= limit ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
