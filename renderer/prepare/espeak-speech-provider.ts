import { ReelgenError } from "../../script/reelgen-error";
import { runTool } from "../run-tool";
import { cacheVoiceListing, isKnownVoice, type SpeechProvider, type SpeechRequest, type SpeechRunOptions, type VoiceCatalog, type VoiceDetail } from "./speech-provider";

const WORDS_PER_MINUTE = 170;
// espeak-ng voice variants that sound distinct from one another.
const VARIANTS = ["f3", "m3", "f2", "m1", "f4", "m7", "f1", "m4"];
// What a listed voice or variant name may look like: a name, never a path.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The catalog's voice for a BCP-47 tag (`pt-BR` → `pt-br`, `pt-PT` → `pt`, `zh-Hant` → `yue`), or null. */
const languageVoice = (language: string, catalog: VoiceCatalog): string | null => {
  const lower = language.toLowerCase();
  const parts = lower.split("-");
  const candidates = lower.startsWith("zh")
    ? [lower.includes("hant") || lower.endsWith("-tw") || lower.endsWith("-hk") ? "yue" : "cmn"]
    : lower === "en"
      ? ["en-us"]
      : [lower, parts.slice(0, 2).join("-"), parts[0]!];
  return candidates.find((voice) => catalog.voices.includes(voice)) ?? null;
};

const withVariant = (voice: string | null, variant: string, catalog: VoiceCatalog) =>
  voice && catalog.variants.includes(variant) ? `${voice}+${variant}` : voice;

const args = (r: SpeechRequest) => [
  "-v", r.voice,
  // Rate and pitch are numbers from the delivery table; clamped to what espeak-ng takes.
  "-s", String(Math.max(80, Math.min(450, Math.round(WORDS_PER_MINUTE * (Number.isFinite(r.rate) ? r.rate : 1))))),
  "-p", String(Math.max(0, Math.min(99, Math.round(50 * (Number.isFinite(r.pitch) ? r.pitch : 1))))),
];

/**
 * Parses `espeak-ng --voices` (or `--voices=variant`): a header, then one voice a line:
 * `Pty Language Age/Gender VoiceName File Other-Languages`, e.g.
 * ` 2  en-gb  --/M  English_(Great_Britain)  gmw/en  (en 2)`.
 */
const parseListing = (text: string) =>
  text
    .split("\n")
    .slice(1)
    .map((line) => /^\s*\d+\s+(\S+)\s+\S*\/([MF-]?)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({
      language: m[1]!,
      gender: m[2] === "F" ? ("female" as const) : m[2] === "M" ? ("male" as const) : null,
      name: m[3]!.replace(/_/g, " ").replace(/\s+$/, ""),
      file: m[4]!,
      aliases: [...m[5]!.matchAll(/\((\S+) (\d+)\)/g)].map((a) => a[1]!),
      aliasPriorities: [...m[5]!.matchAll(/\((\S+) (\d+)\)/g)].map((a) => ({ alias: a[1]!, priority: Number(a[2]) })),
    }));

/**
 * espeak-ng, the embedded default: offline, fast, many languages. Its voices are the languages
 * it lists (`espeak-ng --voices`, with their other names such as `en`), each optionally with a
 * variant it lists (`--voices=variant`): `en-us`, `en-us+f3`. Word weights come from its own
 * phoneme transcription (`-x`), so word timings follow how long each word really takes.
 */
export const espeakSpeechProvider = (options: { binary?: string } = {}): SpeechProvider => {
  const binary = options.binary ?? "espeak-ng";
  const run = (argv: string[], limits: SpeechRunOptions, stdin: string | null = null) =>
    runTool({ command: binary, args: argv, stdin, timeoutMs: limits.timeoutMs, signal: limits.signal, code: "SPEECH_FAILED", what: "Text-to-speech (espeak-ng)" });
  const listVoices = cacheVoiceListing(async (limits) => {
    const [languages, variants] = await Promise.all([run(["--voices"], limits), run(["--voices=variant"], limits)]);
    const languageList = parseListing(languages.stdout.toString("utf8"));
    const variantList = parseListing(variants.stdout.toString("utf8")).map((v) => ({ ...v, id: v.file.replace(/^!v\//, "") }));
    const voices = languageList.flatMap((v) => [v.language, ...v.aliases]);
    const variantNames = variantList.map((v) => v.id);
    const details: Record<string, VoiceDetail> = {};
    // A language voice's gender is only the engine's default variant's: the variant chooses the voice's sound.
    for (const v of languageList) details[v.language] ??= { name: v.name, language: v.language, gender: null };
    // An alias (`en`) is the voice that lists it with the lowest priority number (espeak-ng's own choice).
    const aliases = languageList.flatMap((v) => v.aliasPriorities.map((a) => ({ ...a, name: v.name }))).sort((a, b) => a.priority - b.priority);
    for (const a of aliases) details[a.alias] ??= { name: a.name, language: a.alias, gender: null };
    for (const v of variantList) details[`+${v.id}`] ??= { name: v.name, language: null, gender: v.gender };
    const catalog = { voices: [...new Set(voices.filter((v) => NAME.test(v)))], variants: [...new Set(variantNames.filter((v) => NAME.test(v)))], details };
    if (catalog.voices.length === 0) throw new ReelgenError({ code: "SPEECH_FAILED", message: "Text-to-speech (espeak-ng) listed no voices" });
    return catalog;
  });
  return {
    id: "espeak-ng/1",
    name: "espeak-ng",
    listVoices,
    defaultVoice: (index, language, catalog, gender) => {
      // A character's gender picks among the women's (f…) or the men's (m…) variants.
      const variants = gender ? VARIANTS.filter((v) => v[0] === gender[0]) : VARIANTS;
      return withVariant(languageVoice(language, catalog), variants[index % variants.length]!, catalog);
    },
    narratorVoice: (language, catalog) => withVariant(languageVoice(language, catalog), "m2", catalog),
    synthesize: async (request, limits) => {
      // Checked here too, so no caller can hand espeak-ng a path as a voice.
      if (!isKnownVoice(await listVoices(limits), request.voice)) {
        throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "voice: not a voice of espeak-ng" });
      }
      // The text goes on stdin, never argv, so it cannot be read as an option.
      const wav = (await run([...args(request), "--stdout"], limits, request.text)).stdout;
      const phonemes = (await run([...args(request), "-q", "-x"], limits, request.text)).stdout.toString("utf8");
      const words = request.text.split(/\s+/).filter(Boolean);
      const spoken = phonemes.split(/\s+/).filter(Boolean);
      // Numbers and symbols can expand into several spoken words; then fall back to letters.
      const wordWeights =
        spoken.length === words.length
          ? words.map((text, i) => ({ text, weight: spoken[i]!.replace(/[',_:]/g, "").length || 1 }))
          : words.map((text) => ({ text, weight: [...text].length }));
      return { wav, wordWeights };
    },
  };
};
