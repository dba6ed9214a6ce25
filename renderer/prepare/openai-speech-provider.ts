import type { SpeechProvider } from "./speech-provider";

const VOICES = ["alloy", "echo", "fable", "onyx", "nova", "shimmer", "coral", "sage"];

export type OpenAiSpeechOptions = {
  /** Base URL including `/v1`, e.g. `https://api.openai.com/v1` or a local server. */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs?: number;
};

/**
 * Any OpenAI-compatible `POST /v1/audio/speech` endpoint (OpenAI, or self-hosted servers that
 * speak the same protocol). Asks for WAV so durations are exact. Emotion maps to `speed` only:
 * the protocol has no pitch.
 */
export const openAiSpeechProvider = (options: OpenAiSpeechOptions): SpeechProvider => ({
  id: `openai:${options.baseUrl}:${options.model}`,
  defaultVoice: (index) => VOICES[index % VOICES.length]!,
  narratorVoice: () => "onyx",
  synthesize: async (request, signal) => {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
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
        speed: Math.max(0.25, Math.min(4, request.rate)),
      }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) {
      const body = await response.text();
      throw new Error(`speech endpoint answered ${response.status}: ${body.slice(0, 300)}`);
    }
    return { wav: Buffer.from(await response.arrayBuffer()), wordWeights: null };
  },
});
