import { readFile } from "node:fs/promises";
import { isKnownVoice, prepareSpeech, type SpeechProvider, type VoiceCatalog } from "../../renderer/index";
import type { Script, WordTiming } from "../../script/schema";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { User } from "../db/tables";

/** How long listing the voices or speaking one preview line may take. */
const SPEECH_TIMEOUT_MS = 30_000;
/** Default voices shown per language: as many as characters usually get distinct ones. */
const DEFAULTS_SHOWN = 8;

export type VoiceList = {
  provider: string;
  voices: { id: string; name: string | null; language: string | null }[];
  variants: { id: string; name: string | null; gender: "female" | "male" | null }[];
  /** With `language`: the voice each character gets when it names none (by its place in `characters`), and the narrator's. */
  defaults: { language: string; characters: string[]; narrator: string | null } | null;
};

export type VoicePreview = { wav: Buffer; durationSec: number; words: WordTiming[]; cached: boolean; quota: { used: number; limit: number } };

/**
 * The speech engine's voices for pickers, and the editor's per-line voice preview: one line spoken
 * through the renderer's own prepare step, so the preview is the very audio (same cache entry) a
 * render of that line uses. A line already in the speech cache costs nothing; a new one counts
 * against the tier's `voicePreviewsPerDay` (UTC).
 */
export const createVoiceService = (ctx: ServerContext) => {
  const provider = ctx.speechProvider;
  const limits = { signal: null, timeoutMs: SPEECH_TIMEOUT_MS };

  const catalog = async (): Promise<VoiceCatalog> => {
    try {
      return await provider.listVoices(limits);
    } catch (error) {
      throw error instanceof ReelgenError && error.code !== "SPEECH_FAILED" ? error : new ReelgenError({ code: "SPEECH_FAILED", message: `could not list the voices of ${provider.name}`, cause: error });
    }
  };

  const quotaKey = (user: User) => `${ctx.config.REDIS_PREFIX}:voice-previews:${user.id}:${new Date().toISOString().slice(0, 10)}`;

  /** Counts one synthesis for today; the caller refunds it when the line came from the cache or failed. Null when none is left. */
  const takeOne = async (user: User): Promise<{ used: number; limit: number; refund: () => Promise<unknown> } | null> => {
    const limit = ctx.config.TIERS[user.role].voicePreviewsPerDay;
    const key = quotaKey(user);
    try {
      const used = await ctx.redis.incr(key);
      if (used === 1) await ctx.redis.expire(key, 2 * 86_400);
      if (used > limit) {
        await ctx.redis.decr(key);
        return null;
      }
      return { used, limit, refund: () => ctx.redis.decr(key) };
    } catch (error) {
      throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: "voice preview quota store (Redis) is unavailable; try again shortly", retryAfterSeconds: 5, cause: error });
    }
  };

  /** Speaks one line through the prepare step; `speaker` may refuse to synthesise (a spent quota), leaving only cache hits. */
  const speak = async (speaker: SpeechProvider, line: { voice: string; text: string; emotion?: string; language: string }, signal: AbortSignal) => {
    const script = {
      language: line.language,
      characters: [{ id: "speaker", name: "Speaker", voice: line.voice }],
      scenes: [{ id: "preview", lines: [{ speaker: "speaker", text: line.text, ...(line.emotion ? { emotion: line.emotion } : {}) }] }],
    } as unknown as Script;
    const result = await prepareSpeech({ script, provider: speaker, cacheDir: ctx.config.REELGEN_CACHE_DIR, timeoutMs: SPEECH_TIMEOUT_MS, signal });
    const speech = result.script.scenes[0]!.lines[0]!.speech!;
    return { wav: await readFile(speech.src), durationSec: speech.durationSec, words: speech.words ?? [], cached: result.cached === 1 };
  };

  return {
    async list(language: string | null): Promise<VoiceList> {
      const found = await catalog();
      const detail = (key: string) => found.details?.[key];
      return {
        provider: provider.name,
        voices: found.voices.map((id) => ({ id, name: detail(id)?.name ?? null, language: detail(id)?.language ?? null })),
        variants: found.variants.map((id) => ({ id, name: detail(`+${id}`)?.name ?? null, gender: detail(`+${id}`)?.gender ?? null })),
        defaults: language
          ? {
              language,
              characters: Array.from({ length: DEFAULTS_SHOWN }, (_, i) => provider.defaultVoice(i, language, found)).filter((v): v is string => v !== null),
              narrator: provider.narratorVoice(language, found),
            }
          : null,
      };
    },

    /**
     * One line as WAV with its word timings. An unknown voice is VALIDATION_FAILED at `body.voice`;
     * a new line past the day's previews is QUOTA_EXCEEDED (429), while lines already in the cache
     * are still served.
     */
    async preview(user: User, line: { voice: string; text: string; emotion?: string; language: string }, signal: AbortSignal): Promise<VoicePreview> {
      if (!isKnownVoice(await catalog(), line.voice)) {
        const message = `is not a voice of ${provider.name}; GET /v1/voices lists them`;
        throw new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid request: body.voice: ${message}`, problems: [{ path: "body.voice", message }] });
      }
      const limit = ctx.config.TIERS[user.role].voicePreviewsPerDay;
      const quota = await takeOne(user);
      if (!quota) {
        // None left today: only a line already in the cache can be served, so the engine must never be asked.
        const cacheOnly: SpeechProvider = {
          ...provider,
          synthesize: async () => {
            throw new ReelgenError({ code: "QUOTA_EXCEEDED", message: `the ${user.role} tier allows ${limit} voice previews a day (voicePreviewsPerDay); used up for today (UTC)` });
          },
        };
        const spoken = await speak(cacheOnly, line, signal);
        return { ...spoken, quota: { used: limit, limit } };
      }
      try {
        const spoken = await speak(provider, line, signal);
        if (spoken.cached) {
          await quota.refund();
          return { ...spoken, quota: { used: quota.used - 1, limit } };
        }
        return { ...spoken, quota: { used: quota.used, limit } };
      } catch (error) {
        await quota.refund();
        if (error instanceof ReelgenError && ["ABORTED", "TIMED_OUT", "VALIDATION_FAILED", "QUOTA_EXCEEDED"].includes(error.code)) throw error;
        throw new ReelgenError({ code: "SPEECH_FAILED", message: "text-to-speech failed", cause: error });
      }
    },
  };
};

export type VoiceService = ReturnType<typeof createVoiceService>;
