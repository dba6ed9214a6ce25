import type { WordTiming } from "../../script";

const MIN_SYLLABLE_SEC = 0.09;

/** Vowel groups in a word: a cheap syllable count (at least 1; scripts without Latin vowels count ~2 letters a syllable). */
const syllables = (word: string): number => {
  const groups = word.toLowerCase().match(/[aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüœ]+/g)?.length;
  if (groups) return groups;
  const letters = [...word.replace(/[\p{P}\p{S}\s]/gu, "")].length;
  return Math.max(1, Math.round(letters / 2));
};

/**
 * Whether the mouth is open at `timeSec` (seconds from the start of the line's audio): each word
 * is cut into its syllables, the mouth open for the first 60% of each and closed for the rest;
 * closed between words and in silence.
 */
export const mouthOpenAt = (words: readonly WordTiming[], timeSec: number): boolean => {
  for (const word of words) {
    if (timeSec < word.startSec || timeSec >= word.endSec) continue;
    const length = word.endSec - word.startSec;
    const count = Math.max(1, Math.min(syllables(word.text), Math.floor(length / MIN_SYLLABLE_SEC)));
    const phase = (((timeSec - word.startSec) / length) * count) % 1;
    return phase < 0.6;
  }
  return false;
};

/**
 * Word timings for a line that has none (no prepared voice): the words spread over the first part
 * of the line, as the animated caption spreads them, each taking a share by its length.
 */
export const estimateWords = (text: string, durationSec: number): WordTiming[] => {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || durationSec <= 0) return [];
  const spread = Math.max(0.3, Math.min(durationSec * 0.7, words.length * 0.3));
  const total = words.reduce((sum, w) => sum + [...w].length + 1, 0);
  let at = 0;
  return words.map((text) => {
    const length = (([...text].length + 1) / total) * spread;
    const timing = { text, startSec: at, endSec: at + length * 0.9 };
    at += length;
    return timing;
  });
};
