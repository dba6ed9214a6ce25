import path from "node:path";
import { describe, expect, it } from "vitest";
import { OUTPUT_PRESETS, type OutputPreset } from "../../renderer/output-presets";
import { probeMedia } from "../../renderer/probe-media";
import { renderStill } from "../../renderer/render-still";
import { renderVideo } from "../../renderer/render-video";
import { computeLayout } from "../../compositions/layout";
import { frameSize } from "../../script";
import { templatePacks } from "../../templates/registry";
import { pixel, readPng, shortScript, tempDir } from "../renderer/fixtures";

describe.each(templatePacks.map((p) => [p.id, p] as const))("pack %s", (id, pack) => {
  it("renders the shared Script format to a video of its length", async () => {
    const out = path.join(tempDir(), `${id}.mp4`);
    await renderVideo({ script: shortScript(), template: id, outputPath: out, resolution: "480p", voice: false });
    expect((await probeMedia(out)).video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 75 });
  });

  it.each(pack.formats.map((f) => [f]))("lays out %s edge to edge: the scene's own background and its line drawn", async (format) => {
    const out = path.join(tempDir(), `${id}.png`);
    // An orange first scene: no pack's default or second-scene colour is anywhere near it.
    const script = shortScript({ format }) as { scenes: { background: unknown }[] };
    script.scenes[0]!.background = { type: "color", value: "#ea580c" };
    await renderStill({ script, template: id, outputPath: out, frame: 20, resolution: "480p", voice: false });
    const png = readPng(out);
    expect({ width: png.width, height: png.height }).toEqual(frameSize(format, "480p"));
    const total = png.width * png.height;
    let orange = 0;
    let white = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      // Orange's hue survives a pack's darkening overlay or vignette.
      if (r > g + 40 && g > b + 20 && r > 90) orange++;
      if (r > 225 && g > 225 && b > 225) white++;
    }
    expect(orange / total, "share of the frame showing the scene's orange").toBeGreaterThan(0.5);
    // "Hello there, friend!" is on screen at frame 20 in white in every pack: some white, not a white screen.
    expect(white, "white caption pixels").toBeGreaterThan(150);
    expect(white / total).toBeLessThan(0.2);
    // Edge to edge: the orange reaches all four corners (no letterbox bars).
    for (const [x, y] of [[1, 1], [png.width - 2, 1], [1, png.height - 2], [png.width - 2, png.height - 2]] as const) {
      const [r, g, b] = pixel(png, x, y);
      expect(r > g + 40 && g > b + 20, `${format} corner ${x},${y} is ${[r, g, b]}`).toBe(true);
    }
  });

  it("keeps text out of the platform UI zones on 9:16 (bottom fifth, right-hand action rail)", async () => {
    const out = path.join(tempDir(), `${id}-safe.png`);
    const long = "This caption is deliberately long so that it has to wrap over several lines and would spill into the app's buttons if the layout let it.";
    const script = shortScript({ scenes: [{ id: "a", background: { type: "color", value: "#2563eb" }, lines: [{ speaker: "ana", text: long, durationSec: 6 }, { speaker: "narrator", text: long, durationSec: 6 }] }] });
    for (const frame of [150, 330]) {
      await renderStill({ script, template: id, outputPath: out, frame, resolution: "480p", voice: false });
      const png = readPng(out);
      const layout = computeLayout(png.width, png.height);
      let outside = 0;
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) {
          const inUi = y >= png.height - layout.safe.bottom || x >= png.width - layout.safe.right;
          const i = (y * png.width + x) * 4;
          // Caption text is drawn white in every pack.
          if (inUi && png.data[i]! > 235 && png.data[i + 1]! > 235 && png.data[i + 2]! > 235) outside++;
        }
      }
      expect(outside, `white pixels in the UI zones at frame ${frame}`).toBeLessThan(10);
    }
  });

  it("its default props are a valid script for Studio", () => {
    expect(pack.schema.safeParse(pack.defaultProps).success).toBe(true);
  });
});

describe("presets", () => {
  it.each(Object.entries(OUTPUT_PRESETS))("%s gives its platform's frame", async (preset, { format }) => {
    const out = path.join(tempDir(), `${preset}.png`);
    const result = await renderStill({ script: shortScript(), template: "minidrama", outputPath: out, preset: preset as OutputPreset, voice: false, resolution: "1080p", frame: 10 });
    const png = readPng(out);
    expect({ width: png.width, height: png.height }).toEqual(frameSize(format, "1080p"));
    expect(result).toMatchObject(frameSize(format, "1080p"));
  });
});
