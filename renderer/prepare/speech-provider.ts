/** One line to speak, with the voice and delivery already resolved from the script. */
export type SpeechRequest = {
  text: string;
  /** Provider-specific voice name (espeak-ng: `en-us+f3`; OpenAI: `alloy`). */
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
};

/**
 * A text-to-speech engine. Implementations: espeak-ng (embedded default) and any
 * OpenAI-compatible `/v1/audio/speech` endpoint.
 */
export type SpeechProvider = {
  /** Stable id; part of the audio cache key, so change it when output would change. */
  id: string;
  /** The voice for a character without `voice`, picked by index so characters sound apart. */
  defaultVoice: (index: number, language: string) => string;
  narratorVoice: (language: string) => string;
  synthesize: (request: SpeechRequest, signal: AbortSignal | null) => Promise<SynthesizedSpeech>;
};
