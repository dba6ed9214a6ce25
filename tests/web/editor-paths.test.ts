import { compare } from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { validateScript } from "../../script";
import { jsonSyntaxErrors, parseJsonPath, rangeOfJsonPath } from "../../web/src/editor/json-path-range";
import { pointerToPath, readablePatch } from "../../web/src/editor/readable-patch";
import { setIn } from "../../web/src/editor/set-in";

const SCRIPT = {
  title: "Two friends",
  characters: [{ id: "ana", name: "Ana" }],
  scenes: [{ id: "one", lines: [{ speaker: "ana", text: "Hi" }, { speaker: "bob", text: "Hello" }] }],
  "odd key": { "a.b": 1 },
};
const TEXT = JSON.stringify(SCRIPT, null, 2);
const at = (range: { from: number; to: number } | null) => (range ? TEXT.slice(range.from, range.to) : null);

describe("editor: JSON paths to text ranges (the JSON view's problem marks)", () => {
  it.each([
    ["(root)", []],
    ["title", ["title"]],
    ["scenes[0].lines[1].speaker", ["scenes", 0, "lines", 1, "speaker"]],
    ['["odd key"]["a.b"]', ["odd key", "a.b"]],
  ])("parses %s", (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each([
    // A value is marked with its key, so the mark names the field.
    ["scenes[0].lines[1].speaker", '"speaker": "bob"'],
    ["title", '"title": "Two friends"'],
    ['["odd key"]["a.b"]', '"a.b": 1'],
    // An array element has no key: the element itself.
    ["characters[0]", '{\n      "id": "ana",\n      "name": "Ana"\n    }'],
    // Something missing: the opening bracket of the nearest object or array above it.
    ["scenes[0].heading", "{"],
    ["scenes[3].id", "["],
  ])("marks %s as %j", (path, text) => {
    expect(at(rangeOfJsonPath(TEXT, path))).toBe(text);
  });

  it("marks every problem the server's validation finds at its path", () => {
    const result = validateScript(SCRIPT);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({ path: "scenes[0].lines[1].speaker", message: '"bob" is not a character (known: ana, narrator)' });
    for (const p of problems) expect(rangeOfJsonPath(TEXT, p.path), p.path).not.toBeNull();
  });

  it("reports JSON syntax errors with their place", () => {
    const broken = '{ "title": "x", }';
    const errors = jsonSyntaxErrors(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/^JSON syntax: /);
    expect(broken.slice(errors[0]!.from, errors[0]!.to)).toBe("}");
    expect(jsonSyntaxErrors(TEXT)).toEqual([]);
  });
});

describe("editor: patches in words (history and conflicts)", () => {
  it("names paths the way problems do", () => {
    expect(pointerToPath("/script/scenes/0/lines/1/text")).toBe("script.scenes[0].lines[1].text");
    expect(pointerToPath("/a~1b/c~0d")).toBe("a/b.c~d");
    expect(pointerToPath("")).toBe("(root)");
  });

  it("says what was added, removed and changed, with the old values", () => {
    const after = setIn(setIn(setIn(SCRIPT, ["title"], "Three friends"), ["scenes", 0, "heading"], "Noon"), ["characters"], []);
    const changes = readablePatch(compare(SCRIPT, after), SCRIPT);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: "changed", path: "title", text: '"Two friends" → "Three friends"' },
        { kind: "added", path: "scenes[0].heading", text: '"Noon"' },
        { kind: "removed", path: "characters[0]", text: '{"id":"ana","name":"Ana"}' },
      ]),
    );
  });

  it("setIn copies along the path, and undefined removes a key", () => {
    const next = setIn(SCRIPT, ["scenes", 0, "lines", 0, "text"], "Hey");
    expect(next.scenes[0]!.lines[0]!.text).toBe("Hey");
    expect(SCRIPT.scenes[0]!.lines[0]!.text).toBe("Hi");
    expect(next.characters).toBe(SCRIPT.characters);
    expect("title" in setIn(SCRIPT, ["title"], undefined)).toBe(false);
  });
});
