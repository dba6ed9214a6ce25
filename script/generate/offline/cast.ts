import { NARRATOR, type Character, type Script } from "../../schema";
import { CHARACTER_PALETTE } from "../../timeline";
import type { Brief } from "../brief";
import { genderOfName, namesFor } from "./names";
import type { People, Person } from "./plan";
import type { Random } from "./random";
import { kebab, truncate } from "./text";

/** The brief's tag when it is a real BCP 47 tag; dialogue stays English either way. */
export const languageOf = (tag: string | undefined): string => {
  if (!tag) return "en";
  try {
    return Intl.getCanonicalLocales(tag).length === 1 ? tag : "en";
  } catch {
    return "en";
  }
};

/**
 * The characters array. A continuation keeps the previous episode's exactly (faces and voices
 * stay the same across a series); otherwise the brief's characters (topped up to `minimum`), or
 * `invented` new ones. Each gets `appearance.gender` from its name when the name is known, so
 * the default portrait and voice match it.
 */
export const castOf = (brief: Brief, cast: { invented: number; minimum: number }, previous: Script | null, language: string, random: Random): Character[] => {
  if (previous) return structuredClone(previous.characters);
  const wanted = brief.characters ?? [];
  const count = wanted.length ? Math.max(wanted.length, cast.minimum) : cast.invented;
  const taken = new Set(wanted.map((c) => c.name.trim().toLowerCase()));
  const pool = random.shuffle(namesFor(language)).filter((n) => !taken.has(n.name.toLowerCase()));
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
    const name = given?.name.trim() ?? pool[i % pool.length]!.name;
    const character: Character = { id: uniqueId(name, i), name, color: given?.color ?? colors[i % colors.length]! };
    if (given?.voice) character.voice = given.voice;
    const gender = given ? genderOfName(name) : pool[i % pool.length]!.gender;
    if (gender) character.appearance = { gender };
    return character;
  });
};

/**
 * Casts the parts. Stories need at least two voices; when the characters array cannot change
 * (a continuation of a narrator-only episode) the missing ones are quoted by the narrator.
 */
export const peopleOf = (characters: Character[], language: string, random: Random): People => {
  const all: Person[] = characters.map((c) => ({ id: c.id, name: c.name }));
  const spare = random.shuffle(namesFor(language)).filter((n) => !all.some((p) => p.name === n.name));
  while (all.length < 2) all.push({ id: null, name: spare[all.length]!.name });
  return { victim: all[0]!, suspect: all[1]!, ally: all[2] ?? all[0]!, extra: all[3] ?? all[2] ?? all[1]!, all };
};

/** The brief's character descriptions, trimmed to one short sentence each. */
export const descriptionsOf = (brief: Brief): [string, string][] =>
  (brief.characters ?? [])
    .filter((c) => c.description?.trim())
    .map((c) => {
      const text = truncate(c.description!.trim().replace(/\s+/g, " "), 150);
      return [c.name.trim(), /[.!?…]$/u.test(text) ? text : `${text}.`];
    });

/** The previous episode's last line, shortened so a short episode is not all recap. */
export const recapOf = (previous: Script | null, target: number): string | null => {
  const scene = previous?.scenes[previous.scenes.length - 1];
  const line = scene?.lines[scene.lines.length - 1];
  if (!line) return null;
  return truncate(line.text.trim(), Math.round(Math.min(180, Math.max(40, target * 3))));
};
