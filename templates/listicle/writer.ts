import { LIMITS, NARRATOR, type Mood } from "../../script/schema";
import { createOfflineWriter } from "../../script/generate/create-offline-writer";
import { capitalize, createRandom, stylist, titleCase, toScenes, truncate, type PlannedLine, type PlannedScene, type Subject } from "../../script/generate/offline";
import type { ScriptWriter } from "../../script/generate/script-writer";

/** `t`: the subject as written ("the haunted lighthouse"); `bare` without its article; `one` picks the verb form that agrees. */
type Item = (t: string, T: string, one: (singular: string, plural: string) => string, bare: string) => string;

/**
 * Items on any subject. Offline there is no knowledge of the subject, so these are tips, truths
 * and myths that hold for most things rather than invented statistics.
 */
const LIST_ITEMS: readonly Item[] = [
  (t) => `Start small with ${t}. Ten minutes a day beats one heroic weekend.`,
  (t) => `Write down what works for you with ${t}. Memory is a liar.`,
  (t) => `The best time to get into ${t} was yesterday. The second best is today.`,
  (t) => `Find someone great at ${t}, copy them, then make it your own.`,
  (t) => `Ask "why" three times before you change anything about ${t}.`,
  (t) => `Boring consistency wins at ${t}. Every time.`,
  (t) => `Teach a friend about ${t}. You'll learn it twice.`,
  (t) => `Everyone has an opinion about ${t}. Very few have looked closely.`,
  (t) => `Most people give up on ${t} right before it gets good.`,
  (_, T, one) => `${T} ${one("looks", "look")} easy from the outside. ${one("It rarely is", "They rarely are")}.`,
  (t, _, one) => `The internet makes ${t} sound complicated. ${one("It mostly isn't", "They mostly aren't")}.`,
  (t) => `Nobody talks about the awkward beginner phase of ${t}.`,
  (t) => `The people best at ${t} still feel like beginners.`,
  (t) => `Your first attempt at ${t} will be clumsy. That's the point.`,
  (t) => `Myth: you need expensive gear for ${t}. You don't.`,
  (t, _, one) => `Myth: ${t} ${one("is", "are")} only for experts. Everyone starts somewhere.`,
  (t) => `Myth: there's one right way to approach ${t}. There are dozens.`,
  (t) => `Myth: it's too late to get into ${t}. It isn't.`,
  (t, _, one) => `Hot take: ${t} ${one("is", "are")} underrated.`,
  (t) => `Hot take: most advice about ${t} is recycled.`,
  (t, _, one) => `Unpopular opinion: ${t} ${one("is", "are")} more fun with friends.`,
  (t) => `The simplest approach to ${t} usually wins.`,
  (t, _, one) => `If ${t} ${one("stresses", "stress")} you out, you're doing too much at once.`,
  (t) => `Progress with ${t} feels invisible, until suddenly it doesn't.`,
  (t) => `The right tools help with ${t}. The right habits help more.`,
  (_, T, one) => `${T} ${one("rewards", "reward")} curiosity more than perfection.`,
  (_, __, ___, bare) => `Comparing your ${bare} to someone else's highlight reel helps nobody.`,
  (t) => `A little time with ${t} every day adds up faster than you'd think.`,
  (t) => `Share what you learn about ${t}. Someone out there needs it today.`,
  (t) => `Rest is part of getting good at ${t}, not a break from it.`,
  (t) => `The hardest part of ${t} is starting. The second hardest is restarting.`,
  (t) => `Good questions about ${t} beat quick answers.`,
  (t) => `Pay attention to what you enjoy about ${t}. That's what keeps you going.`,
  (t) => `Mistakes with ${t} are data, not verdicts.`,
  (t) => `You don't have to love every part of ${t} to be good at it.`,
  (t) => `Set one clear goal for ${t} this week. Just one.`,
  (t) => `Experts disagree about ${t} more than you'd expect.`,
  (t) => `The basics of ${t} take a weekend to learn and years to master.`,
  (t) => `Talk to people who tried ${t} and gave up. You'll learn what to avoid.`,
  (t) => `Most problems with ${t} come from rushing.`,
  (t) => `Keep a "done" list for ${t}, not just a to-do list.`,
  (t, _, one) => `Myth: ${t} ${one("has", "have")} to be expensive. The best parts are often free.`,
  (t) => `Hot take: the best advice about ${t} fits on a sticky note.`,
  (_, __, ___, bare) => `Your surroundings shape your ${bare} more than your willpower does.`,
  (t) => `Getting better at ${t} often means doing less, not more.`,
  (t) => `Celebrate small wins with ${t}. They're the real milestones.`,
  (t) => `The first week with ${t} is the hardest. It gets lighter.`,
  (t) => `If you only remember one thing about ${t}: keep it simple.`,
  (t) => `Curious about ${t}? Try it for seven days and see.`,
  (t, _, one) => `Be skeptical of anyone who says ${t} ${one("is", "are")} easy. And of anyone who says ${one("it's", "they're")} impossible.`,
];

const REPEAT_LEADS = ["Worth repeating:", "Bonus:", "Don't forget:", "One more time:"];
const PART_HEADINGS = ["Keep going", "Halfway there", "Still with me?", "Now it gets good", "The final stretch", "A few more"];
const LIST_MOODS: readonly Mood[] = ["upbeat", "happy", "calm"];

/** "the haunted lighthouse" → "the Haunted Lighthouse" inside a title. */
const inTitle = (subject: Subject) => titleCase(subject.ref).replace(/^The /u, "the ");

/** Listicle's writer: numbered items on the prompt's subject, a title card, parts with headings. */
export const listicleWriter: ScriptWriter = {
  guide:
    "a numbered list of facts or tips on the topic: one item per line (one or two short sentences each), spoken by the narrator, scenes of 5–8 items with a short heading, and a title with the count (\"7 Things Nobody Tells You About …\"). Give scenes an upbeat or calm mood and, when the topic has a place, its setting.",
  writeOffline: createOfflineWriter({
    topic: "list",
    cast: () => ({ invented: 0, minimum: 0 }),
    write: (story, size) => {
      const random = createRandom(story.seed, "items");
      const look = stylist(story.topic.tone, createRandom(story.seed, "look"));
      const items = random.deck(LIST_ITEMS);
      const parts = random.deck(PART_HEADINGS);
      const speakers = story.characters;
      const { subject, setting } = story.topic;
      const one = (singular: string, plural: string) => (subject.plural ? plural : singular);
      const mood = createRandom(story.seed, "mood").pick(LIST_MOODS);
      const scenes: PlannedScene[] = [];
      // At least one item: a listicle with no item is just a title card.
      const count = Math.max(1, size + 1);
      for (let i = 0; i < count; ) {
        const inScene = Math.min(count - i, random.int(5, 8));
        const lines: PlannedLine[] = [];
        for (let k = 0; k < inScene; k++, i++) {
          const text = items.draw()(subject.ref, capitalize(subject.ref), one, subject.bare);
          const lead = items.round() > 0 ? `${random.pick(REPEAT_LEADS)} ` : "";
          const speaker = speakers.length ? speakers[i % speakers.length]!.id : NARRATOR;
          lines.push({ speaker, text: lead + text, keep: i < 2 ? 5 : 1, roll: random.int(0, 999) });
        }
        const first = scenes.length === 0;
        // With a place in the prompt its backdrop shows; else the tone's colours.
        const backdrop = setting ? { setting, mood } : { background: look.background(), mood };
        // The first heading is the list's title card; `finish` writes it once the count is known.
        scenes.push({ label: first ? "items" : `items-${scenes.length + 1}`, heading: first ? "title card" : parts.draw(), headingKeep: first ? 3 : 1, ...backdrop, transition: look.transition(), lines });
      }
      return scenes;
    },
    finish: (story, scenes) => {
      const random = createRandom(story.seed, "title");
      const count = scenes.reduce((n, s) => n + s.lines.length, 0);
      const T = inTitle(story.topic.subject);
      const title = random.pick([`${count} Things Nobody Tells You About ${T}`, `${count} Truths About ${T}`, `${capitalize(T)}: ${count} Things to Know`, `${count} Honest Notes on ${T}`]);
      const first = scenes[0]!;
      if (first.heading) first.heading = truncate(`${count} things about ${story.topic.subject.ref}`, LIMITS.headingChars);
      const countdown = random.chance(0.5);
      return { title: truncate(title, LIMITS.titleChars), scenes: toScenes(scenes), extra: { listicle: { countdown } }, music: story.topic.tone === "dark" ? "mystery" : "upbeat" };
    },
  }),
};
