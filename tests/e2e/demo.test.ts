import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { buildTimeline } from "../../script/timeline";
import { probeMedia } from "../../renderer/probe-media";
import { prepareSpeech, speechProviderFromEnv } from "../../renderer/prepare";
import { CACHE_DIR, PROJECT_ROOT } from "../../renderer/project-paths";
import { validateScript } from "../../script";
import { tempDir } from "../renderer/fixtures";

// What `npm run demo` does, written to a temp folder: the sample script at full 1080p.
it("renders the sample script to a 1080×1920 H.264 MP4 of the script's duration", async () => {
  const sample = path.join(PROJECT_ROOT, "examples", "lunch-thief.json");
  const out = path.join(tempDir(), "lunch-thief.mp4");
  const { stdout } = await promisify(execFile)("node", [path.join(PROJECT_ROOT, "bin", "reelgen.js"), "render", sample, "--out", out, "--json"], { cwd: PROJECT_ROOT });
  const summary = JSON.parse(stdout);

  const parsed = validateScript(JSON.parse(readFileSync(sample, "utf8")));
  if (!parsed.ok) throw new Error("the sample script should be valid");
  // The script's duration: its lines timed by their voices (from the audio cache, same as the render).
  const voiced = await prepareSpeech({ script: parsed.script, provider: speechProviderFromEnv({}), cacheDir: CACHE_DIR });
  expect(voiced.synthesized).toBe(0);
  const frames = buildTimeline(voiced.script).durationInFrames;

  const probe = await probeMedia(out);
  expect(probe.video).toMatchObject({ codec: "h264", width: 1080, height: 1920, frames, fps: 30, pixelFormat: "yuv420p" });
  expect(probe.durationSec).toBeCloseTo(frames / 30, 1);
  expect(summary).toMatchObject({ outputPath: out, durationInFrames: frames, width: 1080, height: 1920 });
  expect(summary.speech.synthesized + summary.speech.cached).toBe(9);
  // Voices, music ducked under them, and the mix at the platform loudness.
  expect(summary.loudness).toMatchObject({ normalized: true });
  expect(summary.quality.checks.find((c: { id: string }) => c.id === "loudness").status).toBe("pass");
  expect(probe.audio).toMatchObject({ codec: "aac" });
  expect(readFileSync(out.replace(/\.mp4$/, ".srt"), "utf8")).toContain("Priya: It wasn't Leo.");
  // The sample passes its own quality gate clean: not one warning (its night scene used to count as black frames).
  expect(summary.quality.checks.filter((c: { status: string }) => c.status === "warn")).toEqual([]);
  expect(summary.quality.ok).toBe(true);
}, 600_000);
