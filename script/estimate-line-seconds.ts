/** Speech rate for space-separated scripts, in words per second (about 160 words a minute). */
const WORDS_PER_SECOND = 2.7;
/** Speech rate for scripts written without spaces (Chinese, Japanese), in characters per second. */
const CJK_CHARS_PER_SECOND = 6.5;
/** Breath between lines, so captions do not flash by. */
export const PAUSE_SECONDS = 0.5;
const MIN_SECONDS = 1.2;

/**
 * Characters of the scripts that are read (and captioned) character by character: Chinese,
 * Japanese kana and Korean Hangul. The one definition the estimate, the captions and the quality
 * gate share.
 */
export const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });

/**
 * How long a line stays on screen when the script gives no `durationSec`: a reading/speaking
 * speed estimate. CJK characters count one by one; other scripts count words.
 */
export const estimateLineSeconds = (text: string): number => {
  let words = 0;
  let cjkChars = 0;
  for (const segment of wordSegmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    const cjk = [...segment.segment].filter((ch) => CJK_CHARACTER.test(ch)).length;
    if (cjk > 0) cjkChars += cjk;
    else words += 1;
  }
  const speaking = words / WORDS_PER_SECOND + cjkChars / CJK_CHARS_PER_SECOND;
  return Math.max(MIN_SECONDS, Math.round((speaking + PAUSE_SECONDS) * 100) / 100);
};
