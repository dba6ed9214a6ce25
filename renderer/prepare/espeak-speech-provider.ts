import { spawn } from "node:child_process";
import type { SpeechProvider, SpeechRequest } from "./speech-provider";

const WORDS_PER_MINUTE = 170;
// espeak-ng voice variants that sound distinct from one another.
const VARIANTS = ["f3", "m3", "f2", "m1", "f4", "m7", "f1", "m4"];

/** The espeak-ng language voice for a BCP-47 tag (`pt-BR` → `pt-br`, `zh-Hant` → `cmn`). */
const languageVoice = (language: string) => {
  const lower = language.toLowerCase();
  if (lower.startsWith("zh")) return lower.includes("hant") || lower.endsWith("-tw") || lower.endsWith("-hk") ? "yue" : "cmn";
  if (lower === "en") return "en-us";
  return lower.split("-").slice(0, 2).join("-");
};

const args = (r: SpeechRequest) => [
  "-v", r.voice,
  "-s", String(Math.round(WORDS_PER_MINUTE * r.rate)),
  "-p", String(Math.max(0, Math.min(99, Math.round(50 * r.pitch)))),
];

/**
 * espeak-ng, the embedded default: offline, fast, many languages. Word weights come from its
 * own phoneme transcription (`-x`), so word timings follow how long each word really takes.
 */
export const espeakSpeechProvider = (binary = "espeak-ng"): SpeechProvider => ({
  id: "espeak-ng/1",
  defaultVoice: (index, language) => `${languageVoice(language)}+${VARIANTS[index % VARIANTS.length]}`,
  narratorVoice: (language) => `${languageVoice(language)}+m2`,
  synthesize: async (request, signal) => {
    const wav = await runEspeak(binary, [...args(request), "--stdout"], request.text, signal);
    const phonemes = (await runEspeak(binary, [...args(request), "-q", "-x"], request.text, signal)).toString("utf8");
    const words = request.text.split(/\s+/).filter(Boolean);
    const spoken = phonemes.split(/\s+/).filter(Boolean);
    // Numbers and symbols can expand into several spoken words; then fall back to letters.
    const wordWeights =
      spoken.length === words.length
        ? words.map((text, i) => ({ text, weight: spoken[i]!.replace(/[',_:]/g, "").length || 1 }))
        : words.map((text) => ({ text, weight: [...text].length }));
    return { wav, wordWeights };
  },
});

/** Runs espeak-ng with the text on stdin (never argv, so it cannot be read as an option). */
const runEspeak = (binary: string, argv: string[], text: string, signal: AbortSignal | null) =>
  new Promise<Buffer>((resolve, reject) => {
    const child = spawn(binary, argv, { signal: signal ?? undefined });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`espeak-ng exited ${code}: ${stderr.trim()}`))));
    child.stdin.end(text);
  });
