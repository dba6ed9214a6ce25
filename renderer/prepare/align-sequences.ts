import type { SpokenWord } from "./speech-provider";

/**
 * Aligns two sequences by edit distance (Levenshtein, with the path kept) and answers, for each
 * item of `b`, the index of the item of `a` it stands for: matched or substituted items pair up;
 * an item only `b` has takes its left neighbour's (the first ones their right neighbour's); -1
 * only when `a` is empty. Used to put an engine's timed segments back on the words of a line.
 */
export const alignSequences = <A, B>(a: readonly A[], b: readonly B[], same: (x: A, y: B) => boolean): number[] => {
  const n = a.length;
  const m = b.length;
  const cost = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = 0; i <= n; i++) cost[at(i, 0)] = i;
  for (let j = 0; j <= m; j++) cost[at(0, j)] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[at(i, j)] = Math.min(cost[at(i - 1, j)]! + 1, cost[at(i, j - 1)]! + 1, cost[at(i - 1, j - 1)]! + (same(a[i - 1]!, b[j - 1]!) ? 0 : 1));
    }
  }
  const owner = new Array<number>(m).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = cost[at(i, j)]!;
    if (here === cost[at(i - 1, j - 1)]! + (same(a[i - 1]!, b[j - 1]!) ? 0 : 1)) {
      owner[--j] = --i;
    } else if (here === cost[at(i, j - 1)]! + 1) {
      j--;
    } else {
      i--;
    }
  }
  // Items only `b` has: the left neighbour's, else the right one's.
  for (let k = 0; k < m; k++) if (owner[k] === -1 && k > 0) owner[k] = owner[k - 1]!;
  for (let k = m - 1; k >= 0; k--) if (owner[k] === -1 && k < m - 1) owner[k] = owner[k + 1]!;
  return owner;
};

/** Word timings from spans some of which are unknown (punctuation, a dash): those take no time, where the previous word ends. */
export const fillSpans = (words: string[], spans: { start: number | null; end: number | null }[]): SpokenWord[] | null => {
  if (!spans.some((s) => s.start !== null)) return null;
  let last = spans.find((s) => s.start !== null)!.start!;
  return words.map((text, i) => {
    const span = spans[i]!;
    const startSec = Math.max(last, span.start ?? last);
    const endSec = Math.max(startSec, span.end ?? startSec);
    last = endSec;
    return { text, startSec, endSec };
  });
};
