import { NARRATOR, formatPath, type Script } from "../../script";
import type { Problem } from "../../script/reelgen-error";
import { DEFAULT_RENDER_TIMEOUTS } from "../render-timeouts";
import { isKnownVoice, type SpeechProvider, type VoiceCatalog } from "./speech-provider";

/** Voices and variants named in a message before it says "and N more". */
const SAMPLE = 8;

/**
 * Checks every voice a script asks of a speech provider against the provider's own list:
 * `characters[i].voice` must be one of its voices (espeak-ng: `en-us` or `en-us+f3`), and a
 * character without one (or a narrator line) needs a default voice for the script's `language`.
 * Only lines without `speech` count, as only they are spoken. Each problem's message names the
 * known voices (a sample and the count when the list is long), never the value given.
 * Runs the provider's voice listing (cached) under `timeoutMs` (default: the short-run limit).
 */
export const checkScriptVoices = async (
  script: Pick<Script, "language" | "characters" | "scenes">,
  provider: SpeechProvider,
  options: { timeoutMs?: number; signal?: AbortSignal | null } = {},
): Promise<Problem[]> => {
  const catalog = await provider.listVoices({ timeoutMs: options.timeoutMs ?? DEFAULT_RENDER_TIMEOUTS.toolMs, signal: options.signal ?? null });
  const problems: Problem[] = [];
  for (const [i, character] of script.characters.entries()) {
    if (character.voice !== undefined && !isKnownVoice(catalog, character.voice)) {
      problems.push({ path: formatPath(["characters", i, "voice"]), message: `is not a voice of ${provider.name}; ${describeVoices(catalog, script.language, provider.defaultVoice(0, script.language, catalog))}` });
    }
  }
  const index = new Map(script.characters.map((c, i) => [c.id, i]));
  // A speaker the provider could not voice: no voice given and none for the language.
  const voiceless = (speaker: string) => {
    if (speaker === NARRATOR) return provider.narratorVoice(script.language, catalog) === null;
    const i = index.get(speaker);
    return i !== undefined && script.characters[i]!.voice === undefined && provider.defaultVoice(i, script.language, catalog) === null;
  };
  const needsDefault = script.scenes.some((s) => s.lines.some((l) => !l.speech && voiceless(l.speaker)));
  if (needsDefault) {
    problems.push({
      path: "language",
      message: `${provider.name} has no voice for this language; give every character a voice (${describeVoices(catalog, script.language, null)}) or render without voices`,
    });
  }
  return problems;
};

/**
 * `it offers 141 voices, e.g. en-us, en, en-gb, …; each may take a variant after "+" (101: f3, m3, …), e.g. "en-us+f3"`:
 * the script's own language first (by the voice's language where the engine names it), and the
 * voice its characters get by default as the example. Voices that take no variant (Festival's and
 * flite's beside espeak-ng's) are said to, and the variant example is one of the others.
 */
const describeVoices = (catalog: VoiceCatalog, language: string, example: string | null): string => {
  const primary = language.toLowerCase().split("-")[0]!;
  const base = example?.split("+")[0];
  const languageOf = (v: string) => (catalog.details?.[v]?.language ?? v).toLowerCase().split("-")[0];
  const rank = (v: string) => (v === base ? 0 : languageOf(v) === primary ? 1 : 2);
  const voices = [...catalog.voices].sort((a, b) => rank(a) - rank(b));
  const list = (names: readonly string[]) => (names.length <= SAMPLE ? names.join(", ") : `${names.slice(0, SAMPLE).join(", ")} and ${names.length - SAMPLE} more`);
  const voicePart = catalog.voices.length <= SAMPLE ? `its voices are ${list(voices)}` : `it offers ${catalog.voices.length} voices, e.g. ${list(voices)}`;
  if (catalog.variants.length === 0) return voicePart;
  const preferred = ["f3", "m3", "f2", "m1"].filter((v) => catalog.variants.includes(v));
  const variants = [...preferred, ...catalog.variants.filter((v) => !preferred.includes(v))];
  const plain = catalog.plainVoices ?? [];
  if (plain.length === 0) return `${voicePart}; each may take a variant after "+" (${catalog.variants.length}: ${list(variants)}), e.g. "${example ?? `${voices[0]}+${variants[0]}`}"`;
  const varied = voices.find((v) => !plain.includes(v));
  return `${voicePart}; ${list(plain)} take no variant, the others may take one after "+" (${catalog.variants.length}: ${list(variants)})${varied ? `, e.g. "${varied}+${variants[0]}"` : ""}`;
};
