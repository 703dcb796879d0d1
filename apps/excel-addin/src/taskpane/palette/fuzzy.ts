/**
 * The palette's fuzzy search: each word typed must appear in a command's title as a subsequence
 * ("shrev" → "Show Review"), case and accents ignored ("verifier" → "Vérifier"). Written here
 * rather than taken from fuzzysort: the palette searches ~20 titles, and fuzzysort cost the pane
 * ~8.6 KB gzip of its 250 KB budget for what these few lines do.
 *
 * A match scores a point per letter, two more where a letter starts a word of the title, one more
 * where it follows the previous matched letter; the best placement wins (a small dynamic
 * programme, the titles are short). Equal scores keep the shorter title first, then the list's order,
 * so typing "Review" puts "Review" above "Show Review".
 */

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The best score of `word` as a subsequence of `title` (both folded), or null if it is not one. */
function wordScore(word: string, title: string): number | null {
  // prev[j]: the best score with the word's letters so far matched, the last at title[j].
  let prev: number[] = [];
  for (let i = 0; i < word.length; i++) {
    const next: number[] = new Array(title.length).fill(Number.NEGATIVE_INFINITY);
    let bestBefore = i === 0 ? 0 : Number.NEGATIVE_INFINITY;
    for (let j = 0; j < title.length; j++) {
      if (title[j] === word[i]) {
        const start = j === 0 || !/[\p{L}\p{N}]/u.test(title[j - 1] ?? "") ? 2 : 0;
        const run =
          i > 0 && j > 0 ? (prev[j - 1] ?? Number.NEGATIVE_INFINITY) + 1 : Number.NEGATIVE_INFINITY;
        next[j] = 1 + start + Math.max(bestBefore, run);
      }
      if (i > 0) bestBefore = Math.max(bestBefore, prev[j] ?? Number.NEGATIVE_INFINITY);
    }
    prev = next;
  }
  const best = Math.max(...prev);
  return Number.isFinite(best) ? best : null;
}

/** The items whose key matches every word of `query`, best first; all of them for a blank query. */
export function fuzzyFilter<T>(query: string, items: readonly T[], key: (item: T) => string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const scored: { item: T; score: number; length: number; index: number }[] = [];
  items.forEach((item, index) => {
    const title = fold(key(item));
    let score = 0;
    for (const w of words) {
      const s = wordScore(w, title);
      if (s === null) return;
      score += s;
    }
    scored.push({ item, score, length: title.length, index });
  });
  scored.sort((a, b) => b.score - a.score || a.length - b.length || a.index - b.index);
  return scored.map((s) => s.item);
}
