/**
 * Render throughput, measured side by side in one run (these machines are noisy: compare the
 * ratios, not the absolute figures). Renders the same 6-second slice of the sample at 1080p with
 * each browser available and each x264 preset, and prints frames/s and file size.
 *
 *   npm run bench    (then bench/embed-budget.ts: the embeddable player's sizes and first frame)
 */
import { openBrowser, renderMedia, selectComposition, type X264Preset } from "@remotion/renderer";
import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveBrowserExecutable } from "../renderer/browser";
import { ensureBundle } from "../renderer/bundle-cache";
import { PROJECT_ROOT } from "../renderer/project-paths";

const FRAMES = 180;
const script = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "examples", "lunch-thief.json"), "utf8"));
// Drop local assets: this measures drawing and encoding, not file serving.
script.characters = script.characters.map(({ avatar: _avatar, ...c }: Record<string, unknown>) => c);
script.scenes = script.scenes.map((s: Record<string, unknown>) => ({ ...s, background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] } }));

const bundle = await ensureBundle();
const browsers: [string, string][] = [["@sparticuz/chromium headless shell", await resolveBrowserExecutable()]];
if (existsSync("/usr/bin/chromium")) browsers.push(["Debian chromium", "/usr/bin/chromium"]);
const presets: X264Preset[] = ["veryfast", "medium", "ultrafast"];
const concurrency = os.availableParallelism();
const rows: { browser: string; preset: string; fps: number; mb: number }[] = [];

for (const [name, executable] of browsers) {
  const browser = await openBrowser("chrome", { browserExecutable: executable, logLevel: "error", chromeMode: executable.includes("chromium-") ? "headless-shell" : "chrome-for-testing" });
  const composition = await selectComposition({ serveUrl: bundle.serveUrl, id: "minidrama", inputProps: script, puppeteerInstance: browser, logLevel: "error" });
  for (const preset of presets) {
    const out = path.join(os.tmpdir(), `reelgen-bench-${preset}.mp4`);
    const started = performance.now();
    await renderMedia({ composition, serveUrl: bundle.serveUrl, inputProps: script, codec: "h264", outputLocation: out, overwrite: true, puppeteerInstance: browser, concurrency, frameRange: [0, FRAMES - 1], imageFormat: "jpeg", x264Preset: preset, colorSpace: "bt709", hardwareAcceleration: "disable", logLevel: "error" });
    rows.push({ browser: name, preset, fps: FRAMES / ((performance.now() - started) / 1000), mb: statSync(out).size / 1e6 });
  }
  await browser.close({ silent: true });
}

const base = rows[0]!;
console.log(`${FRAMES} frames of examples/lunch-thief.json at 1080×1920, concurrency ${concurrency}`);
for (const r of rows) {
  console.log(`${r.browser.padEnd(36)} ${r.preset.padEnd(10)} ${r.fps.toFixed(1).padStart(5)} fps (×${(r.fps / base.fps).toFixed(2)})  ${r.mb.toFixed(2)} MB (×${(r.mb / base.mb).toFixed(2)})`);
}

// Then the embeddable player's budgets: loader and chunk sizes, first frame on a foreign page.
await import("./embed-budget");
