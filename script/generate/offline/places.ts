import type { Mood, Setting } from "../../schema";

/** A spot in a place, with the built-in backdrop (`scene.setting`) that shows it. */
export type Spot = { name: string; setting: Setting };

/** Where a story happens: the words that choose it, its spots and who else is around. */
export type Place = {
  /** "office": used as "the whole office". */
  name: string;
  /** "at the office". */
  at: string;
  words: readonly string[];
  /** Words that choose the place but can also be what the story is about ("birthday", "exam"). */
  things?: readonly string[];
  spots: readonly Spot[];
  /** Someone outside the cast who can turn out to be the culprit. */
  outsiders: readonly string[];
  /** The backdrop for a listicle or promo about this place. */
  setting: Setting;
};

const s = (setting: Setting, ...names: string[]): Spot[] => names.map((name) => ({ name, setting }));

export const PLACES: readonly Place[] = [
  { name: "office", at: "at the office", setting: "office", words: ["office", "offices", "work", "workplace", "coworker", "coworkers", "colleague", "colleagues", "boss", "startup", "company", "corporate", "cubicle", "meeting", "intern", "hr"], things: ["meeting"], spots: [...s("kitchen", "the office kitchen", "the break room"), ...s("office", "meeting room B", "the open-plan floor", "the copy room", "the elevator", "the boss's office"), ...s("city-day", "the rooftop terrace")], outsiders: ["the new intern", "the CEO", "the night cleaner", "the office dog", "the IT guy nobody has ever met"] },
  { name: "school", at: "at school", setting: "classroom", words: ["school", "class", "classroom", "teacher", "teachers", "student", "students", "campus", "college", "university", "homework", "exam", "exams", "dorm", "principal"], things: ["homework", "exam"], spots: [...s("cafe", "the cafeteria"), ...s("classroom", "the chemistry lab", "the library", "the hallway by the lockers", "the back row of class", "the principal's office"), ...s("park", "the playing field")], outsiders: ["the principal", "the substitute teacher", "the school janitor", "the class hamster", "a first-year nobody knew"] },
  { name: "hospital", at: "at the hospital", setting: "hospital", words: ["hospital", "nurse", "nurses", "doctor", "doctors", "clinic", "ward", "surgeon", "patient", "patients"], spots: [...s("hospital", "the nurses' station", "ward seven", "the vending machine corridor", "the supply closet"), ...s("kitchen", "the staff room"), ...s("city-day", "the hospital roof")], outsiders: ["the chief surgeon", "the patient in room twelve", "the night porter", "the hospital chaplain"] },
  { name: "restaurant", at: "at the restaurant", setting: "cafe", words: ["restaurant", "chef", "chefs", "cafe", "café", "coffee", "bakery", "diner", "waiter", "waitress", "bistro", "pizzeria", "menu", "cook", "cooks", "barista"], things: ["coffee", "menu"], spots: [...s("kitchen", "the kitchen", "the walk-in fridge"), ...s("cafe", "table six", "the bar", "the dining room"), ...s("street-night", "the back alley")], outsiders: ["the head chef", "the food critic at table four", "the delivery driver", "the owner's mother"] },
  { name: "house", at: "at home", setting: "living-room", words: ["home", "house", "apartment", "flat", "kitchen", "bedroom", "bedrooms", "living", "sofa", "couch", "roommate", "roommates", "family", "mom", "dad", "mum", "sister", "brother", "neighbor", "neighbour", "neighbors", "neighbours", "grandma", "grandpa", "parents", "kids"], spots: [...s("kitchen", "the kitchen"), ...s("living-room", "the living room", "the hallway", "the laundry room"), ...s("bedroom", "the spare bedroom"), ...s("park", "the garden")], outsiders: ["the landlord", "grandma", "the neighbour's cat", "the dog", "the upstairs neighbour"] },
  { name: "party", at: "at the party", setting: "party", words: ["wedding", "bride", "groom", "party", "birthday", "celebration", "reception", "engagement", "anniversary", "surprise"], things: ["wedding", "party", "birthday", "anniversary", "surprise"], spots: [...s("party", "the reception hall", "the dance floor", "the cake table", "the photo booth"), ...s("bedroom", "the upstairs bedroom"), ...s("street-night", "the parking lot")], outsiders: ["the party planner", "the DJ", "the ring bearer", "an uninvited cousin"] },
  { name: "gym", at: "at the gym", setting: "city-day", words: ["gym", "fitness", "workout", "trainer", "yoga", "sport", "sports", "team", "coach", "locker", "match", "football", "soccer", "basketball", "tennis"], things: ["match"], spots: [...s("office", "the locker room", "the front desk", "the yoga studio"), ...s("cafe", "the juice bar"), ...s("park", "the playing field")], outsiders: ["the coach", "the team mascot", "the cleaning crew", "a rival team's captain"] },
  { name: "hotel", at: "at the hotel", setting: "living-room", words: ["hotel", "resort", "vacation", "holiday", "trip", "travel", "guest", "guests", "lobby", "motel"], things: ["vacation", "holiday", "trip"], spots: [...s("living-room", "the lobby"), ...s("bedroom", "room 404"), ...s("park", "the pool"), ...s("cafe", "the breakfast buffet"), ...s("party", "the rooftop bar")], outsiders: ["the concierge", "the hotel manager", "a guest in sunglasses", "housekeeping"] },
  { name: "station", at: "at the station", setting: "city-day", words: ["train", "trains", "airport", "plane", "flight", "airline", "station", "bus", "ship", "cruise", "ferry", "subway"], things: ["flight", "cruise"], spots: [...s("city-day", "gate twelve", "baggage claim", "the security line", "the platform"), ...s("cafe", "the dining car"), ...s("street-night", "the night platform")], outsiders: ["the conductor", "a sleeping passenger", "the pilot", "airport security"] },
  { name: "spaceship", at: "aboard the ship", setting: "office", words: ["space", "spaceship", "starship", "mars", "moon", "astronaut", "astronauts", "galaxy", "planet", "alien", "aliens", "rocket", "orbit", "spacestation"], spots: [...s("office", "the bridge", "the cargo bay", "the airlock", "the observation dome"), ...s("kitchen", "the mess hall"), ...s("park", "the hydroponics deck")], outsiders: ["the ship's AI", "the captain", "a stowaway alien", "the maintenance robot"] },
  { name: "castle", at: "at the castle", setting: "living-room", words: ["castle", "kingdom", "king", "queen", "prince", "princess", "knight", "knights", "dragon", "wizard", "witch", "magic", "royal", "palace", "medieval"], spots: [...s("living-room", "the throne room", "the great hall", "the north tower", "the dungeon"), ...s("kitchen", "the royal kitchen"), ...s("park", "the courtyard")], outsiders: ["the court jester", "the queen's cat", "the old wizard", "the dragon"] },
  { name: "village", at: "in the village", setting: "park", words: ["village", "farm", "farmer", "town", "countryside", "barn", "ranch", "harvest"], things: ["harvest"], spots: [...s("park", "the barn", "the village square", "the orchard", "the old well", "the market"), ...s("cafe", "the bakery")], outsiders: ["the mayor", "the goat", "the postman", "the town gossip"] },
  { name: "camp", at: "at camp", setting: "park", words: ["beach", "island", "surf", "ocean", "sea", "summer", "camp", "camping", "forest", "woods", "cabin", "lake", "mountain", "hiking"], spots: [...s("park", "the campfire", "the boathouse", "the lake shore", "the trail", "the big tent"), ...s("living-room", "the cabin porch")], outsiders: ["the camp counselor", "a raccoon", "the park ranger", "the lifeguard"] },
  { name: "museum", at: "at the museum", setting: "office", words: ["museum", "gallery", "library", "art", "painting", "exhibit", "exhibition", "archive", "bookstore", "librarian"], things: ["painting", "exhibit"], spots: [...s("office", "the east wing", "the archive", "the reading room", "the security office", "the storage room"), ...s("cafe", "the gift shop")], outsiders: ["the curator", "the night guard", "a tour group", "the museum cat"] },
  { name: "precinct", at: "at the precinct", setting: "office", words: ["police", "detective", "detectives", "precinct", "crime", "court", "lawyer", "judge", "jail", "prison", "cop", "cops"], spots: [...s("office", "the interrogation room", "the evidence locker", "the captain's office", "the holding cell"), ...s("kitchen", "the precinct kitchen"), ...s("street-night", "the parking garage")], outsiders: ["the captain", "the informant", "the rookie", "the evidence clerk"] },
  { name: "studio", at: "at the studio", setting: "office", words: ["studio", "film", "movie", "tv", "show", "actor", "actress", "influencer", "youtube", "podcast", "band", "concert", "music", "theater", "theatre"], things: ["film", "movie", "show", "podcast", "concert"], spots: [...s("living-room", "the green room"), ...s("office", "the set", "the control room", "the rehearsal room", "the backstage corridor"), ...s("bedroom", "the makeup trailer")], outsiders: ["the director", "a background extra", "the sound guy", "the producer's nephew"] },
  { name: "store", at: "at the store", setting: "city-day", words: ["store", "shop", "supermarket", "mall", "market", "boutique", "cashier", "grocery"], spots: [...s("office", "aisle five", "the stockroom", "checkout three", "the manager's booth"), ...s("kitchen", "the staff room"), ...s("street-night", "the loading dock")], outsiders: ["the store manager", "a mystery shopper", "the security guard", "the night stocker"] },
  { name: "lab", at: "at the lab", setting: "office", words: ["lab", "laboratory", "science", "scientist", "scientists", "experiment", "research", "robot", "robots"], things: ["experiment", "robot"], spots: [...s("office", "lab three", "the server room", "the clean room", "the test chamber", "the loading bay"), ...s("kitchen", "the break room")], outsiders: ["the lab robot", "the professor", "the research intern", "the lab rat"] },
];

/** Words that name a built-in backdrop outright. */
export const SETTING_WORDS: Readonly<Record<string, Setting>> = {
  office: "office", offices: "office", cubicle: "office", kitchen: "kitchen", kitchens: "kitchen", cooking: "kitchen", bedroom: "bedroom", bedrooms: "bedroom", sleepover: "bedroom",
  living: "living-room", sofa: "living-room", couch: "living-room", street: "street-night", streets: "street-night", night: "street-night", nightlife: "street-night", city: "city-day",
  downtown: "city-day", hospital: "hospital", clinic: "hospital", classroom: "classroom", school: "classroom", class: "classroom", cafe: "cafe", café: "cafe", coffee: "cafe",
  park: "park", garden: "park", picnic: "park", rain: "rain", rainy: "rain", storm: "rain", stormy: "rain", party: "party", birthday: "party", celebration: "party",
};

/** The backdrop of a spot at a time of day: outdoor spots after dark become a street at night, and rain falls when asked for. */
export const settingAt = (spot: Spot, hour: number, mood: Mood, rainy = false): Setting => {
  const night = hour >= 20 || hour < 6;
  const outdoor = spot.setting === "city-day" || spot.setting === "park" || spot.setting === "street-night";
  if (rainy && outdoor) return "rain";
  // A car park or an alley by day is a street by day.
  if (spot.setting === "street-night" && !night) return "city-day";
  if (spot.setting === "city-day" || spot.setting === "park") {
    if (night) return "street-night";
    if (mood === "sad") return "rain";
  }
  return spot.setting;
};
