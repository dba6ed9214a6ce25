import type { Setting } from "../../schema";
import { PLACES, SETTING_WORDS, type Place } from "./places";
import type { Random } from "./random";
import { nounPhrase, titleCase, truncate, type NounPhrase } from "./text";
import { ADJECTIVES, CONFLICTS, FALLBACK_OBJECTS, FALLBACK_SUBJECTS, KNOWN_OBJECTS, NOUN_EXCEPTIONS, STOP_WORDS, TONES, VERBS, type Conflict, type ToneName } from "./word-banks";

/** A listicle's or promo's subject: "the haunted lighthouse" (`ref`), "haunted lighthouse" (`bare`). */
export type Subject = { ref: string; bare: string; plural: boolean };

/** What the prompt is about, every slot typed: a place, a noun phrase, a conflict, a tone. */
export type Topic = {
  place: Place;
  /**
   * The backdrop the prompt asks for: a setting it names ("kitchen", "rainy", "café"), else its
   * place's, else null (the place was drawn at random, and a list or promo need not show it).
   */
  setting: Setting | null;
  /** The prompt asks for rain: outdoor scenes are drawn in the rain. */
  rainy: boolean;
  /** What the story is about: always a noun phrase, never an adjective or a name. */
  object: NounPhrase;
  conflict: Conflict;
  tone: ToneName;
  subject: Subject;
  /** A promo's product: a capitalised name from the prompt, else the subject. */
  product: string;
};

/** What the pack reads from a prompt: a story's object, a list's subject, or a promo's product. */
export type TopicKind = "story" | "list" | "promo";

type Token = { raw: string; word: string; index: number };

/** Letters only, so stray symbols, digits and broken characters never reach the script. */
const tokenize = (prompt: string): Token[] =>
  [...prompt.normalize("NFC").matchAll(/\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*/gu)]
    .map((m) => m[0])
    .filter((raw) => [...raw].length <= 24)
    .map((raw, index) => ({ raw: raw.replace(/['’]s$/iu, ""), word: raw.toLowerCase().replace(/['’]s$/u, ""), index }));

const RELATIVES = new Set(["that", "who", "which", "he", "she", "it", "they", "i", "we", "you"]);
const DETERMINERS = new Set(["a", "an", "the", "my", "your", "our", "their", "his", "her", "its", "this", "these", "those"]);
const placeOf = (w: string) => PLACES.find((p) => p.words.includes(w));
const conflictOf = (w: string) => CONFLICTS.find((c) => c.words.includes(w));
const toneWords = new Set(Object.values(TONES).flatMap((t) => t.words as readonly string[]));

/**
 * Whether a prompt word can head a noun phrase: known nouns yes; known adjectives, verbs and the
 * endings of participles, gerunds, adverbs and adjectives no; anything else (a name of a thing
 * the lists do not know) yes.
 */
export const isNounLike = (word: string): boolean => {
  if (NOUN_EXCEPTIONS.has(word) || KNOWN_OBJECTS.includes(word)) return true;
  if (STOP_WORDS.has(word) || ADJECTIVES.has(word) || VERBS.has(word) || conflictOf(word)) return false;
  if ([...word].length < 3) return false;
  if (/ing$|ly$|(ous|ful|less|ive|able|ible|ish|ical|ward|wards)$/u.test(word)) return false;
  if (/[^e]ed$|ied$/u.test(word) && word.length > 4) return false;
  return true;
};

type Chunk = { words: Token[]; head: Token; modifier: Token | null };

/**
 * The noun phrases of the prompt: runs of words between function words and verbs, each headed
 * by its last noun-like word ("a forgotten birthday that turns…" → birthday).
 */
const chunksOf = (tokens: Token[]): Chunk[] => {
  const chunks: Chunk[] = [];
  let run: Token[] = [];
  let determined = false;
  const close = () => {
    for (let i = run.length - 1; i >= 0; i--) {
      const t = run[i]!;
      if (!isNounLike(t.word)) continue;
      // "shiny", "sleepy": an unknown word ending in -y is an adjective as often as a noun; only
      // "a/the/my …" or a word before it in the phrase makes it the head.
      if (/[^aeiou]y$/u.test(t.word) && !KNOWN_OBJECTS.includes(t.word) && !NOUN_EXCEPTIONS.has(t.word) && !placeOf(t.word) && !determined && i === 0) continue;
      const before = run[i - 1];
      const modifier = before && before.word !== t.word && isNounLike(before.word) && canBeObject(before) ? before : null;
      chunks.push({ words: run, head: t, modifier });
      break;
    }
    run = [];
    determined = false;
  };
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1]?.word;
    const verb =
      VERBS.has(t.word) ||
      (previous !== undefined && RELATIVES.has(previous) && !DETERMINERS.has(t.word) && /s$|ed$/u.test(t.word) && !KNOWN_OBJECTS.includes(t.word)) ||
      // "learn to cook": after "to" comes a verb, unless it is a known thing or place.
      (previous === "to" && !KNOWN_OBJECTS.includes(t.word) && !placeOf(t.word));
    if (STOP_WORDS.has(t.word) || verb) {
      close();
      determined = DETERMINERS.has(t.word);
      return;
    }
    run.push(t);
  });
  close();
  return chunks;
};

/** People: a story is never about losing one of these as if it were a mug. */
const PEOPLE = new Set(["kid", "kids", "child", "children", "mayor", "friend", "friends", "girl", "girls", "boy", "boys", "man", "men", "woman", "women", "people", "person", "guy", "guys", "wife", "husband", "girlfriend", "boyfriend", "baby", "stranger", "strangers", "twin", "twins", "sister", "sisters", "brother", "brothers", "son", "daughter", "uncle", "aunt", "cousin", "mother", "father", "grandmother", "grandfather", "hero", "villain", "ex", "bestie", "crush", "partner", "family", "neighbor", "neighbour", "customer", "customers", "stepmom", "stepdad", "fiance", "fiancé", "fiancée", "bride", "groom", "ghost", "ghosts"]);

/** A capitalised word mid-prompt: a person's or brand's name, never the thing a story is about. */
const isName = (t: Token) => t.index > 0 && /^\p{Lu}/u.test(t.raw);

/** A story can be about a chunk's head unless it is a place, a tone word or a name. */
const canBeObject = (t: Token) => {
  if (PEOPLE.has(t.word)) return false;
  const place = placeOf(t.word);
  if (place && !(place.things ?? []).includes(t.word)) return false;
  return !toneWords.has(t.word) || KNOWN_OBJECTS.includes(t.word) ? !isName(t) && isNounLike(t.word) : false;
};

const phraseOf = (chunk: Chunk): string => (chunk.modifier && canBeObject(chunk.modifier) ? `${chunk.modifier.word} ${chunk.head.word}` : chunk.head.word);

/** "cat" → "cats", "party" → "parties", "box" → "boxes". */
const pluralOf = (noun: string) => noun.replace(/(?<=[^aeiou])y$/u, "ie").replace(/(s|x|z|ch|sh)$/u, "$1e") + "s";

/**
 * Reads a prompt (and the brief's genre and tone as `steering`) into typed slots: the place, the
 * thing the story is about (a noun phrase, never an adjective, a verb, a person or a name), what
 * happens to it, the tone, a list's subject and a promo's product. Whatever the prompt lacks is
 * drawn from `random`.
 */
export const readPrompt = (prompt: string, steering: string, kind: TopicKind, random: Random): Topic => {
  const tokens = tokenize(prompt);
  const words = tokens.map((t) => t.word);
  const chunks = chunksOf(tokens);

  // A word for the place itself ("beach") beats a thing that happens there ("wedding ring").
  const placeWord = words.find((w) => placeOf(w) && !(placeOf(w)!.things ?? []).includes(w)) ?? words.find(placeOf);
  const place = placeWord ? placeOf(placeWord)! : random.pick(PLACES);
  const conflictAt = words.findIndex((w) => conflictOf(w));
  const conflict = conflictAt >= 0 ? conflictOf(words[conflictAt]!)! : random.pick(CONFLICTS.slice(0, 3));

  // The object: the noun the conflict acts on ("stolen lunch", "lunch was stolen"), else a
  // familiar object, else the first noun phrase's head, else a stand-in.
  const objects = chunks.filter((c) => canBeObject(c.head));
  const near = conflictAt < 0 ? undefined : objects.find((c) => c.head.index > conflictAt && c.head.index <= conflictAt + 4) ?? [...objects].reverse().find((c) => c.head.index < conflictAt && c.head.index >= conflictAt - 3);
  // Without a conflict word, the thing after the first verb ("a kid finds a dragon egg") is what it is about.
  const firstVerb = tokens.findIndex((t) => VERBS.has(t.word));
  const afterVerb = firstVerb < 0 ? undefined : objects.find((c) => c.head.index > firstVerb);
  const chosen = near ?? objects.find((c) => KNOWN_OBJECTS.includes(c.head.word)) ?? afterVerb ?? objects[0];
  const object = nounPhrase(chosen ? phraseOf(chosen) : random.pick(FALLBACK_OBJECTS));

  const tones = Object.keys(TONES) as ToneName[];
  const steer = steering.toLowerCase().split(/[^\p{L}-]+/u);
  const toneScore = (name: ToneName) => [...words, ...steer].filter((w) => (TONES[name].words as readonly string[]).includes(w)).length;
  const ranked = tones.map((name) => ({ name, score: toneScore(name) })).sort((x, y) => y.score - x.score);
  const defaultTone: ToneName = kind === "promo" ? "neon" : kind === "list" ? random.pick(["light", "neon", "cool"] as const) : "cool";
  const tone = ranked[0]!.score > 0 ? ranked[0]!.name : defaultTone;

  // A product name is a capitalised word written mid-sentence ("LunchLock"), or camel-cased.
  const proper = tokens.find((t, i) => !STOP_WORDS.has(t.word) && !conflictOf(t.word) && /^\p{Lu}/u.test(t.raw) && (i > 0 || /\p{Ll}\p{Lu}/u.test(t.raw)));
  const subject = kind === "promo" && proper ? productSubject(chunks, proper, random) : subjectOf(tokens, chunks, random, kind === "promo");
  const product = truncate(proper?.raw ?? titleCase(subject.bare), 60);
  // Own keys only: a prompt saying "constructor" must not find Object's.
  const named = words.map((w) => (Object.hasOwn(SETTING_WORDS, w) ? SETTING_WORDS[w] : undefined)).find((x) => x !== undefined);
  const rainy = named === "rain";
  const setting = named ?? (placeWord !== undefined ? place.setting : null);
  return { place, setting, rainy, object, conflict, tone, subject, product };
};

/** What a named product is: "LunchLock, a lunchbox…" → lunchbox. */
const productSubject = (chunks: Chunk[], proper: Token, random: Random): Subject => {
  const after = chunks.find((c) => c.head.index > proper.index && c.head !== proper && !isName(c.head));
  const other = chunks.find((c) => c.head !== proper && !isName(c.head));
  const known = chunks.find((c) => KNOWN_OBJECTS.includes(c.head.word));
  const chunk = after ?? known ?? other;
  if (!chunk) return asSubject(random.pick(FALLBACK_SUBJECTS), null);
  return asSubject(phraseOf(chunk), null, true);
};

/**
 * A listicle's subject: the noun phrase after "about/on/for/of" ("facts about the haunted
 * lighthouse"), else the first noun phrase, else a stand-in. A single countable thing without
 * "the" becomes plural ("tips for a cat" → cats) so every item reads as a general truth.
 */
const subjectOf = (tokens: Token[], chunks: Chunk[], random: Random, keepNumber: boolean): Subject => {
  const at = tokens.findIndex((t) => ["about", "on", "for", "of", "regarding"].includes(t.word));
  if (at >= 0) {
    let article: string | null = null;
    const run: Token[] = [];
    for (const t of tokens.slice(at + 1)) {
      if (run.length === 0 && DETERMINERS.has(t.word)) {
        article = t.word;
        continue;
      }
      if (STOP_WORDS.has(t.word) || VERBS.has(t.word) || run.length === 4) break;
      // "a stolen lunch": what happened to it is the story's, not the subject's.
      if (run.length === 0 && conflictOf(t.word)) continue;
      // "about robot robot": a word said twice is written once.
      if (run.at(-1)?.word === t.word) continue;
      run.push(t);
    }
    // A gerund phrase ("staying focused") is a subject as it stands.
    if (run.length && /ing$/u.test(run[0]!.word) && !isNounLike(run[0]!.word)) return asSubject(run.map((t) => t.word).join(" "), null);
    while (run.length && !isNounLike(run.at(-1)!.word)) run.pop();
    // Written without "a/an" ("facts about octopus intelligence", "tips about cats") it is already general.
    if (run.length) return asSubject(run.map((t) => (isName(t) ? t.raw : t.word)).join(" "), article, keepNumber || (article !== "a" && article !== "an"));
  }
  const chunk = chunks.find((c) => !isName(c.head));
  if (chunk) return asSubject(phraseOf(chunk), null, keepNumber);
  return asSubject(random.pick(FALLBACK_SUBJECTS), null);
};

const asSubject = (text: string, article: string | null, keepNumber = false): Subject => {
  const np = nounPhrase(text);
  if (article === "the") return { ref: `the ${text}`, bare: text, plural: np.plural };
  const head = text.split(" ").at(-1)!;
  // Only plain English count nouns take an -s: not gerunds, abstracts, names or other scripts.
  const countable = /^[a-z]+$/u.test(head) && !/(ing|ence|ance|ness|ity|ism|tion|sion|ment|ship|hood|dom|ics)$/u.test(head);
  if (np.plural || np.mass || keepNumber || !countable || /ing$/u.test(text.split(" ")[0]!)) return { ref: text, bare: text, plural: np.plural };
  const words = text.split(" ");
  const plural = [...words.slice(0, -1), pluralOf(words.at(-1)!)].join(" ");
  return { ref: plural, bare: plural, plural: true };
};
