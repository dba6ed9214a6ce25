import pLimit from "p-limit";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblems, NARRATOR, type Line, type Script, type WordTiming } from "../../script";
import { ReelgenError } from "../../script/reelgen-error";
import { DEFAULT_RENDER_TIMEOUTS } from "../render-timeouts";
import { checkScriptVoices } from "./check-script-voices";
import type { SpeechProvider, SpeechRequest, SpokenWord, VoiceCatalog } from "./speech-provider";
import { trimWavSilenceAt, wavInfo } from "./wav-info";

/**
 * Emotion → delivery: speaking rate and pitch relative to the voice's own (1 = normal). Covers
 * every emotion the writers use (the offline writer's and the LLM guide's) and common synonyms;
 * unknown emotions speak normally.
 */
export const DELIVERY: Readonly<Record<string, { rate: number; pitch: number }>> = {
  angry: { rate: 1.1, pitch: 1.1 },
  furious: { rate: 1.15, pitch: 1.15 },
  annoyed: { rate: 1.06, pitch: 1.05 },
  frustrated: { rate: 1.06, pitch: 1.06 },
  irritated: { rate: 1.06, pitch: 1.05 },
  defensive: { rate: 1.1, pitch: 1.08 },
  sarcastic: { rate: 0.94, pitch: 0.97 },
  excited: { rate: 1.12, pitch: 1.2 },
  happy: { rate: 1.06, pitch: 1.15 },
  joyful: { rate: 1.08, pitch: 1.18 },
  cheerful: { rate: 1.06, pitch: 1.15 },
  amused: { rate: 1.04, pitch: 1.12 },
  playful: { rate: 1.06, pitch: 1.12 },
  proud: { rate: 0.98, pitch: 1.06 },
  triumphant: { rate: 1.05, pitch: 1.12 },
  relieved: { rate: 0.95, pitch: 1.04 },
  hopeful: { rate: 1.0, pitch: 1.08 },
  grateful: { rate: 0.96, pitch: 1.05 },
  loving: { rate: 0.92, pitch: 1.02 },
  surprised: { rate: 1.1, pitch: 1.18 },
  shocked: { rate: 1.12, pitch: 1.2 },
  horrified: { rate: 1.14, pitch: 1.18 },
  nervous: { rate: 1.15, pitch: 1.1 },
  anxious: { rate: 1.14, pitch: 1.1 },
  worried: { rate: 1.05, pitch: 1.06 },
  scared: { rate: 1.18, pitch: 1.2 },
  afraid: { rate: 1.16, pitch: 1.18 },
  panicked: { rate: 1.22, pitch: 1.22 },
  embarrassed: { rate: 1.04, pitch: 1.04 },
  guilty: { rate: 0.92, pitch: 0.94 },
  suspicious: { rate: 0.9, pitch: 0.94 },
  skeptical: { rate: 0.92, pitch: 0.96 },
  determined: { rate: 0.96, pitch: 0.92 },
  serious: { rate: 0.94, pitch: 0.92 },
  stern: { rate: 0.94, pitch: 0.9 },
  confident: { rate: 1.0, pitch: 0.96 },
  mysterious: { rate: 0.88, pitch: 0.9 },
  dramatic: { rate: 0.9, pitch: 0.94 },
  thoughtful: { rate: 0.9, pitch: 0.96 },
  sad: { rate: 0.85, pitch: 0.88 },
  disappointed: { rate: 0.88, pitch: 0.9 },
  hurt: { rate: 0.88, pitch: 0.92 },
  lonely: { rate: 0.86, pitch: 0.9 },
  tired: { rate: 0.85, pitch: 0.9 },
  bored: { rate: 0.88, pitch: 0.9 },
  calm: { rate: 0.95, pitch: 0.95 },
  neutral: { rate: 1, pitch: 1 },
  whisper: { rate: 0.9, pitch: 0.85 },
  whispering: { rate: 0.9, pitch: 0.85 },
  confused: { rate: 0.95, pitch: 1.05 },
  curious: { rate: 1.0, pitch: 1.08 },
  disgusted: { rate: 0.94, pitch: 0.92 },
  jealous: { rate: 0.96, pitch: 0.94 },
};

/** The delivery of an emotion as a writer spelled it (`Shocked`, ` suspicious `, `shocked!`). */
export const deliveryOf = (emotion: string | undefined): { rate: number; pitch: number } =>
  DELIVERY[(emotion ?? "").toLowerCase().replace(/[^a-z]/g, "")] ?? { rate: 1, pitch: 1 };

export type PrepareSpeechResult = {
  /** The script with `speech` filled on every line that had none. */
  script: Script;
  synthesized: number;
  /** Lines whose audio came from the cache (same text, voice and delivery). */
  cached: number;
};

/**
 * Turns every line into speech before rendering: one voice per character (`characters[].voice`,
 * else a distinct default), the narrator's own voice, emotion mapped to rate and pitch. Audio is
 * cached by a content hash of everything that shapes it. Lines that already carry `speech` keep it.
 * Every voice is checked against the provider's list first (`checkScriptVoices`): an unknown one
 * is an `INVALID_SCRIPT` naming its path, and nothing is spoken.
 */
export const prepareSpeech = async (options: {
  script: Script;
  provider: SpeechProvider;
  cacheDir: string;
  /** Time limit of one line (and of listing the voices); default the short-run limit. */
  timeoutMs?: number;
  signal?: AbortSignal | null;
  onProgress?: (done: number, total: number) => void;
}): Promise<PrepareSpeechResult> => {
  const { script, provider } = options;
  const limits = { timeoutMs: options.timeoutMs ?? DEFAULT_RENDER_TIMEOUTS.toolMs, signal: options.signal ?? null };
  const problems = await checkScriptVoices(script, provider, limits);
  if (problems.length) {
    throw new ReelgenError({ code: "INVALID_SCRIPT", message: `Invalid script:\n${formatProblems(problems)}`, problems });
  }
  const catalog = await provider.listVoices(limits);
  const dir = path.join(options.cacheDir, "speech");
  await mkdir(dir, { recursive: true });
  const narratorVoice = provider.narratorVoice(script.language, catalog);
  // Checked above: every voice here is the provider's own.
  const voices = assignVoices(script, provider, catalog, narratorVoice);
  const limit = pLimit(2);
  const total = script.scenes.reduce((n, s) => n + s.lines.filter((l) => !l.speech).length, 0);
  let done = 0;
  let cached = 0;

  const speak = async (line: Line): Promise<Line> => {
    if (line.speech) return line;
    const delivery = deliveryOf(line.emotion);
    const request: SpeechRequest = {
      text: line.text,
      voice: line.speaker === NARRATOR ? narratorVoice! : voices.get(line.speaker)!,
      language: script.language,
      ...delivery,
    };
    const key = createHash("sha256").update(JSON.stringify([provider.id, request])).digest("hex").slice(0, 32);
    const wavPath = path.join(dir, `${key}.wav`);
    const metaPath = path.join(dir, `${key}.json`);
    let meta: { durationSec: number; words: WordTiming[] };
    try {
      meta = JSON.parse(await readFile(metaPath, "utf8"));
      cached++;
    } catch {
      options.signal?.throwIfAborted();
      const speech = await provider.synthesize(request, { timeoutMs: limits.timeoutMs, signal: lineSignal });
      const { wav, startSec } = trimWavSilenceAt(speech.wav);
      const { durationSec } = wavInfo(wav);
      meta = { durationSec, words: (speech.words && spokenTimings(line.text, speech.words, startSec, durationSec)) ?? wordTimings(line.text, speech.wordWeights, durationSec) };
      // Audio first, then its metadata: a cache entry is complete once its .json exists.
      await writeAtomically(wavPath, wav);
      await writeAtomically(metaPath, JSON.stringify(meta));
    }
    options.onProgress?.(++done, total);
    return { ...line, speech: { src: wavPath, durationSec: meta.durationSec, words: meta.words } };
  };

  // One line failing fails the step: the queued lines never start and the running one is stopped.
  const stopOthers = new AbortController();
  const lineSignal = options.signal ? AbortSignal.any([options.signal, stopOthers.signal]) : stopOthers.signal;
  const speakOrStop = async (line: Line) => {
    try {
      return await speak(line);
    } catch (err) {
      limit.clearQueue();
      stopOthers.abort(err);
      throw err;
    }
  };
  const scenes = await Promise.all(
    script.scenes.map(async (scene) => ({ ...scene, lines: await Promise.all(scene.lines.map((l) => limit(() => speakOrStop(l)))) })),
  );
  return { script: { ...script, scenes }, synthesized: total - cached, cached };
};

/**
 * Each character's voice: its own, else the provider's default, steered by `appearance.gender`
 * (then counted among the characters of that gender) and moved on to the next default when
 * another character or the narrator already speaks with it, so characters sound apart.
 */
const assignVoices = (script: Script, provider: SpeechProvider, catalog: VoiceCatalog, narratorVoice: string | null): Map<string, string> => {
  const taken = new Set<string>(script.characters.flatMap((c) => (c.voice ? [c.voice] : [])));
  if (narratorVoice) taken.add(narratorVoice);
  const seen = { female: 0, male: 0 };
  const voices = new Map<string, string>();
  for (const [i, c] of script.characters.entries()) {
    if (c.voice) {
      voices.set(c.id, c.voice);
      continue;
    }
    const gender = c.appearance?.gender ?? null;
    const index = gender ? seen[gender]++ : i;
    const candidates = Array.from({ length: 16 }, (_, k) => provider.defaultVoice(index + k, script.language, catalog, gender));
    const voice = candidates.find((v) => v !== null && !taken.has(v)) ?? candidates[0]!;
    taken.add(voice);
    voices.set(c.id, voice);
  }
  return voices;
};

/**
 * The engine's own word timings moved onto the trimmed audio (`startSec` was cut from its start)
 * and kept inside it, in order; null when they do not name the line's words one for one.
 */
const spokenTimings = (text: string, words: SpokenWord[], startSec: number, durationSec: number): WordTiming[] | null => {
  const expected = text.split(/\s+/).filter(Boolean);
  if (words.length !== expected.length || words.some((w, i) => w.text !== expected[i])) return null;
  let last = 0;
  return words.map((w) => {
    const start = Math.min(durationSec, Math.max(last, w.startSec - startSec));
    const end = Math.min(durationSec, Math.max(start, w.endSec - startSec));
    last = end;
    return { text: w.text, startSec: round(start), endSec: round(end) };
  });
};

/** Spreads the audio's length over the words by their weights. */
const wordTimings = (text: string, weights: { text: string; weight: number }[] | null, durationSec: number): WordTiming[] => {
  const words = weights ?? text.split(/\s+/).filter(Boolean).map((w) => ({ text: w, weight: [...w].length }));
  const sum = words.reduce((s, w) => s + w.weight, 0) || 1;
  let t = 0;
  return words.map((w) => {
    const start = t;
    t += (w.weight / sum) * durationSec;
    return { text: w.text, startSec: round(start), endSec: round(t) };
  });
};

const round = (n: number) => Math.round(n * 1000) / 1000;

const writeAtomically = async (file: string, data: string | Buffer) => {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
};
