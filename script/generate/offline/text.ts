/** Text helpers for the offline writer: casing, truncation, ids, and noun phrases that agree. */

export const capitalize = (text: string) => (text ? text[0]!.toLocaleUpperCase("en") + text.slice(1) : text);

export const titleCase = (text: string) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => (i > 0 && ["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for"].includes(w) ? w : capitalize(w)))
    .join(" ");

export const truncate = (text: string, max: number) => ([...text].length > max ? [...text].slice(0, max - 1).join("").trimEnd() + "…" : text);

export const kebab = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");

/**
 * A thing the story is about, as a noun phrase: "lunch", "birthday cake", "keys". Sentences take
 * it only through the helpers below, so articles, pronouns and verbs agree with it; a slot that
 * wants a noun can never be handed an adjective or a name.
 */
export type NounPhrase = {
  readonly kind: "noun";
  /** "birthday cake": modifiers and the head noun, no article. */
  readonly text: string;
  readonly plural: boolean;
  /** Uncountable ("money", "homework"): no "a". */
  readonly mass: boolean;
};

const MASS_NOUNS = new Set([
  "money", "homework", "coffee", "tea", "milk", "cheese", "soup", "cereal", "luggage", "furniture", "jewelry", "jewellery", "bread",
  "chocolate", "rice", "pasta", "yogurt", "yoghurt", "leftovers", "music", "advice", "information", "evidence", "mail", "laundry", "paperwork", "gossip",
  "art", "software", "equipment", "honey", "butter", "sugar", "juice", "water", "wine", "beer", "gold", "treasure", "popcorn", "cash", "research", "news",
]);
const PLURAL_ONLY = new Set(["keys", "glasses", "scissors", "jeans", "pants", "trousers", "shorts", "headphones", "earrings", "shoes", "cookies", "donuts", "snacks", "cupcakes", "jewels", "eggs", "tickets", "notes", "leftovers", "clothes", "sunglasses", "socks", "gloves", "boots"]);
const NOT_PLURAL = new Set(["news", "physics", "chess", "bus", "glass", "gas", "class", "boss", "dress", "grass", "lens", "status", "virus", "cactus", "octopus", "campus", "atlas", "canvas", "circus", "bonus", "series", "species", "mathematics", "economics", "politics", "diabetes", "measles", "thesis", "tennis", "iris", "pancreas", "analysis", "basis", "crisis", "bias", "plus", "yes", "this", "his", "its", "us", "kiss", "mess", "chaos", "business", "fitness", "wellness", "happiness", "address", "princess", "actress", "waitress", "mattress", "fortress", "compass", "progress", "success", "access", "witness", "harness", "goddess", "hostess", "stress"]);

/** A noun phrase from its words; the last word is the head and decides number. */
export const nounPhrase = (text: string): NounPhrase => {
  const head = text.split(/\s+/).pop()!.toLowerCase();
  const plural = PLURAL_ONLY.has(head) || (!NOT_PLURAL.has(head) && !MASS_NOUNS.has(head) && /[^su']s$/u.test(head) && !/(ss|us|is)$/u.test(head));
  return { kind: "noun", text, plural, mass: !plural && MASS_NOUNS.has(head) };
};

/** "the lunch", "the keys". */
export const the = (n: NounPhrase) => `the ${n.text}`;
/** "a cake", "an apple", "money", "keys": the phrase as something not yet known. */
export const a = (n: NounPhrase, adjective?: string) => {
  const words = adjective ? `${adjective} ${n.text}` : n.text;
  if (n.plural || n.mass) return words;
  return `${/^[aeiou]/iu.test(words) && !/^(uni|use|usu|eu|one)/iu.test(words) ? "an" : "a"} ${words}`;
};
/** "it" / "them". */
export const it = (n: NounPhrase) => (n.plural ? "them" : "it");
/** "It" / "They" at the start of a sentence. */
export const It = (n: NounPhrase) => (n.plural ? "They" : "It");
/** "is" / "are". */
export const is = (n: NounPhrase) => (n.plural ? "are" : "is");
/** "was" / "were". */
export const was = (n: NounPhrase) => (n.plural ? "were" : "was");
/** "that" / "those". */
export const that = (n: NounPhrase) => (n.plural ? "those" : "that");
/** "Maya's", "James's": a person's name as a possessive (a name, never an adjective). */
export const possessive = (name: string) => `${name}'s`;

/** "birthday cake" → "Birthday Cake", for titles. */
export const titleOfNoun = (n: NounPhrase) => titleCase(n.text);
