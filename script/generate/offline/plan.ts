import type { Background, Character, Line, Look, Mood, Scene, Setting, Transition } from "../../schema";
import type { Topic } from "./read-prompt";

/**
 * A line with how much the story needs it (`keep`: 6 = never cut, 1 = cut first) and a roll
 * drawn when it was written, so retellings (chat, narration) restyle it deterministically
 * without disturbing the other random streams.
 */
export type PlannedLine = Line & { keep: number; roll: number };

/** A scene before the length is fitted: the fitter trims its lines and heading. */
export type PlannedScene = {
  label: string;
  heading?: string;
  headingKeep: number;
  /** The spot's name ("the office kitchen"), for headings. */
  place?: string;
  setting?: Setting;
  mood?: Mood;
  /** Only where no setting fits (a promo in brand colours, a list with no place). */
  background?: Background;
  transition?: Transition;
  look?: Look;
  lines: PlannedLine[];
};

/** Who plays a part: a character, or (without one) a name the narrator quotes. */
export type Person = { id: string | null; name: string };
export type People = { victim: Person; suspect: Person; ally: Person; extra: Person; all: Person[] };

/** Everything a pack's writer draws on: the topic, the cast and the series so far. */
export type Story = {
  seed: string;
  topic: Topic;
  characters: Character[];
  people: People;
  episode: number;
  target: number;
  recap: string | null;
  /** [name, description] of the brief's characters that have one, as sentences. */
  descriptions: [string, string][];
};

const toScene = (planned: PlannedScene, index: number): Scene => {
  const scene: Scene = { id: planned.label, lines: planned.lines.map(({ keep: _keep, roll: _roll, ...line }) => line) };
  if (planned.heading) scene.heading = planned.heading;
  if (planned.background) scene.background = planned.background;
  if (planned.setting) scene.setting = planned.setting;
  if (planned.mood) scene.mood = planned.mood;
  if (index > 0 && planned.transition) scene.transition = planned.transition;
  if (planned.look) scene.look = planned.look;
  return scene;
};

/** Scene ids from their labels, made unique. */
export const toScenes = (planned: PlannedScene[]): Scene[] => {
  const used = new Set<string>();
  return planned.map((p, i) => {
    let id = p.label;
    for (let n = 2; used.has(id); n++) id = `${p.label}-${n}`;
    used.add(id);
    return toScene({ ...p, label: id }, i);
  });
};
