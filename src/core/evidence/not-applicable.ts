// `not_applicable`: a justification is a reason, not a shrug. What counts is letters and digits, one
// per code point, so that padding does not: spaces, punctuation, emoji, zero-width characters and
// the invisible "letters" (Hangul fillers, which Unicode files under Lo) add nothing.
import type { CriterionPolicy } from '../types.js';

/** Letters or digits a `not_applicable` justification needs. */
export const MIN_NOT_APPLICABLE_LENGTH = 20;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Default_Ignorable_Code_Point covers the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 and every
// other character meant to be invisible; they are named as well so that the rule does not rest on it.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0]/u;

/** Letters and digits of the text, per code point, leaving out invisible ones; stops counting at `enough`. */
export function countLettersAndDigits(text: string, enough = Infinity): number {
  let count = 0;
  for (const char of text) {
    if (LETTER_OR_DIGIT.test(char) && !INVISIBLE.test(char)) {
      count++;
      if (count >= enough) break;
    }
  }
  return count;
}

/**
 * How a criterion marked `not_applicable` is judged: refused where the policy does not allow it or the
 * justification is too thin (a problem at the key), else not applicable with its reason.
 */
export function judgeNotApplicable(
  criterion: CriterionPolicy,
  justification: string,
): { status: 'failed' | 'not_applicable'; reason: string; problem: string | null } {
  if (!criterion.allow_not_applicable) {
    const message = `${criterion.id} cannot be marked not_applicable: the policy requires evidence for it`;
    return { status: 'failed', reason: message, problem: message };
  }
  const refused = notApplicableProblem(criterion.id, justification);
  if (refused !== null) return { status: 'failed', reason: refused, problem: refused };
  return { status: 'not_applicable', reason: `not applicable: ${justification.trim()}`, problem: null };
}

/** Why the justification is refused, or null when it counts as one. */
export function notApplicableProblem(criterionId: string, justification: string): string | null {
  const count = countLettersAndDigits(justification, MIN_NOT_APPLICABLE_LENGTH);
  if (count >= MIN_NOT_APPLICABLE_LENGTH) return null;
  return `the not_applicable justification for ${criterionId} is too short: it has ${count} letter${count === 1 ? '' : 's'} or digit${count === 1 ? '' : 's'}; say why in at least ${MIN_NOT_APPLICABLE_LENGTH} (spaces, punctuation, emoji and invisible characters do not count)`;
}
