import { espeakSpeechProvider } from "./espeak-speech-provider";
import { openAiSpeechProvider } from "./openai-speech-provider";
import type { SpeechProvider } from "./speech-provider";

export * from "./speech-provider";
export * from "./prepare-speech";
export * from "./espeak-speech-provider";
export * from "./openai-speech-provider";
export * from "./wav-info";

/**
 * The speech engine the environment asks for: an OpenAI-compatible endpoint when
 * `TTS_BASE_URL` is set (with `TTS_API_KEY`, `TTS_MODEL`), else espeak-ng.
 */
export const speechProviderFromEnv = (env: NodeJS.ProcessEnv = process.env): SpeechProvider =>
  env.TTS_BASE_URL
    ? openAiSpeechProvider({ baseUrl: env.TTS_BASE_URL, apiKey: env.TTS_API_KEY ?? null, model: env.TTS_MODEL ?? "tts-1" })
    : espeakSpeechProvider();
