import { describe, expect, it } from "vitest";
import { formatPath, LIMITS, scriptJsonSchema, validateScript, type ScriptProblem } from "../../script";

const base = () => ({
  title: "Test",
  characters: [
    { id: "ana", name: "Ana" },
    { id: "ben", name: "Ben", color: "#38bdf8" },
  ],
  scenes: [
    {
      id: "s1",
      lines: [
        { speaker: "ana", text: "Hi." },
        { speaker: "narrator", text: "Ben says nothing." },
      ],
    },
  ],
});

type Case = { name: string; mutate: (s: any) => unknown; problems: ScriptProblem[] };

const cases: Case[] = [
  {
    name: "unknown speaker",
    mutate: (s) => {
      s.scenes[0].lines[1].speaker = "bob";
      return s;
    },
    problems: [{ path: "scenes[0].lines[1].speaker", message: '"bob" is not a character (known: ana, ben, narrator)' }],
  },
  {
    name: "missing title",
    mutate: (s) => {
      delete s.title;
      return s;
    },
    problems: [{ path: "title", message: "is required (expected string)" }],
  },
  {
    name: "title of the wrong type",
    mutate: (s) => ({ ...s, title: 42 }),
    problems: [{ path: "title", message: "expected string, got number 42" }],
  },
  {
    name: "blank title",
    mutate: (s) => ({ ...s, title: "   " }),
    problems: [{ path: "title", message: "must not be empty" }],
  },
  {
    name: "unknown format",
    mutate: (s) => ({ ...s, format: "3:4" }),
    problems: [{ path: "format", message: 'expected one of "9:16", "16:9", "1:1", "4:5", got "3:4"' }],
  },
  {
    name: "bad language tag",
    mutate: (s) => ({ ...s, language: "english please" }),
    problems: [{ path: "language", message: 'must be a BCP-47 language tag such as "en", "pt-BR" or "zh-Hant"' }],
  },
  {
    name: "no scenes",
    mutate: (s) => ({ ...s, scenes: [] }),
    problems: [{ path: "scenes", message: "needs at least 1 scene" }],
  },
  {
    name: "scene without lines",
    mutate: (s) => {
      s.scenes[0].lines = [];
      return s;
    },
    problems: [{ path: "scenes[0].lines", message: "needs at least 1 line" }],
  },
  {
    name: "zero duration",
    mutate: (s) => {
      s.scenes[0].lines[0].durationSec = 0;
      return s;
    },
    problems: [{ path: "scenes[0].lines[0].durationSec", message: "must be greater than 0" }],
  },
  {
    name: "duplicate character ids",
    mutate: (s) => {
      s.characters[1].id = "ana";
      return s;
    },
    problems: [{ path: "characters[1].id", message: '"ana" is used twice (also characters[0].id)' }],
  },
  {
    name: "duplicate scene ids",
    mutate: (s) => {
      s.scenes.push({ id: "s1", lines: [{ speaker: "ana", text: "Again." }] });
      return s;
    },
    problems: [{ path: "scenes[1].id", message: '"s1" is used twice (also scenes[0].id)' }],
  },
  {
    name: "narrator declared as a character",
    mutate: (s) => {
      s.characters.push({ id: "narrator", name: "Voice" });
      return s;
    },
    problems: [{ path: "characters[2].id", message: '"narrator" is reserved for the narrator and needs no character entry' }],
  },
  {
    name: "unknown background type",
    mutate: (s) => {
      s.scenes[0].background = { type: "pattern" };
      return s;
    },
    problems: [{ path: "scenes[0].background.type", message: 'expected one of "color", "gradient", "image", "video", got "pattern"' }],
  },
  {
    name: "gradient with one colour",
    mutate: (s) => {
      s.scenes[0].background = { type: "gradient", colors: ["#000"] };
      return s;
    },
    problems: [{ path: "scenes[0].background.colors", message: "needs at least 2 colours" }],
  },
  {
    name: "bad colour",
    mutate: (s) => {
      s.characters[0].color = "#12";
      return s;
    },
    problems: [{ path: "characters[0].color", message: 'must be a CSS colour such as "#e11d48", "rgb(…)" or "tomato"' }],
  },
  {
    name: "unknown transition",
    mutate: (s) => {
      s.scenes[0].transition = "spin";
      return s;
    },
    problems: [{ path: "scenes[0].transition", message: 'expected one of "cut", "fade", "slide", "wipe", "zoom", got "spin"' }],
  },
  {
    name: "over-long line",
    mutate: (s) => {
      s.scenes[0].lines[0].text = "a".repeat(LIMITS.textChars + 1);
      return s;
    },
    problems: [{ path: "scenes[0].lines[0].text", message: `must be at most ${LIMITS.textChars} characters` }],
  },
  {
    name: "music volume out of range",
    mutate: (s) => ({ ...s, music: { src: "a.mp3", volume: 2 } }),
    problems: [{ path: "music.volume", message: "must be between 0 and 1" }],
  },
  {
    name: "not an object",
    mutate: () => [1, 2],
    problems: [{ path: "(root)", message: "expected object, got an array" }],
  },
  {
    name: "every problem at once, cross-field rules included despite type errors",
    mutate: (s) => {
      s.title = 7;
      s.scenes[0].lines[0].speaker = "zoe";
      s.scenes[0].lines[1].durationSec = -2;
      s.characters[1].id = "ana";
      return s;
    },
    problems: [
      { path: "title", message: "expected string, got number 7" },
      { path: "scenes[0].lines[1].durationSec", message: "must be greater than 0" },
      { path: "characters[1].id", message: '"ana" is used twice (also characters[0].id)' },
      { path: "scenes[0].lines[0].speaker", message: '"zoe" is not a character (known: ana, narrator)' },
    ],
  },
];

describe("validateScript", () => {
  it("accepts a minimal script and fills defaults", () => {
    const result = validateScript(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.script.format).toBe("9:16");
    expect(result.script.language).toBe("en");
  });

  it("accepts a narrator-only script with no characters", () => {
    const result = validateScript({ title: "Solo", scenes: [{ id: "a", lines: [{ speaker: "narrator", text: "Once." }] }] });
    expect(result.ok).toBe(true);
  });

  it.each([
    ["CJK", "ja", "東京の夜、彼女は静かに笑った。"],
    ["emoji", "en", "We did it 🎉🔥👩‍👩‍👧"],
    ["RTL", "ar", "مرحبا، كيف حالك؟"],
    ["Hebrew", "he", "שלום עולם"],
    ["Traditional Chinese tag", "zh-Hant-TW", "你好"],
  ])("accepts %s text", (_name, language, text) => {
    const result = validateScript({ ...base(), language, title: text, scenes: [{ id: "場面", heading: text, lines: [{ speaker: "ana", text }] }] });
    expect(result.ok).toBe(true);
  });

  it.each(cases)("$name", ({ mutate, problems }) => {
    const result = validateScript(mutate(base()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(problems);
  });
});

describe("formatPath", () => {
  it.each([
    [[], "(root)"],
    [["title"], "title"],
    [["scenes", 0, "lines", 12, "speaker"], "scenes[0].lines[12].speaker"],
    [["weird key"], '["weird key"]'],
  ] as const)("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("scriptJsonSchema", () => {
  it("describes the contract fields an LLM must write", () => {
    const schema = scriptJsonSchema() as any;
    expect(schema.$schema).toContain("2020-12");
    expect(schema.required).toEqual(["title", "scenes"]);
    expect(schema.properties.format.enum).toEqual(["9:16", "16:9", "1:1", "4:5"]);
    const line = schema.properties.scenes.items.properties.lines.items;
    expect(line.required).toEqual(["speaker", "text"]);
    expect(line.properties.durationSec.exclusiveMinimum).toBe(0);
    const bg = schema.properties.scenes.items.properties.background;
    expect(bg.oneOf ?? bg.anyOf).toHaveLength(4);
  });
});
