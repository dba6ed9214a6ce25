/**
 * How well the default voices can be understood: ordinary dialogue spoken by each default voice
 * (the voices prepareSpeech gives characters 0–3 and the narrator of an English script), through
 * the real prepareSpeech path, resampled to 16 kHz mono and transcribed by an independent offline
 * recogniser (pocketsphinx, Debian's en-us model). The word error rate is the edit distance
 * between the normalised words of the text and of the transcript, over all the sentences. The
 * offline voices (Festival HTS and flite) and espeak-ng alone run side by side. Target: every
 * default voice of the offline engine ≤ 20%.
 *
 *   npx tsx bench/voice-wer.ts      (also part of `npm run bench`)
 *
 * Prints a table per voice and overall, and writes bench/results/voice-wer.json.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { espeakSpeechProvider, offlineSpeechProvider, prepareSpeech, type SpeechProvider } from "../renderer/prepare";
import { PROJECT_ROOT } from "../renderer/project-paths";
import { validateScript, type Script } from "../script";

const run = promisify(execFile);

/** Everyday lines of the kind the packs speak, written for this benchmark. */
export const SENTENCES = [
  "Did you remember to buy milk on the way home?",
  "I think we should leave before the traffic gets worse.",
  "She told me the meeting was moved to Thursday morning.",
  "Why is the front door open? I locked it an hour ago.",
  "Please stop touching my coffee, it is still hot.",
  "We found the keys under the sofa after all.",
  "Nobody ever listens when I talk about the garden.",
  "Can you call me back when you get this message?",
  "The bus was late again, so I walked the whole way.",
  "I cannot believe you ate the last piece of cake.",
  "He said he would fix the window by the weekend.",
  "Let me know if you need any help with the boxes.",
  "My sister is coming to visit us next month.",
  "That was the best dinner we have had in years.",
  "Wait, who left the lights on in the kitchen?",
  "I am sorry, I forgot your birthday completely.",
  "The doctor says I need more sleep and less sugar.",
  "Turn left at the corner and the shop is on your right.",
  "We have to finish the report before five o'clock.",
  "Honestly, I thought you were joking about the dog.",
];

/** Lower-case words without punctuation (`o'clock` → `oclock`), as the recogniser writes them. */
export const normaliseWords = (text: string): string[] => text.toLowerCase().replace(/'/g, "").split(/[^a-z0-9]+/).filter(Boolean);

/** Word-level edit distance (substitutions, insertions, deletions). */
export const wordErrors = (reference: string[], hypothesis: string[]): number => {
  let row = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const next = [i];
    for (let j = 1; j <= hypothesis.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    row = next;
  }
  return row[hypothesis.length]!;
};

/** What pocketsphinx hears in a set of WAV files: each resampled to 16 kHz mono, joined with 0.7 s of silence, transcribed in one run. */
export const transcribe = async (files: string[], dir: string): Promise<string> => {
  const parts: string[] = [];
  const silence = path.join(dir, "silence.wav");
  await run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", silence, "trim", "0", "0.7"]);
  for (const [i, file] of files.entries()) {
    const part = path.join(dir, `part-${i}.wav`);
    await run("sox", [file, "-r", "16000", "-c", "1", "-b", "16", part]);
    parts.push(silence, part);
  }
  const joined = path.join(dir, "joined.wav");
  await run("sox", [...parts, silence, joined]);
  const { stdout } = await run("pocketsphinx_continuous", ["-infile", joined, "-logfn", "/dev/null"], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
};

/** A script in which only `speaker` (character 0–3, or the narrator) says the sentences, so it gets that place's default voice. */
const scriptFor = (speaker: string): Script => {
  const result = validateScript({
    title: "Voice benchmark",
    language: "en",
    characters: ["c0", "c1", "c2", "c3"].map((id) => ({ id, name: id.toUpperCase() })),
    scenes: [{ id: "s", lines: SENTENCES.map((text) => ({ speaker, text })) }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.script;
};

type Row = { engine: string; speaker: string; voice: string; words: number; errors: number; wer: number; msPerLine: number; realTimeFactor: number; transcript: string };

const measure = async (engine: string, provider: SpeechProvider): Promise<Row[]> => {
  const rows: Row[] = [];
  const catalog = await provider.listVoices({ timeoutMs: 60_000, signal: null });
  for (const speaker of ["c0", "c1", "c2", "c3", "narrator"]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "reelgen-voice-wer-"));
    try {
      const started = performance.now();
      const voiced = await prepareSpeech({ script: scriptFor(speaker), provider, cacheDir: dir });
      const ms = performance.now() - started;
      const lines = voiced.script.scenes[0]!.lines;
      const audioSec = lines.reduce((s, l) => s + l.speech!.durationSec, 0);
      const transcript = await transcribe(lines.map((l) => l.speech!.src), dir);
      const reference = normaliseWords(SENTENCES.join(" "));
      const errors = wordErrors(reference, normaliseWords(transcript));
      const voice = speaker === "narrator" ? provider.narratorVoice("en", catalog)! : provider.defaultVoice(Number(speaker.slice(1)), "en", catalog)!;
      rows.push({ engine, speaker, voice, words: reference.length, errors, wer: errors / reference.length, msPerLine: ms / lines.length, realTimeFactor: ms / 1000 / audioSec, transcript: transcript.replace(/\s+/g, " ").trim() });
      const r = rows.at(-1)!;
      console.log(`  ${engine.padEnd(10)} ${speaker.padEnd(9)} ${voice.padEnd(16)} ${`${(r.wer * 100).toFixed(1)}%`.padStart(7)}  ${String(errors).padStart(4)}/${reference.length}  ${r.msPerLine.toFixed(0).padStart(6)} ms/line  ×${r.realTimeFactor.toFixed(2)} real time`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
};

/** Runs the benchmark: offline voices, then espeak-ng; prints the table and writes the JSON. */
const main = async () => {
  console.log(`Voice word error rate: ${SENTENCES.length} sentences per voice, pocketsphinx en-us (lower is better; target ≤ 20%)`);
  console.log(`  ${"engine".padEnd(10)} ${"speaker".padEnd(9)} ${"voice".padEnd(16)} ${"WER".padStart(7)}  errors     speed`);
  const offline = await measure("offline", offlineSpeechProvider());
  const espeak = await measure("espeak-ng", espeakSpeechProvider());
  const overall = (rows: Row[]) => rows.reduce((s, r) => s + r.errors, 0) / rows.reduce((s, r) => s + r.words, 0);
  console.log(`  overall: offline ${(overall(offline) * 100).toFixed(1)}%, espeak-ng ${(overall(espeak) * 100).toFixed(1)}%; worst offline voice ${(Math.max(...offline.map((r) => r.wer)) * 100).toFixed(1)}% (target ≤ 20%)`);

  const resultsDir = path.join(PROJECT_ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "voice-wer.json"),
    `${JSON.stringify({ sentences: SENTENCES, recogniser: "pocketsphinx_continuous (en-us)", target: { maxWer: 0.2 }, offline: { overall: overall(offline), voices: offline }, espeak: { overall: overall(espeak), voices: espeak } }, null, 2)}\n`,
  );
};

// Tests import the scoring above; only running this file measures.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
