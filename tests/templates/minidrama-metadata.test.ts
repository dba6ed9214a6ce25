import { describe, expect, it } from "vitest";
import { buildTimeline, FPS, HEADING_SECONDS } from "../../script/timeline";
import { estimateLineSeconds, frameSize, validateScript, type Script } from "../../script";
import { findTemplatePack, templatePacks } from "../../templates/registry";

const pack = findTemplatePack("minidrama")!;
const meta = async (props: unknown) =>
  pack.calculateMetadata({ props: props as Script, defaultProps: pack.defaultProps, abortSignal: new AbortController().signal, compositionId: "minidrama", isRendering: true });

const script = (overrides: Partial<Script> = {}) => ({
  title: "T",
  characters: [{ id: "a", name: "A" }],
  scenes: [{ id: "s", lines: [{ speaker: "a", text: "One two three four five six.", durationSec: 2 }] }],
  ...overrides,
});

describe("minidrama calculateMetadata", () => {
  it("takes explicit durations to the frame", async () => {
    const m = await meta(script({ scenes: [{ id: "s", lines: [{ speaker: "a", text: "x", durationSec: 2 }, { speaker: "narrator", text: "y", durationSec: 1.25 }] }] }));
    expect(m.durationInFrames).toBe(Math.round(2 * FPS) + Math.round(1.25 * FPS));
    expect(m.fps).toBe(FPS);
  });

  it("estimates from reading speed when no duration is given", async () => {
    const text = "This line has exactly eight words in it.";
    const m = await meta(script({ scenes: [{ id: "s", lines: [{ speaker: "a", text }] }] }));
    expect(m.durationInFrames).toBe(Math.round(estimateLineSeconds(text) * FPS));
    // eight words at 2.7 words/s plus a 0.5 s pause
    expect(estimateLineSeconds(text)).toBeCloseTo(8 / 2.7 + 0.5, 1);
  });

  it("adds a heading card and keeps transitions inside the total", async () => {
    const scenes = [
      { id: "a", heading: "Morning", lines: [{ speaker: "a", text: "x", durationSec: 2 }] },
      { id: "b", transition: "slide" as const, lines: [{ speaker: "a", text: "y", durationSec: 3 }] },
      { id: "c", transition: "cut" as const, lines: [{ speaker: "a", text: "z", durationSec: 1 }] },
    ];
    const m = await meta(script({ scenes }));
    expect(m.durationInFrames).toBe(Math.round(HEADING_SECONDS * FPS) + 60 + 90 + 30);
    const parsed = validateScript(script({ scenes }));
    if (!parsed.ok) throw new Error("fixture should be valid");
    const t = buildTimeline(parsed.script, FPS);
    expect(t.scenes.map((s) => s.from)).toEqual([0, 48 + 60, 48 + 60 + 90]);
    expect(t.scenes.map((s) => s.transitionFrames)).toEqual([0, 15, 0]);
  });

  it.each(["9:16", "16:9", "1:1", "4:5"] as const)("sizes the frame for %s at 1080p", async (format) => {
    const m = await meta(script({ format }));
    expect({ width: m.width, height: m.height }).toEqual(frameSize(format, "1080p"));
  });

  it("returns props with defaults filled", async () => {
    const m = await meta(script());
    expect((m.props as Script).format).toBe("9:16");
    expect((m.props as Script).language).toBe("en");
  });

  it("rejects an invalid script naming the path", async () => {
    await expect(meta(script({ scenes: [{ id: "s", lines: [{ speaker: "nobody", text: "x" }] }] }))).rejects.toThrow(
      'scenes[0].lines[0].speaker: "nobody" is not a character (known: a, narrator)',
    );
  });
});

describe("registry", () => {
  it("lists every pack once with valid default props", () => {
    const ids = templatePacks.map((p) => p.id);
    expect(ids).toContain("minidrama");
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of templatePacks) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.schema.safeParse(p.defaultProps).success).toBe(true);
    }
  });

  it("knows no other pack", () => {
    expect(findTemplatePack("nope")).toBeNull();
  });
});

describe("frameSize", () => {
  it.each([
    ["9:16", "480p", 480, 854],
    ["9:16", "1080p", 1080, 1920],
    ["16:9", "720p", 1280, 720],
    ["1:1", "4k", 2160, 2160],
    ["4:5", "1080p", 1080, 1350],
  ] as const)("%s at %s is %i×%i", (format, res, w, h) => {
    expect(frameSize(format, res)).toEqual({ width: w, height: h });
  });
});
