import type { Character, FaceStyle } from "../../script";

/** The expression parts a portrait is drawn with: the style's own option values. */
export type Expression = {
  eyes: string;
  /** Eyebrows, for styles that have them. */
  eyebrows: string | null;
  /** The mouth at rest (silence, and between syllables). */
  mouth: string;
  /** The mouth mid-syllable. */
  mouthOpen: string;
  /** The eyes mid-blink. */
  blink: string;
};

/** Everything needed to draw one character's face, minus what changes frame to frame. */
export type FaceOptions = {
  style: FaceStyle;
  seed: string;
  /** DiceBear options that fix the character's look (hair, skin, clothes), the same in every expression. */
  look: Record<string, unknown>;
  expression: Expression;
};

export const DEFAULT_FACE_STYLE: FaceStyle = "avataaars";

/** The feelings portraits can show; every emotion a script names maps onto one of them. */
type Feeling =
  | "neutral"
  | "happy"
  | "excited"
  | "love"
  | "angry"
  | "furious"
  | "annoyed"
  | "sad"
  | "shocked"
  | "scared"
  | "nervous"
  | "whisper"
  | "suspicious"
  | "confused"
  | "determined"
  | "tired";

const FEELING_WORDS: Record<Feeling, string[]> = {
  neutral: ["neutral", "calm", "flat", "matter-of-fact", "plain", "normal", "thoughtful"],
  happy: ["happy", "amused", "cheerful", "glad", "joyful", "laughing", "relieved", "playful", "warm", "grateful", "content", "teasing"],
  excited: ["excited", "thrilled", "hopeful", "proud", "eager", "triumphant", "enthusiastic", "delighted"],
  love: ["love", "loving", "romantic", "adoring", "tender", "affectionate"],
  angry: ["angry", "mad", "outraged", "hostile", "accusing", "bitter"],
  furious: ["furious", "rage", "raging", "livid", "yelling", "shouting"],
  annoyed: ["annoyed", "irritated", "frustrated", "impatient", "exasperated", "sarcastic", "grumpy", "defensive"],
  sad: ["sad", "upset", "hurt", "crying", "heartbroken", "disappointed", "sorry", "apologetic", "regretful", "lonely", "guilty"],
  shocked: ["shocked", "surprised", "stunned", "astonished", "amazed", "gasp", "disbelief"],
  scared: ["scared", "afraid", "terrified", "fearful", "panicked", "panic", "horrified"],
  nervous: ["nervous", "anxious", "worried", "uneasy", "embarrassed", "awkward", "shy", "hesitant"],
  whisper: ["whisper", "whispering", "quiet", "secretive", "hushed"],
  suspicious: ["suspicious", "skeptical", "sceptical", "doubtful", "smug", "sly", "cunning", "mysterious"],
  confused: ["confused", "puzzled", "curious", "uncertain", "questioning", "baffled"],
  determined: ["determined", "serious", "firm", "resolute", "confident", "stern", "commanding", "cold"],
  tired: ["tired", "bored", "sleepy", "exhausted", "weary", "drained"],
};

const FEELING_OF = new Map<string, Feeling>(
  (Object.entries(FEELING_WORDS) as [Feeling, string[]][]).flatMap(([feeling, words]) => words.map((w) => [w, feeling] as const)),
);

/** The feeling an emotion shows: the whole phrase, else its first known word ("very angry"); unknown words (and none) look neutral. */
export const feelingOf = (emotion: string | undefined): Feeling => {
  const phrase = (emotion ?? "").trim().toLowerCase();
  const known = FEELING_OF.get(phrase) ?? phrase.split(/[^\p{L}]+/u).map((w) => FEELING_OF.get(w)).find(Boolean);
  return known ?? "neutral";
};

// Per style: feeling → "eyes eyebrows mouth mouthOpen" ("-" for a style without eyebrows).
// Chosen by eye from each style's option sheet: the rest and open mouths differ in every row so
// speech always shows.
type Table = { blink: string; rows: Record<Feeling, string> };
const TABLES: Record<FaceStyle, Table> = {
  avataaars: {
    blink: "closed",
    rows: {
      neutral: "default defaultNatural twinkle default",
      happy: "happy defaultNatural twinkle smile",
      excited: "happy raisedExcitedNatural smile screamOpen",
      love: "hearts defaultNatural twinkle smile",
      angry: "default angryNatural serious grimace",
      furious: "squint angry grimace screamOpen",
      annoyed: "eyeRoll flatNatural serious concerned",
      sad: "cry sadConcernedNatural sad concerned",
      shocked: "surprised raisedExcitedNatural disbelief screamOpen",
      scared: "surprised sadConcernedNatural grimace screamOpen",
      nervous: "side sadConcernedNatural grimace concerned",
      whisper: "side upDownNatural serious disbelief",
      suspicious: "squint upDownNatural serious default",
      confused: "default upDownNatural serious disbelief",
      determined: "default angryNatural serious default",
      tired: "squint sadConcernedNatural serious disbelief",
    },
  },
  "toon-head": {
    blink: "humble",
    rows: {
      neutral: "happy neutral smile agape",
      happy: "happy happy smile laugh",
      excited: "wide raised smile laugh",
      love: "bow happy smile laugh",
      angry: "happy angry sad angry",
      furious: "wide angry angry agape",
      annoyed: "wink angry sad agape",
      sad: "happy sad sad agape",
      shocked: "wide raised agape laugh",
      scared: "wide sad sad agape",
      nervous: "happy sad sad angry",
      whisper: "happy raised smile agape",
      suspicious: "wink angry smile agape",
      confused: "happy raised sad agape",
      determined: "happy angry smile agape",
      tired: "bow neutral sad agape",
    },
  },
  micah: {
    blink: "smiling",
    rows: {
      neutral: "eyes up smile laughing",
      happy: "eyes up smile laughing",
      excited: "round up smile laughing",
      love: "round up smirk laughing",
      angry: "eyes down frown nervous",
      furious: "round down nervous surprised",
      annoyed: "eyes down frown surprised",
      sad: "eyes up sad surprised",
      shocked: "round up surprised laughing",
      scared: "round up nervous surprised",
      nervous: "eyes up nervous surprised",
      whisper: "eyes up pucker surprised",
      suspicious: "eyes down smirk surprised",
      confused: "round up pucker surprised",
      determined: "eyes down smirk laughing",
      tired: "eyesShadow down frown surprised",
    },
  },
  personas: {
    blink: "sleep",
    rows: {
      neutral: "open - smile bigSmile",
      happy: "happy - smile bigSmile",
      excited: "open - bigSmile surprise",
      love: "happy - lips bigSmile",
      angry: "open - frown surprise",
      furious: "open - frown bigSmile",
      annoyed: "open - smirk surprise",
      sad: "open - frown surprise",
      shocked: "open - surprise bigSmile",
      scared: "open - surprise frown",
      nervous: "open - smirk surprise",
      whisper: "open - lips surprise",
      suspicious: "wink - smirk surprise",
      confused: "open - smirk surprise",
      determined: "open - smile surprise",
      tired: "open - frown surprise",
    },
  },
};

// Hair without hats, so every face shows its hair; split so `gender` can steer it.
const AVATAAARS_TOPS = {
  female: ["bob", "bun", "curly", "curvy", "dreads", "frida", "fro", "froBand", "longButNotTooLong", "miaWallace", "straight01", "straight02", "straightAndStrand", "bigHair"],
  male: ["dreads01", "dreads02", "frizzle", "shaggy", "shaggyMullet", "shortCurly", "shortFlat", "shortRound", "shortWaved", "sides", "theCaesar", "theCaesarAndSidePart"],
};

/** A `#rgb`/`#rrggbb` colour as DiceBear wants it (six hex digits, no `#`); other forms are not steerable. */
const hex6 = (color: string | undefined): string | null => {
  const m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color?.trim() ?? "");
  if (!m) return null;
  const digits = m[1]!.length <= 4 ? [...m[1]!.slice(0, 3)].map((d) => d + d).join("") : m[1]!.slice(0, 6);
  return digits.toLowerCase();
};

const lookOf = (style: FaceStyle, appearance: NonNullable<Character["appearance"]>): Record<string, unknown> => {
  const skin = hex6(appearance.skinColor);
  const hair = hex6(appearance.hairColor);
  const gender = appearance.gender;
  switch (style) {
    case "avataaars":
      return {
        top: gender ? AVATAAARS_TOPS[gender] : [...AVATAAARS_TOPS.female, ...AVATAAARS_TOPS.male],
        facialHairProbability: gender === "male" ? 30 : 0,
        // Clear lenses only: tinted glasses would hide the expression.
        accessories: ["prescription01", "prescription02", "round"],
        accessoriesProbability: 15,
        clothingGraphic: ["bear", "deer", "diamond", "pizza"],
        // Human skin tones only (the style's palette also has cartoon yellow and orange).
        skinColor: [skin ?? ["614335", "d08b5b", "ae5d29", "edb98a", "ffdbb4"]].flat(),
        ...(hair ? { hairColor: [hair], facialHairColor: [hair] } : {}),
      };
    case "toon-head":
      return {
        ...(gender === "female" ? { beardProbability: 0, rearHairProbability: 100 } : gender === "male" ? { rearHairProbability: 0 } : { beardProbability: 20 }),
        ...(skin ? { skinColor: [skin] } : {}),
        ...(hair ? { hairColor: [hair] } : {}),
      };
    case "micah":
      return {
        ...(gender === "male" ? { facialHairProbability: 30 } : { facialHairProbability: 0 }),
        ...(skin ? { baseColor: [skin] } : {}),
        ...(hair ? { hairColor: [hair] } : {}),
      };
    case "personas":
      return {
        ...(gender === "male" ? { facialHairProbability: 30 } : { facialHairProbability: 0 }),
        ...(skin ? { skinColor: [skin] } : {}),
        ...(hair ? { hairColor: [hair] } : {}),
      };
  }
};

/**
 * How a character's portrait is drawn for an emotion: the style (`appearance.style`, else
 * avataaars), the seed (`appearance.seed`, else the character's id, so a series keeps its faces),
 * the fixed look and the expression's eyes, eyebrows and mouths.
 */
export const faceOptions = (character: Pick<Character, "id" | "appearance">, emotion: string | undefined): FaceOptions => {
  const appearance = character.appearance ?? {};
  const style = appearance.style ?? DEFAULT_FACE_STYLE;
  const table = TABLES[style];
  const [eyes, eyebrows, mouth, mouthOpen] = table.rows[feelingOf(emotion)].split(" ") as [string, string, string, string];
  return {
    style,
    seed: appearance.seed ?? character.id,
    look: lookOf(style, appearance),
    expression: { eyes, eyebrows: eyebrows === "-" ? null : eyebrows, mouth, mouthOpen, blink: table.blink },
  };
};
