import type { Command } from "commander";
import path from "node:path";

type VoicesOptions = { language?: string; samples?: string; text?: string; json?: boolean };

/** What each sample says, unless `--text` gives another line. */
const SAMPLE_TEXT = "Hi, I'm one of your voices. Did you remember to buy milk on the way home?";

/**
 * `reelgen voices [--language <tag>] [--samples <dir>] [--json]`: the speech engine's voices
 * (name, engine, gender, language; the configured `TTS_*` engine, else the offline voices) and
 * the ones characters and the narrator get by default; with `--samples`, a WAV of each voice
 * listed saying one line, as `<dir>/<voice>.wav`. Loads the speech modules only when it runs.
 */
export const addVoicesCommand = (program: Command): void => {
  program
    .command("voices")
    .description("List the speech engine's voices (name, engine, gender, language); --samples writes a WAV of each")
    .option("--language <tag>", "only voices of this language (e.g. en, pt-BR), and its default voices")
    .option("--samples <dir>", "write a WAV sample of each voice listed to <dir>/<voice>.wav")
    .option("--text <line>", "what the samples say", SAMPLE_TEXT)
    .option("--json", "print the list as JSON")
    .action(async (opts: VoicesOptions) => {
      const { speechProviderFromEnv, trimWavSilence, wavInfo } = await import("../prepare");
      const { mkdir, rename, writeFile } = await import("node:fs/promises");
      const provider = speechProviderFromEnv(process.env);
      const limits = { timeoutMs: 60_000, signal: null };
      const catalog = await provider.listVoices(limits);
      const primary = opts.language?.toLowerCase().split("-")[0];
      const voices = catalog.voices
        .map((id) => {
          const detail = catalog.details?.[id];
          return { id, name: detail?.name ?? null, engine: detail?.engine ?? provider.name, gender: detail?.gender ?? null, language: detail?.language ?? null };
        })
        .filter((v) => !primary || (v.language ?? "").toLowerCase().split("-")[0] === primary);
      const language = opts.language ?? "en";
      const defaults = {
        language,
        characters: Array.from({ length: 4 }, (_, i) => provider.defaultVoice(i, language, catalog)),
        narrator: provider.narratorVoice(language, catalog),
      };
      const samples: { voice: string; file: string; seconds: number }[] = [];
      if (opts.samples) {
        await mkdir(opts.samples, { recursive: true });
        for (const v of voices) {
          const speech = await provider.synthesize({ text: opts.text ?? SAMPLE_TEXT, voice: v.id, language: v.language ?? language, rate: 1, pitch: 1 }, limits);
          const wav = trimWavSilence(speech.wav);
          const file = path.join(opts.samples, `${v.id.replace(/[^A-Za-z0-9_-]/g, "_")}.wav`);
          await writeFile(`${file}.tmp`, wav);
          await rename(`${file}.tmp`, file);
          const seconds = wavInfo(wav).durationSec;
          samples.push({ voice: v.id, file, seconds });
          if (!opts.json) process.stderr.write(`✔ ${path.relative(process.cwd(), file)} · ${seconds.toFixed(1)} s\n`);
        }
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ provider: provider.name, voices, variants: catalog.variants, defaults, samples }, null, 2)}\n`);
        return;
      }
      const rows = voices.map((v) => [v.id, v.engine, v.gender ?? "—", v.language ?? "—", v.name ?? ""]);
      const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ["voice", "engine", "gender", "language"][c]!.length));
      const line = (cells: string[]) => `${cells.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join("  ")}`.trimEnd();
      process.stdout.write(`${line(["voice", "engine", "gender", "language", "name"])}\n`);
      for (const r of rows) process.stdout.write(`${line(r)}\n`);
      if (catalog.variants.length) process.stdout.write(`\n${catalog.plainVoices?.length ? "espeak-ng's voices" : "Each voice"} may take a variant after "+": ${catalog.variants.slice(0, 12).join(", ")}${catalog.variants.length > 12 ? `, … (${catalog.variants.length})` : ""}, e.g. "en-us+f3"\n`);
      process.stdout.write(`\nDefaults for ${language}: characters ${defaults.characters.map((v) => v ?? "none").join(", ")}; narrator ${defaults.narrator ?? "none"}\n`);
    });
};
