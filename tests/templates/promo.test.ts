import path from "node:path";
import { expect, it } from "vitest";
import { renderStill } from "../../renderer/render-still";
import { pixel, readPng, tempDir } from "../renderer/fixtures";

it("promo closes on a call-to-action card in the brand's colours", async () => {
  const script = {
    title: "Promo",
    brand: { colors: { primary: "#16a34a", secondary: "#052e16" } },
    promo: { product: "LunchLock", cta: "Get yours" },
    scenes: [{ id: "a", lines: [{ speaker: "narrator", text: "Lunch, protected.", durationSec: 1 }, { speaker: "narrator", text: "Keep what's yours.", durationSec: 2 }] }],
  };
  const out = path.join(tempDir(), "cta.png");
  // Frame 80: inside the last line, where the call to action stands.
  await renderStill({ script, template: "promo", outputPath: out, frame: 80, resolution: "480p", voice: false });
  const png = readPng(out);
  const [r, g, b] = pixel(png, 20, 20); // top-left of the gradient: the primary colour
  expect(g).toBeGreaterThan(r + 60);
  expect(g).toBeGreaterThan(b + 60);
  let white = 0; // the button
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 245 && png.data[i + 1]! > 245 && png.data[i + 2]! > 245) white++;
  expect(white).toBeGreaterThan(3000);
});
