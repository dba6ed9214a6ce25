import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { renderStill } from "../../renderer/render-still";
import { renderVideo } from "../../renderer/render-video";
import { frameSize } from "../../script";
import { templatePacks } from "../../templates/registry";
import { distinctColours, readPng, shortScript, tempDir } from "../renderer/fixtures";

describe.each(templatePacks.map((p) => [p.id, p] as const))("pack %s", (id, pack) => {
  it("renders the shared Script format to a video of its length", async () => {
    const out = path.join(tempDir(), `${id}.mp4`);
    await renderVideo({ script: shortScript(), template: id, outputPath: out, resolution: "480p", voice: false });
    expect((await probeMedia(out)).video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 75 });
  });

  it.each(pack.formats.map((f) => [f]))("lays out %s edge to edge with something drawn", async (format) => {
    const out = path.join(tempDir(), `${id}.png`);
    await renderStill({ script: shortScript({ format }), template: id, outputPath: out, frame: 20, resolution: "480p", voice: false });
    const png = readPng(out);
    expect({ width: png.width, height: png.height }).toEqual(frameSize(format, "480p"));
    expect(distinctColours(png)).toBeGreaterThan(60);
  });

  it("its default props are a valid script for Studio", () => {
    expect(pack.schema.safeParse(pack.defaultProps).success).toBe(true);
  });
});
