import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderStill } from "../../renderer/index";
import { buildTimeline, validateScript } from "../../script";
import { templatePackInfos } from "../../templates/load-template-pack";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer } from "../server/harness";
import { launchBrowser, SCREENSHOT_DIR } from "./browser";
import { startForeignSite, type ForeignSite } from "./foreign-site";

/** One script for every pack: a heading card, two speakers, a narrator; no files, no emoji (the two browsers' fallback fonts differ). */
const SCRIPT = {
  title: "Pixel check",
  format: "9:16",
  characters: [
    { id: "maya", name: "Maya", color: "#f43f5e" },
    { id: "leo", name: "Leo", color: "#38bdf8" },
  ],
  scenes: [
    {
      id: "one",
      heading: "Office kitchen",
      background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] },
      lines: [
        { speaker: "maya", text: "Where did my lunch go today?" },
        { speaker: "leo", text: "Nobody knows, but the cat looks happy." },
        { speaker: "narrator", text: "The cat did not look sorry at all." },
      ],
    },
  ],
};

/** The frames compared: inside the heading card, and late in the second line (its caption fully in). */
const framesOf = (): number[] => {
  const result = validateScript(SCRIPT);
  if (!result.ok) throw new Error("test script invalid");
  const [scene] = buildTimeline(result.script).scenes;
  const late = (i: number) => scene!.from + scene!.lines[i]!.from + Math.round(scene!.lines[i]!.durationInFrames * 0.75);
  return [Math.round(scene!.headingFrames / 2), late(1)];
};

/**
 * How far two frames may be apart: the mean absolute difference of any one channel, 0–255, after
 * both are averaged down to 270×480. The player draws the same DOM as the renderer but in another
 * Chromium (Debian's vs the renderer's headless shell), scaled by CSS instead of laid out at the
 * output size, so glyph edges differ slightly: measured 0.01–0.13 across the packs. A wrong frame
 * (the heading card vs a line, same video) measured 6.2–35, a missing layer (the captions
 * switched off) 5.2–6.0. 1.0 sits between with a wide margin on both sides, and the test checks
 * both sides on every run, so a threshold that stopped separating them would fail.
 */
const THRESHOLD = 1.0;
const SIZE = { width: 270, height: 480 };
const SCALE = 4; // Captured at 1080×1920 device pixels, then both images are averaged down to 270×480.

/** Averages `scale`×`scale` blocks: the same downscale for both images, so only content differences remain. */
const downscale = (png: PNG, width: number, height: number): Float64Array => {
  const sx = png.width / width;
  const sy = png.height / height;
  const out = new Float64Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let yy = Math.floor(y * sy); yy < Math.floor((y + 1) * sy); yy++) {
        for (let xx = Math.floor(x * sx); xx < Math.floor((x + 1) * sx); xx++) {
          const i = (yy * png.width + xx) * 4;
          r += png.data[i]!;
          g += png.data[i + 1]!;
          b += png.data[i + 2]!;
          n++;
        }
      }
      out.set([r / n, g / n, b / n], (y * width + x) * 3);
    }
  }
  return out;
};

/** The largest of the three channels' mean absolute differences. */
const meanDifference = (a: Float64Array, b: Float64Array): number => {
  const sums = [0, 0, 0];
  for (let i = 0; i < a.length; i++) sums[i % 3]! += Math.abs(a[i]! - b[i]!);
  return Math.max(...sums.map((s) => s / (a.length / 3)));
};

const toPng = (pixels: Float64Array, { width, height }: { width: number; height: number }): Buffer => {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) png.data[i * 4 + c] = Math.round(pixels[i * 3 + c]!);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
};

describe("the player's frames match the renderer's (every pack)", () => {
  let server: TestServer;
  let browser: Browser;
  let site: ForeignSite;
  const dir = tempDir();
  const frames = framesOf();
  const report: string[] = [];

  beforeAll(async () => {
    [server, browser, site] = await Promise.all([startTestServer(), launchBrowser(), startForeignSite()]);
    site.page("/site.css", "body { margin: 0; background: #fff; }", { type: "text/css" });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    process.stderr.write(`player vs renderStill, mean abs difference per channel (threshold ${THRESHOLD}):\n${report.join("\n")}\n`);
    await browser?.close();
    await site?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The player's picture at `frame`, no controls, captions on or off, as the embed shows it on a foreign page. */
  const playerFrame = async (template: string, frame: number, captions = true): Promise<Float64Array> => {
    const url = site.page(
      `/${template}-${frame}-${captions}.html`,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pixels</title><link rel="stylesheet" href="/site.css"></head><body><script src="${server.url}/embed.js" async></script>` +
        `<div data-reelgen-template="${template}" data-controls="0" data-captions="${captions ? 1 : 0}" data-start="${frame / 30}"><script type="application/json">${JSON.stringify(SCRIPT)}</script></div></body></html>`,
      { csp: `default-src 'none'; script-src ${server.url}; frame-src ${server.url}; style-src 'self'` },
    );
    const page = await browser.newPage({ viewport: SIZE, deviceScaleFactor: SCALE });
    try {
      await page.goto(url);
      const handle = await page.locator("iframe").elementHandle({ timeout: 15_000 });
      const content = (await handle!.contentFrame())!;
      await content.locator("[data-ready]").waitFor({ timeout: 20_000 });
      await content.evaluate(async () => {
        await document.fonts.ready;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      const box = (await handle!.boundingBox())!;
      expect([box.width, box.height]).toEqual([SIZE.width, SIZE.height]);
      return downscale(PNG.sync.read(await handle!.screenshot({ animations: "allow" })), SIZE.width, SIZE.height);
    } finally {
      await page.close();
    }
  };

  const renderedFrame = async (template: string, frame: number): Promise<Float64Array> => {
    const outputPath = path.join(dir, `${template}-${frame}.png`);
    await renderStill({ script: SCRIPT, template, outputPath, frame, resolution: "1080p", voice: false });
    return downscale(PNG.sync.read(readFileSync(outputPath)), SIZE.width, SIZE.height);
  };

  for (const { id } of templatePackInfos) {
    it(`${id}: frames ${frames.join(", ")} match renderStill; another frame and a missing caption layer do not`, async () => {
      const rendered: Float64Array[] = [];
      const played: Float64Array[] = [];
      for (const frame of frames) {
        const [still, shown] = await Promise.all([renderedFrame(id, frame), playerFrame(id, frame)]);
        rendered.push(still);
        played.push(shown);
        writeFileSync(path.join(SCREENSHOT_DIR, `pixels-${id}-${frame}-player.png`), toPng(shown, SIZE));
        writeFileSync(path.join(SCREENSHOT_DIR, `pixels-${id}-${frame}-render.png`), toPng(still, SIZE));
      }
      const same = frames.map((_, i) => meanDifference(played[i]!, rendered[i]!));
      // Each player frame against the renderer's next frame in the list: another moment of the video.
      const wrong = frames.map((_, i) => meanDifference(played[i]!, rendered[(i + 1) % frames.length]!));
      // The line with its caption switched off in the player: one layer missing. chat-story draws
      // its lines as message bubbles, not captions: it has nothing to switch off.
      const noCaption = id === "chat-story" ? null : meanDifference(await playerFrame(id, frames.at(-1)!, false), rendered.at(-1)!);
      report.push(`  ${id.padEnd(15)} same frame ${same.map((d) => d.toFixed(2)).join(" / ")}   wrong frame ${wrong.map((d) => d.toFixed(2)).join(" / ")}   no captions ${noCaption?.toFixed(2) ?? "n/a"}`);
      for (const d of same) expect(d, `${id}: player vs renderStill`).toBeLessThan(THRESHOLD);
      for (const d of wrong) expect(d, `${id}: player vs another frame`).toBeGreaterThan(THRESHOLD);
      if (noCaption !== null) expect(noCaption, `${id}: player without captions`).toBeGreaterThan(THRESHOLD);
    });
  }
});
