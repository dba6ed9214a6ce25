import { LIMITS, type Mood, type Scene, type Script } from "../schema";
import { DEFAULT_TARGET_SECONDS, type Brief } from "./brief";
import { castOf, descriptionsOf, languageOf, peopleOf, recapOf } from "./offline/cast";
import { fitToTarget } from "./offline/fit-to-target";
import type { PlannedScene, Story } from "./offline/plan";
import { createRandom, hash128, type Random } from "./offline/random";
import { readPrompt, type TopicKind } from "./offline/read-prompt";
import { truncate } from "./offline/text";
import { TONES } from "./offline/word-banks";
import type { OfflineWriteOptions, ScriptWriter } from "./script-writer";

/** What a pack's offline writer is made of; the shared work (prompt, cast, length) is done here. */
export type OfflinePlan = {
  /** What the pack reads from the prompt: a story's object, a list's subject or a promo's product. */
  topic: TopicKind;
  /** How many characters to invent for a target length, and the fewest a brief's cast is topped up to. */
  cast(target: number, random: Random): { invented: number; minimum: number };
  /** The plan with `size` growable units (middle beats, items or benefits). */
  write(story: Story, size: number): PlannedScene[];
  /** Final touches once the length is settled: title, headings, music, the pack's extra fields. */
  finish(story: Story, scenes: PlannedScene[]): { title: string; scenes: Scene[]; extra: Record<string, unknown>; music?: Mood };
};

/**
 * Makes a pack's offline writer from its plan: the embedded default writer. It reads the prompt
 * (place, object, conflict, tone), casts characters (or the brief's, or exactly the previous
 * episode's), lets the pack write its shape, and grows or trims it until the reading-speed
 * estimate lands near `targetSeconds`. Scenes name built-in settings and moods, characters get
 * an appearance that matches their names, and the video gets a music bed by mood.
 *
 * Deterministic: every choice comes from pure-rand generators seeded by a hash of the brief and
 * the episode number, so the same brief always gives the same script. Dialogue is English;
 * `language` is the brief's. Offline and honest: it names no model anywhere.
 */
export const createOfflineWriter =
  (plan: OfflinePlan): ScriptWriter["writeOffline"] =>
  (brief: Brief, options: OfflineWriteOptions = {}): Script => {
    const episode = Math.max(1, Math.floor(options.episode ?? 1));
    const previous = options.previous ?? null;
    const target = brief.targetSeconds ?? DEFAULT_TARGET_SECONDS;
    const seed = seedOf(brief, episode);
    const language = languageOf(brief.language);
    const topic = readPrompt(brief.prompt, [brief.genre, brief.tone].filter(Boolean).join(" "), plan.topic, createRandom(seed, "topic"));
    const castRandom = createRandom(seed, "cast");
    const characters = castOf(brief, plan.cast(target, castRandom), previous, language, castRandom);
    const story: Story = {
      seed,
      topic,
      characters,
      people: peopleOf(characters, language, createRandom(seed, "people")),
      episode,
      target,
      recap: recapOf(previous, target),
      descriptions: previous ? [] : descriptionsOf(brief),
    };
    const fitted = fitToTarget((size) => plan.write(story, size), target, characters);
    const finished = plan.finish(story, fitted);
    const title = titleOf(brief, episode, previous, finished.title);
    // A series keeps its music; otherwise the bed follows the prompt's tone.
    const music = previous?.music ?? { mood: finished.music ?? TONES[topic.tone].music };
    // The pack's extra fields (`chat`, `listicle`, `promo`) ride along; the Script schema ignores them.
    return { title, format: brief.format ?? "9:16", language, characters, scenes: finished.scenes, music, ...finished.extra };
  };

/** The seed: the brief's own fields (not `previous`, which only feeds the recap) plus the episode. */
const seedOf = (brief: Brief, episode: number): string =>
  hash128(
    JSON.stringify([
      brief.prompt.trim(),
      brief.template ?? null,
      brief.format ?? null,
      brief.genre ?? null,
      brief.tone ?? null,
      brief.language ?? null,
      brief.targetSeconds ?? null,
      brief.characters ?? null,
      brief.episodes ?? null,
      episode,
    ]),
  )
    .map((n) => (n >>> 0).toString(16).padStart(8, "0"))
    .join("");

/** A series keeps its title and numbers the episode: "The Stolen Lunch — Episode 2". */
const titleOf = (brief: Brief, episode: number, previous: Script | null, own: string): string => {
  const base = previous ? previous.title.replace(/\s+—\s+Episode\s+\d+$/u, "") : own;
  const numbered = previous !== null || episode > 1 || (brief.episodes ?? 1) > 1;
  const suffix = numbered ? ` — Episode ${episode}` : "";
  return truncate(base.trim() || "Untitled", LIMITS.titleChars - suffix.length) + suffix;
};
