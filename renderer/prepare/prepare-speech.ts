import pLimit from "p-limit";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblems, NARRATOR, type Line, type Script, type WordTiming } from "../../script";
import { ReelgenError } from "../../script/reelgen-error";
import { DEFAULT_RENDER_TIMEOUTS } from "../render-timeouts";
import { checkScriptVoices } from "./check-script-voices";
import type { SpeechProvider, SpeechRequest } from "./speech-provider";
import { trimWavSilence, wavInfo } from "./wav-info";

/** Emotion → delivery. Unknown emotions speak normally. */
const DELIVERY: Record<string, { rate: number; pitch: number }> = {
  angry: { rate: 1.1, pitch: 1.1 },
  furious: { rate: 1.15, pitch: 1.15 },
  excited: { rate: 1.12, pitch: 1.2 },
  happy: { rate: 1.06, pitch: 1.15 },
  amused: { rate: 1.04, pitch: 1.12 },
  triumphant: { rate: 1.05, pitch: 1.12 },
  nervous: { rate: 1.15, pitch: 1.1 },
  scared: { rate: 1.18, pitch: 1.2 },
  sad: { rate: 0.85, pitch: 0.88 },
  tired: { rate: 0.85, pitch: 0.9 },
  calm: { rate: 0.95, pitch: 0.95 },
  whisper: { rate: 0.9, pitch: 0.85 },
  confused: { rate: 0.95, pitch: 1.05 },
};

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
  // Checked above: every voice here is the provider's own.
  const voices = new Map(script.characters.map((c, i) => [c.id, c.voice ?? provider.defaultVoice(i, script.language, catalog)!]));
  const narratorVoice = provider.narratorVoice(script.language, catalog);
  const limit = pLimit(2);
  const total = script.scenes.reduce((n, s) => n + s.lines.filter((l) => !l.speech).length, 0);
  let done = 0;
  let cached = 0;

  const speak = async (line: Line): Promise<Line> => {
    if (line.speech) return line;
    const delivery = DELIVERY[line.emotion?.toLowerCase().trim() ?? ""] ?? { rate: 1, pitch: 1 };
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
      const wav = trimWavSilence(speech.wav);
      const { durationSec } = wavInfo(wav);
      meta = { durationSec, words: wordTimings(line.text, speech.wordWeights, durationSec) };
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
