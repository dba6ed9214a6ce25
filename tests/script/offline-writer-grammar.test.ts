import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MOODS, NARRATOR, SETTINGS, type Script } from "../../script/schema";
import { validateScript } from "../../script/validate-script";
import { BriefSchema } from "../../script/generate/brief";
import { EMOTIONS } from "../../script/generate/offline";
import { templatePacks } from "../../templates/registry";

// The test's own word classes: the writer may not see these lists, so it cannot pass by agreeing with itself.
const ADJECTIVES = ["forgotten", "broken", "haunted", "tiny", "ancient", "angry", "golden", "mysterious", "frozen", "weird", "awkward", "beloved", "quiet", "hidden", "chaotic", "wooden", "cursed", "sudden", "stolen", "lost", "missing", "secret", "surprising", "unexpected", "famous", "sleepy", "rotten", "magical", "shiny", "nervous"];
const NOUNS = ["birthday", "lunch", "lighthouse", "party", "keys", "cake", "wedding", "cat", "phone", "recipe", "diary", "office", "school", "dragon", "podcast", "train", "painting", "necklace", "robot", "garden", "hamster", "exam", "teacher", "spaceship", "umbrella", "mug", "octopus", "museum", "sandwich", "guitar", "trophy", "kitchen", "wallet", "goldfish", "piano"];
const VERBS = ["turns into", "becomes", "ruins", "changes", "reveals", "hides", "breaks", "saves", "starts", "ends with"];
const NAMES = ["Tom", "Zoe", "Maya", "LunchLock", "Paris", "Grandma"];
const DETERMINERS = ["a", "an", "the", "my", "your", "his", "her", "their", "our", "its"];

const adj = fc.constantFrom(...ADJECTIVES);
const noun = fc.constantFrom(...NOUNS);
const verb = fc.constantFrom(...VERBS);
const name = fc.constantFrom(...NAMES);
const an = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** Prompts of the shapes people type, over the test's own adjectives, nouns, verbs and names. */
const prompts = fc.oneof(
  fc.tuple(adj, noun, verb, adj, noun).map(([a1, n1, v, a2, n2]) => `${an(a1)} ${n1} that ${v} ${an(a2)} ${n2}`),
  fc.tuple(adj, noun).map(([a1, n1]) => `${a1} ${n1}`),
  fc.tuple(adj, noun, noun).map(([a1, n1, n2]) => `the ${a1} ${n1} at the ${n2}`),
  fc.tuple(adj, noun).map(([a1, n1]) => `a story about ${an(a1)} ${n1}`),
  fc.tuple(adj, noun).map(([a1, n1]) => `10 facts about the ${a1} ${n1}`),
  fc.tuple(name, adj, noun, verb).map(([p, a1, n1, v]) => `promo for ${p}, ${an(a1)} ${n1} that ${v} everything`),
  fc.tuple(noun, noun, adj).map(([n1, n2, a1]) => `${n1} ${n2} ${a1}`),
  fc.tuple(adj, adj).map(([a1, a2]) => `${a1} and ${a2}`),
  fc.tuple(noun, adj).map(([n1, a1]) => `why my ${n1} is so ${a1}`),
  fc.tuple(name, adj, noun).map(([p, a1, n1]) => `${p} and the ${a1} ${n1}`),
  fc.tuple(adj, noun, verb).map(([a1, n1, v]) => `when ${an(a1)} ${n1} ${v} everything, with a twist`),
);

const PROMPTS = [
  "a forgotten birthday that turns into a surprise party",
  "10 facts about robot robot cake cake",
  ...fc.sample(prompts, { numRuns: 198, seed: 12 }),
];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ADJ = `(?:${ADJECTIVES.map(escape).join("|")})`;
const DET = `(?:${DETERMINERS.join("|")})`;
const FUNCTION_WORDS = "(?:to|with|somebody|someone|is|was|were|are|and|that|in|at|on|of|has|had|have|meant|from|anywhere|again|back)";

/** Every known-bad pattern in one piece of text, by name. */
const badPatterns = (text: string): string[] => {
  const found: string[] = [];
  const check = (label: string, pattern: RegExp) => {
    if (pattern.test(text)) found.push(label);
  };
  check("sentence ends in an article or determiner", new RegExp(`\\b${DET}\\s*[.!?,…]`, "iu"));
  check("sentence ends in an article and an adjective", new RegExp(`\\b${DET}(\\s+${ADJ})+\\s*[.!?,…]`, "iu"));
  check("an adjective used as a noun before a function word", new RegExp(`\\b${DET}\\s+${ADJ}\\s+${FUNCTION_WORDS}\\b`, "iu"));
  check("the forgotten.", /\bthe forgotten\s*[.!?]/iu);
  check("possessive of an adjective", new RegExp(`['’]s\\s+${ADJ}\\s*($|[.!?,…]|\\s+${FUNCTION_WORDS}\\b)`, "iu"));
  check("possessive with nothing after it", /(?<!\p{L})(?!(?:that|it|there|what|who|let|he|she|here|everyone|nobody|everybody|somebody|someone|where|how)['’]s)\p{L}+['’]s\s*[.!?,…]/iu);
  check("doubled word", /\b(\p{L}+)\s+\1\b/iu);
  check("empty slot (double space)", /\s{2,}/u);
  check("empty slot (space before punctuation)", /\s[.,!?;:]/u);
  check("empty slot (leading or trailing space)", /^\s|\s$/u);
  check("undefined/null/NaN/object", /\bundefined\b|\bnull\b|\bNaN\b|\[object/u);
  check("template placeholder", /\$\{|\{\}|“\s*”|\(\s*\)/u);
  return found;
};

/** Character lines in which the speaker says their own name (unless another character shares it). */
const selfReferences = (script: Script): string[] =>
  script.scenes.flatMap((scene) =>
    scene.lines.flatMap((line) => {
      if (line.speaker === NARRATOR) return [];
      const self = script.characters.find((c) => c.id === line.speaker)!;
      const namesake = script.characters.some((c) => c.id !== self.id && c.name.toLowerCase() === self.name.toLowerCase());
      return !namesake && new RegExp(`(^|[^\\p{L}])${escape(self.name)}([^\\p{L}]|$)`, "u").test(line.text) ? [`${self.name}: ${line.text}`] : [];
    }),
  );

/** The text a viewer reads or hears: title, headings, lines; each with where it is. */
const textsOf = (script: Script) => [
  { where: "title", text: script.title, speaker: null as string | null },
  ...script.scenes.flatMap((s, i) => [
    ...(s.heading ? [{ where: `scenes[${i}].heading`, text: s.heading, speaker: null }] : []),
    ...s.lines.map((l, j) => ({ where: `scenes[${i}].lines[${j}]`, text: l.text, speaker: l.speaker })),
  ]),
];

describe("the offline writer's grammar, over 200 prompts × every pack", () => {
  it("writes no known-bad pattern, no character naming themself, and only valid scripts", () => {
    const problems: string[] = [];
    PROMPTS.forEach((prompt, i) => {
      for (const pack of templatePacks) {
        const brief = BriefSchema.parse({ prompt, template: pack.id, targetSeconds: [20, 45, 30, 120][i % 4] });
        const script = pack.writer.writeOffline(brief);
        const checked = validateScript(script, pack.schema as never);
        if (!checked.ok) problems.push(`${pack.id} "${prompt}": invalid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
        for (const { where, text, speaker } of textsOf(script)) {
          for (const bad of badPatterns(text)) problems.push(`${pack.id} "${prompt}" ${where}: ${bad}: ${text}`);
        }
        for (const line of selfReferences(script)) problems.push(`${pack.id} "${prompt}": names themself: ${line}`);
      }
    });
    // One example per kind of problem, so a failure shows its variety.
    const kinds = new Map(problems.map((p) => [p.split(": ")[1], p]));
    expect([...kinds.values()].slice(0, 20)).toEqual([]);
  });

  it("treats words that are also JavaScript property names as words", () => {
    for (const pack of templatePacks) {
      const brief = BriefSchema.parse({ prompt: "constructor toString hasOwnProperty __proto__ valueOf prototype", template: pack.id, targetSeconds: 20 });
      const checked = validateScript(pack.writer.writeOffline(brief), pack.schema as never);
      expect(checked.ok ? [] : checked.problems).toEqual([]);
    }
  });

  it("fixes the issue's examples: the birthday prompt is about the birthday, never “the forgotten”", () => {
    for (const pack of templatePacks) {
      const script = pack.writer.writeOffline(BriefSchema.parse({ prompt: PROMPTS[0]!, template: pack.id }));
      const text = textsOf(script).map((t) => t.text).join("\n");
      expect(text).not.toMatch(/\bthe forgotten\b(?! birthday)/iu);
      expect(text).not.toMatch(/['’]s forgotten\b/iu);
      expect(text.toLowerCase()).toContain("birthday");
    }
  });

  it("catches the bad patterns it looks for (the checks can fail)", () => {
    expect(badPatterns("Then Maya went looking for the forgotten.")).toEqual(expect.arrayContaining(["sentence ends in an article and an adjective", "the forgotten."]));
    expect(badPatterns("Nobody touches Zoe's forgotten.")).toContain("possessive of an adjective");
    expect(badPatterns("I took the the cake.")).toContain("doubled word");
    expect(badPatterns("Somebody stole my .")).toEqual(expect.arrayContaining(["sentence ends in an article or determiner", "empty slot (space before punctuation)"]));
    expect(badPatterns("I found undefined")).toContain("undefined/null/NaN/object");
    expect(badPatterns("Somebody stole my birthday cake. Again!")).toEqual([]);
    expect(badPatterns("Wait. That's… that's my jacket. Let's go to Maya's.")).toEqual(["possessive with nothing after it"]);
    const script = { title: "t", format: "9:16", language: "en", characters: [{ id: "leo", name: "Leo" }, { id: "zoe", name: "Zoe" }], scenes: [{ id: "a", lines: [{ speaker: "leo", text: "It wasn't Leo." }, { speaker: "zoe", text: "It wasn't Leo." }, { speaker: NARRATOR, text: "Leo left." }] }] } as Script;
    expect(selfReferences(script)).toEqual(["Leo: It wasn't Leo."]);
  });
});

describe("the offline writer reads what a prompt is about", () => {
  const minidrama = () => templatePacks.find((p) => p.id === "minidrama")!.writer;
  const listicle = () => templatePacks.find((p) => p.id === "listicle")!.writer;
  it.each([
    ["a kid finds a dragon egg in the garden", "egg", "kid"],
    ["Sarah loses her wedding ring on the beach", "wedding ring", "Sarah's"],
    ["the day the office coffee machine broke", "coffee machine", "my day"],
    ["my roommate keeps eating my leftovers", "leftovers", "my roommate"],
    ["a cat who becomes mayor of a small town", "cat", "my mayor"],
  ])("%s: the story is about the %s, not the %s", (prompt, thing, not) => {
    const script = minidrama().writeOffline(BriefSchema.parse({ prompt, targetSeconds: 45 }));
    const text = textsOf(script).map((t) => t.text).join("\n");
    expect(text).toContain(thing);
    expect(text).not.toContain(`my ${not}`);
  });

  it.each([
    ["10 facts about octopus intelligence", "octopus intelligence"],
    ["tips for staying focused", "staying focused"],
    ["a story about a cat", "cats"],
    ["5 things about the haunted lighthouse", "the haunted lighthouse"],
  ])("a listicle on %s is about %s", (prompt, subject) => {
    const script = listicle().writeOffline(BriefSchema.parse({ prompt, template: "listicle", targetSeconds: 30 }));
    expect(script.scenes[0]!.heading).toMatch(new RegExp(`^\\d+ things about ${subject}$`));
  });
});

describe("the offline writer uses the catalogue", () => {
  it("sets scenes' settings and moods, the music's mood, appearances and emotions the voices and faces map", () => {
    for (const prompt of PROMPTS.slice(0, 40)) {
      for (const pack of templatePacks) {
        const script = pack.writer.writeOffline(BriefSchema.parse({ prompt, template: pack.id, targetSeconds: 30 }));
        expect(MOODS).toContain(script.music?.mood);
        for (const scene of script.scenes) {
          expect(MOODS).toContain(scene.mood);
          // Stories are set in places (the backdrop comes from the setting): no gradients.
          if (["minidrama", "chat-story", "narrated-story"].includes(pack.id)) {
            expect(SETTINGS).toContain(scene.setting);
            expect(scene.background).toBeUndefined();
          } else {
            expect(scene.setting !== undefined || scene.background !== undefined).toBe(true);
          }
          for (const line of scene.lines) if (line.emotion) expect(EMOTIONS).toContain(line.emotion);
        }
        for (const character of script.characters) expect(["female", "male"]).toContain(character.appearance?.gender);
      }
    }
  });

  it("matches each invented character's gender to the name, keeps appearances across a series, and puts a reaction on the reveal", () => {
    const known: Record<string, string> = { Maya: "female", Zoe: "female", Priya: "female", Nina: "female", Grace: "female", Leo: "male", Noah: "male", Ethan: "male", Marcus: "male", Theo: "male" };
    const writer = templatePacks.find((p) => p.id === "minidrama")!.writer;
    let checked = 0;
    for (const prompt of PROMPTS.slice(0, 60)) {
      const brief = BriefSchema.parse({ prompt, targetSeconds: 40, episodes: 2 });
      const first = writer.writeOffline(brief, { episode: 1 });
      for (const c of first.characters) {
        if (known[c.name]) {
          expect(c.appearance?.gender, c.name).toBe(known[c.name]);
          checked++;
        }
      }
      const second = writer.writeOffline(brief, { episode: 2, previous: first });
      expect(second.characters).toEqual(first.characters);
      expect(second.music).toEqual(first.music);
      const twist = first.scenes.find((s) => s.id === "twist")!;
      expect(twist.lines.some((l) => l.emotion === "shocked" && /\p{Extended_Pictographic}/u.test(l.reaction ?? ""))).toBe(true);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("chooses the setting from the prompt's place", () => {
    const settingsOf = (prompt: string) => new Set(templatePacks.find((p) => p.id === "minidrama")!.writer.writeOffline(BriefSchema.parse({ prompt, targetSeconds: 60 })).scenes.map((s) => s.setting));
    expect([...settingsOf("a surprise birthday party gone wrong")]).toContain("party");
    expect([...settingsOf("an office drama about a stolen stapler")]).toContain("office");
    expect([...settingsOf("a hospital romance")]).toContain("hospital");
    expect([...settingsOf("drama at school over a missing exam")]).toContain("classroom");
    expect([...settingsOf("a kitchen drama about a burnt lasagna")][0]).toBe("kitchen");
    expect([...settingsOf("a rainy day at camp and a missing canoe")]).toEqual(["rain"]);
    const list = templatePacks.find((p) => p.id === "listicle")!.writer.writeOffline(BriefSchema.parse({ prompt: "7 tips for a tidy bedroom", template: "listicle", targetSeconds: 30 }));
    expect(list.scenes.map((s) => s.setting)).toEqual(list.scenes.map(() => "bedroom"));
    // A prompt that names no place gets no made-up backdrop in a list: the tone's colours instead.
    const plain = templatePacks.find((p) => p.id === "listicle")!.writer.writeOffline(BriefSchema.parse({ prompt: "10 facts about octopus intelligence", template: "listicle", targetSeconds: 30 }));
    expect(plain.scenes.every((s) => s.setting === undefined && s.background !== undefined)).toBe(true);
  });
});
