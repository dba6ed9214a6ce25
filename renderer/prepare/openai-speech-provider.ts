import { ReelgenError } from "../../script/reelgen-error";
import { DEFAULT_MAX_OUTPUT_BYTES } from "../run-tool";
import { cacheVoiceListing, isKnownVoice, type SpeechProvider } from "./speech-provider";

/** The voices `tts-1` and `tts-1-hd` speak: characters without a voice take these in turn. */
const TTS1_VOICES = ["alloy", "echo", "fable", "onyx", "nova", "shimmer", "coral", "sage", "ash"];
/**
 * OpenAI's documented voices (https://platform.openai.com/docs/api-reference/audio/createSpeech);
 * the last four need `gpt-4o-mini-tts`.
 */
export const OPENAI_VOICES: readonly string[] = [...TTS1_VOICES, "ballad", "verse", "marin", "cedar"];
/** What a configured voice name may look like (Kokoro's `af_bella`, Piper's `en_US-lessac-medium`). */
export const CONFIGURED_VOICE = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,79}$/;

export type OpenAiSpeechOptions = {
  /** Base URL including `/v1`, e.g. `https://api.openai.com/v1` or a local server. */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /**
   * The voices the endpoint speaks; default OpenAI's documented list. Self-hosted servers have
   * their own (`TTS_VOICES`): then characters without a voice take these in turn.
   */
  voices?: readonly string[] | null;
};

/**
 * Any OpenAI-compatible `POST /v1/audio/speech` endpoint (OpenAI, or self-hosted servers that
 * speak the same protocol). Asks for WAV so durations are exact. Emotion maps to `speed` only:
 * the protocol has no pitch. Errors name the HTTP status, never the endpoint's address or body.
 */
export const openAiSpeechProvider = (options: OpenAiSpeechOptions): SpeechProvider => {
  const configured = options.voices?.length ? [...options.voices] : null;
  for (const voice of configured ?? []) {
    if (!CONFIGURED_VOICE.test(voice)) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "voices: each must be letters, digits, _ . + or -, at most 80 characters" });
  }
  const catalog = { voices: configured ?? OPENAI_VOICES, variants: [] };
  const defaults = configured ?? TTS1_VOICES;
  return {
    id: `openai:${options.baseUrl}:${options.model}`,
    name: "the speech endpoint",
    listVoices: cacheVoiceListing(async () => catalog),
    defaultVoice: (index) => defaults[index % defaults.length]!,
    narratorVoice: () => (defaults.includes("onyx") ? "onyx" : defaults[0]!),
    synthesize: async (request, limits) => {
      if (!isKnownVoice(catalog, request.voice)) {
        throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "voice: not a voice of the speech endpoint" });
      }
      const timeout = AbortSignal.timeout(limits.timeoutMs);
      const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout;
      const failed = (err: unknown) => {
        if (limits.signal?.aborted) return new ReelgenError({ code: "ABORTED", message: "Text-to-speech cancelled", cause: err });
        if (timeout.aborted) return new ReelgenError({ code: "TIMED_OUT", message: `Text-to-speech (the speech endpoint) took longer than ${limits.timeoutMs / 1000} s`, cause: err });
        return err instanceof ReelgenError ? err : new ReelgenError({ code: "SPEECH_FAILED", message: "Text-to-speech failed: the speech endpoint could not be reached", cause: err });
      };
      try {
        const response = await fetch(`${options.baseUrl.replace(/\/$/, "")}/audio/speech`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: options.model,
            input: request.text,
            voice: request.voice,
            response_format: "wav",
            speed: Math.max(0.25, Math.min(4, Number.isFinite(request.rate) ? request.rate : 1)),
          }),
          signal,
        });
        if (!response.ok) {
          // The body stays in the cause (for logs): it may quote the request or the server's internals.
          const body = (await response.text().catch(() => "")).slice(0, 2000);
          throw new ReelgenError({ code: "SPEECH_FAILED", message: `Text-to-speech failed: the speech endpoint answered ${response.status}`, cause: new Error(`speech endpoint ${response.status}: ${body}`) });
        }
        return { wav: await readCapped(response, DEFAULT_MAX_OUTPUT_BYTES), wordWeights: null };
      } catch (err) {
        throw failed(err);
      }
    },
  };
};

/** The response body, refused past `max` bytes so an endpoint cannot fill the memory. */
const readCapped = async (response: Response, max: number): Promise<Buffer> => {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new ReelgenError({ code: "SPEECH_FAILED", message: `Text-to-speech failed: the speech endpoint sent more than ${Math.round(max / (1024 * 1024))} MB for one line` });
    }
    chunks.push(Buffer.from(value));
  }
};
