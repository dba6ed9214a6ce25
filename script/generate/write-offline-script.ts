import { createHash } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { estimateLineSeconds } from "../estimate-line-seconds";
import { LIMITS, NARRATOR, type Background, type Character, type Line, type Look, type Scene, type Script, type Transition } from "../schema";
import { buildTimeline, CHARACTER_PALETTE, HEADING_SECONDS } from "../timeline";
import { DEFAULT_TARGET_SECONDS, type Brief } from "./brief";

/**
 * Writes a script from a brief with no model: the embedded default writer. It reads the prompt's
 * keywords (setting, object, conflict, mood), casts 2–4 characters (or the brief's, or exactly
 * the previous episode's), and writes the shape the template expects: a three-act drama with a
 * twist and a cliffhanger (minidrama, and chat-story / narrated-story retellings of it), numbered
 * items (listicle) or hook → benefits → call to action (promo). Lines are added or removed until
 * the reading-speed estimate lands near `targetSeconds`.
 *
 * Deterministic: every choice comes from pure-rand generators seeded by a hash of the brief and
 * the episode number, so the same brief always gives the same script. Dialogue is English;
 * `language` is the brief's. Offline and honest: it names no model anywhere.
 */
export const writeOfflineScript = (brief: Brief, options: { episode?: number; previous?: Script | null } = {}): Script => {
  const episode = Math.max(1, Math.floor(options.episode ?? 1));
  const previous = options.previous ?? null;
  const template = templateOf(brief.template);
  const target = brief.targetSeconds ?? DEFAULT_TARGET_SECONDS;
  const seed = seedOf(brief, episode);
  const language = languageOf(brief.language);
  const topic = readPrompt(brief, createRandom(seed, "topic"));
  const characters = castOf(brief, template, target, previous, language, createRandom(seed, "cast"));
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
  const writer = WRITERS[template];
  const fitted = fitToTarget((size) => writer.write(story, size), target, characters);
  const finished = writer.finish(story, fitted);
  const title = titleOf(brief, episode, previous, finished.title);
  // The pack's extra fields (`chat`, `listicle`, `promo`) ride along; the Script schema ignores them.
  return { title, format: brief.format ?? "9:16", language, characters, scenes: finished.scenes, ...finished.extra };
};

// ─── Randomness ──────────────────────────────────────────────────────────────────────────────

type Random = {
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
  /** Draws without putting back; reshuffles when empty. `round` counts the reshuffles. */
  deck<T>(items: readonly T[]): { draw(): T; round(): number };
};

/**
 * One independent pure-rand stream per part of the script (cast, setup, middle, ending…): a part
 * that grows (more middle scenes) then never shifts the choices made in another part, so adding
 * length keeps the rest of the story the same.
 */
const createRandom = (seed: string, stream: string): Random => {
  const digest = createHash("sha256").update(seed).update("\u0000").update(stream).digest();
  const state = [0, 4, 8, 12].map((offset) => digest.readInt32LE(offset));
  // xoroshiro128+ must not start from the all-zero state.
  if (!state.some((s) => s !== 0)) state[0] = 1;
  const rng = xoroshiro128plusFromState(state);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (probability) => int(0, 9999) < probability * 10000,
    shuffle,
    deck: <T>(items: readonly T[]) => {
      let pile: T[] = [];
      let rounds = -1;
      let last: T | undefined;
      return {
        draw() {
          if (pile.length === 0) {
            pile = shuffle(items);
            rounds++;
            // No item twice in a row across a reshuffle.
            if (pile.length > 1 && pile[pile.length - 1] === last) [pile[0], pile[pile.length - 1]] = [pile[pile.length - 1]!, pile[0]!];
          }
          last = pile.pop()!;
          return last;
        },
        round: () => Math.max(0, rounds),
      };
    },
  };
};

/** The seed: the brief's own fields (not `previous`, which only feeds the recap) plus the episode. */
const seedOf = (brief: Brief, episode: number): string =>
  createHash("sha256")
    .update(
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
    .digest("hex");

// ─── Reading the prompt ──────────────────────────────────────────────────────────────────────

type Setting = {
  /** "office": used as "the whole office". */
  name: string;
  /** "at the office". */
  at: string;
  words: readonly string[];
  places: readonly string[];
  /** Someone outside the cast who can turn out to be the culprit. */
  outsiders: readonly string[];
};

const SETTINGS: readonly Setting[] = [
  { name: "office", at: "at the office", words: ["office", "offices", "work", "workplace", "coworker", "coworkers", "colleague", "colleagues", "boss", "startup", "company", "corporate", "cubicle", "meeting", "intern", "hr"], places: ["the office kitchen", "meeting room B", "the open-plan floor", "the copy room", "the rooftop terrace", "the elevator", "the boss's office", "the break room"], outsiders: ["the new intern", "the CEO", "the night cleaner", "the office dog", "the IT guy nobody has ever met"] },
  { name: "school", at: "at school", words: ["school", "class", "classroom", "teacher", "teachers", "student", "students", "campus", "college", "university", "homework", "exam", "exams", "dorm", "principal"], places: ["the cafeteria", "the chemistry lab", "the library", "the hallway by the lockers", "the gym", "the principal's office", "the back row of class"], outsiders: ["the principal", "the substitute teacher", "the school janitor", "the class hamster", "a first-year nobody knew"] },
  { name: "hospital", at: "at the hospital", words: ["hospital", "nurse", "nurses", "doctor", "doctors", "clinic", "ward", "surgeon", "patient", "patients"], places: ["the nurses' station", "the staff room", "ward seven", "the vending machine corridor", "the hospital roof", "the supply closet"], outsiders: ["the chief surgeon", "the patient in room twelve", "the night porter", "the hospital chaplain"] },
  { name: "restaurant", at: "at the restaurant", words: ["restaurant", "chef", "chefs", "cafe", "café", "coffee", "bakery", "diner", "waiter", "waitress", "bistro", "pizzeria", "menu", "cook", "cooks", "barista"], places: ["the kitchen", "the walk-in fridge", "table six", "the back alley", "the bar", "the dining room"], outsiders: ["the head chef", "the food critic at table four", "the delivery driver", "the owner's mother"] },
  { name: "house", at: "at home", words: ["home", "house", "apartment", "flat", "roommate", "roommates", "family", "mom", "dad", "mum", "sister", "brother", "neighbor", "neighbour", "neighbors", "neighbours", "grandma", "grandpa", "parents", "kids"], places: ["the kitchen", "the living room", "the hallway", "the balcony", "the laundry room", "the garden"], outsiders: ["the landlord", "grandma", "the neighbour's cat", "the dog", "the upstairs neighbour"] },
  { name: "wedding", at: "at the wedding", words: ["wedding", "bride", "groom", "party", "birthday", "celebration", "reception", "engagement", "anniversary"], places: ["the reception hall", "the dance floor", "the cake table", "the bridal suite", "the parking lot", "the photo booth"], outsiders: ["the wedding planner", "the DJ", "the ring bearer", "an uninvited cousin"] },
  { name: "gym", at: "at the gym", words: ["gym", "fitness", "workout", "trainer", "yoga", "sport", "sports", "team", "coach", "locker", "match", "football", "soccer", "basketball", "tennis"], places: ["the locker room", "the weights floor", "the juice bar", "the yoga studio", "the sauna", "the front desk"], outsiders: ["the coach", "the team mascot", "the cleaning crew", "a rival team's captain"] },
  { name: "hotel", at: "at the hotel", words: ["hotel", "resort", "vacation", "holiday", "trip", "travel", "guest", "guests", "lobby", "motel"], places: ["the lobby", "room 404", "the pool", "the breakfast buffet", "the elevator", "the rooftop bar"], outsiders: ["the concierge", "the hotel manager", "a guest in sunglasses", "housekeeping"] },
  { name: "station", at: "at the station", words: ["train", "trains", "airport", "plane", "flight", "airline", "station", "bus", "ship", "cruise", "ferry", "subway"], places: ["gate twelve", "the dining car", "baggage claim", "the security line", "seat 14B", "the platform"], outsiders: ["the conductor", "a sleeping passenger", "the pilot", "airport security"] },
  { name: "spaceship", at: "aboard the ship", words: ["space", "spaceship", "starship", "mars", "moon", "astronaut", "astronauts", "galaxy", "planet", "alien", "aliens", "rocket", "orbit", "spacestation"], places: ["the bridge", "the cargo bay", "the airlock", "the hydroponics deck", "the mess hall", "the observation dome"], outsiders: ["the ship's AI", "the captain", "a stowaway alien", "the maintenance robot"] },
  { name: "castle", at: "at the castle", words: ["castle", "kingdom", "king", "queen", "prince", "princess", "knight", "knights", "dragon", "wizard", "witch", "magic", "royal", "palace", "medieval"], places: ["the throne room", "the great hall", "the north tower", "the royal kitchen", "the dungeon", "the courtyard"], outsiders: ["the court jester", "the queen's cat", "the old wizard", "the dragon"] },
  { name: "village", at: "in the village", words: ["village", "farm", "farmer", "town", "countryside", "barn", "ranch", "harvest"], places: ["the barn", "the village square", "the bakery", "the orchard", "the old well", "the market"], outsiders: ["the mayor", "the goat", "the postman", "the town gossip"] },
  { name: "camp", at: "at camp", words: ["beach", "island", "surf", "ocean", "sea", "summer", "camp", "camping", "forest", "woods", "cabin", "lake", "mountain", "hiking"], places: ["the campfire", "the boathouse", "the lake shore", "the cabin porch", "the trail", "the big tent"], outsiders: ["the camp counselor", "a raccoon", "the park ranger", "the lifeguard"] },
  { name: "museum", at: "at the museum", words: ["museum", "gallery", "library", "art", "painting", "exhibit", "exhibition", "archive", "bookstore", "librarian"], places: ["the east wing", "the archive", "the gift shop", "the reading room", "the security office", "the storage room"], outsiders: ["the curator", "the night guard", "a tour group", "the museum cat"] },
  { name: "precinct", at: "at the precinct", words: ["police", "detective", "detectives", "precinct", "crime", "court", "lawyer", "judge", "jail", "prison", "cop", "cops"], places: ["the interrogation room", "the evidence locker", "the precinct kitchen", "the parking garage", "the captain's office", "the holding cell"], outsiders: ["the captain", "the informant", "the rookie", "the evidence clerk"] },
  { name: "studio", at: "at the studio", words: ["studio", "film", "movie", "tv", "show", "actor", "actress", "influencer", "youtube", "podcast", "band", "concert", "music", "theater", "theatre"], places: ["the green room", "the set", "the makeup trailer", "the control room", "backstage", "the rehearsal room"], outsiders: ["the director", "a background extra", "the sound guy", "the producer's nephew"] },
  { name: "store", at: "at the store", words: ["store", "shop", "supermarket", "mall", "market", "boutique", "cashier", "grocery"], places: ["aisle five", "the stockroom", "checkout three", "the staff room", "the loading dock", "the manager's booth"], outsiders: ["the store manager", "a mystery shopper", "the security guard", "the night stocker"] },
  { name: "lab", at: "at the lab", words: ["lab", "laboratory", "science", "scientist", "scientists", "experiment", "research", "robot", "robots"], places: ["lab three", "the server room", "the clean room", "the break room", "the test chamber", "the loading bay"], outsiders: ["the lab robot", "the professor", "the research intern", "the lab rat"] },
];

type Conflict = {
  words: readonly string[];
  /** "steals" / "stole" / "stolen": "someone steals Maya's lunch", "it was stolen". */
  does: string;
  did: string;
  done: string;
  /** Title nouns: "The Lunch Heist". */
  nouns: readonly string[];
};

const CONFLICTS: readonly Conflict[] = [
  { words: ["steal", "steals", "stole", "stolen", "stealing", "thief", "thieves", "theft", "heist", "robbery", "robbed", "rob", "snatched", "swiped", "pinched", "burglar"], does: "steals", did: "stole", done: "stolen", nouns: ["Heist", "Thief", "Caper", "Mystery"] },
  { words: ["missing", "lost", "vanished", "vanish", "vanishing", "disappeared", "disappear", "disappearance", "gone", "hidden", "hid", "hide"], does: "hides", did: "hid", done: "missing", nouns: ["Mystery", "Disappearance", "Case"] },
  { words: ["broken", "broke", "break", "smashed", "ruined", "ruin", "destroyed", "damaged", "wrecked", "cracked", "sabotage", "sabotaged"], does: "breaks", did: "broke", done: "broken", nouns: ["Disaster", "Incident", "Sabotage"] },
  { words: ["secret", "secrets", "leaked", "leak", "exposed", "rumor", "rumour", "rumors", "rumours", "gossip", "spoiler", "spoilers", "lie", "lies", "lying", "scandal"], does: "leaks", did: "leaked", done: "leaked", nouns: ["Leak", "Scandal", "Secret"] },
  { words: ["swapped", "swap", "switched", "switch", "replaced", "fake", "forged", "impostor", "imposter"], does: "swaps", did: "swapped", done: "swapped", nouns: ["Switch", "Mix-Up", "Swap"] },
];

type Mood = {
  words: readonly string[];
  gradients: readonly (readonly string[])[];
  colors: readonly string[];
  looks: readonly Look[];
};

// Mid-to-dark backgrounds throughout: captions are white, so every mood keeps contrast.
const MOODS = {
  dark: { words: ["dark", "horror", "scary", "creepy", "spooky", "thriller", "murder", "crime", "mystery", "noir", "haunted", "ghost", "ghosts", "suspense", "tense", "sinister", "gothic", "eerie"], gradients: [["#0f0c29", "#302b63"], ["#1a0b0b", "#4a0e0e"], ["#0b0b0f", "#1f2937"], ["#111827", "#3f0d12"], ["#020617", "#1e293b"], ["#1c1917", "#44403c"], ["#0c0a09", "#7f1d1d"], ["#0f172a", "#312e81", "#0f172a"]], colors: ["#0b0b0f", "#111827", "#1c1917", "#0f172a"], looks: ["noir", "high-contrast", "cool", "none"] },
  light: { words: ["funny", "comedy", "comedic", "hilarious", "silly", "light", "lighthearted", "playful", "cute", "wholesome", "absurd", "sitcom", "goofy", "chaotic", "fun"], gradients: [["#7c2d12", "#b45309"], ["#831843", "#be185d"], ["#1e3a8a", "#7c3aed"], ["#14532d", "#15803d"], ["#9a3412", "#db2777"], ["#155e75", "#4338ca"], ["#581c87", "#c026d3"], ["#854d0e", "#c2410c"]], colors: ["#1e3a8a", "#7c2d12", "#831843", "#14532d"], looks: ["warm", "none", "none", "vintage"] },
  warm: { words: ["romance", "romantic", "love", "date", "dating", "sweet", "cozy", "cosy", "heartwarming", "nostalgic", "tender", "crush"], gradients: [["#4c0519", "#9f1239"], ["#7c2d12", "#db2777"], ["#3b0764", "#be185d"], ["#451a03", "#b45309"], ["#500724", "#f43f5e"], ["#292524", "#9a3412"]], colors: ["#4c0519", "#451a03", "#3b0764"], looks: ["warm", "vintage", "none"] },
  neon: { words: ["sci-fi", "scifi", "space", "future", "futuristic", "cyber", "cyberpunk", "robot", "alien", "tech", "neon", "startup", "app", "digital"], gradients: [["#0f0c29", "#7c3aed"], ["#020617", "#0e7490"], ["#1e1b4b", "#db2777"], ["#042f2e", "#7c3aed"], ["#0c0a09", "#4338ca", "#db2777"], ["#082f49", "#16a34a"]], colors: ["#020617", "#1e1b4b", "#042f2e"], looks: ["cool", "high-contrast", "none"] },
  cool: { words: ["drama", "dramatic", "serious", "emotional", "sad", "moody", "calm"], gradients: [["#1e1b4b", "#7c2d12"], ["#022c22", "#0f172a"], ["#0c4a6e", "#1e1b4b"], ["#172554", "#0f766e"], ["#1e293b", "#334155"], ["#312e81", "#0e7490"], ["#3f0d12", "#0b0b0f"], ["#0f172a", "#1e3a8a", "#0f172a"]], colors: ["#0f172a", "#1e1b4b", "#022c22", "#172554"], looks: ["none", "cool", "none", "warm"] },
} as const satisfies Record<string, Mood>;
type MoodName = keyof typeof MOODS;

const STOP_WORDS = new Set(
  ("a an the of and or with without about for on in at to from by into onto over under who whom whose what when where why how which is are was were be been being this that these those it its " +
    "my your our their his her him them they we you i me us as but so very just some any all each every one two three four five six seven eight nine ten eleven twelve twenty thirty " +
    "minute minutes second seconds min mins sec secs hour hours long short quick tiny little big video videos reel reels clip clips story stories drama dramas minidrama episode episodes " +
    "series twist twists twisty ending plot scene scenes script make create write tell show please want need like chat chats text texts texting message messages listicle list lists " +
    "fact facts tip tips promo promos ad ads advert advertisement commercial narrated narration narrator top best things thing ways way reasons reason kind sort new then than there here " +
    "not no yes can could would should will shall may might must do does did done has have had get gets got also only even ever never again more most less really quite about-a " +
    "someone somebody everyone everybody anyone nobody something everything anything nothing day days week weeks month months year years time times vertical horizontal square " +
    "style styled type version part parts")
    .split(/\s+/),
);

const KNOWN_OBJECTS = [
  "lunch", "sandwich", "pizza", "cake", "cookie", "cookies", "coffee", "mug", "phone", "wallet", "keys", "key", "laptop", "diary", "ring", "necklace", "crown", "treasure", "recipe",
  "password", "letter", "car", "bike", "painting", "money", "trophy", "homework", "stapler", "plant", "dog", "cat", "hamster", "hat", "shoes", "jacket", "remote", "charger",
  "headphones", "yogurt", "leftovers", "donut", "donuts", "snack", "snacks", "chocolate", "umbrella", "notebook", "camera", "guitar", "map", "jewels", "diamond", "sword", "eggs",
  "cheese", "pie", "cupcake", "cupcakes", "cereal", "milk", "tea", "toothbrush", "medal", "ticket", "tickets", "invitation", "lasagna", "burrito", "salad", "soup", "watch", "parrot",
];

/** Stand-ins when the prompt gives nothing usable. */
const FALLBACK_OBJECTS = ["lunch", "stapler", "birthday cake", "lucky mug", "phone charger", "houseplant", "secret recipe", "umbrella", "trophy", "last slice of pizza", "diary", "spare key"];
const FALLBACK_SUBJECTS = ["morning routines", "good habits", "coffee", "staying focused", "small kitchens", "houseplants", "weekend plans", "learning something new", "city cycling", "saving money"];

type Topic = {
  setting: Setting;
  /** "lunch": what the story is about. */
  object: string;
  conflict: Conflict;
  mood: MoodName;
  /** A listicle's or promo's subject: "octopus intelligence". */
  subject: string;
  /** A promo's product: a capitalised name from the prompt, else the subject. */
  product: string;
};

type Token = { raw: string; word: string };

/** Letters only, so stray symbols, digits and broken characters never reach the script. */
const tokenize = (prompt: string): Token[] =>
  [...prompt.normalize("NFC").matchAll(/\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*/gu)]
    .map((m) => m[0])
    .filter((raw) => [...raw].length <= 24)
    .map((raw) => ({ raw: raw.replace(/['’]s$/iu, ""), word: raw.toLowerCase().replace(/['’]s$/u, "") }));

const readPrompt = (brief: Brief, random: Random): Topic => {
  const tokens = tokenize(brief.prompt);
  const words = tokens.map((t) => t.word);
  const steering = [brief.genre, brief.tone].filter(Boolean).join(" ").toLowerCase();
  const settingOf = (w: string) => SETTINGS.find((s) => s.words.includes(w));
  const conflictOf = (w: string) => CONFLICTS.find((c) => c.words.includes(w));
  const moodWords = new Set(Object.values(MOODS).flatMap((m) => m.words as readonly string[]));
  const isContent = (w: string) => !STOP_WORDS.has(w) && !conflictOf(w) && !moodWords.has(w) && [...w].length >= 2;

  const settingWord = words.find(settingOf);
  const setting = settingWord ? settingOf(settingWord)! : random.pick(SETTINGS);
  const conflictAt = words.findIndex((w) => conflictOf(w));
  const conflict = conflictAt >= 0 ? conflictOf(words[conflictAt]!)! : random.pick(CONFLICTS.slice(0, 3));

  // The object: the word the conflict acts on ("stolen lunch", "lunch was stolen"), else a
  // familiar object, else the first content word that is not the setting.
  const near = conflictAt < 0 ? [] : [...words.slice(conflictAt + 1, conflictAt + 4), ...words.slice(Math.max(0, conflictAt - 3), conflictAt).reverse()];
  const object =
    near.find((w) => isContent(w) && !settingOf(w)) ??
    words.find((w) => KNOWN_OBJECTS.includes(w)) ??
    words.find((w) => isContent(w) && !settingOf(w)) ??
    random.pick(FALLBACK_OBJECTS);

  const moodScore = (name: MoodName) => [...words, ...steering.split(/[^\p{L}-]+/u)].filter((w) => (MOODS[name].words as readonly string[]).includes(w)).length;
  const ranked = (Object.keys(MOODS) as MoodName[]).map((name) => ({ name, score: moodScore(name) })).sort((a, b) => b.score - a.score);
  const defaultMood: MoodName = brief.template === "promo" ? "neon" : brief.template === "listicle" ? random.pick(["light", "neon", "cool"] as const) : "cool";
  const mood = ranked[0]!.score > 0 ? ranked[0]!.name : defaultMood;

  // A listicle's subject: what follows "about/on/for/of", else the first content words, else a stand-in.
  const after = words.findIndex((w) => ["about", "on", "for", "of", "regarding"].includes(w));
  const run: string[] = [];
  if (after >= 0) {
    for (const w of words.slice(after + 1)) {
      if (run.length === 0 && ["a", "an", "the", "my", "your", "our", "their"].includes(w)) continue;
      if (!isContent(w) || run.length === 3) break;
      run.push(w);
    }
  }
  const keywords = words.filter(isContent);
  const subject = run.length ? run.join(" ") : keywords.length ? keywords.slice(0, 2).join(" ") : random.pick(FALLBACK_SUBJECTS);
  // A product name is a capitalised word written mid-sentence ("LunchLock"), or camel-cased.
  const proper = tokens.find((t, i) => isContent(t.word) && /^\p{Lu}/u.test(t.raw) && (i > 0 || /\p{Ll}\p{Lu}/u.test(t.raw)));
  const product = truncate(proper?.raw ?? titleCase(subject), 60);
  // With a named product, the subject is what the prompt says it is: "LunchLock, a lunchbox…".
  let productSubject = subject;
  if (proper) {
    const from = tokens.indexOf(proper);
    const described = words.slice(from + 1).find(isContent);
    const other = keywords.find((w) => w !== proper.word);
    productSubject = described ?? words.find((w) => KNOWN_OBJECTS.includes(w)) ?? other ?? random.pick(FALLBACK_SUBJECTS);
  }
  return { setting, object, conflict, mood, subject: brief.template === "promo" ? productSubject : subject, product };
};

// ─── Cast ────────────────────────────────────────────────────────────────────────────────────

const NAMES: Record<string, readonly string[]> = {
  en: ["Maya", "Leo", "Priya", "Sam", "Jordan", "Ava", "Noah", "Chloe", "Ethan", "Zoe", "Marcus", "Nina", "Oliver", "Ruby", "Theo", "Grace", "Felix", "Hazel", "Jasper", "Iris", "Owen", "Mia", "Caleb", "Lila", "Dev", "Nora", "Isaac", "Stella", "Miles", "Quinn", "Harper", "Eli", "Freya", "Omar", "Tessa", "Gabe", "Rosa", "Wes", "Jade", "Kai", "Dana", "Victor", "Amelia", "Ben", "Clara", "Hugo", "Ivy", "Reggie", "Sofia", "Max", "Ellie", "Dexter", "Lucy", "Raj", "Bea", "Toby", "Nadia", "Finn", "Georgia", "Marlon"],
  es: ["Lucía", "Mateo", "Sofía", "Diego", "Valentina", "Javier", "Camila", "Andrés", "Isabel", "Pablo", "Carmen", "Tomás", "Elena", "Rafael", "Paula", "Hugo", "Marta", "Álvaro", "Daniela", "Nicolás", "Inés", "Sergio", "Alba", "Gonzalo", "Rocío", "Emilio", "Julia", "Bruno", "Noelia", "Iker"],
  pt: ["Ana", "João", "Beatriz", "Pedro", "Mariana", "Rafael", "Larissa", "Thiago", "Camila", "Gustavo", "Fernanda", "Lucas", "Juliana", "Felipe", "Letícia", "Caio", "Bianca", "Rodrigo", "Gabriela", "Matheus", "Helena", "Diogo", "Isadora", "Vinícius", "Clara", "Bruno", "Luana", "Otávio", "Yasmin", "Renato"],
  fr: ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Jules", "Manon", "Théo", "Inès", "Arthur", "Zoé", "Gabriel", "Juliette", "Paul", "Margaux", "Lucas", "Élodie", "Maxime", "Sarah", "Antoine", "Clémence", "Bastien", "Anaïs", "Victor", "Océane", "Romain", "Lina", "Nathan", "Agathe", "Émile"],
  de: ["Lena", "Jonas", "Mia", "Lukas", "Hannah", "Felix", "Emma", "Paul", "Lea", "Maximilian", "Sophie", "Leon", "Marie", "Finn", "Clara", "Elias", "Anna", "Moritz", "Johanna", "Niklas", "Greta", "Tobias", "Frieda", "Julian", "Paula", "Jannik", "Ida", "Matthias", "Nele", "Konstantin"],
  it: ["Giulia", "Luca", "Chiara", "Marco", "Sofia", "Matteo", "Francesca", "Alessandro", "Martina", "Lorenzo", "Aurora", "Davide", "Elisa", "Tommaso", "Beatrice", "Riccardo", "Alice", "Simone", "Greta", "Federico", "Ginevra", "Pietro", "Noemi", "Andrea", "Bianca", "Edoardo", "Ludovica", "Nicolò", "Irene", "Gabriele"],
  ja: ["Yuki", "Haruto", "Sakura", "Ren", "Aoi", "Sota", "Hina", "Riku", "Mei", "Kaito", "Yui", "Daiki", "Miku", "Takumi", "Nanami", "Sho", "Emi", "Kenta", "Rin", "Hayato"],
  hi: ["Aarav", "Ananya", "Vihaan", "Diya", "Arjun", "Isha", "Rohan", "Kavya", "Aditya", "Meera", "Kabir", "Sanya", "Ishaan", "Riya", "Vivaan", "Tara", "Dev", "Anika", "Rahul", "Pooja"],
};


const namesFor = (language: string) => NAMES[language.split("-")[0]!.toLowerCase()] ?? NAMES.en!;

/** The brief's tag when it is a real BCP 47 tag; dialogue stays English either way. */
const languageOf = (tag: string | undefined): string => {
  if (!tag) return "en";
  try {
    return Intl.getCanonicalLocales(tag).length === 1 ? tag : "en";
  } catch {
    return "en";
  }
};

const kebab = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");

type TemplateId = "minidrama" | "chat-story" | "narrated-story" | "listicle" | "promo";
const templateOf = (id: string | undefined): TemplateId =>
  id === "chat-story" || id === "narrated-story" || id === "listicle" || id === "promo" ? id : "minidrama";

/**
 * The characters array. A continuation keeps the previous episode's exactly; otherwise the
 * brief's characters (topped up to two for stories), or 2–4 new ones: more for longer videos,
 * none for listicles and promos, which the narrator carries.
 */
const castOf = (brief: Brief, template: TemplateId, target: number, previous: Script | null, language: string, random: Random): Character[] => {
  if (previous) return structuredClone(previous.characters);
  const wanted = brief.characters ?? [];
  const isStory = template === "minidrama" || template === "chat-story" || template === "narrated-story";
  const generated =
    !isStory ? 0 : template === "minidrama" ? (target < 30 ? random.int(2, 3) : target < 90 ? 3 : random.int(3, 4)) : random.int(2, 3);
  const count = wanted.length ? Math.max(wanted.length, isStory ? 2 : 0) : generated;
  const taken = new Set(wanted.map((c) => c.name.trim().toLowerCase()));
  const pool = random.shuffle(namesFor(language)).filter((n) => !taken.has(n.toLowerCase()));
  const colors = random.shuffle(CHARACTER_PALETTE.filter((c) => !wanted.some((w) => w.color?.toLowerCase() === c)));
  const ids = new Set<string>();
  const uniqueId = (name: string, index: number) => {
    let base = kebab(name) || `character-${index + 1}`;
    if (base === NARRATOR) base = `${NARRATOR}-character`;
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  return Array.from({ length: count }, (_, i): Character => {
    const given = wanted[i];
    const name = given?.name.trim() ?? pool[i % pool.length]!;
    const character: Character = { id: uniqueId(name, i), name, color: given?.color ?? colors[i % colors.length]! };
    if (given?.voice) character.voice = given.voice;
    return character;
  });
};

/** Who plays a part: a character, or (without one) a name the narrator quotes. */
type Person = { id: string | null; name: string };

type People = { victim: Person; suspect: Person; ally: Person; extra: Person; all: Person[] };

/**
 * Casts the parts. Stories need at least two voices; when the characters array cannot change
 * (a continuation of a narrator-only episode) the missing ones are quoted by the narrator.
 */
const peopleOf = (characters: Character[], language: string, random: Random): People => {
  const all: Person[] = characters.map((c) => ({ id: c.id, name: c.name }));
  const spare = random.shuffle(namesFor(language)).filter((n) => !all.some((p) => p.name === n));
  while (all.length < 2) all.push({ id: null, name: spare[all.length]! });
  return { victim: all[0]!, suspect: all[1]!, ally: all[2] ?? all[0]!, extra: all[3] ?? all[2] ?? all[1]!, all };
};

/** The brief's character descriptions, trimmed to one short sentence each. */
const descriptionsOf = (brief: Brief): [string, string][] =>
  (brief.characters ?? [])
    .filter((c) => c.description?.trim())
    .map((c) => {
      const text = truncate(c.description!.trim().replace(/\s+/g, " "), 150);
      return [c.name.trim(), /[.!?…]$/u.test(text) ? text : `${text}.`];
    });

/** The previous episode's last line, shortened so a short episode is not all recap. */
const recapOf = (previous: Script | null, target: number): string | null => {
  const scene = previous?.scenes[previous.scenes.length - 1];
  const line = scene?.lines[scene.lines.length - 1];
  if (!line) return null;
  return truncate(line.text.trim(), Math.round(Math.min(180, Math.max(40, target * 3))));
};

// ─── Look and feel ───────────────────────────────────────────────────────────────────────────

const TRANSITION_CHOICES: readonly Transition[] = ["fade", "slide", "wipe", "zoom", "cut"];

/** Backgrounds and transitions for one run of scenes: no colour or transition twice in a row. */
const stylist = (mood: MoodName, random: Random) => {
  const { gradients, colors } = MOODS[mood];
  const backgrounds = random.deck([...gradients.map((g) => ({ type: "gradient" as const, colors: [...g] })), ...colors.map((value) => ({ type: "color" as const, value }))]);
  const transitions = random.deck(TRANSITION_CHOICES);
  return {
    background: (): Background => structuredClone(backgrounds.draw()),
    transition: (): Transition => transitions.draw(),
  };
};

/** The reveal gets its own harsher palette, whatever the mood. */
const REVEAL_BACKGROUNDS: readonly Background[] = [
  { type: "gradient", colors: ["#450a0a", "#0b0b0f"] },
  { type: "gradient", colors: ["#0b0b0f", "#7f1d1d", "#0b0b0f"] },
  { type: "gradient", colors: ["#1e1b4b", "#be123c"] },
  { type: "color", value: "#18181b" },
];

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Story time, moving forward scene by scene, for headings such as "Monday, 12:58 — the kitchen". */
type Clock = { minutes: number };
const tick = (clock: Clock, random: Random, min = 4, max = 95) => {
  clock.minutes += random.int(min, max);
};
const dayOf = (clock: Clock) => DAYS[Math.floor(clock.minutes / 1440) % 7]!;
const timeOf = (clock: Clock) => {
  const m = clock.minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

// ─── Planned scenes (what the fitter trims) ──────────────────────────────────────────────────

/**
 * A line with how much the story needs it (`keep`: 6 = never cut, 1 = cut first) and a roll
 * drawn when it was written, so retellings (chat, narration) restyle it deterministically
 * without disturbing the other random streams.
 */
type PlannedLine = Line & { keep: number; roll: number };
type PlannedScene = {
  label: string;
  heading?: string;
  headingKeep: number;
  place?: string;
  background: Background;
  transition?: Transition;
  look?: Look;
  lines: PlannedLine[];
};

type Writer = {
  /** The plan with `size` growable units (middle beats, items or benefits). */
  write(story: Story, size: number): PlannedScene[];
  /** Final touches once the length is settled: title, headings, the pack's extra fields. */
  finish(story: Story, scenes: PlannedScene[]): { title: string; scenes: Scene[]; extra: Record<string, unknown> };
};

type Story = {
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
  scene.background = planned.background;
  if (index > 0 && planned.transition) scene.transition = planned.transition;
  if (planned.look) scene.look = planned.look;
  return scene;
};

/** Scene ids from their labels, made unique. */
const toScenes = (planned: PlannedScene[]): Scene[] => {
  const used = new Set<string>();
  return planned.map((p, i) => {
    let id = p.label;
    for (let n = 2; used.has(id); n++) id = `${p.label}-${n}`;
    used.add(id);
    return toScene({ ...p, label: id }, i);
  });
};

// ─── Fitting the length ──────────────────────────────────────────────────────────────────────

const secondsOf = (scenes: PlannedScene[], characters: Character[]): number => {
  const timeline = buildTimeline({ title: "-", format: "9:16", language: "en", characters, scenes: toScenes(scenes) } as Script);
  return timeline.durationInFrames / timeline.fps;
};

const lineSeconds = (line: Line) => line.durationSec ?? estimateLineSeconds(line.text);

/** More growable units than any 600-second plan needs. */
const MAX_SIZE = 400;

/**
 * Finds the number of growable units whose plan lands closest to the target (plans only grow
 * with size), then trims what the story can spare (lowest `keep` first, latest first), and as a
 * last resort paces lines with `durationSec` so even a 5-second target fits.
 */
const fitToTarget = (write: (size: number) => PlannedScene[], target: number, characters: Character[]): PlannedScene[] => {
  // A plan past LIMITS counts as too long, so the search never picks one.
  const measure = (size: number) => {
    const plan = write(size);
    const lines = plan.reduce((n, s) => n + s.lines.length, 0);
    if (plan.length > LIMITS.scenes || lines > LIMITS.lines || plan.some((s) => s.lines.length > LIMITS.linesPerScene)) return Infinity;
    return secondsOf(plan, characters);
  };
  let low = 0;
  let high = 1;
  if (measure(0) < target) {
    while (high < MAX_SIZE && measure(high) < target) {
      low = high;
      high = Math.min(MAX_SIZE, high * 2);
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (measure(mid) < target) low = mid;
      else high = mid;
    }
  } else {
    high = 0;
  }
  const size = high > 0 && Math.abs(measure(low) - target) <= Math.abs(measure(high) - target) ? low : high;
  const scenes = write(size);
  trim(scenes, target, characters);
  pace(scenes, target, characters);
  return scenes.filter((s) => s.lines.length > 0);
};

/** Removes the spare lines and headings the story misses least, until within ±10%. */
const trim = (scenes: PlannedScene[], target: number, characters: Character[]) => {
  let seconds = secondsOf(scenes, characters);
  while (seconds > target * 1.1) {
    type Cut = { keep: number; order: number; loss: number; apply: () => void };
    const cuts: Cut[] = [];
    let order = 0;
    // The last line stays whatever happens: a script needs one, and pacing can fit it.
    const lineCount = scenes.reduce((n, s) => n + s.lines.length, 0);
    scenes.forEach((scene) => {
      if (scene.heading && scene.headingKeep < 6) {
        cuts.push({ keep: scene.headingKeep, order: order++, loss: HEADING_SECONDS, apply: () => delete scene.heading });
      }
      scene.lines.forEach((line) => {
        if (line.keep < 6 && lineCount > 1) cuts.push({ keep: line.keep, order: order++, loss: lineSeconds(line), apply: () => scene.lines.splice(scene.lines.indexOf(line), 1) });
      });
    });
    if (cuts.length === 0) return;
    cuts.sort((a, b) => a.keep - b.keep || b.order - a.order);
    // Prefer a cut that does not undershoot; else, among the least important, the one that
    // lands nearest the target, and only if it lands nearer than not cutting (pacing does the rest).
    const miss = (c: Cut) => Math.abs(seconds - c.loss - target);
    const cut = cuts.find((c) => seconds - c.loss >= target * 0.9) ?? cuts.filter((c) => c.keep === cuts[0]!.keep).sort((a, b) => miss(a) - miss(b))[0]!;
    if (miss(cut) >= seconds - target) return;
    cut.apply();
    for (let i = scenes.length - 1; i >= 0; i--) if (scenes[i]!.lines.length === 0) scenes.splice(i, 1);
    seconds = secondsOf(scenes, characters);
  }
};

/** Stretches or squeezes every line's pace when cutting and growing could not land within ±15%. */
const pace = (scenes: PlannedScene[], target: number, characters: Character[]) => {
  const seconds = secondsOf(scenes, characters);
  if (Math.abs(seconds - target) <= target * 0.15) return;
  const lines = scenes.flatMap((s) => s.lines);
  let headings = scenes.filter((s) => s.heading).length * HEADING_SECONDS;
  if (headings > target * 0.5) {
    scenes.forEach((s) => delete s.heading);
    headings = 0;
  }
  const natural = lines.reduce((sum, l) => sum + lineSeconds(l), 0);
  const factor = Math.max(0.05, target - headings) / natural;
  for (const line of lines) line.durationSec = Math.min(LIMITS.lineSeconds, Math.max(0.4, Math.round(lineSeconds(line) * factor * 100) / 100));
};

// ─── Text helpers ────────────────────────────────────────────────────────────────────────────

const capitalize = (text: string) => (text ? text[0]!.toLocaleUpperCase("en") + text.slice(1) : text);
const titleCase = (text: string) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => (i > 0 && ["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for"].includes(w) ? w : capitalize(w)))
    .join(" ");
/** "keys" → them; "lunch", "bus", "glass" → it. */
const isPlural = (noun: string) => /[^su']s$/u.test(noun.split(" ").pop() ?? "");
const truncate = (text: string, max: number) => ([...text].length > max ? [...text].slice(0, max - 1).join("").trimEnd() + "…" : text);

/** Who tells the drama: minidrama's scenes, chat-story's messages or narrated-story's narrator (sets the heading style). */
type Voice = "drama" | "chat" | "narration";

// ─── Drama (minidrama; chat-story and narrated-story retell it) ──────────────────────────────

/** The words a drama's lines are filled with. */
type Frame = {
  obj: string;
  Obj: string;
  it: string;
  itWas: string;
  at: string;
  setting: Setting;
  c: Conflict;
  outsider: string;
  day: string;
  place: (r: Random) => string;
  V: string;
  S: string;
  D: string;
  X: string;
};

type Beat = { who: Person | "narrator"; text: string; emotion?: string; keep: number };
type BeatWriter = (f: Frame, p: People, r: Random) => Beat[] | null;

const CLUES = ["crumbs", "a sticky note", "a muddy footprint", "a torn wrapper", "a strand of blue hair", "a crumpled receipt", "a half-empty mug", "a single glove", "a trail of glitter", "a coffee stain"];

const INTROS: readonly ((f: Frame) => string)[] = [
  (f) => `Every ${f.day}, someone ${f.at} ${f.c.does} ${f.V}'s ${f.obj}.`,
  (f) => `It was a quiet ${f.day} ${f.at}. Then ${f.V} went looking for the ${f.obj}.`,
  (f) => `${capitalize(f.at)}, there is one rule: nobody touches ${f.V}'s ${f.obj}.`,
  (f) => `This is the story of ${f.V}, the ${f.setting.name}, and the ${f.obj} somebody ${f.c.did}.`,
  (f) => `Nobody ${f.at} expected the ${f.obj} to start a war. Least of all ${f.V}.`,
  (f) => `${f.day} ${f.at}. Coffee, small talk, and a ${f.obj} with a target on ${f.it}.`,
];

const DISCOVERIES: readonly ((f: Frame) => [string, string])[] = [
  (f) => [`Somebody ${f.c.did} my ${f.obj}. Again!`, "furious"],
  (f) => [`My ${f.obj}… ${f.c.done}. In broad daylight!`, "angry"],
  (f) => [`Who ${f.c.did} my ${f.obj}? I wrote my name on ${f.it}!`, "angry"],
  (f) => [`Okay. Whoever ${f.c.did} my ${f.obj} has five minutes to confess.`, "angry"],
  (f) => [`No, no, no. Not my ${f.obj}. Not today.`, "sad"],
];

const DENIALS: readonly ((f: Frame, r: Random) => [string, string])[] = [
  (f, r) => [`Don't look at me. I was in ${f.place(r)} all morning.`, "nervous"],
  () => ["Why is everyone staring at me?", "nervous"],
  (f) => [`I don't even want your ${f.obj}, ${f.V}.`, "annoyed"],
  () => ["Whoa. I just got here. Ask anyone.", "nervous"],
  (f) => [`You always blame me first, ${f.V}.`, "sad"],
];

const ALLY_OPENERS: readonly ((f: Frame) => [string, string])[] = [
  (f) => [`This isn't the first time, ${f.V}. I've been keeping notes.`, "calm"],
  () => ["Everyone stay calm. Nobody leaves this room.", "calm"],
  () => ["I saw something earlier. I just didn't think it mattered.", "whisper"],
];

/** The confrontation: accusations, alibis, clues and rising stakes. Each is one beat of act two. */
const MIDDLE_BEATS: readonly BeatWriter[] = [
  (f, p, r) => [
    { who: p.victim, text: `You were the last one near ${f.place(r)}, ${f.S}.`, emotion: "angry", keep: 1 },
    { who: p.suspect, text: r.pick(["I was on a call the whole time. Check my calendar.", "I was getting coffee. Like a normal person.", "I was fixing the printer. Ask anyone."]), emotion: "nervous", keep: 1 },
    { who: p.victim, text: r.pick([`Your calendar is empty, ${f.S}.`, "Nobody saw you there.", "Funny. Nobody remembers that."]), emotion: "suspicious", keep: 1 },
  ],
  (f, p, r) => (p.ally === p.extra ? null : [
    { who: p.ally, text: `Where were you at ${r.pick(["noon", "lunchtime", "half past one", "ten to one", "twelve fifteen"])}, ${f.X}?`, emotion: "calm", keep: 1 },
    { who: p.extra, text: `In ${f.place(r)}. ${r.pick(f.setting.outsiders.map(capitalize))} saw me.`, emotion: "nervous", keep: 1 },
    { who: p.ally, text: "Funny. That's not what I heard.", emotion: "suspicious", keep: 1 },
  ]),
  (f, p, r) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `Look at this. ${capitalize(r.pick(CLUES))}, right by ${f.place(r)}.`, emotion: "suspicious", keep: 1 },
    { who: p.victim, text: `That's from my ${f.obj}. I'd know ${f.it} anywhere.`, emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: "narrator", text: r.pick([`By mid-afternoon, the whole ${f.setting.name} had picked a side.`, "Rumours moved faster than the Wi-Fi.", `Nobody ${f.at} trusted anybody anymore.`, "Then the group chat exploded."]), keep: 1 },
    { who: p.victim, text: r.pick(["If this happens again, I'm calling a meeting. Everyone. No exceptions.", "I'm putting up a camera. And a sign. And maybe a lock.", "From now on, I trust nobody."]), emotion: "angry", keep: 1 },
  ],
  (f, p, r) => (p.extra === p.victim ? null : [
    { who: p.extra, text: `Psst. I saw someone near ${f.place(r)} just before it happened.`, emotion: "whisper", keep: 1 },
    { who: p.victim, text: "Who?", emotion: "nervous", keep: 1 },
    { who: p.extra, text: "Not here. The walls have ears.", emotion: "whisper", keep: 1 },
  ]),
  (f, p, r) => (p.extra === p.suspect ? null : [
    { who: p.suspect, text: `Why don't you ask ${f.X} about the ${r.pick(["wrapper", "sticky note", "footprint", "receipt", "glitter"])}?`, emotion: "annoyed", keep: 1 },
    { who: p.extra, text: "That is not what it looks like!", emotion: "nervous", keep: 1 },
  ]),
  (f, p) => [
    { who: p.victim, text: `That ${f.obj} meant everything to me.`, emotion: "sad", keep: 1 },
    { who: p.ally === p.victim ? p.suspect : p.ally, text: "Then we find out who did this. Today.", emotion: "determined", keep: 1 },
  ],
  (f, p, r) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `I have a plan. We leave a fake ${f.obj} in ${f.place(r)} and wait.`, emotion: "excited", keep: 1 },
    { who: p.victim, text: "And when they take the bait…", emotion: "whisper", keep: 1 },
    { who: p.ally === p.victim ? p.suspect : p.ally, text: "We'll know exactly who it is.", emotion: "calm", keep: 1 },
  ],
  (f, p) => [
    { who: p.suspect, text: `You've accused everyone ${f.at}!`, emotion: "angry", keep: 1 },
    { who: p.victim, text: "Because one of you is lying!", emotion: "furious", keep: 1 },
  ],
  (f, p, r) => [
    { who: p.victim, text: `The camera! Does ${f.place(r)} have a camera?`, emotion: "excited", keep: 1 },
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `It does. But someone unplugged it at ${r.pick(["12:03", "12:41", "13:07", "noon sharp"])}.`, emotion: "nervous", keep: 1 },
  ],
  (f, p, r) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `Let's go over it again. When did you last see the ${f.obj}?`, emotion: "calm", keep: 1 },
    { who: p.victim, text: `${r.pick(["Nine sharp", "Right before lunch", "Ten minutes before the meeting", "First thing this morning"])}. And an hour later, ${f.itWas} ${f.c.done}.`, emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: "narrator", text: r.pick([`${f.S} had been acting strange all week. Too strange.`, `Nobody noticed ${f.X} slipping out of ${f.place(r)}.`, `And ${f.S} had a brand-new alibi every hour.`]), keep: 1 },
  ],
  (f, p) => (p.extra === p.victim ? null : [
    { who: p.extra, text: "Okay, fine. I did it!", emotion: "nervous", keep: 1 },
    { who: p.victim, text: "Really?", emotion: "shocked", keep: 1 },
    { who: p.extra, text: "No. But you should see your faces.", emotion: "amused", keep: 1 },
  ]),
  (f, p) => (p.extra === p.victim ? null : [
    { who: p.extra, text: `I heard ${f.outsider} was asking about your ${f.obj}.`, emotion: "whisper", keep: 1 },
    { who: p.victim, text: `${capitalize(f.outsider)}? Why would they care?`, emotion: "confused", keep: 1 },
  ]),
  (f, p) => [
    { who: "narrator", text: `${f.V} made a list of suspects. It was a long list.`, keep: 1 },
    { who: p.victim, text: `Everyone's a suspect. Even you, ${f.S}.`, emotion: "suspicious", keep: 1 },
  ],
  (f, p) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `Think. Who gains if your ${f.obj} is ${f.c.done}?`, emotion: "calm", keep: 1 },
    { who: p.suspect, text: `Nobody! It's a ${f.obj}!`, emotion: "annoyed", keep: 1 },
  ],
  (f, p, r) => (p.extra === p.victim ? null : [
    { who: p.extra, text: `I found this in ${f.place(r)}.`, emotion: "nervous", keep: 1 },
    { who: p.victim, text: `A receipt from this morning… with ${f.S}'s name on it.`, emotion: "suspicious", keep: 1 },
  ]),
  (f, p) => [
    { who: p.suspect, text: "Look, I'm sorry I snapped earlier.", emotion: "sad", keep: 1 },
    { who: p.victim, text: "Save it. I want the truth.", emotion: "angry", keep: 1 },
  ],
  (f, p, r) => [
    { who: "narrator", text: `At ${r.pick(["two", "ten past three", "half past four", "five"])}, ${f.outsider} walked past ${f.place(r)}. Twice.`, keep: 1 },
  ],
];

type Twist = { culprit: "victim" | "ally" | "outsider" | "suspect" | "nobody" | "everyone" | "double"; beats: (f: Frame, p: People, r: Random) => Beat[] };

/** The twist: who (or what) was behind it all along. The reveal line is tagged `shocked`. */
const TWISTS: readonly Twist[] = [
  { culprit: "victim", beats: (f, p) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `It was you, ${f.V}. You ${f.c.did} your own ${f.obj}. In your sleep.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: "Wait. That's… that's my jacket on the footage.", emotion: "confused", keep: 3 },
  ] },
  { culprit: "ally", beats: (f, p) => [
    { who: p.ally, text: `It was me. I ${f.c.did} ${f.it}. And I'd do it again.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: `${f.D}? But you were helping me the whole time!`, emotion: "confused", keep: 3 },
  ] },
  { culprit: "outsider", beats: (f, p) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `The footage shows ${f.outsider}. Every single day.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: `${capitalize(f.outsider)}? Why would they want my ${f.obj}?`, emotion: "confused", keep: 3 },
  ] },
  { culprit: "suspect", beats: (f, p) => [
    { who: p.suspect, text: `Fine! I ${f.c.did} ${f.it}. But only because I saw someone tamper with ${f.it} first.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: `Tamper? Who would tamper with my ${f.obj}?`, emotion: "confused", keep: 3 },
  ] },
  { culprit: "nobody", beats: (f, p, r) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `Your ${f.obj} was never ${f.c.done}. ${capitalize(f.itWas)} in ${f.place(r)} all along. With a note.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: "A note? What does it say?", emotion: "confused", keep: 3 },
  ] },
  { culprit: "everyone", beats: (f, p) => [
    { who: p.extra === p.victim ? p.suspect : p.extra, text: `We all knew. The whole ${f.setting.name} has been in on it for weeks.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: "All of you? Since when?", emotion: "confused", keep: 3 },
  ] },
  { culprit: "double", beats: (f, p) => [
    { who: p.ally === p.victim ? p.suspect : p.ally, text: `There are two of you on the tape, ${f.V}.`, emotion: "shocked", keep: 6 },
    { who: p.victim, text: "I don't have a twin. Do I?", emotion: "confused", keep: 3 },
  ] },
];

/** The last line: a question or a reveal that sets up the next episode. */
const CLIFFHANGERS: readonly ((f: Frame, p: People) => Beat)[] = [
  (f, p) => ({ who: p.victim, text: `Then who ${f.c.did} my ${f.obj} the other four times?`, emotion: "shocked", keep: 6 }),
  (f) => ({ who: "narrator", text: `And somewhere ${f.at}, someone was already planning round two…`, emotion: "whisper", keep: 6 }),
  (f, p) => ({ who: p.ally === p.victim ? p.suspect : p.ally, text: "Don't turn around. The real culprit just walked in…", emotion: "whisper", keep: 6 }),
  (f) => ({ who: "narrator", text: `The next morning, the ${f.obj} was back, with a note that read: miss me?`, emotion: "whisper", keep: 6 }),
  (f, p) => ({ who: p.suspect, text: "If it wasn't any of us… then who has the other key?", emotion: "nervous", keep: 6 }),
  () => ({ who: "narrator", text: "But nobody noticed the camera had been switched off twice. So who switched it off?", keep: 6 }),
  (f, p) => ({ who: p.extra === p.victim ? p.suspect : p.extra, text: `There's something else you should know about ${f.outsider}…`, emotion: "whisper", keep: 6 }),
];

const TEASES: readonly ((f: Frame) => string)[] = [
  (f) => `That night, the ${f.setting.name} was empty. Almost.`,
  () => "Everyone went home. Everyone except one.",
  (f) => `${f.V} thought it was over.`,
  () => "The case was closed. Or so they thought.",
];

const frameOf = (story: Story, random: Random): Frame => {
  const { topic, people } = story;
  const plural = isPlural(topic.object);
  return {
    obj: topic.object,
    Obj: titleCase(topic.object),
    it: plural ? "them" : "it",
    itWas: plural ? "they were" : "it was",
    at: topic.setting.at,
    setting: topic.setting,
    c: topic.conflict,
    outsider: random.pick(topic.setting.outsiders),
    day: random.pick(DAYS.slice(0, 5)),
    place: (r) => r.pick(topic.setting.places),
    V: people.victim.name,
    S: people.suspect.name,
    D: people.ally.name,
    X: people.extra.name,
  };
};

/** A beat as a script line; a part with no character is quoted by the narrator. */
const lineOf = (beat: Beat, random: Random): PlannedLine => {
  const roll = random.int(0, 999);
  if (beat.who === "narrator") return { speaker: NARRATOR, text: beat.text, ...(beat.emotion ? { emotion: beat.emotion } : {}), keep: beat.keep, roll };
  if (beat.who.id === null) return { speaker: NARRATOR, text: `${beat.who.name}: “${beat.text}”`, ...(beat.emotion ? { emotion: beat.emotion } : {}), keep: beat.keep, roll };
  return { speaker: beat.who.id, text: beat.text, ...(beat.emotion ? { emotion: beat.emotion } : {}), keep: beat.keep, roll };
};

const headingFor = (voice: Voice, clock: Clock, place: string, first: boolean): string => {
  if (voice === "chat") return `${dayOf(clock).slice(0, 3)} ${timeOf(clock)}`;
  // Narrated headings are numbered chapters, set once the scenes are final.
  if (voice === "narration") return place;
  return first ? `${dayOf(clock)}, ${timeOf(clock)} — ${place}` : `${timeOf(clock)} — ${place}`;
};

/**
 * The drama: act one (who, where, what), act two (`size` beats of accusations, alibis and clues,
 * two to four per scene), act three (the reveal) and a closing cliffhanger.
 */
const writeDrama = (story: Story, size: number, voice: Voice): PlannedScene[] => {
  const { people, topic } = story;
  const setup = createRandom(story.seed, "setup");
  const middle = createRandom(story.seed, "middle");
  const ending = createRandom(story.seed, "ending");
  const f = frameOf(story, setup);
  const look = stylist(topic.mood, createRandom(story.seed, "look"));
  const middleLook = stylist(topic.mood, createRandom(story.seed, "middle-look"));
  const clock: Clock = { minutes: DAYS.indexOf(f.day) * 1440 + setup.int(7 * 60, 19 * 60) };
  const scenes: PlannedScene[] = [];

  const openingPlace = setup.pick(topic.setting.places);
  const opening: Beat[] = [];
  if (story.recap) opening.push({ who: "narrator", text: `Previously: ${story.recap}`, keep: 6 });
  else if (story.episode > 1) opening.push({ who: "narrator", text: `Episode ${story.episode}. The ${f.obj} affair is not over.`, keep: 6 });
  // In the shortest cuts the victim's discovery alone says who and what, so it outlasts the intro.
  opening.push({ who: "narrator", text: setup.pick(INTROS)(f), keep: 4 });
  for (const [name, description] of story.descriptions.slice(0, 2)) {
    opening.push({ who: "narrator", text: `Meet ${name}: ${description}`, keep: 2 });
  }
  const [discovery, discoveryEmotion] = setup.pick(DISCOVERIES)(f);
  opening.push({ who: people.victim, text: discovery, emotion: discoveryEmotion, keep: 5 });
  const [denial, denialEmotion] = setup.pick(DENIALS)(f, setup);
  opening.push({ who: people.suspect, text: denial, emotion: denialEmotion, keep: 3 });
  if (people.ally !== people.victim) {
    const [text, emotion] = setup.pick(ALLY_OPENERS)(f);
    opening.push({ who: people.ally, text, emotion, keep: 2 });
  }
  scenes.push({ label: sceneLabel(openingPlace, "setup"), heading: headingFor(voice, clock, openingPlace, true), headingKeep: 2, place: openingPlace, background: look.background(), lines: opening.map((b) => lineOf(b, setup)) });

  // Act two grows with `size`; its own random stream keeps acts one and three unchanged.
  const beats = middle.deck(MIDDLE_BEATS);
  let written = 0;
  while (written < size) {
    const inScene = Math.min(size - written, middle.int(2, 4));
    tick(clock, middle);
    const place = middle.pick(topic.setting.places);
    const lines: PlannedLine[] = [];
    for (let i = 0; i < inScene; i++) {
      let beat: Beat[] | null = null;
      for (let tries = 0; beat === null && tries < 40; tries++) beat = beats.draw()(f, people, middle);
      for (const b of beat ?? []) lines.push(lineOf(b, middle));
      written++;
    }
    scenes.push({ label: sceneLabel(place, "middle"), heading: headingFor(voice, clock, place, false), headingKeep: 1, place, background: middleLook.background(), transition: middleLook.transition(), lines });
  }

  tick(clock, ending, 10, 120);
  const twist = ending.pick(TWISTS.filter((t) => t.culprit !== "ally" || (people.ally !== people.victim && people.ally !== people.suspect)));
  const detective = people.ally === people.victim ? people.suspect : people.ally;
  const asker = detective === people.victim ? people.suspect : people.victim;
  const revealPlace = ending.pick(topic.setting.places);
  const reveal: Beat[] = [
    { who: detective, text: ending.pick([`I checked the camera in ${f.place(ending)}.`, "I found the footage.", "I know who did it.", "I went through the security logs."]), emotion: "calm", keep: 2 },
    { who: asker, text: ending.pick(["And?", "Tell me. Now.", "Who was it?", "Well?"]), keep: 1 },
  ];
  if (twist.culprit !== "suspect") reveal.push({ who: detective, text: `It wasn't ${f.S}.`, keep: 2 });
  reveal.push(...twist.beats(f, people, ending));
  scenes.push({ label: "twist", heading: headingFor(voice, clock, revealPlace, false), headingKeep: 2, place: revealPlace, background: ending.pick(REVEAL_BACKGROUNDS), transition: ending.pick(["wipe", "zoom", "slide"] as const), look: ending.chance(0.5) ? "high-contrast" : undefined, lines: reveal.map((b) => lineOf(b, ending)) });

  tick(clock, ending, 120, 720);
  const lastPlace = ending.pick(topic.setting.places);
  // A ten-second cut has room for two lines, so it gets one of the shorter cliffhangers.
  const cliffhangers = story.target < 20 ? CLIFFHANGERS.filter((c) => c(f, people).text.split(/\s+/).length <= 11) : CLIFFHANGERS;
  const closing: Beat[] = [{ who: "narrator", text: ending.pick(TEASES)(f), keep: 1 }, ending.pick(cliffhangers)(f, people)];
  const when = ending.pick(["That night", "The next morning", "Later that day", "Meanwhile"]);
  scenes.push({ label: "cliffhanger", heading: voice === "drama" ? `${when} — ${lastPlace}` : headingFor(voice, clock, lastPlace, false), headingKeep: 1, place: lastPlace, background: look.background(), transition: ending.pick(["fade", "cut", "fade"] as const), lines: closing.map((b) => lineOf(b, ending)) });
  return scenes;
};

const sceneLabel = (place: string, fallback: string) => kebab(place.replace(/^the\s+/i, "")) || fallback;

/** The title a story gets from its object and conflict: "The Stolen Lunch", "Who Stole the Lunch?". */
const storyTitle = (topic: Topic, random: Random): string => {
  const Obj = titleCase(topic.object);
  const c = topic.conflict;
  const patterns = [
    `The ${capitalize(c.done)} ${Obj}`,
    `Who ${capitalize(c.did)} the ${Obj}?`,
    `The ${capitalize(topic.setting.name)} ${Obj} ${random.pick(c.nouns)}`,
    `The Case of the ${capitalize(c.done)} ${Obj}`,
    `The Great ${Obj} ${random.pick(c.nouns)}`,
    `Nobody Touches My ${Obj}`,
  ];
  return random.pick(patterns);
};

// ─── Retellings ──────────────────────────────────────────────────────────────────────────────

const EMOJI: Record<string, string> = { angry: "😤", furious: "😡", nervous: "😬", whisper: "🤫", shocked: "😱", sad: "😢", amused: "😂", confused: "🤨", suspicious: "👀", excited: "🤩", annoyed: "🙄", determined: "💪" };

/** A drama line as a text message: lower-case starts, no full stops, the odd emoji. */
const asMessage = (line: PlannedLine, last: boolean): PlannedLine => {
  if (line.speaker === NARRATOR) return line;
  let text = line.text.replace(/\.$/u, "");
  if (line.roll % 3 === 0 && /^\p{Lu}\p{Ll}/u.test(text)) text = text[0]!.toLowerCase() + text.slice(1);
  if (!last && text.endsWith("?") && line.roll % 4 === 1) text += "?";
  const emoji = line.emotion ? EMOJI[line.emotion] : undefined;
  if (!last && emoji && line.roll % 5 < 2) text += ` ${emoji}`;
  return { ...line, text };
};

const chatStory: Writer = {
  write: (story, size) =>
    writeDrama(story, size, "chat").map((scene, s, all) => {
      const lines: PlannedLine[] = [];
      scene.lines.forEach((line, i) => {
        const last = s === all.length - 1 && i === scene.lines.length - 1;
        const speaker = story.characters.find((c) => c.id === line.speaker);
        // A typing note now and then, the way chat apps show a pause before a message.
        if (speaker && line.roll < 110) lines.push({ speaker: NARRATOR, text: `${speaker.name} is typing…`, keep: 1, roll: line.roll });
        lines.push(asMessage(line, last));
      });
      return { ...scene, background: s % 2 === 0 ? { type: "color", value: "#000000" } : scene.background, lines };
    }),
  finish: (story, scenes) => {
    const others = story.characters.slice(1);
    const chat: { me?: string; contact?: string } = {};
    if (story.characters[0]) chat.me = story.characters[0].id;
    if (others.length > 1) chat.contact = truncate(`${capitalize(story.topic.setting.name)} crew`, 60);
    return { title: storyTitle(story.topic, createRandom(story.seed, "title")), scenes: toScenes(scenes), extra: { chat } };
  },
};

const SAID: Record<string, string> = { angry: "snapped", furious: "shouted", nervous: "stammered", whisper: "whispered", shocked: "gasped", sad: "sighed", amused: "laughed", confused: "frowned", suspicious: "said slowly", excited: "said", annoyed: "muttered", determined: "said", calm: "said quietly" };

const ORDINALS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** The drama told by the narrator: most lines become reported speech; a few stay in voice. */
const narratedStory: Writer = {
  write: (story, size) =>
    writeDrama(story, size, "narration").map((scene, s, all) => ({
      ...scene,
      lines: scene.lines.map((line, i) => {
        const last = s === all.length - 1 && i === scene.lines.length - 1;
        const speaker = story.characters.find((c) => c.id === line.speaker);
        if (!speaker || last || line.roll < 220) return line;
        const verb = line.text.endsWith("?") ? "asked" : (SAID[line.emotion ?? ""] ?? "said");
        const quoted = line.text.replace(/\.$/u, ",");
        return { ...line, speaker: NARRATOR, text: `“${quoted}” ${speaker.name} ${verb}.` };
      }),
    })),
  finish: (story, scenes) => {
    // Chapters are numbered after trimming, so the count has no gaps.
    let chapter = 0;
    const numbered = scenes.map((scene) => {
      if (!scene.heading) return scene;
      const number = ORDINALS[chapter] ?? String(chapter + 1);
      chapter++;
      return { ...scene, heading: scene.place ? `Part ${number} — ${capitalize(scene.place)}` : `Part ${number}` };
    });
    return { title: storyTitle(story.topic, createRandom(story.seed, "title")), scenes: toScenes(numbered), extra: {} };
  },
};

const minidrama: Writer = {
  write: (story, size) => writeDrama(story, size, "drama"),
  finish: (story, scenes) => ({ title: storyTitle(story.topic, createRandom(story.seed, "title")), scenes: toScenes(scenes), extra: {} }),
};

// ─── Listicle ────────────────────────────────────────────────────────────────────────────────

/**
 * Items on any subject. Offline there is no knowledge of the subject, so these are tips, truths
 * and myths that hold for most things rather than invented statistics.
 */
const LIST_ITEMS: readonly ((t: string, T: string) => string)[] = [
  (t) => `Start small with ${t}. Ten minutes a day beats one heroic weekend.`,
  (t) => `Write down what works for you with ${t}. Memory is a liar.`,
  (t) => `The best time to get into ${t} was yesterday. The second best is today.`,
  (t) => `Find someone great at ${t}, copy them, then make it your own.`,
  (t) => `Ask "why" three times before you change anything about ${t}.`,
  (t) => `Boring consistency wins at ${t}. Every time.`,
  (t) => `Teach a friend about ${t}. You'll learn it twice.`,
  (t) => `Everyone has an opinion about ${t}. Very few have tried it properly.`,
  (t) => `Most people quit ${t} right before it gets good.`,
  (_, T) => `${T} looks easy from the outside. It rarely is.`,
  (t) => `The internet makes ${t} sound complicated. It mostly isn't.`,
  (t) => `Nobody talks about the awkward beginner phase of ${t}.`,
  (t) => `The people best at ${t} still feel like beginners.`,
  (t) => `Your first attempt at ${t} will be clumsy. That's the point.`,
  (t) => `Myth: you need expensive gear for ${t}. You don't.`,
  (t) => `Myth: ${t} is only for experts. Everyone starts somewhere.`,
  (t) => `Myth: there's one right way to do ${t}. There are dozens.`,
  (t) => `Myth: it's too late to get into ${t}. It isn't.`,
  (t) => `Hot take: ${t} is underrated.`,
  (t) => `Hot take: most advice about ${t} is recycled.`,
  (t) => `Unpopular opinion: ${t} is more fun with friends.`,
  (t) => `The simplest approach to ${t} usually wins.`,
  (t) => `If ${t} stresses you out, you're doing too much at once.`,
  (t) => `Progress with ${t} feels invisible, until suddenly it doesn't.`,
  (t) => `The right tools help with ${t}. The right habits help more.`,
  (_, T) => `${T} rewards curiosity more than perfection.`,
  (t) => `Comparing your ${t} to someone else's highlight reel helps nobody.`,
  (t) => `A little ${t} every day adds up faster than you'd think.`,
  (t) => `Share what you learn about ${t}. Someone out there needs it today.`,
  (t) => `Rest is part of ${t}, not a break from it.`,
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
  (t) => `Myth: ${t} has to be expensive. The best parts are often free.`,
  (t) => `Hot take: the best ${t} advice fits on a sticky note.`,
  (t) => `Your environment shapes your ${t} more than your willpower does.`,
  (t) => `Getting better at ${t} often means doing less, not more.`,
  (t) => `Celebrate small wins with ${t}. They're the real milestones.`,
  (t) => `The first week of ${t} is the hardest. It gets lighter.`,
  (t) => `If you only remember one thing about ${t}: keep it simple.`,
  (t) => `Curious about ${t}? Try it for seven days and see.`,
  (t) => `Be skeptical of anyone who says ${t} is easy. And of anyone who says it's impossible.`,
];

const REPEAT_LEADS = ["Worth repeating:", "Bonus:", "Don't forget:", "One more time:"];
const PART_HEADINGS = ["Keep going", "Halfway there", "Still with me?", "Now it gets good", "The final stretch", "A few more"];

const listicle: Writer = {
  write: (story, size) => {
    const random = createRandom(story.seed, "items");
    const look = stylist(story.topic.mood, createRandom(story.seed, "look"));
    const items = random.deck(LIST_ITEMS);
    const parts = random.deck(PART_HEADINGS);
    const speakers = story.characters;
    const t = story.topic.subject;
    const scenes: PlannedScene[] = [];
    // At least one item: a listicle with no item is just a title card.
    const count = Math.max(1, size + 1);
    for (let i = 0; i < count; ) {
      const inScene = Math.min(count - i, random.int(5, 8));
      const lines: PlannedLine[] = [];
      for (let k = 0; k < inScene; k++, i++) {
        const text = items.draw()(t, capitalize(t));
        const lead = items.round() > 0 ? `${random.pick(REPEAT_LEADS)} ` : "";
        const speaker = speakers.length ? speakers[i % speakers.length]!.id : NARRATOR;
        lines.push({ speaker, text: lead + text, keep: i < 2 ? 5 : 1, roll: random.int(0, 999) });
      }
      const first = scenes.length === 0;
      // The first heading is the list's title card; `finish` writes it once the count is known.
      scenes.push({ label: first ? "items" : `items-${scenes.length + 1}`, heading: first ? "title card" : parts.draw(), headingKeep: first ? 3 : 1, background: look.background(), transition: look.transition(), lines });
    }
    return scenes;
  },
  finish: (story, scenes) => {
    const random = createRandom(story.seed, "title");
    const count = scenes.reduce((n, s) => n + s.lines.length, 0);
    const T = titleCase(story.topic.subject);
    const title = random.pick([`${count} Things Nobody Tells You About ${T}`, `${count} Truths About ${T}`, `${T}: ${count} Things to Know`, `${count} Honest Notes on ${T}`]);
    const first = scenes[0]!;
    if (first.heading) first.heading = truncate(`${count} things about ${story.topic.subject}`, LIMITS.headingChars);
    const countdown = random.chance(0.5);
    return { title, scenes: toScenes(scenes), extra: { listicle: { countdown } } };
  },
};

// ─── Promo ───────────────────────────────────────────────────────────────────────────────────

const BENEFITS: readonly ((t: string, P: string) => string)[] = [
  () => "Set up in minutes, not hours.",
  () => "Designed to fit the way you already live.",
  () => "Works on day one. Gets better every day after.",
  () => "No learning curve. Just results.",
  () => "Made for real life, not for demos.",
  () => "Looks good. Works even better.",
  (t) => `Everything you need in a ${t}, nothing you don't.`,
  () => "Simple enough for beginners, powerful enough for pros.",
  () => "Take it anywhere.",
  () => "Built to last.",
  (t) => `Your ${t}, your rules.`,
  () => "Save time every single day.",
  () => "Share it with the people who matter.",
  (t) => `Because your ${t} deserves better.`,
  (_, P) => `${P} just works. Quietly, every day.`,
  () => "Less hassle. More of what you love.",
];
const USE_CASES: readonly ((t: string, P: string) => string)[] = [
  () => "Perfect for busy mornings.",
  () => "Great for weekends away.",
  () => "At home, at work, on the go.",
  () => "Made for teams and for solo days alike.",
  (t) => `Whether it's your first ${t} or your hundredth.`,
  (_, P) => `Students, parents, night owls: ${P} fits them all.`,
  () => "For the days when everything else goes wrong.",
  () => "Ideal as a gift. Or a treat for yourself.",
];
const QUESTIONS: readonly ((t: string, P: string) => string)[] = [
  () => "Is it hard to set up? Not at all.",
  () => "Does it work for beginners? Absolutely.",
  () => "Can I share it? Of course.",
  (_, P) => `Will ${P} fit my routine? It's built around it.`,
  () => "Do I need anything else? Nope.",
  (t) => `What if I'm picky about my ${t}? Even better.`,
];
/** A promo's middle: sections of benefits, use cases and questions, each with its headlines. */
const PROMO_SECTIONS = [
  { lines: BENEFITS, headings: (P: string) => [`Why ${P}?`, "Simple", "Fast", "But wait", "And there's more"] },
  { lines: USE_CASES, headings: () => ["Made for you", "Anywhere", "Any day"] },
  { lines: QUESTIONS, headings: () => ["Questions?", "You asked"] },
] as const;
const CTAS = ["Try it today", "Get started", "Get yours", "Learn more", "Join today", "See it in action"];

/** A promo: the hook (the problem), the product, `size` benefit lines and the call to action. */
const promo: Writer = {
  write: (story, size) => {
    const hookRandom = createRandom(story.seed, "hook");
    const benefitRandom = createRandom(story.seed, "benefits");
    const look = stylist(story.topic.mood, createRandom(story.seed, "look"));
    const t = story.topic.subject;
    const P = story.topic.product;
    const speakers = story.characters;
    const say = (text: string, keep: number, random: Random, i = 0): PlannedLine => ({ speaker: speakers.length && keep < 6 ? speakers[i % speakers.length]!.id : NARRATOR, text, keep, roll: random.int(0, 999) });
    const scenes: PlannedScene[] = [
      {
        label: "hook",
        heading: truncate(hookRandom.pick([`${capitalize(t)} problems?`, "Sound familiar?", "We've all been there", "Stop scrolling"]), 60),
        headingKeep: 3,
        background: look.background(),
        lines: [
          say(hookRandom.pick([`Nobody should have to fight with their ${t}.`, `You know the feeling: a ${t} that just doesn't work.`, `Every day, the same ${t} headache.`, `What if your ${t} just… worked?`]), 4, hookRandom),
          say(hookRandom.pick(["There's a better way.", "It's time for something better.", "We thought so too."]), 2, hookRandom, 1),
        ],
      },
      {
        label: "solution",
        heading: truncate(hookRandom.pick([`Meet ${P}`, `Say hi to ${P}`, `Introducing ${P}`]), 80),
        headingKeep: 2,
        background: look.background(),
        transition: hookRandom.pick(["zoom", "slide", "wipe"] as const),
        lines: [say(hookRandom.pick([`${P} makes your ${t} simple.`, `${P}: the ${t}, finally done right.`, `Meet ${P}, built for people who care about their ${t}.`]), 5, hookRandom)],
      },
    ];
    // Benefits first, then use cases and questions by turns, each drawn without repeats.
    const sections = PROMO_SECTIONS.map((section) => ({ lines: benefitRandom.deck(section.lines), headings: benefitRandom.deck(section.headings(P)) }));
    for (let i = 0, s = 0; i < size; s++) {
      const section = sections[s === 0 ? 0 : benefitRandom.int(0, sections.length - 1)]!;
      const inScene = Math.min(size - i, benefitRandom.int(2, 4));
      const lines: PlannedLine[] = [];
      for (let k = 0; k < inScene; k++, i++) lines.push(say(section.lines.draw()(t, P), 1, benefitRandom, i));
      scenes.push({ label: "benefits", heading: truncate(section.headings.draw(), 80), headingKeep: 1, background: look.background(), transition: look.transition(), lines });
    }
    const ctaRandom = createRandom(story.seed, "cta");
    const cta = ctaRandom.pick(CTAS);
    scenes.push({
      label: "call-to-action",
      heading: ctaRandom.pick(["Ready?", "Your move", "Don't wait", "One more thing"]),
      headingKeep: 1,
      background: look.background(),
      transition: ctaRandom.pick(["zoom", "fade"] as const),
      // The pack shows the last line on its call-to-action card.
      lines: [say(`${P}. ${cta}.`, 6, ctaRandom)],
    });
    return scenes;
  },
  finish: (story, scenes) => {
    const random = createRandom(story.seed, "cta");
    const cta = random.pick(CTAS);
    const P = story.topic.product;
    const title = truncate(createRandom(story.seed, "title").pick([P, `${P}: ${titleCase(story.topic.subject)}, Done Right`, `Meet ${P}`]), LIMITS.titleChars);
    return { title, scenes: toScenes(scenes), extra: { promo: { product: truncate(P, 80), cta: truncate(cta, 40) } } };
  },
};

const WRITERS: Record<TemplateId, Writer> = { minidrama, "chat-story": chatStory, "narrated-story": narratedStory, listicle, promo };

// ─── Title ───────────────────────────────────────────────────────────────────────────────────

/** A series keeps its title and numbers the episode: "The Stolen Lunch — Episode 2". */
const titleOf = (brief: Brief, episode: number, previous: Script | null, own: string): string => {
  const base = previous ? previous.title.replace(/\s+—\s+Episode\s+\d+$/u, "") : own;
  const numbered = previous !== null || episode > 1 || (brief.episodes ?? 1) > 1;
  const suffix = numbered ? ` — Episode ${episode}` : "";
  const title = truncate(base.trim() || "Untitled", LIMITS.titleChars - suffix.length) + suffix;
  return title;
};
