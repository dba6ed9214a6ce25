import type { People, Person } from "./plan";
import type { Place } from "./places";
import type { Random } from "./random";
import { a, capitalize, is, it, It, possessive, that, the, was, type NounPhrase } from "./text";
import type { Conflict, Emotion } from "./word-banks";

/**
 * The words a drama's lines are filled with, each of its type: `obj` is a noun phrase (only
 * through the agreeing helpers), the people are names, the places are noun phrases with "the".
 */
export type Frame = {
  obj: NounPhrase;
  at: string;
  place: Place;
  c: Conflict;
  outsider: string;
  day: string;
  spot: (r: Random) => string;
  V: string;
  S: string;
  D: string;
  X: string;
};

export type Beat = { who: Person | "narrator"; text: string; emotion?: Emotion; reaction?: string; keep: number };
type BeatWriter = (f: Frame, p: People, r: Random) => Beat[] | null;

/** Who works the case: the ally, or the suspect when the victim is their own ally (a cast of two). */
export const detectiveOf = (p: People) => (p.ally === p.victim ? p.suspect : p.ally);

const CLUES = ["crumbs", "a sticky note", "a muddy footprint", "a torn wrapper", "a strand of blue hair", "a crumpled receipt", "a half-empty mug", "a single glove", "a trail of glitter", "a coffee stain"];

export const INTROS: readonly ((f: Frame) => string)[] = [
  (f) => `Every ${f.day}, someone ${f.at} ${f.c.does} ${possessive(f.V)} ${f.obj.text}.`,
  (f) => `It was a quiet ${f.day} ${f.at}. Then ${f.V} went looking for ${the(f.obj)}.`,
  (f) => `${capitalize(f.at)}, there is one rule: nobody touches ${possessive(f.V)} ${f.obj.text}.`,
  (f) => `This is the story of ${f.V}, the ${f.place.name}, and ${the(f.obj)} somebody ${f.c.did}.`,
  (f) => `Nobody ${f.at} expected ${the(f.obj)} to start a war. Least of all ${f.V}.`,
  (f) => `${f.day} ${f.at}. Coffee, small talk, and ${a(f.obj)} with a target on ${it(f.obj)}.`,
];

export const DISCOVERIES: readonly ((f: Frame) => [string, Emotion])[] = [
  (f) => [`Somebody ${f.c.did} my ${f.obj.text}. Again!`, "angry"],
  (f) => [`My ${f.obj.text}… ${f.c.done}. In broad daylight!`, "shocked"],
  (f) => [`Who ${f.c.did} my ${f.obj.text}? I wrote my name on ${it(f.obj)}!`, "angry"],
  (f) => [`Okay. Whoever ${f.c.did} my ${f.obj.text} has five minutes to confess.`, "annoyed"],
  (f) => [`No, no, no. Not my ${f.obj.text}. Not today.`, "sad"],
];

export const DENIALS: readonly ((f: Frame, r: Random) => [string, Emotion])[] = [
  (f, r) => [`Don't look at me. I was in ${f.spot(r)} all morning.`, "nervous"],
  () => ["Why is everyone staring at me?", "nervous"],
  (f) => [`I don't even want your ${f.obj.text}, ${f.V}.`, "annoyed"],
  () => ["Whoa. I just got here. Ask anyone.", "nervous"],
  (f) => [`You always blame me first, ${f.V}.`, "sad"],
];

export const ALLY_OPENERS: readonly ((f: Frame) => [string, Emotion])[] = [
  (f) => [`This isn't the first time, ${f.V}. I've been keeping notes.`, "calm"],
  () => ["Everyone stay calm. Nobody leaves this room.", "determined"],
  () => ["I saw something earlier. I just didn't think it mattered.", "nervous"],
];

/** The confrontation: accusations, alibis, clues and rising stakes. Each is one beat of act two. */
export const MIDDLE_BEATS: readonly BeatWriter[] = [
  (f, p, r) => [
    { who: p.victim, text: `You were the last one near ${f.spot(r)}, ${f.S}.`, emotion: "angry", keep: 1 },
    { who: p.suspect, text: r.pick(["I was on a call the whole time. Check my calendar.", "I was getting coffee. Like a normal person.", "I was fixing the printer. Ask anyone."]), emotion: "nervous", keep: 1 },
    { who: p.victim, text: r.pick(["Your calendar is empty.", "Nobody saw you there.", "Funny. Nobody remembers that."]), emotion: "suspicious", keep: 1 },
  ],
  (f, p, r) => (p.ally === p.extra ? null : [
    { who: p.ally, text: `Where were you at ${r.pick(["noon", "lunchtime", "half past one", "ten to one", "twelve fifteen"])}, ${f.X}?`, emotion: "calm", keep: 1 },
    { who: p.extra, text: `In ${f.spot(r)}. ${capitalize(r.pick(f.place.outsiders))} saw me.`, emotion: "nervous", keep: 1 },
    { who: p.ally, text: "Funny. That's not what I heard.", emotion: "suspicious", keep: 1 },
  ]),
  (f, p, r) => [
    { who: detectiveOf(p), text: `Look at this. ${capitalize(r.pick(CLUES))}, right by ${f.spot(r)}.`, emotion: "suspicious", keep: 1 },
    { who: p.victim, text: `That's from my ${f.obj.text}. I'd know ${it(f.obj)} anywhere.`, emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: "narrator", text: r.pick([`By mid-afternoon, the whole ${f.place.name} had picked a side.`, "Rumours moved faster than the Wi-Fi.", `Nobody ${f.at} trusted anybody anymore.`, "Then the group chat exploded."]), keep: 1 },
    { who: p.victim, text: r.pick(["If this happens again, I'm calling a meeting. Everyone. No exceptions.", "I'm putting up a camera. And a sign. And maybe a lock.", "From now on, I trust nobody."]), emotion: "determined", keep: 1 },
  ],
  (f, p, r) => (p.extra === p.victim ? null : [
    { who: p.extra, text: `Psst. I saw someone near ${f.spot(r)} just before it happened.`, emotion: "nervous", keep: 1 },
    { who: p.victim, text: "Who?", emotion: "nervous", keep: 1 },
    { who: p.extra, text: "Not here. The walls have ears.", emotion: "scared", keep: 1 },
  ]),
  (f, p, r) => (p.extra === p.suspect || p.extra === p.victim ? null : [
    { who: p.suspect, text: `Why don't you ask ${f.X} about the ${r.pick(["wrapper", "sticky note", "footprint", "receipt", "glitter"])}?`, emotion: "annoyed", keep: 1 },
    { who: p.extra, text: "That is not what it looks like!", emotion: "nervous", keep: 1 },
  ]),
  (f, p) => [
    { who: p.victim, text: `${capitalize(that(f.obj))} ${f.obj.text} meant everything to me.`, emotion: "sad", keep: 1 },
    { who: detectiveOf(p), text: "Then we find out who did this. Today.", emotion: "determined", keep: 1 },
  ],
  (f, p, r) => [
    { who: detectiveOf(p), text: `I have a plan. We leave ${a(f.obj, "fake")} in ${f.spot(r)} and wait.`, emotion: "excited", keep: 1 },
    { who: p.victim, text: "And when they take the bait…", emotion: "suspicious", keep: 1 },
    { who: detectiveOf(p), text: "We'll know exactly who it is.", emotion: "calm", keep: 1 },
  ],
  (f, p) => [
    { who: p.suspect, text: `You've accused everyone ${f.at}!`, emotion: "angry", keep: 1 },
    { who: p.victim, text: "Because one of you is lying!", emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: p.victim, text: `The camera! Does ${f.spot(r)} have a camera?`, emotion: "excited", keep: 1 },
    { who: detectiveOf(p), text: `It does. But someone unplugged it at ${r.pick(["12:03", "12:41", "13:07", "noon sharp"])}.`, emotion: "nervous", keep: 1 },
  ],
  (f, p, r) => [
    { who: detectiveOf(p), text: `Let's go over it again. When did you last see ${the(f.obj)}?`, emotion: "calm", keep: 1 },
    { who: p.victim, text: `${r.pick(["Nine sharp", "Right before lunch", "Ten minutes before the meeting", "First thing this morning"])}. And an hour later, ${it(f.obj) === "them" ? "they were" : "it was"} ${f.c.done}.`, emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: "narrator", text: r.pick([`${f.S} had been acting strange all week. Too strange.`, `Nobody noticed ${f.X} slipping out of ${f.spot(r)}.`, `And ${f.S} had a brand-new alibi every hour.`]), keep: 1 },
  ],
  (f, p) => (p.extra === p.victim ? null : [
    { who: p.extra, text: "Okay, fine. I did it!", emotion: "nervous", keep: 1 },
    { who: p.victim, text: "Really?", emotion: "shocked", keep: 1 },
    { who: p.extra, text: "No. But you should see your faces.", emotion: "happy", keep: 1 },
  ]),
  (f, p) => (p.extra === p.victim ? null : [
    { who: p.extra, text: `I heard ${f.outsider} was asking about your ${f.obj.text}.`, emotion: "nervous", keep: 1 },
    { who: p.victim, text: `${capitalize(f.outsider)}? Why would they care?`, emotion: "confused", keep: 1 },
  ]),
  (f, p) => [
    { who: "narrator", text: `${f.V} made a list of suspects. It was a long list.`, keep: 1 },
    { who: p.victim, text: `Everyone's a suspect. Even you, ${f.S}.`, emotion: "suspicious", keep: 1 },
  ],
  (f, p) => (detectiveOf(p) === p.suspect ? null : [
    { who: detectiveOf(p), text: `Think. Who gains if your ${f.obj.text} ${is(f.obj)} ${f.c.done}?`, emotion: "calm", keep: 1 },
    { who: p.suspect, text: `Nobody! ${f.obj.plural ? "They're" : "It's"} ${a(f.obj)}!`, emotion: "annoyed", keep: 1 },
  ]),
  (f, p, r) => (p.extra === p.victim || p.extra === p.suspect ? null : [
    { who: p.extra, text: `I found this in ${f.spot(r)}.`, emotion: "nervous", keep: 1 },
    { who: p.victim, text: `A receipt from this morning… with ${possessive(f.S)} name on it.`, emotion: "suspicious", keep: 1 },
  ]),
  (f, p) => [
    { who: p.suspect, text: "Look, I'm sorry I snapped earlier.", emotion: "sad", keep: 1 },
    { who: p.victim, text: "Save it. I want the truth.", emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: "narrator", text: `At ${r.pick(["two", "ten past three", "half past four", "five"])}, ${f.outsider} walked past ${f.spot(r)}. Twice.`, keep: 1 },
  ],
];

export type Twist = { culprit: "victim" | "ally" | "outsider" | "suspect" | "nobody" | "everyone" | "double"; beats: (f: Frame, p: People, r: Random) => Beat[] };

const REVEAL_REACTIONS = ["😱", "🤯", "😳", "😮"];

/** The twist: who (or what) was behind it all along. The reveal line is `shocked`, with a reaction. */
export const TWISTS: readonly Twist[] = [
  { culprit: "victim", beats: (f, p, r) => [
    { who: detectiveOf(p), text: `It was you, ${f.V}. You ${f.c.did} your own ${f.obj.text}. In your sleep.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: "Wait. That's… that's my jacket on the footage.", emotion: "confused", keep: 3 },
  ] },
  { culprit: "ally", beats: (f, p, r) => [
    { who: p.ally, text: `It was me. I ${f.c.did} ${it(f.obj)}. And I'd do it again.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: `${f.D}? But you were helping me the whole time!`, emotion: "confused", keep: 3 },
  ] },
  { culprit: "outsider", beats: (f, p, r) => [
    { who: detectiveOf(p), text: `The footage shows ${f.outsider}. Every single day.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: `${capitalize(f.outsider)}? Why would they want my ${f.obj.text}?`, emotion: "confused", keep: 3 },
  ] },
  { culprit: "suspect", beats: (f, p, r) => [
    { who: p.suspect, text: `Fine! I ${f.c.did} ${it(f.obj)}. But only because I saw someone tamper with ${it(f.obj)} first.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: `Tamper? Who would tamper with my ${f.obj.text}?`, emotion: "confused", keep: 3 },
  ] },
  { culprit: "nobody", beats: (f, p, r) => [
    { who: detectiveOf(p), text: `Your ${f.obj.text} ${was(f.obj)} never ${f.c.done}. ${It(f.obj)} ${was(f.obj)} in ${f.spot(r)} all along. With a note.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: "A note? What does it say?", emotion: "confused", keep: 3 },
  ] },
  { culprit: "everyone", beats: (f, p, r) => [
    { who: p.extra === p.victim ? p.suspect : p.extra, text: `We all knew. The whole ${f.place.name} has been in on it for weeks.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: "All of you? Since when?", emotion: "confused", keep: 3 },
  ] },
  { culprit: "double", beats: (f, p, r) => [
    { who: detectiveOf(p), text: `There are two of you on the tape, ${f.V}.`, emotion: "shocked", reaction: r.pick(REVEAL_REACTIONS), keep: 6 },
    { who: p.victim, text: "I don't have a twin. Do I?", emotion: "confused", keep: 3 },
  ] },
];

/** The last line: a question or a reveal that sets up the next episode. */
export const CLIFFHANGERS: readonly ((f: Frame, p: People) => Beat)[] = [
  (f, p) => ({ who: p.victim, text: `Then who ${f.c.did} my ${f.obj.text} the other four times?`, emotion: "shocked", keep: 6 }),
  (f) => ({ who: "narrator", text: `And somewhere ${f.at}, someone was already planning round two…`, emotion: "suspicious", keep: 6 }),
  (f, p) => ({ who: detectiveOf(p), text: "Don't turn around. The real culprit just walked in…", emotion: "scared", keep: 6 }),
  (f) => ({ who: "narrator", text: `The next morning, ${the(f.obj)} ${was(f.obj)} back, with a note that read: miss me?`, emotion: "suspicious", keep: 6 }),
  (f, p) => ({ who: p.suspect, text: "If it wasn't any of us… then who has the other key?", emotion: "nervous", keep: 6 }),
  () => ({ who: "narrator", text: "But nobody noticed the camera had been switched off twice. So who switched it off?", keep: 6 }),
  (f, p) => ({ who: p.extra === p.victim ? p.suspect : p.extra, text: `There's something else you should know about ${f.outsider}…`, emotion: "suspicious", keep: 6 }),
];

export const TEASES: readonly ((f: Frame) => string)[] = [
  (f) => `That night, the ${f.place.name} was empty. Almost.`,
  () => "Everyone went home. Everyone except one.",
  (f) => `${f.V} thought it was over.`,
  () => "The case was closed. Or so they thought.",
];
