import type { ModerationResult } from "./chat-provider";

/**
 * The default blocklist: phrases no reelgen video should be written about, whatever the tone.
 * Deliberately short and specific (a list of every rude word would refuse ordinary drama);
 * extend it with `MODERATION_BLOCKLIST`, or turn on the provider's moderation endpoint.
 */
export const DEFAULT_BLOCKLIST = [
  "child porn",
  "child pornography",
  "csam",
  "sexual content involving minors",
  "sex with a minor",
  "bomb-making instructions",
  "how to make a bomb",
  "how to build a bomb",
  "how to make meth",
  "nerve agent synthesis",
  "terrorist attack plan",
  "mass shooting plan",
  "ethnic cleansing propaganda",
  "suicide instructions",
];

export type Moderation = { check(text: string, signal?: AbortSignal): Promise<ModerationResult> };

/** Folds case, accents and look-alike forms, and squeezes punctuation, so "B.O.M.B" tricks still match. */
const normalize = (text: string) =>
  ` ${text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;

/** Moderation by phrase list: a phrase matches on word boundaries after normalising both sides. */
export const blocklistModeration = (phrases: readonly string[] = DEFAULT_BLOCKLIST): Moderation => {
  const needles = phrases.map((p) => ({ phrase: p, needle: normalize(p) })).filter((n) => n.needle.trim());
  return {
    async check(text) {
      const haystack = normalize(text);
      const hits = needles.filter((n) => haystack.includes(n.needle)).map((n) => n.phrase);
      return { flagged: hits.length > 0, categories: hits };
    },
  };
};

/** Blocklist from `MODERATION_BLOCKLIST` (comma-separated, added to the default list). */
export const moderationFromEnv = (env: Record<string, string | undefined> = process.env): Moderation =>
  blocklistModeration([...DEFAULT_BLOCKLIST, ...(env.MODERATION_BLOCKLIST ?? "").split(",").map((s) => s.trim()).filter(Boolean)]);
