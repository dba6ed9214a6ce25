/** One line to speak, with the voice and delivery already resolved from the script. */
export type SpeechRequest = {
  text: string;
  /** A voice the provider lists (espeak-ng: `en-us+f3`; OpenAI: `alloy`). */
  voice: string;
  /** BCP-47 language of the script. */
  language: string;
  /** Speaking rate relative to the voice's normal speed (1 = normal). */
  rate: number;
  /** Pitch shift relative to normal (1 = normal), where the engine allows. */
  pitch: number;
};

export type SynthesizedSpeech = {
  /** A RIFF/WAV file's bytes. */
  wav: Buffer;
  /**
   * Relative weight of each word of `text` in speaking time (e.g. phoneme counts), used to place
   * word timings inside the audio; `null` when the engine offers none.
   */
  wordWeights: { text: string; weight: number }[] | null;
  /**
   * Where each word of `text` (split on whitespace, in order) is heard in `wav`, as the engine
   * itself timed it (Festival's and flite's segments). Preferred over `wordWeights`; absent or
   * null when the engine gives none.
   */
  words?: SpokenWord[] | null;
};

/** One word of a line and when it is heard, in seconds from the start of the audio. */
export type SpokenWord = { text: string; startSec: number; endSec: number };

/**
 * The voices an engine offers, from the engine itself. A voice a script may name is one of
 * `voices`, optionally followed by `+` and one of `variants` (espeak-ng: `en-us`, `en-us+f3`).
 */
export type VoiceCatalog = {
  voices: readonly string[];
  /** Empty when the engine has no variants: then a voice is one of `voices` exactly. */
  variants: readonly string[];
  /** Voices that take no variant (a catalog that joins engines: Festival's and flite's voices beside espeak-ng's). */
  plainVoices?: readonly string[];
  /** What the engine says about its voices and variants (by name), for pickers; absent when it says nothing. */
  details?: Readonly<Record<string, VoiceDetail>>;
};

/** A voice's or variant's description as its engine gives it. */
export type VoiceDetail = {
  /** A display name, e.g. `English (Great Britain)` or `Annie`. */
  name: string | null;
  /** The BCP-47-like language it speaks (espeak-ng: the voice's own name); null for variants and multilingual voices. */
  language: string | null;
  gender: "female" | "male" | null;
  /** The program that speaks it (`festival`, `flite`, `espeak-ng`), where a catalog joins several. */
  engine?: string;
};

export type VoiceGender = "female" | "male";

/** Limits of one engine run (one line, or listing the voices). */
export type SpeechRunOptions = { signal: AbortSignal | null; timeoutMs: number };

/**
 * A text-to-speech engine. Implementations: the offline voices (Festival's HTS voice and flite's
 * for English, espeak-ng for other languages; the embedded default), espeak-ng alone, and any
 * OpenAI-compatible `/v1/audio/speech` endpoint. A provider only ever speaks with a voice of its
 * own catalog; `checkScriptVoices` refuses any other before a line is spoken.
 */
export type SpeechProvider = {
  /** Stable id; part of the audio cache key, so change it when output would change. */
  id: string;
  /** The engine's name in messages (`espeak-ng`, `the speech endpoint`). */
  name: string;
  /** The engine's voices; read once per provider and cached (a failed read is tried again next time). */
  listVoices: (options: SpeechRunOptions) => Promise<VoiceCatalog>;
  /**
   * The voice for a character without `voice`, picked by index so characters sound apart; `null`
   * when none speaks the language. `gender` (the character's `appearance.gender`), when given,
   * asks for a voice of that gender where the engine has one; `index` then counts the characters
   * of that gender.
   */
  defaultVoice: (index: number, language: string, catalog: VoiceCatalog, gender?: VoiceGender | null) => string | null;
  /** The narrator's voice; `null` when none speaks the language. */
  narratorVoice: (language: string, catalog: VoiceCatalog) => string | null;
  synthesize: (request: SpeechRequest, options: SpeechRunOptions) => Promise<SynthesizedSpeech>;
};

/** Whether `voice` is one of the catalog's voices, with at most one known variant after `+`. */
export const isKnownVoice = (catalog: VoiceCatalog, voice: string): boolean => {
  if (catalog.voices.includes(voice)) return true;
  if (catalog.variants.length === 0) return false;
  const plus = voice.indexOf("+");
  const base = voice.slice(0, plus);
  return plus > 0 && catalog.voices.includes(base) && !catalog.plainVoices?.includes(base) && catalog.variants.includes(voice.slice(plus + 1));
};

/**
 * Caches a provider's voice listing: one read shared by every caller, forgotten when it fails so
 * the next call tries again.
 */
export const cacheVoiceListing = (read: (options: SpeechRunOptions) => Promise<VoiceCatalog>) => {
  let listing: Promise<VoiceCatalog> | null = null;
  return (options: SpeechRunOptions): Promise<VoiceCatalog> => {
    if (!listing) {
      // Shared by every caller, so no one caller's cancel ends it; its time limit still does.
      const current = read({ signal: null, timeoutMs: options.timeoutMs });
      listing = current;
      current.catch(() => {
        if (listing === current) listing = null;
      });
    }
    return listing;
  };
};
