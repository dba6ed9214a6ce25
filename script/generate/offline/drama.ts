import { NARRATOR, type Mood } from "../../schema";
import { ALLY_OPENERS, CLIFFHANGERS, detectiveOf, DENIALS, DISCOVERIES, INTROS, MIDDLE_BEATS, TEASES, TWISTS, type Beat, type Frame } from "./drama-beats";
import { stylist } from "./look";
import { settingAt, type Spot } from "./places";
import type { PlannedLine, PlannedScene, Story } from "./plan";
import { createRandom, type Random } from "./random";
import { kebab, titleCase } from "./text";
import { TONES } from "./word-banks";

/** Who tells the drama: minidrama's scenes, chat-story's messages or narrated-story's narrator (sets the heading style). */
export type Voice = "drama" | "chat" | "narration";

/** A reaction that fits how the victim takes the discovery. */
const DISCOVERY_REACTIONS: Partial<Record<string, string[]>> = { angry: ["😡", "😤"], annoyed: ["😤"], sad: ["😢", "💔"], shocked: ["😱", "😮"] };

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Story time, moving forward scene by scene, for headings such as "Monday, 12:58 — the kitchen". */
type Clock = { minutes: number };
const tick = (clock: Clock, random: Random, min = 4, max = 95) => {
  clock.minutes += random.int(min, max);
};
const dayOf = (clock: Clock) => DAYS[Math.floor(clock.minutes / 1440) % 7]!;
const hourOf = (clock: Clock) => Math.floor((clock.minutes % 1440) / 60);
const timeOf = (clock: Clock) => {
  const m = clock.minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

const frameOf = (story: Story, random: Random): Frame => {
  const { topic, people } = story;
  return {
    obj: topic.object,
    at: topic.place.at,
    place: topic.place,
    c: topic.conflict,
    outsider: random.pick(topic.place.outsiders),
    day: random.pick(DAYS.slice(0, 5)),
    spot: (r) => r.pick(topic.place.spots).name,
    V: people.victim.name,
    S: people.suspect.name,
    D: people.ally.name,
    X: people.extra.name,
  };
};

/** A beat as a script line; a part with no character is quoted by the narrator. */
const lineOf = (beat: Beat, random: Random): PlannedLine => {
  const roll = random.int(0, 999);
  const extra = { ...(beat.emotion ? { emotion: beat.emotion } : {}), ...(beat.reaction ? { reaction: beat.reaction } : {}), keep: beat.keep, roll };
  if (beat.who === "narrator") return { speaker: NARRATOR, text: beat.text, ...extra };
  if (beat.who.id === null) return { speaker: NARRATOR, text: `${beat.who.name}: “${beat.text}”`, ...extra };
  return { speaker: beat.who.id, text: beat.text, ...extra };
};

const headingFor = (voice: Voice, clock: Clock, place: string, first: boolean): string => {
  if (voice === "chat") return `${dayOf(clock).slice(0, 3)} ${timeOf(clock)}`;
  // Narrated headings are numbered chapters, set once the scenes are final.
  if (voice === "narration") return place;
  return first ? `${dayOf(clock)}, ${timeOf(clock)} — ${place}` : `${timeOf(clock)} — ${place}`;
};

const sceneLabel = (place: string, fallback: string) => kebab(place.replace(/^the\s+/i, "")) || fallback;

/** Where a scene happens: the spot's name for headings, its backdrop at that hour, the beat's mood. */
const staged = (spot: Spot, clock: Clock, mood: Mood, rainy: boolean) => ({ place: spot.name, setting: settingAt(spot, hourOf(clock), mood, rainy), mood });

/**
 * The drama: act one (who, where, what), act two (`size` beats of accusations, alibis and clues,
 * two to four per scene), act three (the reveal) and a closing cliffhanger. Each scene is set in
 * a spot of the place (its backdrop) with the mood of its beat.
 */
export const writeDrama = (story: Story, size: number, voice: Voice): PlannedScene[] => {
  const { people, topic } = story;
  const setup = createRandom(story.seed, "setup");
  const middle = createRandom(story.seed, "middle");
  const ending = createRandom(story.seed, "ending");
  const f = frameOf(story, setup);
  const middleLook = stylist(topic.tone, createRandom(story.seed, "middle-look"));
  const moods = TONES[topic.tone].beats;
  const clock: Clock = { minutes: DAYS.indexOf(f.day) * 1440 + setup.int(7 * 60, 19 * 60) };
  const scenes: PlannedScene[] = [];

  // The story opens where the prompt says ("a kitchen drama"), when the place has such a spot.
  const named = topic.place.spots.filter((s) => s.setting === topic.setting);
  const openingSpot = setup.pick(named.length ? named : topic.place.spots);
  const opening: Beat[] = [];
  if (story.recap) opening.push({ who: "narrator", text: `Previously: ${story.recap}`, keep: 6 });
  else if (story.episode > 1) opening.push({ who: "narrator", text: `Episode ${story.episode}. The ${topic.object.text} affair is not over.`, keep: 6 });
  // In the shortest cuts the victim's discovery alone says who and what, so it outlasts the intro.
  opening.push({ who: "narrator", text: setup.pick(INTROS)(f), keep: 4 });
  for (const [name, description] of story.descriptions.slice(0, 2)) {
    opening.push({ who: "narrator", text: `Meet ${name}: ${description}`, keep: 2 });
  }
  const [discovery, discoveryEmotion] = setup.pick(DISCOVERIES)(f);
  opening.push({ who: people.victim, text: discovery, emotion: discoveryEmotion, ...(setup.chance(0.4) ? { reaction: setup.pick(DISCOVERY_REACTIONS[discoveryEmotion] ?? ["😤"]) } : {}), keep: 5 });
  const [denial, denialEmotion] = setup.pick(DENIALS)(f, setup);
  opening.push({ who: people.suspect, text: denial, emotion: denialEmotion, keep: 3 });
  if (people.ally !== people.victim) {
    const [text, emotion] = setup.pick(ALLY_OPENERS)(f);
    opening.push({ who: people.ally, text, emotion, keep: 2 });
  }
  const openingStage = staged(openingSpot, clock, moods.setup, topic.rainy);
  scenes.push({ label: sceneLabel(openingSpot.name, "setup"), heading: headingFor(voice, clock, openingSpot.name, true), headingKeep: 2, ...openingStage, lines: opening.map((b) => lineOf(b, setup)) });

  // Act two grows with `size`; its own random stream keeps acts one and three unchanged.
  const beats = middle.deck(MIDDLE_BEATS);
  let written = 0;
  while (written < size) {
    const inScene = Math.min(size - written, middle.int(2, 4));
    tick(clock, middle);
    const spot = middle.pick(topic.place.spots);
    const lines: PlannedLine[] = [];
    for (let i = 0; i < inScene; i++) {
      let beat: Beat[] | null = null;
      for (let tries = 0; beat === null && tries < 40; tries++) beat = beats.draw()(f, people, middle);
      for (const b of beat ?? []) lines.push(lineOf(b, middle));
      written++;
    }
    scenes.push({ label: sceneLabel(spot.name, "middle"), heading: headingFor(voice, clock, spot.name, false), headingKeep: 1, ...staged(spot, clock, moods.middle, topic.rainy), transition: middleLook.transition(), lines });
  }

  tick(clock, ending, 10, 120);
  const twist = ending.pick(TWISTS.filter((t) => t.culprit !== "ally" || (people.ally !== people.victim && people.ally !== people.suspect)));
  const detective = detectiveOf(people);
  const asker = people.victim;
  const revealSpot = ending.pick(topic.place.spots);
  const reveal: Beat[] = [
    { who: detective, text: ending.pick([`I checked the camera in ${f.spot(ending)}.`, "I found the footage.", "I know who did it.", "I went through the security logs."]), emotion: "calm", keep: 2 },
    { who: asker, text: ending.pick(["And?", "Tell me. Now.", "Who was it?", "Well?"]), emotion: "nervous", keep: 1 },
  ];
  // Nobody names themself: the suspect working the case clears themself as "me".
  if (twist.culprit !== "suspect") reveal.push({ who: detective, text: detective === people.suspect ? "It wasn't me." : `It wasn't ${f.S}.`, emotion: "determined", keep: 2 });
  reveal.push(...twist.beats(f, people, ending));
  scenes.push({ label: "twist", heading: headingFor(voice, clock, revealSpot.name, false), headingKeep: 2, ...staged(revealSpot, clock, moods.reveal, topic.rainy), transition: ending.pick(["wipe", "zoom", "slide"] as const), look: ending.chance(0.5) ? "high-contrast" : undefined, lines: reveal.map((b) => lineOf(b, ending)) });

  tick(clock, ending, 120, 720);
  const lastSpot = ending.pick(topic.place.spots);
  // A ten-second cut has room for two lines, so it gets one of the shorter cliffhangers.
  const cliffhangers = story.target < 20 ? CLIFFHANGERS.filter((c) => c(f, people).text.split(/\s+/).length <= 11) : CLIFFHANGERS;
  const closing: Beat[] = [{ who: "narrator", text: ending.pick(TEASES)(f), keep: 1 }, ending.pick(cliffhangers)(f, people)];
  const when = ending.pick(["That night", "The next morning", "Later that day", "Meanwhile"]);
  scenes.push({ label: "cliffhanger", heading: voice === "drama" ? `${when} — ${lastSpot.name}` : headingFor(voice, clock, lastSpot.name, false), headingKeep: 1, ...staged(lastSpot, clock, moods.ending, topic.rainy), transition: ending.pick(["fade", "cut", "fade"] as const), lines: closing.map((b) => lineOf(b, ending)) });
  return scenes;
};

/** The title a story gets from its object and conflict: "The Stolen Lunch", "Who Stole the Lunch?". */
export const storyTitle = (story: Story): string => {
  const random = createRandom(story.seed, "title");
  const { object, conflict: c, place } = story.topic;
  const Obj = titleCase(object.text);
  const Done = titleCase(c.done);
  const patterns = [
    `The ${Done} ${Obj}`,
    `Who ${titleCase(c.did)} the ${Obj}?`,
    `The ${titleCase(place.name)} ${Obj} ${random.pick(c.nouns)}`,
    `The Case of the ${Done} ${Obj}`,
    `The Great ${Obj} ${random.pick(c.nouns)}`,
    `Nobody Touches My ${Obj}`,
  ];
  return random.pick(patterns);
};
