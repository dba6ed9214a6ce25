import { offlineSpeechProvider } from "./offline-speech-provider";
import { openAiSpeechProvider } from "./openai-speech-provider";
import type { SpeechProvider } from "./speech-provider";

export * from "./speech-provider";
export * from "./prepare-speech";
export * from "./check-script-voices";
export * from "./espeak-speech-provider";
export * from "./openai-speech-provider";
export * from "./offline-speech-provider";
export * from "./english-voices";
export * from "./wav-info";
export * from "./music-bed";

/** Which speech engine to use: what `TTS_*` configure. */
export type SpeechConfig = {
  /** An OpenAI-compatible endpoint's base URL including `/v1`; null or empty: the offline voices (Festival and flite for English, espeak-ng for other languages). */
  baseUrl?: string | null;
  apiKey?: string | null;
  /** Default `tts-1`. */
  model?: string | null;
  /** The endpoint's voices, when not OpenAI's documented ones (self-hosted servers). */
  voices?: readonly string[] | null;
};

/** The speech engine a configuration asks for: the OpenAI-compatible endpoint when `baseUrl` is set, else the offline voices (`offlineSpeechProvider`). */
export const speechProviderFromConfig = (config: SpeechConfig): SpeechProvider =>
  config.baseUrl
    ? openAiSpeechProvider({ baseUrl: config.baseUrl, apiKey: config.apiKey || null, model: config.model || "tts-1", voices: config.voices ?? null })
    : offlineSpeechProvider();

/** `TTS_VOICES` (comma-separated) as a list; empty entries are dropped. */
export const parseVoiceList = (text: string | undefined): string[] | null => {
  const voices = (text ?? "").split(",").map((v) => v.trim()).filter(Boolean);
  return voices.length ? voices : null;
};

/**
 * The speech engine an environment asks for (the CLI's): `TTS_BASE_URL` (with `TTS_API_KEY`,
 * `TTS_MODEL`, `TTS_VOICES`) for an OpenAI-compatible endpoint, else the offline voices. The renderer
 * itself never reads the environment: callers pass the provider in.
 */
export const speechProviderFromEnv = (env: Record<string, string | undefined>): SpeechProvider =>
  speechProviderFromConfig({ baseUrl: env.TTS_BASE_URL, apiKey: env.TTS_API_KEY, model: env.TTS_MODEL, voices: parseVoiceList(env.TTS_VOICES) });
