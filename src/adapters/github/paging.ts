// Bounded paging for every paginated read: a GitHub (or a proxy) that answers "there is more" without a
// way forward, with a way it gave before, or without end, makes the run fail with a clear error instead
// of paging forever (fail closed: a listing that cannot be finished is not taken as complete).

import { GitHubApiError } from './errors.js';

/**
 * The most pages each read may take (100 items a page). Past them the read fails: GitHub would not
 * really answer that much, and a run that pages without end is worse than one that stops and says why.
 */
export const MAX_PAGES = {
  /** 10,000 reviews of one pull request. */
  reviews: 100,
  /** 10,000 review-request, removal and draft events of one pull request. */
  timeline: 100,
  /** 10,000 commits of one pull request. */
  commits: 100,
  /** GitHub lists at most 3,000 changed files of a pull request: 30 pages of 100. */
  files: 30,
  /** 10,000 members of one team. */
  teamMembers: 100,
  /** 10,000 open pull requests of a repository (a sweep reads every one of them after this). */
  openPulls: 100,
  /**
   * 10,000 comments on a pull request, searched for the report comment and the reminders. Any commenter
   * can post more: the facts query then goes on with the newest 10,000 and a warning (see
   * pull-request.ts) rather than fail the gate.
   */
  comments: 100,
  /**
   * 10,000 repositories of an organisation (the portfolio). The portfolio then reads each one's open pull
   * requests, a request at least per repository: more would outlast a token's hourly rate limit anyway.
   */
  orgRepositories: 100,
} as const;

export const FOREVER = 'pilot-readiness stops rather than page forever';

/**
 * Follows one paginated read page by page. Call `next` with what each page says about the rest (the
 * first page included); it returns where the following page starts, or null after the last page, and
 * throws GitHubApiError naming `endpoint` and `what` when the answer cannot be followed safely:
 * more pages with no cursor, a cursor given before, or more than `maxPages` pages.
 */
export class PageGuard {
  private pages = 0;
  private readonly seen = new Set<string>();
  private cut = false;

  constructor(
    /** e.g. "GraphQL PullRequestFacts (acme/models#7)" or "GET /repos/acme/models/pulls". */
    private readonly endpoint: string,
    /** What is being listed, e.g. "reviews"; said in the error. */
    private readonly what: string,
    private readonly maxPages: number,
    /**
     * How the answer points to the next page: a GraphQL cursor (`backward`: read from the end, with
     * hasPreviousPage and startCursor), or a REST Link header.
     */
    private readonly by: 'cursor' | 'backward' | 'link' = 'cursor',
    /**
     * Past `maxPages`: fail (the default), or stop as if the last page were read and say so in
     * `stopped`, for a listing whose caller can go on safely with part of it.
     */
    private readonly past: 'fail' | 'stop' = 'fail',
  ) {}

  /** How many pages have been read. */
  get read(): number {
    return this.pages;
  }

  /** True once the listing was cut at `maxPages` (only with `past: 'stop'`). */
  get stopped(): boolean {
    return this.cut;
  }

  /** Marks a cursor as used before it was handed out (the URL of a REST page just read). */
  used(cursor: string): void {
    this.seen.add(cursor);
  }

  next(hasNextPage: boolean, cursor: string | null | undefined): string | null {
    this.pages++;
    if (!hasNextPage) return null;
    const at = `page ${this.pages} of ${this.what}`;
    const more = this.by === 'backward' ? 'hasPreviousPage' : 'hasNextPage';
    if (cursor === null || cursor === undefined || cursor === '') {
      throw this.fail(
        this.by !== 'link' ? `GitHub answered ${more} with no cursor (${at})` : `GitHub answered a next link with no URL (${at})`,
      );
    }
    if (this.seen.has(cursor)) {
      throw this.fail(
        this.by !== 'link'
          ? `GitHub answered ${more} with a cursor it gave before (${at})`
          : `GitHub answered a next link to a page it gave before (${at})`,
      );
    }
    if (this.pages >= this.maxPages) {
      if (this.past === 'stop') {
        this.cut = true;
        return null;
      }
      throw this.fail(
        `GitHub still answered that there is more after ${this.maxPages} pages of ${this.what}, the most pilot-readiness reads`,
      );
    }
    this.seen.add(cursor);
    return cursor;
  }

  private fail(what: string): GitHubApiError {
    return new GitHubApiError(this.endpoint, null, `${what}; ${FOREVER}`);
  }
}

/** A REST page as octokit's paginate.iterator yields it. */
interface RestPage {
  url?: string;
  headers: { link?: string | undefined };
}

/** The `next` URL of a REST answer's Link header, as octokit's paginate reads it; null when there is none. */
export function nextLink(link: string | undefined): string | null {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1] ?? null;
}

/**
 * The pages of a REST listing (octokit.paginate.iterator), checked by `guard` before the next one is
 * asked for: a `next` link to a page already read, or more than the guard's pages, ends the listing
 * with an error.
 */
export async function* boundedPages<P extends RestPage>(pages: AsyncIterable<P>, guard: PageGuard): AsyncGenerator<P, void, undefined> {
  for await (const page of pages) {
    if (page.url) guard.used(page.url);
    const next = nextLink(page.headers.link);
    guard.next(next !== null, next);
    yield page;
  }
}
