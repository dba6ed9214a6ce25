import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderStill } from "../../renderer/render-still";
import { readPng, tempDir } from "./fixtures";

/** A frame of one narrator line (no name tag or avatar; every word revealed, none highlighted). */
const lineFrame = async (text: string, language = "en") => {
  const out = path.join(tempDir(), "line.png");
  const script = { title: "Fonts", language, scenes: [{ id: "a", background: { type: "color", value: "#202020" }, lines: [{ speaker: "narrator", text, durationSec: 2 }] }] };
  await renderStill({ script, template: "minidrama", outputPath: out, frame: 40, resolution: "480p", voice: false });
  return readPng(out);
};

const differingPixels = (a: ReturnType<typeof readPng>, b: ReturnType<typeof readPng>) => {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) if (Math.abs(a.data[i]! - b.data[i]!) > 40) n++;
  return n;
};

describe("fonts draw every script (no tofu)", () => {
  it("two unassigned code points draw the same fallback box: the method can see tofu", async () => {
    expect(differingPixels(await lineFrame("\u0378\u0378"), await lineFrame("\u0379\u0379"))).toBeLessThan(20);
  });

  it.each([
    ["Chinese", "zh", "東京", "京東"],
    ["Japanese", "ja", "ひらがな", "カタカナ"],
    ["Korean", "ko", "한국어", "조선말"],
    ["Arabic", "ar", "مرحبا", "شكرا"],
  ])("%s glyphs are real: different characters draw differently", async (_name, language, a, b) => {
    expect(differingPixels(await lineFrame(a, language), await lineFrame(b, language))).toBeGreaterThan(150);
  });

  it("emoji draw in colour", async () => {
    const png = await lineFrame("🍕🎉");
    let colourful = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 90) colourful++;
    }
    // The frame is greys apart from the emoji; a tofu box or a monochrome glyph has no colour.
    expect(colourful).toBeGreaterThan(300);
  });
});
