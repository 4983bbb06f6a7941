// Time passing in the fake: the code under test reads the real clock, so "ten days later" is made by
// moving every instant the world holds ten days into the past. Writes made afterwards get the real
// clock, as they would ten days later on GitHub.

import type { PullSpec } from './scenario.js';
import type { World } from './world.js';

function earlier(iso: string | undefined, ms: number): string | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * As if `ms` milliseconds had passed: pull requests (creation, commits, reviews, timeline events),
 * comments (and the deadline in a reminder's marker), statuses (with any instant written in their
 * links) and commit dates of every repository move `ms` into the past. File contents
 * (evidence dates written in manifests) do not change.
 */
export function elapse(world: World, ms: number): void {
  for (const repo of world.repos.values()) {
    for (const pull of repo.pulls.values()) {
      const spec: PullSpec = { ...pull.spec };
      if (spec.created_at !== undefined) spec.created_at = earlier(spec.created_at, ms)!;
      if (spec.commits) spec.commits = spec.commits.map((c) => ({ ...c, ...(c.at ? { at: earlier(c.at, ms)! } : {}) }));
      if (spec.reviews)
        spec.reviews = spec.reviews.map((r) => ({ ...r, ...(r.submitted_at ? { submitted_at: earlier(r.submitted_at, ms)! } : {}) }));
      pull.spec = spec;
      pull.timeline = pull.timeline.map((e) => ({ ...e, created_at: earlier(e.created_at, ms)! }));
    }
    for (const comment of repo.comments) {
      // The instant a reminder's hidden marker records is the world's time too (the deadline it was sent for).
      comment.body = comment.body.replace(
        /^(<!-- pilot-readiness-reminder [^\n]*? deadline=)(\S+)( -->)/,
        (_, head: string, at: string, tail: string) => `${head}${earlier(at, ms)}${tail}`,
      );
      comment.created_at = earlier(comment.created_at, ms)!;
      comment.updated_at = earlier(comment.updated_at, ms)!;
    }
    for (const list of repo.statuses.values()) {
      for (const status of list) {
        status.created_at = earlier(status.created_at, ms)!;
        status.updated_at = earlier(status.updated_at, ms)!;
        // An instant a writer put in the status's link (the gate's sweep record) is one the world holds too.
        if (status.target_url)
          status.target_url = status.target_url.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z/g, (iso) =>
            new Date(Date.parse(iso) - ms).toISOString(),
          );
      }
    }
    const commits = repo.spec.commits;
    if (commits) {
      repo.spec = {
        ...repo.spec,
        commits: Object.fromEntries(
          Object.entries(commits).map(([sha, c]) => [sha, { ...c, ...(c.date ? { date: earlier(c.date, ms)! } : {}) }]),
        ),
      };
    }
  }
}

/**
 * As if `days` whole days had passed for the evidence: every `date:` written in a pilot manifest of
 * every tree (a date, or a quoted date-time, whose time stays) moves `days` earlier. `elapse` leaves file contents alone; call both to age
 * a pull request's evidence end to end (a date has no finer grain than a day).
 */
export function ageEvidence(world: World, days: number): void {
  const shift = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  for (const repo of world.repos.values()) {
    const trees = repo.spec.files;
    if (!trees) continue;
    repo.spec = {
      ...repo.spec,
      files: Object.fromEntries(
        Object.entries(trees).map(([key, files]) => [
          key,
          Object.fromEntries(
            Object.entries(files).map(([path, content]) => [
              path,
              path.endsWith('pilot-readiness.yml') && typeof content === 'string'
                ? content.replace(/\bdate: ('?)(\d{4}-\d{2}-\d{2})/g, (_, quote: string, date: string) => `date: ${quote}${shift(date)}`)
                : content,
            ]),
          ),
        ]),
      ),
    };
  }
}
