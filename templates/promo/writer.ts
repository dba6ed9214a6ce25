import { LIMITS, NARRATOR } from "../../script/schema";
import { createOfflineWriter } from "../../script/generate/create-offline-writer";
import { a, capitalize, createRandom, nounPhrase, stylist, titleCase, toScenes, truncate, type NounPhrase, type PlannedLine, type PlannedScene, type Random } from "../../script/generate/offline";
import type { ScriptWriter } from "../../script/generate/script-writer";

/** `t`: what the product is, as a noun phrase; `P`: the product's name. */
type PromoLine = (t: NounPhrase, P: string) => string;

const BENEFITS: readonly PromoLine[] = [
  () => "Set up in minutes, not hours.",
  () => "Designed to fit the way you already live.",
  () => "Works on day one. Gets better every day after.",
  () => "No learning curve. Just results.",
  () => "Made for real life, not for demos.",
  () => "Looks good. Works even better.",
  (t) => `Everything you need in ${a(t)}, nothing you don't.`,
  () => "Simple enough for beginners, powerful enough for pros.",
  () => "Take it anywhere.",
  () => "Built to last.",
  (t) => `Your ${t.text}, your rules.`,
  () => "Save time every single day.",
  () => "Share it with the people who matter.",
  (t) => `Because your ${t.text} ${t.plural ? "deserve" : "deserves"} better.`,
  (_, P) => `${P} just works. Quietly, every day.`,
  () => "Less hassle. More of what you love.",
];
const USE_CASES: readonly PromoLine[] = [
  () => "Perfect for busy mornings.",
  () => "Great for weekends away.",
  () => "At home, at work, on the go.",
  () => "Made for teams and for solo days alike.",
  () => "Whether it's your first time or your hundredth.",
  (_, P) => `Students, parents, night owls: ${P} fits them all.`,
  () => "For the days when everything else goes wrong.",
  () => "Ideal as a gift. Or a treat for yourself.",
];
const QUESTIONS: readonly PromoLine[] = [
  () => "Is it hard to set up? Not at all.",
  () => "Does it work for beginners? Absolutely.",
  () => "Can I share it? Of course.",
  (_, P) => `Will ${P} fit my routine? It's built around it.`,
  () => "Do I need anything else? Nope.",
  (t) => `What if I'm picky about my ${t.text}? Even better.`,
];
/** A promo's middle: sections of benefits, use cases and questions, each with its headlines. */
const PROMO_SECTIONS = [
  { lines: BENEFITS, headings: (P: string) => [`Why ${P}?`, "Simple", "Fast", "But wait", "And there's more"] },
  { lines: USE_CASES, headings: () => ["Made for you", "Anywhere", "Any day"] },
  { lines: QUESTIONS, headings: () => ["Questions?", "You asked"] },
] as const;
const CTAS = ["Try it today", "Get started", "Get yours", "Learn more", "Join today", "See it in action"];

/** Promo's writer: the hook (the problem), the product, benefit lines and the call to action. */
export const promoWriter: ScriptWriter = {
  guide:
    "a promotional video: a hook that names the viewer's problem, the product, its benefits and use cases in short punchy lines, and a call to action as the last line (the product's name and what to do). Mostly the narrator. Use an upbeat or happy mood and music; a setting only where the product is used somewhere specific.",
  writeOffline: createOfflineWriter({
    topic: "promo",
    cast: () => ({ invented: 0, minimum: 0 }),
    write: (story, size) => {
      const hookRandom = createRandom(story.seed, "hook");
      const benefitRandom = createRandom(story.seed, "benefits");
      const look = stylist(story.topic.tone, createRandom(story.seed, "look"));
      const t = nounPhrase(story.topic.subject.bare);
      const P = story.topic.product;
      const { setting } = story.topic;
      // Where the prompt names a place, the product is shown there; else in the tone's colours.
      const backdrop = () => (setting ? { setting, mood: "upbeat" as const } : { background: look.background(), mood: "upbeat" as const });
      const speakers = story.characters;
      const say = (text: string, keep: number, random: Random, i = 0): PlannedLine => ({ speaker: speakers.length && keep < 6 ? speakers[i % speakers.length]!.id : NARRATOR, text, keep, roll: random.int(0, 999) });
      const scenes: PlannedScene[] = [
        {
          label: "hook",
          heading: truncate(hookRandom.pick([`${capitalize(t.text)} problems?`, "Sound familiar?", "We've all been there", "Stop scrolling"]), 60),
          headingKeep: 3,
          ...backdrop(),
          lines: [
            say(hookRandom.pick([`Nobody should have to fight with their ${t.text}.`, `You know the feeling: ${a(t)} that just ${t.plural ? "don't" : "doesn't"} work.`, `Every day, the same ${t.text} headache.`, `What if your ${t.text} just… worked?`]), 4, hookRandom),
            say(hookRandom.pick(["There's a better way.", "It's time for something better.", "We thought so too."]), 2, hookRandom, 1),
          ],
        },
        {
          label: "solution",
          heading: truncate(hookRandom.pick([`Meet ${P}`, `Say hi to ${P}`, `Introducing ${P}`]), 80),
          headingKeep: 2,
          ...backdrop(),
          transition: hookRandom.pick(["zoom", "slide", "wipe"] as const),
          lines: [say(hookRandom.pick([`${P} makes your ${t.text} simple.`, `${P}: the ${t.text}, finally done right.`, `Meet ${P}, built for people who care about their ${t.text}.`]), 5, hookRandom)],
        },
      ];
      // Benefits first, then use cases and questions by turns, each drawn without repeats.
      const sections = PROMO_SECTIONS.map((section) => ({ lines: benefitRandom.deck(section.lines), headings: benefitRandom.deck(section.headings(P)) }));
      for (let i = 0, s = 0; i < size; s++) {
        const section = sections[s === 0 ? 0 : benefitRandom.int(0, sections.length - 1)]!;
        const inScene = Math.min(size - i, benefitRandom.int(2, 4));
        const lines: PlannedLine[] = [];
        for (let k = 0; k < inScene; k++, i++) lines.push(say(section.lines.draw()(t, P), 1, benefitRandom, i));
        scenes.push({ label: "benefits", heading: truncate(section.headings.draw(), 80), headingKeep: 1, ...backdrop(), transition: look.transition(), lines });
      }
      const ctaRandom = createRandom(story.seed, "cta");
      const cta = ctaRandom.pick(CTAS);
      scenes.push({
        label: "call-to-action",
        heading: ctaRandom.pick(["Ready?", "Your move", "Don't wait", "One more thing"]),
        headingKeep: 1,
        ...backdrop(),
        transition: ctaRandom.pick(["zoom", "fade"] as const),
        // The pack shows the last line on its call-to-action card.
        lines: [{ ...say(`${P}. ${cta}.`, 6, ctaRandom), reaction: ctaRandom.pick(["🔥", "✨", "💯"]) }],
      });
      return scenes;
    },
    finish: (story, scenes) => {
      const cta = createRandom(story.seed, "cta").pick(CTAS);
      const P = story.topic.product;
      const T = titleCase(story.topic.subject.bare);
      // "LunchLock: Lunchbox, Done Right"; a product named after its subject skips the repeat.
      const title = truncate(createRandom(story.seed, "title").pick([P, P === T ? `${P}, Done Right` : `${P}: ${T}, Done Right`, `Meet ${P}`]), LIMITS.titleChars);
      return { title, scenes: toScenes(scenes), extra: { promo: { product: truncate(P, 80), cta: truncate(cta, 40) } }, music: "upbeat" };
    },
  }),
};
