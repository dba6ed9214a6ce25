import type { VoiceGender } from "./speech-provider";

/** An English voice of the offline engines: which program speaks it and how it is set. */
export type EnglishVoice = {
  /** The name a script gives as `characters[].voice`: a name, never a path. */
  id: string;
  /** What pickers and `reelgen voices` show. */
  name: string;
  engine: "festival" | "flite";
  gender: VoiceGender;
  language: string;
  /** flite's own voice name (`flite -voice`); null for Festival (its HTS voice, `cmu_us_slt_arctic_hts`). */
  fliteVoice: "slt" | "rms" | "awb" | "kal16" | null;
  /**
   * The mean pitch (Hz) flite is asked for (`int_f0_target_mean`), which emotions scale; null
   * where the voice ignores it (Festival's HTS voice, flite's rms): then pitch moves after synthesis.
   */
  f0Mean: number | null;
  /** A pitch shift after synthesis (sox, cents) that makes a variant of the same voice. */
  shiftCents: number;
};

/**
 * The English voices of Festival and flite (Debian), measured by an independent recogniser
 * (pocketsphinx en-us, `npm run bench` → bench/voice-wer.ts) at 4–19% word error rate against
 * espeak-ng's 75–95%. Variants change pitch where the engine does it itself (flite's
 * `int_f0_target_mean`) or, for the others, by a small shift after synthesis: raising Festival's
 * voice that way made it far harder to understand, so none is raised.
 */
export const ENGLISH_VOICES: readonly EnglishVoice[] = [
  { id: "hts-slt", name: "American English, female (Festival HTS slt)", engine: "festival", gender: "female", language: "en-us", fliteVoice: null, f0Mean: null, shiftCents: 0 },
  { id: "hts-slt-low", name: "American English, female, lower (Festival HTS slt)", engine: "festival", gender: "female", language: "en-us", fliteVoice: null, f0Mean: null, shiftCents: -250 },
  { id: "flite-slt", name: "American English, female, brighter (flite slt)", engine: "flite", gender: "female", language: "en-us", fliteVoice: "slt", f0Mean: 205, shiftCents: 0 },
  { id: "flite-rms", name: "American English, male (flite rms)", engine: "flite", gender: "male", language: "en-us", fliteVoice: "rms", f0Mean: null, shiftCents: 0 },
  { id: "flite-rms-light", name: "American English, male, lighter (flite rms)", engine: "flite", gender: "male", language: "en-us", fliteVoice: "rms", f0Mean: null, shiftCents: 150 },
  { id: "flite-kal16", name: "American English, male (flite kal16)", engine: "flite", gender: "male", language: "en-us", fliteVoice: "kal16", f0Mean: 95, shiftCents: 0 },
  { id: "flite-awb", name: "Scottish English, male (flite awb)", engine: "flite", gender: "male", language: "en-gb-scotland", fliteVoice: "awb", f0Mean: 130, shiftCents: 0 },
];

/** Characters without a voice take these in turn (women and men alternating), so characters sound apart. */
export const ENGLISH_DEFAULTS = ["hts-slt", "flite-rms", "flite-slt", "flite-kal16", "flite-rms-light", "hts-slt-low", "flite-awb"] as const;
/** The narrator's: none of the first four characters' voices. */
export const ENGLISH_NARRATOR = "hts-slt-low";
