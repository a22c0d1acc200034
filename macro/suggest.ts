/** Edit distance between two strings (Levenshtein), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[t.length] as number;
}

/**
 * The longest name the suggestion compares. Edit distance costs the product of the lengths, so a
 * 10 MB Service would take seconds; no AWS name is this long, so nothing that long is a typo of one.
 */
export const MAX_SUGGESTION_CHARS = 100;

/** The closest candidate to a misspelt name, if one is close enough to be a plausible typo. */
export function suggest(received: string, candidates: readonly string[]): string | undefined {
  if (received.length > MAX_SUGGESTION_CHARS) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(received, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the name, at least 2 edits: catches typos without suggesting unrelated names.
  const allowed = Math.max(2, Math.floor(received.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** " Did you mean 'X'?" when a close candidate exists, else "". */
export function didYouMean(received: string, candidates: readonly string[]): string {
  const candidate = suggest(received, candidates);
  return candidate === undefined ? '' : ` Did you mean '${candidate}'?`;
}
