import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isDarkByDesign } from "../../renderer/quality-report";
import { renderVideo } from "../../renderer/render-video";
import { tempDir, writeToneWav } from "./fixtures";

describe("quality gate", () => {
  it("flags a script crafted to break it, and fails it with strict", async () => {
    const dir = tempDir();
    // A line whose "speech" is silence: sound was planned there, none comes.
    writeToneWav(path.join(dir, "hush.wav"), 2.5, 0);
    const script = {
      title: "Broken",
      characters: [{ id: "ana", name: "Ana" }],
      scenes: [
        {
          id: "a",
          lines: [
            { speaker: "ana", text: "A normal line to start." },
            { speaker: "ana", text: "This one has no sound at all.", speech: { src: "hush.wav", durationSec: 2.5 } },
            // 120 characters in 2 seconds: 60 a second, three times what anyone can read.
            { speaker: "narrator", text: "x".repeat(40) + " " + "y".repeat(39) + " " + "z".repeat(39), durationSec: 2 },
            // U+0378 is unassigned: no font anywhere draws it.
            { speaker: "ana", text: "Odd sign: \u0378 here." },
            // So much text that the caption grows past the top of the safe zone.
            { speaker: "ana", text: "word ".repeat(110).trim(), durationSec: 2 },
          ],
        },
      ],
    };
    const out = path.join(dir, "broken.mp4");
    const err = await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", assetBaseDir: dir, strict: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "QUALITY_FAILED" });

    // With --strict the files stay, and the report says what is wrong.
    expect(existsSync(out)).toBe(true);
    const report = JSON.parse(readFileSync(path.join(dir, "broken.quality.json"), "utf8"));
    const byId = Object.fromEntries(report.checks.map((c: { id: string }) => [c.id, c]));
    expect(report.ok).toBe(false);
    expect(byId.silence).toMatchObject({ status: "warn" });
    expect(byId.silence.details[0].startSec).toBeGreaterThan(1);
    expect(byId["reading-speed"]).toMatchObject({ status: "warn", details: [{ charsPerSecond: 60, limit: 20 }, { limit: 20 }] });
    // Measured in the browser: only the over-long caption leaves the safe zone.
    expect(byId["safe-zone"]).toMatchObject({ status: "warn", details: [{ text: expect.stringMatching(/^word word/) }] });
    expect(byId["safe-zone"].details[0].box.top).toBeLessThan(byId["safe-zone"].details[0].safeArea.top);
    expect(byId.glyphs).toMatchObject({ status: "warn", details: ["\u0378"] });
    expect(byId.glyphs.message).toContain("U+0378");
    // What was fine is reported as fine.
    expect(byId.duration.status).toBe("pass");
    expect(byId.loudness.status).toBe("pass");
    expect(byId["black-frames"].status).toBe("pass");
    expect((err as { problems: { path: string }[] }).problems.map((p) => p.path).sort()).toEqual(["glyphs", "reading-speed", "safe-zone", "silence"]);
  });

  it("takes a black stretch in a scene dark by design as planned, and warns on one the script did not ask for", async () => {
    const dir = tempDir();
    // A black image: blackdetect sees black, but nothing in the script says the scene is dark.
    const { PNG } = await import("pngjs");
    const png = new PNG({ width: 16, height: 16 });
    png.data.fill(0);
    for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
    writeFileSync(path.join(dir, "black.png"), PNG.sync.write(png));
    const line = (text: string) => ({ speaker: "narrator", text, durationSec: 1.5 });
    const script = {
      title: "Night",
      scenes: [
        { id: "lit", background: { type: "color", value: "#f59e0b" }, lines: [line(".")] },
        { id: "night", background: { type: "color", value: "#0f172a" }, lines: [line(".")] },
        { id: "unplanned", background: { type: "image", src: "black.png" }, lines: [line(".")] },
      ],
    };
    const out = path.join(dir, "night.mp4");
    await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", assetBaseDir: dir, voice: false });
    const black = JSON.parse(readFileSync(path.join(dir, "night.quality.json"), "utf8")).checks.find((c: { id: string }) => c.id === "black-frames");
    // Only the image scene (from 3 s) is reported; the dark-by-design scene (1.5–3 s) is not.
    expect(black.status).toBe("warn");
    expect(black.details).toHaveLength(1);
    expect(black.details[0].startSec).toBeGreaterThanOrEqual(2.9);
  });

  it("reads a background as dark by design only when every colour is below blackdetect's threshold", () => {
    expect(isDarkByDesign({ type: "color", value: "#0f172a" })).toBe(true);
    expect(isDarkByDesign({ type: "gradient", colors: ["#000", "rgb(10, 12, 20)"] })).toBe(true);
    expect(isDarkByDesign({ type: "gradient", colors: ["#000", "#7c2d12"] })).toBe(false);
    expect(isDarkByDesign({ type: "color", value: "midnightblue" })).toBe(false);
    expect(isDarkByDesign(undefined)).toBe(false);
  });
});
