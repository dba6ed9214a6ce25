/**
 * Issue 11's render targets, measured side by side in one run (compare ratios, not seconds):
 *
 *   (a) reelgen's default render vs plain Remotion (`renderMedia` with its defaults and Debian's
 *       Chromium) on the same composition and props, with the picture compared by SSIM;
 *   (c) one chunked render (RENDER_CHUNK_FRAMES) on one worker process vs two, against the real
 *       PostgreSQL and Redis, and how long the join (the finalize job) takes.
 *   (b) a ten-scene script (480p, voiced) with one line edited: re-rendered from the scene cache
 *       (`renderVideo({ sceneCache: true })`, the original rendered into it first) vs a fresh render.
 *
 *   npx tsx bench/render-scale.ts
 *
 * Prints a table and writes bench/results/render-scale.json.
 */
import { openBrowser, renderMedia, selectComposition } from "@remotion/renderer";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ensureBundle } from "../renderer/bundle-cache";
import { checkRenderInput } from "../renderer/prepare-render";
import { PROJECT_ROOT } from "../renderer/project-paths";
import { renderVideo } from "../renderer/render-video";
import { serveScriptAssets } from "../renderer/serve-script-assets";
import { CHUNK_QUEUE } from "../server/renders/chunk-jobs";
import { startTestServer } from "../tests/server/harness";
import { renderBody, spawnWorker, waitFor, workerEnv } from "../tests/server/render-helpers";
import { REDIS_TEST_URL } from "../tests/server/services";
import { Queue } from "bullmq";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "reelgen-bench-scale-"));
const seconds = (from: number) => (performance.now() - from) / 1000;
const results: Record<string, unknown> = {};

/** Mean SSIM (ffmpeg's `ssim` filter, Debian's ffmpeg) of two videos' first `frames` frames. */
const ssim = async (a: string, b: string, frames: number) => {
  const { stderr } = await run("ffmpeg", ["-hide_banner", "-i", a, "-i", b, "-frames:v", String(frames), "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"], { maxBuffer: 64 * 1024 * 1024 });
  return Number(/All:([\d.]+)/.exec(stderr)![1]);
};

// (a) ---------------------------------------------------------------------------------------------
const sample = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "examples", "lunch-thief.json"), "utf8"));
const bundle = await ensureBundle();
const input = checkRenderInput(sample, "minidrama");
const assets = await serveScriptAssets(input.script, path.join(PROJECT_ROOT, "examples"));
const plain = path.join(dir, "plain.mp4");
const debian = "/usr/bin/chromium";
if (!existsSync(debian)) throw new Error("plain Remotion is measured with Debian's Chromium: bin/setup.sh installs it");
let started = performance.now();
const browser = await openBrowser("chrome", { browserExecutable: debian, logLevel: "error", chromeMode: "chrome-for-testing" });
const composition = await selectComposition({ serveUrl: bundle.serveUrl, id: "minidrama", inputProps: assets.script, puppeteerInstance: browser, logLevel: "error" });
const frames = composition.durationInFrames;
await renderMedia({ composition, serveUrl: bundle.serveUrl, inputProps: assets.script, codec: "h264", outputLocation: plain, puppeteerInstance: browser, logLevel: "error", hardwareAcceleration: "disable" });
const plainSeconds = seconds(started);
await browser.close({ silent: true });
await assets.close();

const ours = path.join(dir, "reelgen.mp4");
started = performance.now();
// No voice: the sample's lines carry durations; this compares drawing and encoding, as plain Remotion has no voices.
await renderVideo({ script: sample, template: "minidrama", outputPath: ours, assetBaseDir: path.join(PROJECT_ROOT, "examples"), voice: false });
const oursSeconds = seconds(started);
const picture = await ssim(plain, ours, frames);
results.a = { frames, plainSeconds, reelgenSeconds: oursSeconds, speedup: plainSeconds / oursSeconds, ssim: picture, target: { speedup: 3, ssim: 0.98 } };
console.log("(a)", JSON.stringify(results.a));

// (b) ---------------------------------------------------------------------------------------------
{
  const cacheDir = path.join(dir, "scene-cache");
  const tenScenes = (edited: boolean) => ({
    title: "Ten scenes",
    characters: [{ id: "ana", name: "Ana" }, { id: "ben", name: "Ben" }],
    scenes: Array.from({ length: 10 }, (_, i) => ({
      id: `s${i}`,
      transition: (["fade", "slide", "cut", "wipe", "zoom"] as const)[i % 5],
      background: { type: "gradient", colors: ["#1e1b4b", ["#7c2d12", "#065f46", "#1d4ed8"][i % 3]] },
      lines: [
        { speaker: "ana", text: `Scene ${i + 1}: where were you last night?`, durationSec: 1.2 },
        { speaker: "ben", text: edited && i === 4 ? "At the harbour, watching the ships come in." : `Out, like every night before scene ${i + 2}.`, durationSec: 1.2 },
      ],
    })),
  });
  const common = { template: "minidrama", resolution: "480p" as const, concurrency: 2 };
  const first = await renderVideo({ ...common, script: tenScenes(false), outputPath: path.join(dir, "b-first.mp4"), sceneCache: true, cacheDir });
  const fresh = await renderVideo({ ...common, script: tenScenes(true), outputPath: path.join(dir, "b-fresh.mp4") });
  const cached = await renderVideo({ ...common, script: tenScenes(true), outputPath: path.join(dir, "b-cached.mp4"), sceneCache: true, cacheDir });
  results.b = {
    frames: fresh.durationInFrames,
    firstCachedSeconds: first.wallSeconds,
    freshSeconds: fresh.wallSeconds,
    cachedSeconds: cached.wallSeconds,
    ratio: cached.wallSeconds / fresh.wallSeconds,
    cache: cached.sceneCache,
    target: { ratio: 0.2 },
  };
  console.log("(b)", JSON.stringify(results.b));
}

// (c) ---------------------------------------------------------------------------------------------
const CHUNK = 90;
const server = await startTestServer({ database: "postgres", env: { START_WORKER: "0" } });
const env = workerEnv(server, { RENDER_CHUNK_FRAMES: String(CHUNK) });
const user = await server.user();
const script = JSON.parse(JSON.stringify(sample));
// The first three scenes of the sample (900 frames) at 720p: ten chunks of 90, short enough to run twice.
script.scenes = script.scenes.slice(0, 3);
const body = renderBody({ script: mapAvatars(script), outputs: [{ format: "mp4", resolution: "720p" }] });
const chunked = async (workers: number) => {
  const procs = Array.from({ length: workers }, () => spawnWorker(env));
  try {
    // Every worker ready (its browser is opened by its first job, as in production).
    await waitFor("the workers", async () => (await workerCount()) >= workers, 60_000, 200);
    const t = performance.now();
    const order = await server.api("/v1/renders", { headers: user.auth, body });
    if (order.status !== 202) throw new Error(`submit answered ${order.status}: ${JSON.stringify(order.body)}`);
    await waitFor("the render", async () => {
      const r = await server.api(`/v1/renders/${order.body.id}`, { headers: user.auth });
      if (r.body.status === "failed") throw new Error(JSON.stringify(r.body.error));
      return r.body.status === "completed";
    }, 900_000, 250);
    const total = seconds(t);
    const queue = new Queue(CHUNK_QUEUE, { connection: { url: REDIS_TEST_URL }, prefix: env.REDIS_PREFIX });
    const jobs = (await queue.getJobs(["completed"])).filter((j) => j.data.renderId === order.body.id);
    await queue.close();
    const finalize = jobs.find((j) => j.data.kind === "finalize")!;
    // The join: fetching the segments and joining them (what chunking adds); the finalize job also
    // normalises loudness and checks quality, as a whole render does.
    const finalized = finalize.returnvalue as { result: { joinSeconds: number } };
    return { workers, seconds: total, chunks: jobs.length - 1, joinSeconds: finalized.result.joinSeconds, finalizeSeconds: (finalize.finishedOn! - finalize.processedOn!) / 1000 };
  } finally {
    for (const p of procs) p.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 3000));
  }
};
const workerCount = async () => {
  const queue = new Queue(CHUNK_QUEUE, { connection: { url: REDIS_TEST_URL }, prefix: env.REDIS_PREFIX });
  try {
    return (await queue.getWorkers()).length;
  } finally {
    await queue.close();
  }
};
const one = await chunked(1);
const two = await chunked(2);
results.c = { one, two, speedup: one.seconds / two.seconds, joinShare: two.joinSeconds / two.seconds, target: { speedup: 1.7, joinShare: 0.05 } };
await server.close();


function mapAvatars(s: { characters: Record<string, unknown>[]; scenes: Record<string, unknown>[]; music?: unknown }) {
  // The server takes media by media:<id>: the sample's local files (avatars, image backgrounds, music) are left out here.
  const { music: _music, ...rest } = s;
  return {
    ...rest,
    characters: s.characters.map(({ avatar: _avatar, ...c }) => c),
    scenes: s.scenes.map((scene) => ((scene.background as { src?: string } | undefined)?.src ? { ...scene, background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] } } : scene)),
  };
}

const a = results.a as { frames: number; plainSeconds: number; reelgenSeconds: number; speedup: number; ssim: number };
const c = results.c as { one: { seconds: number }; two: { seconds: number; joinSeconds: number; finalizeSeconds: number; chunks: number }; speedup: number; joinShare: number };
console.log(`\n(a) ${a.frames} frames of the sample, 1080×1920: plain Remotion ${a.plainSeconds.toFixed(1)} s, reelgen ${a.reelgenSeconds.toFixed(1)} s → ×${a.speedup.toFixed(2)} (target ×3), SSIM ${a.ssim.toFixed(4)} (target ≥ 0.98)`);
const b = results.b as { frames: number; firstCachedSeconds: number; freshSeconds: number; cachedSeconds: number; ratio: number; cache: { hits: number[]; misses: number[] } };
console.log(`(b) ten scenes, ${b.frames} frames at 480p, one line edited: fresh ${b.freshSeconds.toFixed(1)} s, from the scene cache ${b.cachedSeconds.toFixed(1)} s (${b.cache.misses.length} of 10 scenes re-rendered) → ${(100 * b.ratio).toFixed(0)}% (target ≤ 20%); the first render into the cache ${b.firstCachedSeconds.toFixed(1)} s`);
console.log(`(c) ${c.two.chunks} chunks of ${CHUNK} frames at 720p: one worker ${c.one.seconds.toFixed(1)} s, two ${c.two.seconds.toFixed(1)} s → ×${c.speedup.toFixed(2)} (target ×1.7); join ${c.two.joinSeconds.toFixed(1)} s = ${(100 * c.joinShare).toFixed(1)}% (target ≤ 5%; the whole finalize job, loudness and quality checks included: ${c.two.finalizeSeconds.toFixed(1)} s)`);
const out = path.join(PROJECT_ROOT, "bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "render-scale.json"), JSON.stringify({ measuredAt: new Date().toISOString(), cores: os.availableParallelism(), ...results }, null, 2));
process.exit(0);
