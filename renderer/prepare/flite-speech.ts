import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runTool } from "../run-tool";
import { alignSequences, fillSpans } from "./align-sequences";
import { asciiTokens } from "./ascii-tokens";
import type { SpeechRunOptions, SpokenWord } from "./speech-provider";

/**
 * Speaks `text` with one of flite's voices, and times every word of it. flite prints each
 * utterance's segments with their end times (`-psdur`) but not which word they belong to, so a
 * second, quick run (the small `kal` voice, no audio kept) transcribes each word alone (`-ps`,
 * one utterance per word) and the two phone sequences are aligned. The text goes in files of our
 * own temporary folder, never in argv; the voice and numbers come from our own table.
 */
export const fliteSpeech = async (options: {
  text: string;
  voice: "slt" | "rms" | "awb" | "kal16";
  /** Speaking rate (1 = the voice's own); flite stretches durations by its inverse. */
  rate: number;
  /** flite's `int_f0_target_mean` in Hz; null leaves the voice's own. */
  f0Mean: number | null;
  binary?: string;
  limits: SpeechRunOptions;
}): Promise<{ wav: Buffer; words: SpokenWord[] | null }> => {
  const { words, ascii } = asciiTokens(options.text);
  const binary = options.binary ?? "flite";
  const run = (args: string[]) => runTool({ command: binary, args, timeoutMs: options.limits.timeoutMs, signal: options.limits.signal, code: "SPEECH_FAILED", what: "Text-to-speech (flite)" });
  const dir = await mkdtemp(path.join(os.tmpdir(), "reelgen-flite-"));
  try {
    const textFile = path.join(dir, "line.txt");
    const wordsFile = path.join(dir, "words.txt");
    const wavFile = path.join(dir, "line.wav");
    await writeFile(textFile, `${ascii.join(" ")}\n`);
    // A blank line ends an utterance: one utterance (one line of phones) per word.
    await writeFile(wordsFile, `${ascii.join("\n\n")}\n`);
    const rate = Math.max(0.5, Math.min(2, Number.isFinite(options.rate) ? options.rate : 1));
    const settings = [
      ...(rate !== 1 ? ["--setf", `duration_stretch=${(1 / rate).toFixed(3)}`] : []),
      ...(options.f0Mean !== null ? ["--setf", `int_f0_target_mean=${Math.round(Math.max(50, Math.min(400, options.f0Mean)))}`] : []),
    ];
    const [spoken, transcribed] = await Promise.all([
      run(["-voice", options.voice, ...settings, "-psdur", "-f", textFile, "-o", wavFile]),
      run(["-voice", "kal", "-ps", "-f", wordsFile, "-o", "none"]),
    ]);
    const wav = await readFile(wavFile);
    return { wav, words: wordTimings(words, spoken.stdout.toString("latin1"), transcribed.stdout.toString("latin1")) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Each word's span: the segments (`ph:end`, times per utterance) aligned with the words' own phones. */
const wordTimings = (words: string[], psdur: string, perWord: string): SpokenWord[] | null => {
  const segments: { phone: string; start: number; end: number }[] = [];
  let offset = 0;
  for (const line of psdur.split("\n").filter((l) => l.includes(":"))) {
    let previous = 0;
    for (const pair of line.trim().split(/\s+/)) {
      const [phone, end] = pair.split(":");
      const endSec = Number(end);
      if (!phone || !Number.isFinite(endSec)) continue;
      if (phone !== "pau") segments.push({ phone, start: offset + previous, end: offset + endSec });
      previous = endSec;
    }
    // The next utterance's audio follows this one's last segment.
    offset += previous;
  }
  const transcriptions = perWord.split("\n").filter((l) => l.trim());
  if (transcriptions.length !== words.length || segments.length === 0) return null;
  const phones = transcriptions.flatMap((line, word) => line.trim().split(/\s+/).filter((p) => p !== "pau").map((phone) => ({ phone, word })));
  const owners = alignSequences(phones, segments, (p, s) => p.phone === s.phone);
  const spans: { start: number | null; end: number | null }[] = words.map(() => ({ start: null, end: null }));
  for (const [k, segment] of segments.entries()) {
    const span = spans[phones[owners[k]!]?.word ?? -1];
    if (!span) continue;
    span.start = span.start === null ? segment.start : Math.min(span.start, segment.start);
    span.end = span.end === null ? segment.end : Math.max(span.end, segment.end);
  }
  return fillSpans(words, spans);
};
