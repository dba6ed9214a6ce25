import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CaptionBox } from "../script";
import { ReelgenError } from "../script/reelgen-error";
import { requireTemplatePack } from "../templates/registry";
import { defaultSceneKey } from "../templates/scene-key";
import { planSound } from "./plan-sound";
import { runFf } from "./ffmpeg-binaries";
import { MP4_AUDIO_LEAD_SAMPLES } from "./normalize-loudness";
import { reserveOutput } from "./output-file";
import { finalizeOutput, renderSegment, type FinalizeResult, type PlanRun } from "./render-plan";
import { toRenderError } from "./render-session";
import { videoPassTimeoutMs } from "./render-timeouts";
import type { RenderProgress } from "./video-formats";

/** Which scenes' segments came from the cache (hits) and which were rendered (misses), by scene index. */
export type SceneCacheReport = { hits: number[]; misses: number[]; joinSeconds: number };

export type RenderScenesCachedOptions = {
  /** Segments are kept under `<cacheDir>/segments/`. */
  cacheDir: string;
  concurrency: number;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal | null;
};

/** Moves a finished file into the cache (a copy where the cache is on another file system). */
const moveInto = async (from: string, to: string) => {
  await rename(from, to).catch(async () => {
    await writeFile(`${to}.${process.pid}.partial`, await readFile(from));
    await rename(`${to}.${process.pid}.partial`, to);
  });
};

/**
 * Renders one planned mp4 output scene by scene, reusing each scene's segment from an earlier
 * render when nothing it depends on changed: the pack's `sceneKey` (the scene, its neighbours
 * under a transition, whatever else the pack shows), the frame range, output size, fps and
 * bundle. A scene's segment is an H.264 MPEG-TS (it starts on a key frame) and its sound as
 * WAV, rendered in one pass; the pictures join without re-encoding, the sound joins sample-exact
 * and is encoded to AAC once over the whole video (Remotion's sound for a whole video costs about
 * as much as its pictures, so it is cached by scene too); then `finalizeOutput` normalises loudness, writes captions and
 * the quality report as for any render.
 */
export const renderScenesCached = async (run: PlanRun, index: number, options: RenderScenesCachedOptions): Promise<FinalizeResult & { sceneCache: SceneCacheReport }> => {
  const { plan } = run;
  const output = plan.outputs[index];
  if (output?.kind !== "video" || output.format !== "mp4") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `sceneCache: only mp4 video outputs are rendered by scene, output ${index} is not one` });
  const signal = options.signal ?? null;
  const pack = requireTemplatePack(plan.template.id);
  const sceneKey = pack.sceneKey ?? defaultSceneKey;
  // The key is taken from the plan's script (local asset paths), not the served props, whose URLs change every run.
  const script = { ...plan.script, format: output.aspect };
  const folder = path.join(options.cacheDir, "segments", plan.template.bundleHash, `${output.width}x${output.height}-${plan.fps}fps-${output.format}`);
  await mkdir(folder, { recursive: true });
  const total = plan.durationInFrames;
  const scenes = plan.timeline.scenes.filter((s) => s.durationInFrames > 0);
  const report: SceneCacheReport = { hits: [], misses: [], joinSeconds: 0 };
  // Speech, music and sound effects (compositions/soundtrack.tsx); with none of them a render has no audio track.
  const withSound = planSound(plan).mayPlay;
  const started = performance.now();
  const work = await mkdtemp(path.join(os.tmpdir(), "reelgen-scenes-"));
  const out = await reserveOutput(output.outputPath);
  try {
    const videos: string[] = [];
    const sounds: string[] = [];
    const captionBoxes: CaptionBox[] = [];
    let done = 0;
    for (const timed of scenes) {
      const sceneIndex = plan.timeline.scenes.indexOf(timed);
      const frameRange: [number, number] = [timed.from, timed.from + timed.durationInFrames - 1];
      const key = createHash("sha256")
        .update(JSON.stringify({ v: 1, template: plan.template, frameRange, total, sound: withSound, fps: plan.fps, width: output.width, height: output.height, format: output.format, scene: sceneKey(script, sceneIndex) }))
        .digest("hex");
      const video = path.join(folder, `${key}.ts`);
      const sound = path.join(folder, `${key}.wav`);
      const boxes = path.join(folder, `${key}.json`);
      const cached = await stat(boxes).then(
        () => true,
        () => false,
      );
      if (cached) {
        report.hits.push(sceneIndex);
        captionBoxes.push(...(JSON.parse(await readFile(boxes, "utf8")) as CaptionBox[]));
      } else {
        report.misses.push(sceneIndex);
        const progress = (p: RenderProgress) => options.onProgress?.({ ...p, progress: (done + p.progress * timed.durationInFrames) / total, totalFrames: total });
        // Picture and sound in one pass (a pass costs the browser's page loads as well as the frames).
        const segment = await renderSegment(run, { output: index, frameRange, track: withSound ? "separate" : "video", videoPath: path.join(work, `${key}.ts`), concurrency: options.concurrency, signal, onProgress: progress });
        if (segment.audio) await moveInto(segment.audio, sound);
        await moveInto(path.join(work, `${key}.ts`), video);
        // The caption boxes last: their file marks a complete entry.
        await writeFile(path.join(work, `${key}.json`), JSON.stringify(segment.captionBoxes));
        await moveInto(path.join(work, `${key}.json`), boxes);
        captionBoxes.push(...segment.captionBoxes);
      }
      videos.push(video);
      sounds.push(sound);
      done += timed.durationInFrames;
    }

    options.onProgress?.({ stage: "encoding", progress: 0, renderedFrames: total, encodedFrames: total, totalFrames: total });
    const joinStarted = performance.now();
    // Paths are ours (hex keys under the cache folder), quoted for the concat demuxer.
    const list = async (name: string, files: string[]) => {
      await writeFile(path.join(work, name), files.map((f) => `file '${f.replaceAll("'", "'\\''")}'`).join("\n"));
      return path.join(work, name);
    };
    try {
      await runFf(
        "ffmpeg",
        [
          "-hide_banner",
          "-r",
          String(plan.fps),
          "-f",
          "concat",
          "-safe",
          "0",
          "-i",
          await list("video.txt", videos),
          // The scenes' sound, sample-exact PCM (a frame is a whole number of samples), encoded once,
          // late by the lead of Remotion's own mp4 audio, which finalize's loudness pass removes.
          ...(withSound
            ? ["-f", "concat", "-safe", "0", "-i", await list("sound.txt", sounds), "-map", "0:v", "-map", "1:a", "-af", `adelay=delays=${MP4_AUDIO_LEAD_SAMPLES}S:all=1`, "-c:a", "aac", "-b:a", "320k"]
            : []),
          "-c:v",
          "copy",
          "-movflags",
          "+faststart",
          "-f",
          "mp4",
          "-y",
          out.tempPath,
        ],
        { timeoutMs: videoPassTimeoutMs(run.timeouts, total / plan.fps), signal, what: "joining the scene segments" },
      );
    } catch (err) {
      throw toRenderError(err, signal, "Joining the scene segments failed");
    }
    report.joinSeconds = (performance.now() - joinStarted) / 1000;
    const renderSeconds = (performance.now() - started) / 1000;
    const result = await finalizeOutput(run, index, [{ output: index, frameRange: [0, total - 1], video: out.tempPath, audio: null, captionBoxes, renderSeconds }], { signal, onProgress: options.onProgress, out });
    return { ...result, joinSeconds: report.joinSeconds, sceneCache: report };
  } catch (err) {
    await out.discard();
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};
