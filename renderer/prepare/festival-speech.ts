import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ReelgenError } from "../../script/reelgen-error";
import { runTool } from "../run-tool";
import { alignSequences, fillSpans } from "./align-sequences";
import { asciiTokens } from "./ascii-tokens";
import type { SpeechRunOptions, SpokenWord } from "./speech-provider";
import { pcmWav, wavInfo } from "./wav-info";

/** A Scheme string literal of `text` (our own temporary paths only). */
const schemeString = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * The Scheme Festival runs: speak the text file with the HTS voice at `rate`, and for every
 * utterance save its wave and print each token with its words' times from the Segment relation
 * (`T name`, `W start end` per spoken word, `U samples rate`). Nothing of the line is in it.
 */
const script = (textFile: string, dir: string, rate: number) => `
(voice_cmu_us_slt_arctic_hts)
(set! hts_engine_params (append cmu_us_slt_arctic_hts::hts_engine_params (list (list "-r" ${rate.toFixed(3)}))))
(set! reelgen_n 0)
(define (reelgen_utt utt)
  (let ((tok (utt.relation.first utt 'Token)) (info (wave.info (utt.wave utt))))
    (while tok
      (format t "T %s\\n" (item.name tok))
      (mapcar
        (lambda (w)
          (if (item.relation.daughter1 w 'SylStructure)
            (format t "W %f %f\\n"
              (item.feat w "R:SylStructure.daughter1.daughter1.R:Segment.p.end")
              (item.feat w "R:SylStructure.daughtern.daughtern.R:Segment.end"))))
        (item.daughters tok))
      (set! tok (item.next tok)))
    (if (> (get_param 'num_samples info 0) 0)
      (utt.save.wave utt (string-append ${schemeString(dir)} "/u" (format nil "%05d" reelgen_n) ".wav") 'riff))
    (format t "U %f %f\\n" (get_param 'num_samples info 0) (get_param 'sample_rate info 0))
    (set! reelgen_n (+ reelgen_n 1))))
(set! tts_hooks (list utt.synth reelgen_utt))
(tts_file ${schemeString(textFile)} nil)
(format t "END\\n")
`;

/**
 * Speaks `text` with Festival's HTS voice (`festvox-us-slt-hts`) at `rate` (its own speed
 * control, so segment times stay exact), and times every word of the text from the utterance's
 * Word and Segment relations. The text goes in a file of our own temporary folder; Festival reads
 * the Scheme on stdin, which holds only that folder's path and the rate.
 */
export const festivalSpeech = async (options: { text: string; rate: number; binary?: string; limits: SpeechRunOptions }): Promise<{ wav: Buffer; words: SpokenWord[] | null }> => {
  const { words, ascii } = asciiTokens(options.text);
  const dir = await mkdtemp(path.join(os.tmpdir(), "reelgen-festival-"));
  try {
    const textFile = path.join(dir, "line.txt");
    await writeFile(textFile, `${ascii.join(" ")}\n`);
    const rate = Math.max(0.5, Math.min(2, Number.isFinite(options.rate) ? options.rate : 1));
    const { stdout } = await runTool({
      command: options.binary ?? "festival",
      args: ["--pipe"],
      stdin: script(textFile, dir, rate),
      timeoutMs: options.limits.timeoutMs,
      signal: options.limits.signal,
      code: "SPEECH_FAILED",
      what: "Text-to-speech (Festival)",
    });
    const out = stdout.toString("latin1");
    if (!/^END$/m.test(out)) throw new ReelgenError({ code: "SPEECH_FAILED", message: "Text-to-speech (Festival) did not finish the line", cause: new Error(out.slice(-2000)) });
    // Tokens in order, their times moved by the utterances before them.
    const tokens: { name: string; start: number | null; end: number | null }[] = [];
    let offset = 0;
    for (const line of out.split("\n")) {
      const [kind, ...rest] = line.split(" ");
      if (kind === "T") tokens.push({ name: rest.join(" "), start: null, end: null });
      else if (kind === "W" && tokens.length) {
        const token = tokens.at(-1)!;
        token.start ??= offset + Number(rest[0]);
        token.end = offset + Number(rest[1]);
      } else if (kind === "U") offset += Number(rest[0]) / (Number(rest[1]) || 1);
    }
    const files = (await readdir(dir)).filter((f) => /^u\d+\.wav$/.test(f)).sort();
    if (files.length === 0) throw new ReelgenError({ code: "SPEECH_FAILED", message: "Text-to-speech (Festival) made no audio for the line" });
    const waves = await Promise.all(files.map((f) => readFile(path.join(dir, f))));
    const first = wavInfo(waves[0]!);
    const wav = pcmWav(first.sampleRate, first.channels, Buffer.concat(waves.map((w) => { const info = wavInfo(w); return w.subarray(info.dataOffset, info.dataOffset + info.dataLength); })));
    return { wav, words: wordsFromTokens(words, ascii, tokens) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Puts Festival's timed tokens back on the line's words (one for one, or matched by their letters when Festival split them otherwise). */
const wordsFromTokens = (words: string[], ascii: string[], tokens: { name: string; start: number | null; end: number | null }[]): SpokenWord[] | null => {
  if (tokens.length === 0) return null;
  const owners = tokens.length === words.length ? tokens.map((_, i) => i) : alignSequences(ascii, tokens, (a, t) => plain(a) === plain(t.name));
  const spans: { start: number | null; end: number | null }[] = words.map(() => ({ start: null, end: null }));
  for (const [k, token] of tokens.entries()) {
    const span = spans[owners[k]!];
    if (!span || token.start === null || token.end === null) continue;
    span.start = span.start === null ? token.start : Math.min(span.start, token.start);
    span.end = span.end === null ? token.end : Math.max(span.end, token.end);
  }
  return fillSpans(words, spans);
};
