/** The classic tapbacks (❤️ 😂 ‼️ ❓ 👍 👎, and a few newer emoji ones) a feeling calls for, by a word of the emotion. */
const TAPBACKS: Record<string, string> = {
  love: "❤️", loving: "❤️", romantic: "❤️", adoring: "❤️", smitten: "❤️",
  laughing: "😂", amused: "😂", hysterical: "😂", embarrassed: "😂",
  happy: "👍", joyful: "👍", delighted: "👍", cheerful: "👍", relieved: "👍", grateful: "👍",
  excited: "‼️", thrilled: "‼️", overjoyed: "‼️", ecstatic: "‼️",
  shocked: "‼️", surprised: "‼️", stunned: "‼️", horrified: "‼️", astonished: "‼️", aghast: "‼️", mindblown: "‼️",
  angry: "👎", furious: "👎", enraged: "👎", livid: "👎", mad: "👎", outraged: "👎", disgusted: "👎",
  confused: "❓", puzzled: "❓", baffled: "❓",
  sad: "😢", upset: "😢", crying: "😢", sobbing: "😢", tearful: "😢", heartbroken: "😢", devastated: "😢",
  scared: "😨", afraid: "😨", terrified: "😨", frightened: "😨", panicked: "😨",
};

/** Messages between two tapbacks that come from feelings alone, so badges stay an accent. */
const EMOTION_SPACING = 4;

/** The tapback a strong emotion calls for ("very angry" → 👎), or null for calm, nervous, whispered… lines. */
export const emotionTapback = (emotion: string | undefined): string | null => {
  if (!emotion) return null;
  for (const word of emotion.toLowerCase().replace(/mind[- ]blown/g, "mindblown").split(/[^a-z]+/)) {
    if (TAPBACKS[word]) return TAPBACKS[word]!;
  }
  return null;
};

export type TapbackMessage = { at: number; durationInFrames: number; speaker: string; scene: number; reaction?: string; emotion?: string };
export type Tapback = { emoji: string; at: number; by: string };

/**
 * Which messages get a tapback badge, by their index in `messages` (in order): every message with
 * its own `reaction`, and messages with a strong emotion (at most one in every few messages). The
 * badge lands when someone else next sends a message in the scene — they are the one reacting —
 * or, with no reply, a second into the message. Later scenes never change it, so a scene's frames
 * depend on it and the scenes before it only (the pack's scene cache key).
 */
export const chooseTapbacks = (messages: TapbackMessage[], me: string, fps: number): Map<number, Tapback> => {
  const chosen = new Map<number, Tapback>();
  let lastFromEmotion = -Infinity;
  messages.forEach((message, i) => {
    const own = message.reaction?.trim();
    const felt = own ? null : emotionTapback(message.emotion);
    if (!own && !(felt && i - lastFromEmotion >= EMOTION_SPACING)) return;
    if (!own) lastFromEmotion = i;
    const reply = messages.slice(i + 1).find((m) => m.scene === message.scene && m.speaker !== message.speaker);
    chosen.set(i, {
      emoji: own ?? felt!,
      at: reply ? reply.at : message.at + Math.min(message.durationInFrames, fps),
      by: reply ? reply.speaker : message.speaker === me ? "" : me,
    });
  });
  return chosen;
};
