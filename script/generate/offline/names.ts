/** First names the offline writer casts from, by language, each with the gender its face and voice take. */
type Names = { female: readonly string[]; male: readonly string[] };

export const NAMES: Record<string, Names> = {
  en: {
    female: ["Maya", "Priya", "Ava", "Chloe", "Zoe", "Nina", "Ruby", "Grace", "Hazel", "Iris", "Mia", "Lila", "Nora", "Stella", "Quinn", "Harper", "Freya", "Tessa", "Rosa", "Jade", "Dana", "Amelia", "Clara", "Ivy", "Sofia", "Ellie", "Lucy", "Bea", "Nadia", "Georgia"],
    male: ["Leo", "Sam", "Jordan", "Noah", "Ethan", "Marcus", "Oliver", "Theo", "Felix", "Jasper", "Owen", "Caleb", "Dev", "Isaac", "Miles", "Eli", "Omar", "Gabe", "Wes", "Kai", "Victor", "Ben", "Hugo", "Reggie", "Max", "Dexter", "Raj", "Toby", "Finn", "Marlon"],
  },
  es: { female: ["Lucía", "Sofía", "Valentina", "Camila", "Isabel", "Carmen", "Elena", "Paula", "Marta", "Daniela", "Inés", "Alba", "Rocío", "Julia", "Noelia"], male: ["Mateo", "Diego", "Javier", "Andrés", "Pablo", "Tomás", "Rafael", "Hugo", "Álvaro", "Nicolás", "Sergio", "Gonzalo", "Emilio", "Bruno", "Iker"] },
  pt: { female: ["Ana", "Beatriz", "Mariana", "Larissa", "Camila", "Fernanda", "Juliana", "Letícia", "Bianca", "Gabriela", "Helena", "Isadora", "Clara", "Luana", "Yasmin"], male: ["João", "Pedro", "Rafael", "Thiago", "Gustavo", "Lucas", "Felipe", "Caio", "Rodrigo", "Matheus", "Diogo", "Vinícius", "Bruno", "Otávio", "Renato"] },
  fr: { female: ["Camille", "Chloé", "Léa", "Manon", "Inès", "Zoé", "Juliette", "Margaux", "Élodie", "Sarah", "Clémence", "Anaïs", "Océane", "Lina", "Agathe"], male: ["Louis", "Hugo", "Jules", "Théo", "Arthur", "Gabriel", "Paul", "Lucas", "Maxime", "Antoine", "Bastien", "Victor", "Romain", "Nathan", "Émile"] },
  de: { female: ["Lena", "Mia", "Hannah", "Emma", "Lea", "Sophie", "Marie", "Clara", "Anna", "Johanna", "Greta", "Frieda", "Paula", "Ida", "Nele"], male: ["Jonas", "Lukas", "Felix", "Paul", "Maximilian", "Leon", "Finn", "Elias", "Moritz", "Niklas", "Tobias", "Julian", "Jannik", "Matthias", "Konstantin"] },
  it: { female: ["Giulia", "Chiara", "Sofia", "Francesca", "Martina", "Aurora", "Elisa", "Beatrice", "Alice", "Greta", "Ginevra", "Noemi", "Bianca", "Ludovica", "Irene"], male: ["Luca", "Marco", "Matteo", "Alessandro", "Lorenzo", "Davide", "Tommaso", "Riccardo", "Simone", "Federico", "Pietro", "Andrea", "Edoardo", "Nicolò", "Gabriele"] },
  ja: { female: ["Yuki", "Sakura", "Aoi", "Hina", "Mei", "Yui", "Miku", "Nanami", "Emi", "Rin"], male: ["Haruto", "Ren", "Sota", "Riku", "Kaito", "Daiki", "Takumi", "Sho", "Kenta", "Hayato"] },
  hi: { female: ["Ananya", "Diya", "Isha", "Kavya", "Meera", "Sanya", "Riya", "Tara", "Anika", "Pooja"], male: ["Aarav", "Vihaan", "Arjun", "Rohan", "Aditya", "Kabir", "Ishaan", "Vivaan", "Dev", "Rahul"] },
};

export type Gender = "female" | "male";
export type CastName = { name: string; gender: Gender };

/** The names for a language (English when it has none of its own), women and men alternating. */
export const namesFor = (language: string): CastName[] => {
  const key = language.split("-")[0]!.toLowerCase();
  const names = (Object.hasOwn(NAMES, key) ? NAMES[key] : undefined) ?? NAMES.en!;
  const out: CastName[] = [];
  for (let i = 0; i < Math.max(names.female.length, names.male.length); i++) {
    if (names.female[i]) out.push({ name: names.female[i]!, gender: "female" });
    if (names.male[i]) out.push({ name: names.male[i]!, gender: "male" });
  }
  return out;
};

/** Common first names a brief may give that the casting lists lack, for `genderOfName`. */
const OTHER_NAMES: Names = {
  female: ["Sarah", "Emily", "Emma", "Olivia", "Sophia", "Isabella", "Charlotte", "Abigail", "Elizabeth", "Anna", "Hannah", "Jessica", "Jennifer", "Ashley", "Amanda", "Megan", "Rachel", "Laura", "Lisa", "Linda", "Mary", "Patricia", "Susan", "Karen", "Nancy", "Betty", "Helen", "Sandra", "Donna", "Carol", "Michelle", "Emily", "Kate", "Katie", "Kim", "Amy", "Anna", "Alice", "Lily", "Lola", "Sophie", "Julia", "Jane", "Jenny", "Rose", "Olive", "Eva", "Eve", "Leah", "Sara", "Ella", "Luna", "Aria", "Layla", "Chloé", "Fatima", "Aisha", "Mei", "Yuna", "Ana", "Maria", "Lucia", "Valeria", "Grandma", "Mom", "Mum"],
  male: ["Tom", "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Paul", "Steven", "Andrew", "Josh", "Joshua", "Kevin", "Brian", "George", "Edward", "Ryan", "Jacob", "Gary", "Nick", "Nicholas", "Eric", "Jack", "Harry", "Charlie", "Oscar", "Henry", "Alex", "Adam", "Peter", "Luke", "Liam", "Lucas", "Mason", "Logan", "Aiden", "Jake", "Tyler", "Chris", "Mike", "Dan", "Bob", "Joe", "Jim", "Tim", "Mohammed", "Ali", "Ahmed", "Carlos", "Juan", "José", "Luis", "Wei", "Hiroshi", "Grandpa", "Dad"],
};

/** The gender a name is known by in any language's list, else null (a name the writer did not choose). */
export const genderOfName = (name: string): Gender | null => {
  const key = name.trim().split(/\s+/)[0]!.toLowerCase();
  for (const names of [...Object.values(NAMES), OTHER_NAMES]) {
    if (names.female.some((n) => n.toLowerCase() === key)) return "female";
    if (names.male.some((n) => n.toLowerCase() === key)) return "male";
  }
  return null;
};
