import type { Look, Mood } from "../../schema";

/** What happens to the thing the story is about. */
export type Conflict = {
  words: readonly string[];
  /** "steals" / "stole" / "stolen": "someone steals Maya's lunch", "it was stolen". */
  does: string;
  did: string;
  done: string;
  /** Title nouns: "The Lunch Heist". */
  nouns: readonly string[];
};

export const CONFLICTS: readonly Conflict[] = [
  { words: ["steal", "steals", "stole", "stolen", "stealing", "eat", "eats", "eating", "ate", "eaten", "borrow", "borrows", "borrowed", "borrowing", "thief", "thieves", "theft", "heist", "robbery", "robbed", "rob", "snatched", "swiped", "pinched", "burglar"], does: "steals", did: "stole", done: "stolen", nouns: ["Heist", "Thief", "Caper", "Mystery"] },
  { words: ["missing", "lost", "vanished", "vanish", "vanishing", "disappeared", "disappear", "disappearance", "gone", "hidden", "hid", "hide"], does: "hides", did: "hid", done: "missing", nouns: ["Mystery", "Disappearance", "Case"] },
  { words: ["broken", "broke", "break", "smashed", "ruined", "ruin", "destroyed", "damaged", "wrecked", "cracked", "sabotage", "sabotaged"], does: "breaks", did: "broke", done: "broken", nouns: ["Disaster", "Incident", "Sabotage"] },
  { words: ["secret", "secrets", "leaked", "leak", "exposed", "rumor", "rumour", "rumors", "rumours", "gossip", "spoiler", "spoilers", "lie", "lies", "lying", "scandal"], does: "leaks", did: "leaked", done: "leaked", nouns: ["Leak", "Scandal", "Secret"] },
  { words: ["swapped", "swap", "switched", "switch", "replaced", "fake", "forged", "impostor", "imposter"], does: "swaps", did: "swapped", done: "swapped", nouns: ["Switch", "Mix-Up", "Swap"] },
  { words: ["forgotten", "forgot", "forget", "forgets", "forgetting", "forgetful", "overlooked", "ignored", "neglected"], does: "forgets", did: "forgot", done: "forgotten", nouns: ["Mystery", "Mix-Up", "Surprise"] },
];

/**
 * The feel a prompt asks for: which words call it, its colour grades, the video's music and the
 * scenes' moods by story beat, and the backgrounds of packs without a setting.
 */
export type Tone = {
  words: readonly string[];
  gradients: readonly (readonly string[])[];
  colors: readonly string[];
  looks: readonly Look[];
  music: Mood;
  /** Scene moods: the set-up, the middle, the reveal, the ending. */
  beats: { setup: Mood; middle: Mood; reveal: Mood; ending: Mood };
};

// Mid-to-dark backgrounds throughout: captions are white, so every tone keeps contrast.
export const TONES = {
  dark: { words: ["dark", "horror", "scary", "creepy", "spooky", "thriller", "murder", "crime", "mystery", "noir", "haunted", "ghost", "ghosts", "suspense", "tense", "sinister", "gothic", "eerie"], gradients: [["#0f0c29", "#302b63"], ["#1a0b0b", "#4a0e0e"], ["#0b0b0f", "#1f2937"], ["#111827", "#3f0d12"], ["#020617", "#1e293b"], ["#1c1917", "#44403c"], ["#0c0a09", "#7f1d1d"], ["#0f172a", "#312e81", "#0f172a"]], colors: ["#0b0b0f", "#111827", "#1c1917", "#0f172a"], looks: ["noir", "high-contrast", "cool", "none"], music: "mystery", beats: { setup: "mystery", middle: "tense", reveal: "dramatic", ending: "mystery" } },
  light: { words: ["funny", "comedy", "comedic", "hilarious", "silly", "light", "lighthearted", "playful", "cute", "wholesome", "absurd", "sitcom", "goofy", "chaotic", "fun", "surprise", "party", "birthday", "celebration"], gradients: [["#7c2d12", "#b45309"], ["#831843", "#be185d"], ["#1e3a8a", "#7c3aed"], ["#14532d", "#15803d"], ["#9a3412", "#db2777"], ["#155e75", "#4338ca"], ["#581c87", "#c026d3"], ["#854d0e", "#c2410c"]], colors: ["#1e3a8a", "#7c2d12", "#831843", "#14532d"], looks: ["warm", "none", "none", "vintage"], music: "upbeat", beats: { setup: "happy", middle: "tense", reveal: "dramatic", ending: "mystery" } },
  warm: { words: ["romance", "romantic", "love", "date", "dating", "sweet", "cozy", "cosy", "heartwarming", "nostalgic", "tender", "crush"], gradients: [["#4c0519", "#9f1239"], ["#7c2d12", "#db2777"], ["#3b0764", "#be185d"], ["#451a03", "#b45309"], ["#500724", "#f43f5e"], ["#292524", "#9a3412"]], colors: ["#4c0519", "#451a03", "#3b0764"], looks: ["warm", "vintage", "none"], music: "romantic", beats: { setup: "romantic", middle: "tense", reveal: "dramatic", ending: "romantic" } },
  neon: { words: ["sci-fi", "scifi", "space", "future", "futuristic", "cyber", "cyberpunk", "robot", "alien", "tech", "neon", "startup", "app", "digital"], gradients: [["#0f0c29", "#7c3aed"], ["#020617", "#0e7490"], ["#1e1b4b", "#db2777"], ["#042f2e", "#7c3aed"], ["#0c0a09", "#4338ca", "#db2777"], ["#082f49", "#16a34a"]], colors: ["#020617", "#1e1b4b", "#042f2e"], looks: ["cool", "high-contrast", "none"], music: "upbeat", beats: { setup: "calm", middle: "tense", reveal: "dramatic", ending: "mystery" } },
  cool: { words: ["drama", "dramatic", "serious", "emotional", "sad", "moody", "calm"], gradients: [["#1e1b4b", "#7c2d12"], ["#022c22", "#0f172a"], ["#0c4a6e", "#1e1b4b"], ["#172554", "#0f766e"], ["#1e293b", "#334155"], ["#312e81", "#0e7490"], ["#3f0d12", "#0b0b0f"], ["#0f172a", "#1e3a8a", "#0f172a"]], colors: ["#0f172a", "#1e1b4b", "#022c22", "#172554"], looks: ["none", "cool", "none", "warm"], music: "dramatic", beats: { setup: "calm", middle: "tense", reveal: "dramatic", ending: "mystery" } },
} as const satisfies Record<string, Tone>;
export type ToneName = keyof typeof TONES;

/**
 * The emotions the writers put on lines: the ones the voices and the portraits both map (see
 * compositions/faces and renderer/prepare), so every line sounds and looks like what it says.
 */
export const EMOTIONS = ["angry", "sad", "shocked", "happy", "nervous", "scared", "excited", "suspicious", "annoyed", "determined", "calm", "confused"] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const STOP_WORDS = new Set(
  ("a an the of and or with without about for on in at to from by into onto over under who whom whose what when where why how which is are was were be been being this that these those it its " +
    "my your our their his her him them they we you i me us as but so very just some any all each every one two three four five six seven eight nine ten eleven twelve twenty thirty " +
    "minute minutes second seconds min mins sec secs hour hours long short quick tiny little big video videos reel reels clip clips story stories drama dramas minidrama episode episodes " +
    "series twist twists twisty ending plot scene scenes script make create write tell show please want need like chat chats text texts texting message messages listicle list lists " +
    "fact facts tip tips promo promos ad ads advert advertisement commercial narrated narration narrator top best things thing ways way reasons reason kind sort new then than there here " +
    "not no yes can could would should will shall may might must do does did done has have had get gets got also only even ever never again more most less really quite about-a " +
    "someone somebody everyone everybody anyone nobody something everything anything nothing day days week weeks month months year years time times vertical horizontal square " +
    "style styled type version part parts up down out off back away through between during before after until while if because though although both either neither own same such too")
    .split(/\s+/),
);

/** Things a story can be about, known to be nouns. */
export const KNOWN_OBJECTS = [
  "lunch", "sandwich", "pizza", "cake", "cookie", "cookies", "coffee", "mug", "phone", "wallet", "keys", "key", "laptop", "diary", "ring", "necklace", "crown", "treasure", "recipe",
  "password", "letter", "car", "bike", "painting", "money", "trophy", "homework", "stapler", "plant", "dog", "cat", "hamster", "hat", "shoes", "jacket", "remote", "charger",
  "headphones", "yogurt", "leftovers", "donut", "donuts", "snack", "snacks", "chocolate", "umbrella", "notebook", "camera", "guitar", "map", "jewels", "diamond", "sword", "eggs",
  "cheese", "pie", "cupcake", "cupcakes", "cereal", "milk", "tea", "toothbrush", "medal", "ticket", "tickets", "invitation", "lasagna", "burrito", "salad", "soup", "watch", "parrot",
  "birthday", "present", "gift", "surprise", "lighthouse", "recipe", "book", "photo", "song", "ring", "letter", "bracelet", "scarf", "pen", "bag", "backpack", "suitcase", "box",
];

/** Words that end like adjectives, participles or adverbs but are nouns. */
export const NOUN_EXCEPTIONS = new Set([
  "wedding", "ring", "king", "thing", "ceiling", "building", "painting", "pudding", "morning", "evening", "string", "wing", "spring", "earring", "sibling", "stuffing", "icing", "frosting",
  "meeting", "clothing", "darling", "duckling", "dumpling", "lightning", "offspring", "sling", "swing", "sibling", "bed", "shed", "sled", "seed", "steed", "speed", "weed", "reed", "creed", "breed",
  "hundred", "kitten", "garden", "oven", "chicken", "children", "kitchen", "dozen", "linen", "heaven", "siren", "token", "women", "men", "den", "pen", "hen", "citizen", "warden", "burden",
  "maiden", "raven", "haven", "mitten", "family", "belly", "jelly", "lily", "bully", "holly", "rally", "ally", "fly", "butterfly", "assembly", "supply", "reply", "handful", "spoonful",
  "detective", "relative", "executive", "hive", "olive", "archive", "table", "vegetable", "cable", "fable", "stable", "bible", "timetable", "dish", "fish", "wish", "radish", "relish",
  "custard", "lizard", "wizard", "blizzard", "buzzard", "captive", "native", "motive", "sedative", "chemical", "medical", "musical", "vessel", "sweater", "jet", "bread", "thread", "head", "sled",
]);

/** Common adjectives and participles a prompt uses that no suffix gives away. */
export const ADJECTIVES = new Set([
  "forgotten", "broken", "stolen", "hidden", "golden", "wooden", "frozen", "written", "fallen", "eaten", "chosen", "given", "taken", "woken", "spoken", "rotten", "sunken", "swollen",
  "beaten", "bitten", "driven", "ridden", "risen", "shaken", "lost", "old", "new", "good", "bad", "happy", "sad", "angry", "funny", "scary", "dark", "weird", "strange", "secret",
  "big", "small", "huge", "tiny", "young", "late", "early", "last", "first", "next", "final", "only", "real", "fake", "true", "false", "perfect", "great", "little", "best", "worst",
  "wrong", "right", "whole", "empty", "full", "hot", "cold", "quiet", "loud", "busy", "lazy", "crazy", "silly", "cute", "sweet", "sour", "bitter", "rich", "poor", "famous", "evil",
  "missing", "haunted", "cursed", "magic", "magical", "mysterious", "surprise", "surprising", "unexpected", "awkward", "ordinary", "strange", "red", "blue", "green", "yellow", "black",
  "white", "pink", "purple", "orange", "brown", "grey", "gray", "ancient", "modern", "online", "local", "public", "private", "favorite", "favourite", "beloved", "precious", "mean",
  "nice", "kind", "rude", "shy", "brave", "smart", "clever", "stupid", "dumb", "wild", "free", "cheap", "expensive", "special", "different", "same", "other", "entire", "daily",
  "weekly", "nightly", "annual", "sudden", "rare", "common", "chaotic", "cozy", "cosy", "gloomy", "sunny", "rainy", "stormy", "spooky", "creepy", "epic", "mega", "super", "ultimate",
]);

/** Common verbs a prompt uses (any form) that could pass for nouns. */
export const VERBS = new Set([
  "turns", "turn", "turned", "becomes", "become", "became", "goes", "go", "went", "gone", "comes", "come", "came", "gets", "get", "makes", "make", "made", "finds", "find", "found",
  "takes", "take", "took", "gives", "give", "gave", "tries", "try", "tried", "wants", "want", "wanted", "says", "say", "said", "tells", "tell", "told", "leaves", "leave", "left",
  "starts", "start", "started", "ends", "end", "ended", "keeps", "keep", "kept", "runs", "run", "ran", "falls", "fall", "fell", "learns", "learn", "learned", "learnt", "meets",
  "meet", "met", "loses", "lose", "wins", "win", "won", "sees", "see", "saw", "seen", "knows", "know", "knew", "known", "thinks", "think", "thought", "feels", "feel", "felt",
  "looks", "look", "looked", "helps", "help", "helped", "saves", "save", "saved", "shows", "showed", "shown", "plans", "planned", "discovers", "discover", "discovered", "reveals",
  "reveal", "revealed", "realizes", "realises", "realize", "realise", "realized", "realised", "decides", "decide", "decided", "refuses", "refuse", "refused", "hides", "opens",
  "open", "opened", "closes", "close", "closed", "breaks", "changes", "change", "changed", "works", "worked", "lives", "live", "lived", "dies", "die", "died", "grows", "grow",
  "grew", "moves", "move", "moved", "waits", "wait", "waited", "calls", "call", "called", "brings", "bring", "brought", "buys", "buy", "bought", "sells", "sell", "sold", "eats",
  "eat", "ate", "drinks", "drink", "drank", "sleeps", "sleep", "slept", "wakes", "wake", "woke", "happens", "happen", "happened", "goes", "escapes", "escape", "escaped", "ruins",
  "wrecks", "fights", "fight", "fought", "argues", "argue", "argued", "invites", "invite", "invited", "plans", "throws", "throw", "threw", "thrown", "joins", "join", "joined",
  "follows", "follow", "followed", "returns", "return", "returned", "arrives", "arrive", "arrived", "appears", "appear", "appeared", "remembers", "remember", "remembered",
]);

/** Stand-ins when the prompt gives nothing usable. */
export const FALLBACK_OBJECTS = ["lunch", "stapler", "birthday cake", "lucky mug", "phone charger", "houseplant", "secret recipe", "umbrella", "trophy", "last slice of pizza", "diary", "spare key"];
export const FALLBACK_SUBJECTS = ["morning routines", "good habits", "coffee", "staying focused", "small kitchens", "houseplants", "weekend plans", "learning something new", "city cycling", "saving money"];
