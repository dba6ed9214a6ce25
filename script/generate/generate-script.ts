import { z } from "zod";
import { FACE_STYLES, MOODS, SETTINGS, ScriptSchema, type Script } from "../schema";
import { buildTimeline } from "../timeline";
import { formatPath, validateScript, type ScriptProblem } from "../validate-script";
import { BriefSchema, DEFAULT_TARGET_SECONDS, targetSecondsFromPrompt, type Brief } from "./brief";
import type { ChatMessage, ChatProvider, ChatResult } from "./chat-provider";
import { ReelgenError } from "../reelgen-error";
import { blocklistModeration, type Moderation } from "./moderate-text";
import { EMOTIONS } from "./offline/word-banks";
import type { ScriptWriter } from "./script-writer";

/** A generated script may be this far from the target length (the brief's `targetSeconds`). */
export const TIMING_TOLERANCE = 0.2;

export type GenerationStage = "moderating" | "writing" | "validating" | "repairing" | "done";
export type GenerationProgress = { stage: GenerationStage; episode: number; episodes: number; attempt: number };

/** One request to the model and what came of it. */
export type GenerationAttempt = {
  attempt: number;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  mode: ChatResult["mode"];
  outcome: "ok" | "invalid-json" | "invalid-script";
  problems: ScriptProblem[];
};

export type GenerationUsage = {
  /** `offline` for the embedded writer (no model involved), else the provider's name. */
  provider: string;
  model: string | null;
  offline: boolean;
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  latencyMs: number;
  requests: GenerationAttempt[];
};

export type GeneratedScript = { script: Script; estimatedSeconds: number; usage: GenerationUsage };

export type GenerateScriptOptions = {
  /** The brief as given (validated here; errors name the field). */
  brief: unknown;
  /** The template pack's writer (`TemplatePack.writer`): its guide for the model and its offline writer. */
  writer: ScriptWriter;
  /** The model; `null` or absent writes offline with the pack's deterministic writer. */
  provider?: ChatProvider | null;
  /** The template's schema (the Script plus the pack's extras); default: the Script schema. */
  schema?: z.ZodType<Script>;
  /** Requests per script, the first included, before giving up with the last problems. */
  maxAttempts?: number;
  moderation?: Moderation;
  onProgress?: (progress: GenerationProgress) => void;
  signal?: AbortSignal;
};

/**
 * Writes scripts from a brief: one, or `episodes` of a series (same characters, names, voices
 * and colours throughout; each continues the last). With a model, its JSON answer is parsed and
 * validated against the template's schema and the target length; failures go back to the model
 * with the exact problems (JSON paths and messages) until it gets them right or the attempts
 * run out. Without one, the pack's offline writer produces the script. Prompt and output pass
 * moderation.
 */
export const generateScript = async (options: GenerateScriptOptions): Promise<GeneratedScript[]> => {
  const parsed = BriefSchema.safeParse(options.brief);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: formatPath(i.path.filter((p): p is string | number => typeof p !== "symbol")), message: i.message }));
    throw new ReelgenError({ code: "INVALID_BRIEF", message: `invalid brief: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });
  }
  // "a two-minute drama" means two minutes when no explicit length is given.
  const brief = { ...parsed.data, targetSeconds: parsed.data.targetSeconds ?? targetSecondsFromPrompt(parsed.data.prompt) ?? undefined };
  let previous: Script | null = null;
  if (brief.previous !== undefined) {
    const checked = validateScript(brief.previous);
    if (!checked.ok) {
      const problems = checked.problems.map((p) => ({ path: `previous.${p.path}`, message: p.message }));
      throw new ReelgenError({ code: "INVALID_BRIEF", message: `invalid brief: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });
    }
    previous = checked.script;
  }
  return internalGenerateScript({
    brief,
    previous,
    writer: options.writer,
    provider: options.provider ?? null,
    schema: options.schema ?? (ScriptSchema as unknown as z.ZodType<Script>),
    maxAttempts: options.maxAttempts ?? 4,
    moderation: options.moderation ?? blocklistModeration(),
    onProgress: options.onProgress ?? (() => {}),
    signal: options.signal ?? null,
  });
};

type InternalOptions = {
  brief: Brief;
  previous: Script | null;
  writer: ScriptWriter;
  provider: ChatProvider | null;
  schema: z.ZodType<Script>;
  maxAttempts: number;
  moderation: Moderation;
  onProgress: (progress: GenerationProgress) => void;
  signal: AbortSignal | null;
};

const internalGenerateScript = async (o: InternalOptions): Promise<GeneratedScript[]> => {
  const episodes = o.brief.episodes ?? 1;
  const progress = (stage: GenerationStage, episode: number, attempt = 0) => o.onProgress({ stage, episode, episodes, attempt });
  progress("moderating", 1);
  await moderate(o, [o.brief.prompt, o.brief.genre, o.brief.tone, ...(o.brief.characters ?? []).flatMap((c) => [c.name, c.description])].filter(Boolean).join("\n"), "the brief");

  const results: GeneratedScript[] = [];
  let previous = o.previous;
  for (let episode = 1; episode <= episodes; episode++) {
    o.signal?.throwIfAborted();
    // Every later episode (and a continuation) keeps the cast exactly.
    const cast = previous?.characters ?? null;
    const result = o.provider
      ? await writeWithModel(o, o.provider, { episode, previous, cast }, (stage, attempt) => progress(stage, episode, attempt))
      : writeOffline(o, { episode, previous, cast });
    progress("moderating", episode);
    await moderate(o, scriptText(result.script), `episode ${episode}'s script`);
    results.push(result);
    previous = result.script;
  }
  progress("done", episodes);
  return results;
};

const targetOf = (brief: Brief) => brief.targetSeconds ?? DEFAULT_TARGET_SECONDS;
const estimatedSeconds = (script: Script) => {
  const timeline = buildTimeline(script);
  return timeline.durationInFrames / timeline.fps;
};

/** Problems beyond the schema: the target length, and a series' cast. */
const briefProblems = (script: Script, brief: Brief, cast: Script["characters"] | null): ScriptProblem[] => {
  const problems: ScriptProblem[] = [];
  const target = targetOf(brief);
  const seconds = estimatedSeconds(script);
  if (Math.abs(seconds - target) > target * TIMING_TOLERANCE) {
    problems.push({
      path: "scenes",
      message: `the script lasts about ${Math.round(seconds)} s when read aloud; it must last ${Math.round(target * (1 - TIMING_TOLERANCE))}–${Math.round(target * (1 + TIMING_TOLERANCE))} s: ${seconds > target ? "remove" : "add"} lines (about 2.7 spoken words per second, plus half a second per line)`,
    });
  }
  if (cast) {
    const want = JSON.stringify(cast);
    if (JSON.stringify(script.characters) !== want) {
      problems.push({ path: "characters", message: `a continuing story keeps exactly the same characters: ${want}` });
    }
  }
  return problems;
};

const writeOffline = (o: InternalOptions, at: { episode: number; previous: Script | null; cast: Script["characters"] | null }): GeneratedScript => {
  const written = o.writer.writeOffline(o.brief, { episode: at.episode, previous: at.previous });
  const checked = validateScript(written, o.schema);
  // The offline writer is ours: a script it writes that fails validation is a bug, not bad input.
  if (!checked.ok) throw new Error(`offline writer produced an invalid script: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  return {
    script: checked.script,
    estimatedSeconds: estimatedSeconds(checked.script),
    usage: { provider: "offline", model: null, offline: true, attempts: 1, promptTokens: 0, completionTokens: 0, totalTokens: 0, latencyMs: 0, requests: [] },
  };
};

const writeWithModel = async (
  o: InternalOptions,
  provider: ChatProvider,
  at: { episode: number; previous: Script | null; cast: Script["characters"] | null },
  progress: (stage: GenerationStage, attempt: number) => void,
): Promise<GeneratedScript> => {
  const jsonSchema = { name: "reelgen_script", schema: z.toJSONSchema(o.schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown> };
  const messages: ChatMessage[] = [
    { role: "system", content: systemPrompt(o.brief, o.writer) },
    { role: "user", content: userPrompt(o.brief, at) },
  ];
  const requests: GenerationAttempt[] = [];
  let problems: ScriptProblem[] = [];
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    progress(attempt === 1 ? "writing" : "repairing", attempt);
    const answer = await provider.complete({ messages, jsonSchema, signal: o.signal ?? undefined });
    const record = (outcome: GenerationAttempt["outcome"], found: ScriptProblem[]) =>
      requests.push({ attempt, latencyMs: answer.latencyMs, promptTokens: answer.usage?.promptTokens ?? 0, completionTokens: answer.usage?.completionTokens ?? 0, mode: answer.mode, outcome, problems: found });
    if (answer.refusal !== null) {
      throw new ReelgenError({ code: "LLM_REFUSED", message: `the model declined to write this script: ${answer.refusal}` });
    }
    progress("validating", attempt);
    let json: unknown;
    try {
      json = JSON.parse(stripFence(answer.content));
    } catch (error) {
      problems = [{ path: "(root)", message: `the answer is not valid JSON (${(error as Error).message}); answer with one JSON object only` }];
      record("invalid-json", problems);
      messages.push({ role: "assistant", content: answer.content }, { role: "user", content: repairPrompt(problems) });
      continue;
    }
    const checked = validateScript(json, o.schema);
    problems = checked.ok ? briefProblems(checked.script, o.brief, at.cast) : checked.problems;
    if (checked.ok && problems.length === 0) {
      record("ok", []);
      return { script: checked.script, estimatedSeconds: estimatedSeconds(checked.script), usage: usageOf(provider, requests) };
    }
    record("invalid-script", problems);
    messages.push({ role: "assistant", content: answer.content }, { role: "user", content: repairPrompt(problems) });
  }
  throw new ReelgenError({
    code: "GENERATION_INVALID",
    message: `the model's script still had problems after ${o.maxAttempts} attempts: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    problems,
  });
};

const usageOf = (provider: ChatProvider, requests: GenerationAttempt[]): GenerationUsage => {
  const promptTokens = requests.reduce((s, r) => s + r.promptTokens, 0);
  const completionTokens = requests.reduce((s, r) => s + r.completionTokens, 0);
  return {
    provider: provider.name,
    model: provider.model,
    offline: false,
    attempts: requests.length,
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    latencyMs: requests.reduce((s, r) => s + r.latencyMs, 0),
    requests,
  };
};

/** Some models wrap JSON in a Markdown fence even in JSON mode. */
const stripFence = (text: string) => text.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n```$/, "$1");

const repairPrompt = (problems: ScriptProblem[]) =>
  `That script does not validate. Fix exactly these problems and answer with the whole corrected JSON object:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join("\n")}`;

const list = (items: readonly string[]) => items.map((i) => `"${i}"`).join(", ");

/**
 * What the model is told: the pack's guide, the rules every script follows, and reelgen's
 * built-in catalogue (backdrops, moods, music beds, portraits, emotions, reactions) so a model's
 * script looks and sounds as finished as the offline writer's. The JSON Schema sent alongside
 * lists the same values.
 */
const systemPrompt = (brief: Brief, writer: ScriptWriter) =>
  [
    "You write scripts for short videos rendered by reelgen. Answer with one JSON object that follows the given JSON Schema exactly: no prose, no Markdown.",
    `The video is ${writer.guide}`.replace(/\.?$/u, "."),
    'Every line\'s speaker is the id of an entry in "characters", or "narrator". Scene and character ids are unique kebab-case. Characters never say their own name; they say "I" and "me".',
    `Length: about ${targetOf(brief)} seconds when read aloud (2.7 words per second plus half a second per line); stay within ±${TIMING_TOLERANCE * 100}%.`,
    "reelgen draws and plays these for you; use them instead of backgrounds:",
    `- each scene's "setting" (its built-in backdrop): one of ${list(SETTINGS)}; and its "mood" (tints the backdrop): one of ${list(MOODS)}. Leave "background" out unless the brief gives an image or video.`,
    `- "music": { "mood": … } for a music bed made to fit, one of ${list(MOODS)}.`,
    `- each character's "appearance" for their illustrated portrait and default voice: "gender" ("female" or "male", matching the name), optionally "style" (${list(FACE_STYLES)}).`,
    `- each character line's "emotion", which sets the face and the voice's delivery: one of ${list(EMOTIONS)}.`,
    '- "reaction": one emoji shown big on the one or two strongest lines of the video (e.g. 😱 🤯 😡 😢 🎉 ❤️ 😂 👀), not on every line. Sound effects (whooshes, pops, a sting on a shocked reveal) are added automatically.',
  ].join("\n");

const userPrompt = (brief: Brief, at: { episode: number; previous: Script | null; cast: Script["characters"] | null }) => {
  const lines = [`Brief: ${brief.prompt}`];
  if (brief.genre) lines.push(`Genre: ${brief.genre}`);
  if (brief.tone) lines.push(`Tone: ${brief.tone}`);
  if (brief.format) lines.push(`Format: ${brief.format}`);
  if (brief.language) lines.push(`Language of the dialogue: ${brief.language} (set "language" to it)`);
  if (brief.characters?.length && !at.cast) lines.push(`Characters to use: ${JSON.stringify(brief.characters)}`);
  if (brief.episodes && brief.episodes > 1) lines.push(`This is episode ${at.episode} of ${brief.episodes}.`);
  if (at.previous && at.cast) {
    const last = at.previous.scenes[at.previous.scenes.length - 1];
    lines.push(`Continue the story of "${at.previous.title}". It ended with: ${JSON.stringify(last?.lines.slice(-3).map((l) => `${l.speaker}: ${l.text}`))}`);
    lines.push(`Use exactly these characters, unchanged: ${JSON.stringify(at.cast)}`);
  }
  return lines.join("\n");
};

/** Everything a viewer would read or hear, for moderation. */
const scriptText = (script: Script) =>
  [script.title, ...script.characters.map((c) => c.name), ...script.scenes.flatMap((s) => [s.heading ?? "", ...s.lines.map((l) => l.text)])].join("\n");

const moderate = async (o: InternalOptions, text: string, what: string) => {
  const verdicts = [await o.moderation.check(text, o.signal ?? undefined)];
  if (o.provider?.moderate) verdicts.push(await o.provider.moderate(text, o.signal ?? undefined));
  const flagged = verdicts.filter((v) => v.flagged);
  if (flagged.length) {
    const categories = [...new Set(flagged.flatMap((v) => v.categories))];
    throw new ReelgenError({ code: "BRIEF_REFUSED", message: `${what} was refused by moderation (${categories.join(", ") || "flagged"})` });
  }
};
