import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMATS, NARRATOR, type Script } from "../../script/schema";
import { buildTimeline } from "../../script/timeline";
import { validateScript } from "../../script/validate-script";
import { BriefSchema, type Brief } from "../../script/generate/brief";
import type { OfflineWriteOptions } from "../../script/generate/script-writer";
import { findTemplatePack, templatePacks } from "../../templates/registry";

const PACKS = templatePacks.map((p) => p.id);

/** The brief's pack's offline writer, as the CLI and the server call it (minidrama by default). */
const writeOfflineScript = (brief: Brief, options?: OfflineWriteOptions): Script => findTemplatePack(brief.template ?? "minidrama")!.writer.writeOffline(brief, options);

const seconds = (script: Script) => {
  const timeline = buildTimeline(script);
  return timeline.durationInFrames / timeline.fps;
};

/** Every problem a script has: the Script schema, the pack's schema, the length. */
const problemsOf = (script: Script, brief: Brief): string[] => {
  const problems: string[] = [];
  const plain = validateScript(script);
  if (!plain.ok) problems.push(...plain.problems.map((p) => `script ${p.path}: ${p.message}`));
  const pack = findTemplatePack(brief.template ?? "minidrama")!;
  const packed = validateScript(script, pack.schema as never);
  if (!packed.ok) problems.push(...packed.problems.map((p) => `${pack.id} ${p.path}: ${p.message}`));
  const target = brief.targetSeconds ?? 45;
  const actual = seconds(script);
  if (Math.abs(actual - target) > target * 0.2) problems.push(`lasts ${actual.toFixed(1)} s for a ${target} s target`);
  return problems;
};

const WORDS = ["office", "drama", "about", "a", "stolen", "lunch", "twist", "the", "haunted", "lighthouse", "school", "secret", "recipe", "missing", "cat", "funny", "promo", "for", "LunchLock", "space", "station", "broken", "trophy", "wedding", "cake", "10", "facts", "octopus", "café", "午餐", "🍕", "über", "naïve", "—", "!!", "x"];

const prompt = fc
  .oneof(
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }).map((w) => w.join(" ")),
    fc.string({ unit: "grapheme", minLength: 3, maxLength: 80 }),
    fc.string({ unit: "binary", minLength: 3, maxLength: 40 }),
    fc.string({ unit: "grapheme-ascii", minLength: 1000, maxLength: 4000 }),
    fc.array(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 12 }).map((w) => w.join(" ")),
  )
  .filter((p) => p.trim().length >= 3);

const characterBrief = fc.record(
  {
    name: fc.oneof(fc.constantFrom("Maya", "Leo", "José", "李雷", "narrator", "Ana Lúcia", "maya"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 })).filter((n) => n.trim().length >= 1 && n.trim().length <= 40),
    description: fc.string({ maxLength: 300 }),
    voice: fc.constantFrom("en-us+f3", "alloy", "x"),
    color: fc.constantFrom("#f43f5e", "#38bdf8", "#123456", "#ABCDEF"),
  },
  { requiredKeys: ["name"] },
);

const briefs = fc
  .record(
    {
      prompt,
      template: fc.constantFrom(...PACKS),
      format: fc.constantFrom(...FORMATS),
      genre: fc.constantFrom("comedy", "thriller", "romance", "sci-fi", "mystery"),
      tone: fc.constantFrom("funny", "dark", "tense", "wholesome", "🙂"),
      language: fc.oneof(fc.constantFrom("en", "es", "pt-BR", "fr", "de", "it", "ja", "hi", "zh-Hant"), fc.stringMatching(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/)),
      targetSeconds: fc.oneof(fc.integer({ min: 10, max: 300 }), fc.double({ min: 10, max: 300, noNaN: true })),
      characters: fc.array(characterBrief, { minLength: 1, maxLength: 5 }),
    },
    { requiredKeys: ["prompt", "template", "targetSeconds"] },
  )
  .map((b) => BriefSchema.safeParse(b))
  .filter((parsed) => parsed.success)
  .map((parsed) => parsed.data!);

const OFFICE = "a two-minute office drama about a stolen lunch, with a twist";

describe("writeOfflineScript", () => {
  it("writes valid scripts for every pack that land within ±20% of the target", () => {
    fc.assert(
      fc.property(briefs, (brief) => {
        const script = writeOfflineScript(brief);
        expect(problemsOf(script, brief)).toEqual([]);
        if (brief.characters) expect(script.characters.map((c) => c.name).slice(0, brief.characters.length)).toEqual(brief.characters.map((c) => c.name));
        if (brief.format) expect(script.format).toBe(brief.format);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the same brief gives the same script", () => {
    fc.assert(
      fc.property(briefs, (brief) => {
        expect(writeOfflineScript(brief, { episode: 2 })).toEqual(writeOfflineScript(structuredClone(brief), { episode: 2 }));
      }),
      { numRuns: 30 },
    );
  });

  it("writes different scripts for different prompts", () => {
    const prompts = fc.sample(fc.array(fc.constantFrom(...WORDS.filter((w) => /^\p{L}{3,}$/u.test(w))), { minLength: 2, maxLength: 6 }).map((w) => w.join(" ")), { numRuns: 200, seed: 7 });
    const distinct = [...new Set(prompts)].slice(0, 50);
    expect(distinct).toHaveLength(50);
    const scripts = distinct.map((p) => writeOfflineScript({ prompt: p }));
    expect(new Set(scripts.map((s) => s.title)).size).toBeGreaterThan(10);
    expect(new Set(scripts.map((s) => JSON.stringify(s.scenes.map((scene) => scene.lines.map((l) => l.text))))).size).toBeGreaterThanOrEqual(45);
  });

  it("writes the office drama: a cast of three or more, four scenes, a twist and a cliffhanger", () => {
    const brief = BriefSchema.parse({ prompt: OFFICE, targetSeconds: 120 });
    const script = writeOfflineScript(brief);
    expect(problemsOf(script, brief)).toEqual([]);
    expect(script.characters.length).toBeGreaterThanOrEqual(3);
    expect(script.characters.length).toBeLessThanOrEqual(4);
    expect(new Set(script.characters.map((c) => c.color)).size).toBe(script.characters.length);
    expect(script.scenes.length).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(script).toLowerCase();
    expect(text).toContain("lunch");
    expect(text).toContain("office");
    expect(script.title.toLowerCase()).toContain("lunch");
    const lines = script.scenes.flatMap((s) => s.lines);
    expect(lines.some((l) => l.emotion === "shocked")).toBe(true);
    expect(lines.some((l) => l.speaker === NARRATOR)).toBe(true);
    expect(new Set(lines.map((l) => l.emotion).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(script.scenes.slice(1).map((s) => s.transition)).size).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)!.text).toMatch(/[?…]$/u);
    // The reveal comes after the confrontation, in the last act.
    const shockedAt = lines.findLastIndex((l) => l.emotion === "shocked");
    expect(shockedAt).toBeGreaterThan(lines.length / 2);
  });

  it("continues a series with exactly the same characters", () => {
    const brief = BriefSchema.parse({ prompt: OFFICE, targetSeconds: 60, episodes: 3, characters: [{ name: "Maya", voice: "en-us+f3", color: "#f43f5e" }, { name: "Leo" }] });
    const first = writeOfflineScript(brief, { episode: 1 });
    const second = writeOfflineScript(brief, { episode: 2, previous: first });
    expect(second.characters).toEqual(first.characters);
    expect(first.characters.slice(0, 2)).toEqual([
      { id: "maya", name: "Maya", color: "#f43f5e", voice: "en-us+f3", appearance: { gender: "female" } },
      expect.objectContaining({ id: "leo", name: "Leo" }),
    ]);
    expect(first.title).toMatch(/ — Episode 1$/);
    expect(second.title).toBe(first.title.replace(/1$/, "2"));
    const lastLine = first.scenes.at(-1)!.lines.at(-1)!.text;
    expect(second.scenes[0]!.lines[0]!.text).toContain(lastLine.slice(0, 40));
    expect(second.scenes).not.toEqual(first.scenes);
    expect(problemsOf(second, brief)).toEqual([]);
  });

  it("keeps any previous cast, even one it would not have chosen", () => {
    fc.assert(
      fc.property(briefs, fc.constantFrom(0, 1, 5), (brief, size) => {
        const previous = writeOfflineScript({ ...brief, characters: undefined });
        previous.characters = Array.from({ length: size }, (_, i) => ({ id: `p-${i}`, name: `Person ${i}` }));
        previous.scenes = [{ id: "only", lines: [{ speaker: NARRATOR, text: "It ended here?" }] }];
        const next = writeOfflineScript(brief, { episode: 2, previous });
        expect(next.characters).toEqual(previous.characters);
        expect(problemsOf(next, brief)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it("shapes each template: chat messages, numbered items, narration, a promo's call to action", () => {
    const of = (template: string) => writeOfflineScript(BriefSchema.parse({ prompt: "promo for LunchLock, a lunchbox that only opens for you", template, targetSeconds: 40 })) as Script & Record<string, any>;
    const chat = of("chat-story");
    expect(chat.chat?.me).toBe(chat.characters[0]!.id);
    const listicle = of("listicle");
    expect(listicle.characters).toEqual([]);
    expect(listicle.scenes.flatMap((s) => s.lines).every((l) => l.speaker === NARRATOR)).toBe(true);
    expect(typeof listicle.listicle?.countdown).toBe("boolean");
    expect(listicle.title).toMatch(/\d/);
    const narrated = of("narrated-story").scenes.flatMap((s) => s.lines);
    expect(narrated.filter((l) => l.speaker === NARRATOR).length).toBeGreaterThan(narrated.length / 2);
    const promo = of("promo");
    expect(promo.promo).toMatchObject({ product: "LunchLock", cta: expect.any(String) });
    expect(promo.scenes.at(-1)!.lines.at(-1)!.text).toContain("LunchLock");
  });

  it("handles the extremes of length and a brief's language", () => {
    for (const targetSeconds of [5, 10, 600]) {
      for (const template of PACKS) {
        const brief = BriefSchema.parse({ prompt: OFFICE, template, targetSeconds, language: "pt-BR" });
        const script = writeOfflineScript(brief);
        expect(problemsOf(script, brief)).toEqual([]);
        expect(script.language).toBe("pt-BR");
      }
    }
  });
});
