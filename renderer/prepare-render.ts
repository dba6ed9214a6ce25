import type { z } from "zod";
import { formatProblems, validateScript, type Look, type Script } from "../script";
import { OUTPUT_PRESETS, type OutputPreset } from "./output-presets";
import { requireTemplatePack, type TemplatePack } from "../templates/registry";
import { ReelgenError } from "../script/reelgen-error";
import { prepareSpeech, type SpeechProvider } from "./prepare";
import type { RenderTimeouts } from "./render-timeouts";

/** Options that replace parts of the script (CLI flags, API fields). */
export type ScriptOverrides = {
  /** A platform preset; sets the aspect ratio (the script's `format`) for that platform. */
  preset?: OutputPreset;
  /** Colour grade for the whole video, replacing the script's `look`. */
  look?: Look;
  /** Background music, replacing the script's `music`. */
  music?: { src: string; volume?: number };
  /** A brand kit (logo, colours, font), replacing the script's `brand`; validated with it. */
  brand?: unknown;
};

/** The script with overrides applied, before validation so they are checked too. */
export const withOverrides = (script: unknown, overrides: ScriptOverrides): unknown => {
  if (overrides.preset !== undefined && !(overrides.preset in OUTPUT_PRESETS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `preset: expected one of ${Object.keys(OUTPUT_PRESETS).join(", ")}, got "${overrides.preset}"` });
  }
  if (typeof script !== "object" || script === null || Array.isArray(script)) return script;
  const set = {
    format: overrides.preset ? OUTPUT_PRESETS[overrides.preset].format : undefined,
    look: overrides.look,
    music: overrides.music,
    brand: overrides.brand,
  };
  return { ...script, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) };
};

export type CheckedRenderInput = { pack: TemplatePack; script: Script };

/** Checks template and script; each failure is an input error naming what is wrong. */
export const checkRenderInput = (script: unknown, template: string): CheckedRenderInput => {
  const pack = requireTemplatePack(template);
  // The pack's schema: the Script plus any optional fields the pack reads (kept, not stripped).
  const result = validateScript(script, pack.schema as unknown as z.ZodType<Script>);
  if (!result.ok) {
    throw new ReelgenError({
      code: "INVALID_SCRIPT",
      message: `Invalid script:\n${formatProblems(result.problems)}`,
      problems: result.problems,
    });
  }
  return { pack, script: result.script };
};

/**
 * Runs the voice step: every voice is checked against the provider's list before anything is
 * spoken (`INVALID_SCRIPT` naming `characters[i].voice`). Engine failures become one clear
 * `SPEECH_FAILED` whose message never quotes the engine; its words stay in the cause.
 */
export const voiceScript = async (script: Script, provider: SpeechProvider, o: { cacheDir: string; timeouts: RenderTimeouts; signal: AbortSignal | null; onProgress: (done: number, total: number) => void }) => {
  try {
    return await prepareSpeech({
      script,
      provider,
      cacheDir: o.cacheDir,
      timeoutMs: o.timeouts.toolMs,
      signal: o.signal,
      onProgress: o.onProgress,
    });
  } catch (err) {
    if (o.signal?.aborted) throw err;
    if (err instanceof ReelgenError && (err.cause as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
      throw new ReelgenError({
        code: "SPEECH_FAILED",
        message: "Text-to-speech failed: espeak-ng is not installed (bin/setup.sh installs it), or render with --no-voice",
        cause: err,
      });
    }
    if (err instanceof ReelgenError) throw err;
    throw new ReelgenError({ code: "SPEECH_FAILED", message: "Text-to-speech failed", cause: err });
  }
};
