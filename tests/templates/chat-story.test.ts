import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { ReelgenError } from "../../script/reelgen-error";
import { renderStill } from "../../renderer/render-still";
import { renderVideo } from "../../renderer/render-video";
import { readPng, tempDir } from "../renderer/fixtures";

const chat = (extra: Record<string, unknown> = {}) => ({
  title: "Chat",
  characters: [
    { id: "me", name: "Me" },
    { id: "kim", name: "Kim" },
  ],
  chat: { me: "me" },
  scenes: [
    {
      id: "a",
      lines: [
        { speaker: "kim", text: "are you up", durationSec: 1 },
        { speaker: "me", text: "yes why", durationSec: 1 },
        { speaker: "kim", text: "look outside", durationSec: 1 },
      ],
    },
  ],
  ...extra,
});

/** Share of pixels in a half of the frame close to a colour. */
const share = (png: ReturnType<typeof readPng>, half: "left" | "right", rgb: [number, number, number]) => {
  let hits = 0;
  let total = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = half === "left" ? 0 : png.width / 2; x < (half === "left" ? png.width / 2 : png.width); x++) {
      const i = (y * png.width + Math.floor(x)) * 4;
      total++;
      if (Math.abs(png.data[i]! - rgb[0]) + Math.abs(png.data[i + 1]! - rgb[1]) + Math.abs(png.data[i + 2]! - rgb[2]) < 24) hits++;
    }
  }
  return hits / total;
};

describe("chat-story", () => {
  it("puts the phone owner's messages on the right in blue, the others' on the left in grey", async () => {
    const out = path.join(tempDir(), "chat.png");
    await renderStill({ script: chat(), template: "chat-story", outputPath: out, frame: 50, resolution: "480p", voice: false });
    const png = readPng(out);
    const blue: [number, number, number] = [0x0a, 0x84, 0xff];
    const grey: [number, number, number] = [0x2c, 0x2c, 0x2e];
    expect(share(png, "right", blue)).toBeGreaterThan(0.008);
    expect(share(png, "left", blue)).toBeLessThan(0.002);
    expect(share(png, "left", grey)).toBeGreaterThan(0.02);
  });

  it("without a chat field the first character owns the phone: pack defaults never leak into renders", async () => {
    // The pack's Studio defaults say chat.me = "sam"; Remotion merges defaults under input props.
    const script = chat();
    delete (script as { chat?: unknown }).chat;
    const out = path.join(tempDir(), "nochat.png");
    await renderStill({ script, template: "chat-story", outputPath: out, frame: 50, resolution: "480p", voice: false });
    expect(share(readPng(out), "right", [0x0a, 0x84, 0xff])).toBeGreaterThan(0.008);
  });

  it("renders a video of the script's length", async () => {
    const out = path.join(tempDir(), "chat.mp4");
    await renderVideo({ script: chat(), template: "chat-story", outputPath: out, resolution: "480p", voice: false });
    expect((await probeMedia(out)).video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 90 });
  });

  it("validates its own field with a JSON path", async () => {
    const err = await renderVideo({ script: chat({ chat: { me: 5 } }), template: "chat-story", outputPath: path.join(tempDir(), "x.mp4") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelgenError);
    expect((err as ReelgenError).problems).toEqual([{ path: "chat.me", message: "expected string, got number 5" }]);
  });
});
