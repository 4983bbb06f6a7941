// "Did you mean …?" for near misses in keys, criterion ids and role names.
//
// Bounded, because the words come from untrusted manifests: a word longer than MAX_WORD gets no
// suggestion, only the first MAX_CANDIDATES candidates are considered, a candidate whose length alone
// puts it out of reach is skipped, the distance stops as soon as it exceeds the limit, and a caller
// reporting many unknown words passes one budget per file so that only the first few get a hint.

/** Longest word that gets a suggestion (criterion ids and keys are at most 64 characters). */
export const MAX_WORD = 64;
/** Candidates considered per word. */
export const MAX_CANDIDATES = 1000;
/** Words of one file that get a "did you mean"; the rest get their error without it. */
export const MAX_SUGGESTIONS_PER_FILE = 20;

/** How many more words may get a suggestion; one per file (or per report), made by suggestionBudget(). */
export interface SuggestionBudget {
  left: number;
}

export function suggestionBudget(words = MAX_SUGGESTIONS_PER_FILE): SuggestionBudget {
  return { left: words };
}

/** Largest distance that still counts as a near miss for a word of this length. */
const limitFor = (length: number): number => Math.max(1, Math.min(3, Math.floor(length / 3)));

/**
 * Optimal string alignment distance (edits, with a swap of two neighbours counting as one), or
 * `limit + 1` once it is certain to exceed `limit`: a row's minimum never decreases in later rows.
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[n]!, limit + 1);
}

/**
 * The closest candidate within a small edit distance (case-insensitive), or null. With a budget, each
 * call spends one word of it, and an exhausted budget gives null without looking.
 */
export function closest(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string | null {
  if (budget) {
    if (budget.left <= 0) return null;
    budget.left--;
  }
  if (word.length > MAX_WORD) return null;
  const lower = word.toLowerCase();
  const limit = limitFor(word.length);
  let best: string | null = null;
  let bestDistance = limit + 1;
  let seen = 0;
  for (const candidate of candidates) {
    if (seen++ >= MAX_CANDIDATES) break;
    // Only a strictly closer candidate replaces the best, so the first of equals wins.
    const d = boundedDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string {
  const match = closest(word, candidates, budget);
  return match ? ` Did you mean "${match}"?` : '';
}
