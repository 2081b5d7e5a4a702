/**
 * "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough to be a likely typo.
 */

/** Levenshtein distance, case-insensitive (a wrong case is the most common typo of all). */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, i) => i);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** How many edits still look like a typo of `word`: a third of its length, at least 1, at most 3. */
function typoLimit(word: string): number {
  return Math.min(3, Math.max(1, Math.floor(word.length / 3)));
}

/**
 * The candidate closest to `word`, when within a third of its length (at least 1, at most 3 edits); ties go to the
 * candidate listed first, so suggestions are deterministic.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = typoLimit(word);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Like `closest`, but only a candidate closer than every other: among hundreds of similar names (the actions of
 * a service, their first letters) a tie means the word could be either, and a guess would mislead.
 */
export function closestUnambiguous(word: string, candidates: readonly string[]): string | undefined {
  const limit = typoLimit(word);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance && candidate.toLowerCase() !== best?.toLowerCase()) tied = true;
  }
  return bestDistance <= limit && !tied ? best : undefined;
}

/** A hint sentence: `did you mean "x"?`, or a list of what is allowed when nothing is close. */
export function suggestionHint(word: string, candidates: readonly string[], what: string): string {
  const match = closest(word, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  if (candidates.length === 0) return `no ${what} are allowed here`;
  return `allowed ${what}: ${candidates.join(', ')}`;
}
