import type { z } from "zod";
import { openBrowser, selectComposition, type LogLevel } from "@remotion/renderer";
import type { VideoConfig } from "remotion";
import { formatProblems, validateScript, type Look, type Script } from "../script";
import { OUTPUT_PRESETS, type OutputPreset } from "./output-presets";
import { requireTemplatePack, type TemplatePack } from "../templates/registry";
import { resolveBrowserExecutable } from "./browser";
import { ensureBundle, type BundleResult } from "./bundle-cache";
import { ReelgenError } from "../script/reelgen-error";
import { prepareSpeech, type SpeechProvider } from "./prepare";
import type { RenderTimeouts } from "./render-timeouts";
import { serveScriptAssets } from "./serve-script-assets";

export type PreparedRender = {
  /** The validated script, voiced when a speech provider was given. */
  script: Script;
  /** Lines voiced and cache hits; null without a speech provider. */
  speech: { synthesized: number; cached: number } | null;
  /** The script with local asset paths turned into loopback URLs: what the composition gets. */
  inputProps: Script;
  composition: VideoConfig;
  serveUrl: string;
  bundle: BundleResult;
  browser: Awaited<ReturnType<typeof openBrowser>>;
  /**
   * Pass it on to Remotion with the browser: if the browser goes away mid-render (a cancel
   * closes it), Remotion opens a replacement, and without an executable it would try to
   * download one.
   */
  browserExecutable: string;
};

export type PrepareOptions = {
  /** From `checkRenderInput`. */
  input: CheckedRenderInput;
  /** Voices every line first; `null` renders without voices. */
  speechProvider: SpeechProvider | null;
  onSpeechProgress: (done: number, total: number) => void;
  /** Folder that relative asset paths in the script are resolved against. */
  assetBaseDir: string;
  /** `null`: the browser inside `@sparticuz/chromium`, unpacked into `cacheDir`. */
  browserExecutable: string | null;
  /** Bundles, the unpacked browser and the voice cache live here. */
  cacheDir: string;
  timeouts: RenderTimeouts;
  logLevel: LogLevel;
  signal: AbortSignal | null;
  onBundleProgress: (fraction: number) => void;
};

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
 * Everything a render needs before its first frame: validated input, served assets, the bundle,
 * an open browser and the resolved composition. Runs `work`, then closes what it opened.
 */
export const withPreparedRender = async <T>(
  options: PrepareOptions,
  work: (prepared: PreparedRender) => Promise<T>,
): Promise<T> => {
  const { pack } = options.input;
  const voiced = options.speechProvider ? await voiceScript(options.input.script, options.speechProvider, options) : null;
  const script = voiced?.script ?? options.input.script;
  const speech = voiced ? { synthesized: voiced.synthesized, cached: voiced.cached } : null;
  const assets = await serveScriptAssets(script, options.assetBaseDir);
  try {
    const bundle = await ensureBundle({ onProgress: options.onBundleProgress, signal: options.signal ?? undefined, cacheDir: options.cacheDir });
    options.signal?.throwIfAborted();
    const browserExecutable = await resolveBrowserExecutable({ browserExecutable: options.browserExecutable, cacheDir: options.cacheDir, signal: options.signal });
    const browser = await openBrowser("chrome", {
      browserExecutable,
      logLevel: options.logLevel,
    });
    try {
      options.signal?.throwIfAborted();
      const composition = await selectComposition({
        serveUrl: bundle.serveUrl,
        id: pack.id,
        inputProps: assets.script,
        puppeteerInstance: browser,
        browserExecutable,
        logLevel: options.logLevel,
        // How long picking the composition (its delayRender() calls) may take.
        timeoutInMilliseconds: options.timeouts.frameMs,
      });
      return await work({ script, speech, inputProps: assets.script, composition, serveUrl: bundle.serveUrl, bundle, browser, browserExecutable });
    } finally {
      await browser.close({ silent: true });
    }
  } finally {
    await assets.close();
  }
};

/**
 * Runs the voice step: every voice is checked against the provider's list before anything is
 * spoken (`INVALID_SCRIPT` naming `characters[i].voice`). Engine failures become one clear
 * `SPEECH_FAILED` whose message never quotes the engine; its words stay in the cause.
 */
const voiceScript = async (script: Script, provider: SpeechProvider, o: PrepareOptions) => {
  try {
    return await prepareSpeech({
      script,
      provider,
      cacheDir: o.cacheDir,
      timeoutMs: o.timeouts.toolMs,
      signal: o.signal,
      onProgress: o.onSpeechProgress,
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
