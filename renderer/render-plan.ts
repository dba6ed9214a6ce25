import { combineChunks, renderMedia, renderStill as remotionRenderStill, selectComposition } from "@remotion/renderer";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { VideoConfig } from "remotion";
import { buildTimeline, CAPTION_BOX_LOG, frameSize, RESOLUTIONS, type CaptionBox, type Format, type Resolution, type Script, type Timeline } from "../script";
import { ReelgenError } from "../script/reelgen-error";
import { hashBundleInputs } from "./bundle-cache";
import { normalizeLoudness, type LoudnessResult } from "./normalize-loudness";
import { reserveOutput, type OutputFile } from "./output-file";
import type { OutputPreset } from "./output-presets";
import { prepareMusicBed, speechProviderFromConfig, type SpeechProvider } from "./prepare";
import { checkRenderInput, voiceScript, withOverrides, type ScriptOverrides } from "./prepare-render";
import { planSound } from "./plan-sound";
import { probeMedia } from "./probe-media";
import { DEFAULT_CACHE_DIR } from "./project-paths";
import { checkQuality, writeQualityReport } from "./quality-report";
import { resolveRenderTimeouts, type RenderTimeouts } from "./render-timeouts";
import { remotionCancelSignal, toRenderError, type RenderSession } from "./render-session";
import { serveScriptAssets } from "./serve-script-assets";
import { checkStillPath, pickCoverFrame } from "./still-frame";
import { checkVideoOptions, VIDEO_FORMATS, type RenderProgress, type RenderVideoResult, type VideoFormat } from "./video-formats";
import { writeCaptionFiles } from "./write-captions";

/** One file a plan produces. `aspect` is the script's `format` as this output shows it (a preset sets it). */
export type PlannedOutput =
  | { kind: "video"; outputPath: string; format: VideoFormat; resolution: Resolution; width: number; height: number; aspect: Format }
  | { kind: "still"; outputPath: string; imageFormat: "png" | "jpeg"; frame: number; width: number; height: number; aspect: Format };

/**
 * A render, prepared once: everything the frames depend on, serialisable (JSON) so a chunk job
 * on another worker renders exactly the same thing. Speech is already synthesised: each line's
 * audio is a file in the voice cache (local paths, resolved against `assetBaseDir`).
 */
export type RenderPlan = {
  version: 1;
  /** The pack and the bundle (its content hash) whose code draws the frames. */
  template: { id: string; bundleHash: string };
  /** The validated, voiced script. */
  script: Script;
  /** Lines voiced and cache hits; null without voices. */
  speech: { synthesized: number; cached: number } | null;
  assetBaseDir: string;
  fps: number;
  durationInFrames: number;
  timeline: Timeline;
  outputs: PlannedOutput[];
  /** Quality-gate warnings become an error (`QUALITY_FAILED`). */
  strict: boolean;
};

export type OutputRequest = { outputPath: string; preset?: OutputPreset; format?: VideoFormat; resolution?: Resolution };
export type StillRequest = { outputPath: string; frame?: number | "auto"; resolution?: Resolution; preset?: OutputPreset };

export type PrepareRenderOptions = ScriptOverrides & {
  /** The script as parsed JSON; it is validated here. */
  script: unknown;
  template: string;
  outputs: OutputRequest[];
  /** Stills (a cover, a thumbnail); `frame` defaults to one picked from the script. */
  stills?: StillRequest[];
  /** Folder that relative asset paths in the script are resolved against. Default: cwd. */
  assetBaseDir?: string;
  /** Speak every line (default true); false renders silent, captions-only videos. */
  voice?: boolean;
  /** Default the offline voices (Festival and flite for English, espeak-ng for other languages); the CLI passes `speechProviderFromEnv(process.env)`, the server its configured one. */
  speechProvider?: SpeechProvider;
  strict?: boolean;
  /** Where voices are cached (and bundles; default `.cache/` in the checkout). */
  cacheDir?: string;
  timeouts?: Partial<RenderTimeouts>;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal;
};

/**
 * Checks every requested output (format against file name, resolution, the script as each
 * output shows it, that each file can be written), then voices every line once, and returns the
 * plan. A bad last output costs nothing: it fails before anything is spoken.
 */
export const prepareRender = async (options: PrepareRenderOptions): Promise<RenderPlan> => {
  const timeouts = resolveRenderTimeouts(options.timeouts);
  const checked = options.outputs.map((request) => ({ request, ...checkVideoOptions(request), input: checkRenderInput(withOverrides(options.script, { ...options, preset: request.preset ?? options.preset }), options.template) }));
  const stills = (options.stills ?? []).map((request) => {
    const resolution = request.resolution ?? "1080p";
    if (!(resolution in RESOLUTIONS)) {
      throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `resolution: expected one of ${Object.keys(RESOLUTIONS).join(", ")}, got "${resolution}"` });
    }
    const frame = request.frame ?? "auto";
    if (frame !== "auto" && (!Number.isInteger(frame) || frame < 0)) {
      throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `frame: expected "auto" or a whole number from 0, got ${frame}` });
    }
    return { request, resolution, frame, imageFormat: checkStillPath(request.outputPath), input: checkRenderInput(withOverrides(options.script, { ...options, preset: request.preset ?? options.preset }), options.template) };
  });
  const base = checked[0]?.input ?? stills[0]?.input ?? checkRenderInput(withOverrides(options.script, options), options.template);
  for (const file of [...options.outputs, ...(options.stills ?? [])].map((o) => o.outputPath)) await (await reserveOutput(file)).discard();

  const onProgress = options.onProgress ?? (() => {});
  const signal = options.signal ?? null;
  const provider = options.voice === false ? null : (options.speechProvider ?? speechProviderFromConfig({}));
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const voiced = provider
    ? await voiceScript(base.script, provider, {
        cacheDir,
        timeouts,
        signal,
        onProgress: (done, total) => onProgress({ stage: "voicing", progress: total ? done / total : 1, renderedFrames: 0, encodedFrames: 0, totalFrames: 0 }),
      })
    : null;
  const fps = base.pack.fps;
  const timeline = buildTimeline(voiced?.script ?? base.script, fps);
  // `music.mood` without a src: the bed is made here, once, for every path that renders (CLI, server, chunks, Lambda); stills have no sound.
  const { script } = checked.length
    ? await prepareMusicBed({ script: voiced?.script ?? base.script, durationSec: timeline.durationInFrames / fps, cacheDir, timeouts, signal })
    : { script: voiced?.script ?? base.script };
  const outputs: PlannedOutput[] = [
    ...checked.map(({ request, format, resolution, input }): PlannedOutput => ({
      kind: "video",
      outputPath: path.resolve(request.outputPath),
      format,
      resolution,
      ...frameSize(input.script.format, resolution),
      aspect: input.script.format,
    })),
    ...stills.map(({ request, resolution, frame, imageFormat, input }): PlannedOutput => {
      const at = frame === "auto" ? pickCoverFrame(timeline) : frame;
      if (at >= timeline.durationInFrames) {
        throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `frame: this script has frames 0 to ${timeline.durationInFrames - 1}, got ${at}` });
      }
      return { kind: "still", outputPath: path.resolve(request.outputPath), imageFormat, frame: at, ...frameSize(input.script.format, resolution), aspect: input.script.format };
    }),
  ];
  return {
    version: 1,
    template: { id: base.pack.id, bundleHash: await hashBundleInputs() },
    script,
    speech: voiced ? { synthesized: voiced.synthesized, cached: voiced.cached } : null,
    assetBaseDir: path.resolve(options.assetBaseDir ?? process.cwd()),
    fps,
    durationInFrames: timeline.durationInFrames,
    timeline,
    outputs,
    strict: options.strict ?? false,
  };
};

/**
 * A plan being rendered in a session: its local assets served to the browser once, and each
 * output's composition resolved once. Close it when done.
 */
export type PlanRun = {
  session: RenderSession;
  plan: RenderPlan;
  timeouts: RenderTimeouts;
  composition: (output: number, signal?: AbortSignal | null) => Promise<{ composition: VideoConfig; inputProps: Script }>;
  close: () => Promise<void>;
};

export const openPlanRun = async (session: RenderSession, plan: RenderPlan, options: { timeouts?: Partial<RenderTimeouts> } = {}): Promise<PlanRun> => {
  if (plan.version !== 1) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `plan.version: expected 1, got ${String(plan.version)}` });
  const timeouts = resolveRenderTimeouts(options.timeouts);
  const assets = await serveScriptAssets(plan.script, plan.assetBaseDir);
  const resolved = new Map<number, Promise<{ composition: VideoConfig; inputProps: Script }>>();
  return {
    session,
    plan,
    timeouts,
    composition: (index) => {
      const output = plan.outputs[index];
      if (!output) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `output: the plan has ${plan.outputs.length} outputs, got index ${index}` });
      let found = resolved.get(index);
      if (!found) {
        // Each output sees the voiced script with its own aspect ratio (a preset changes only `format`).
        const inputProps = { ...assets.script, format: output.aspect };
        found = selectComposition({
          serveUrl: session.bundle.serveUrl,
          id: plan.template.id,
          inputProps,
          puppeteerInstance: session.browser,
          browserExecutable: session.browserExecutable,
          logLevel: session.logLevel,
          // How long picking the composition (its delayRender() calls) may take.
          timeoutInMilliseconds: timeouts.frameMs,
        }).then((composition) => ({ composition: { ...composition, width: output.width, height: output.height }, inputProps }));
        resolved.set(index, found);
        // A failed lookup is tried again next time.
        found.catch(() => resolved.delete(index));
      }
      return found;
    },
    close: assets.close,
  };
};

/** Frames of one output rendered to files: the whole output, or one chunk of it. */
export type Segment = {
  output: number;
  frameRange: [number, number];
  /** The video file; with `chunk`, an H.264 file that joins without re-encoding. */
  video: string;
  /** The chunk's audio (AAC cut on AAC-frame boundaries so chunks join seamlessly); null for a whole output. */
  audio: string | null;
  captionBoxes: CaptionBox[];
  renderSeconds: number;
};

export type RenderSegmentOptions = {
  output: number;
  /** Inclusive frame range; default the whole video. */
  frameRange?: [number, number];
  /** A chunk to be joined by `finalizeOutput` with others: H.264 + separate seamless AAC. */
  chunk?: boolean;
  /** Where the video goes (for a chunk, an MPEG-TS file, and `<video>.aac` beside it for its audio). */
  videoPath: string;
  /**
   * For the scene cache: "video" is a muted H.264 MPEG-TS that joins without re-encoding;
   * "separate" is that plus the frames' sound as WAV in `<video>.wav` beside it (lossless, so
   * pieces join sample-exact).
   */
  track?: "video" | "separate";
  concurrency: number;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal | null;
};

/** Renders frames of one planned video output with Remotion in the run's browser. */
export const renderSegment = async (run: PlanRun, o: RenderSegmentOptions): Promise<Segment> => {
  const output = run.plan.outputs[o.output];
  if (output?.kind !== "video") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `output: ${o.output} is not a video output of this plan` });
  const frameRange = o.frameRange ?? [0, run.plan.durationInFrames - 1];
  if (!Number.isInteger(frameRange[0]) || !Number.isInteger(frameRange[1]) || frameRange[0] < 0 || frameRange[1] < frameRange[0] || frameRange[1] >= run.plan.durationInFrames) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `frameRange: expected whole frames within 0–${run.plan.durationInFrames - 1}, got ${frameRange.join("–")}` });
  }
  if (o.chunk && output.format !== "mp4") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `chunk: only mp4 outputs join without re-encoding, got ${output.format}` });
  const totalFrames = frameRange[1] - frameRange[0] + 1;
  const captionBoxes: CaptionBox[] = [];
  const audio = o.track === "separate" ? `${o.videoPath}.wav` : o.chunk && !o.track ? `${o.videoPath}.aac` : null;
  const { cancelSignal, dispose } = remotionCancelSignal(o.signal);
  const started = performance.now();
  try {
    o.signal?.throwIfAborted();
    const { composition, inputProps } = await run.composition(o.output, o.signal);
    await renderMedia({
      composition,
      serveUrl: run.session.bundle.serveUrl,
      inputProps,
      // Chunks are MPEG-TS, which FFmpeg's concat protocol joins without re-encoding (as Remotion Lambda does).
      codec: o.chunk || o.track === "video" || o.track === "separate" ? "h264-ts" : VIDEO_FORMATS[output.format].codec,
      muted: o.track === "video",
      proResProfile: output.format === "prores" ? "hq" : undefined,
      outputLocation: o.videoPath,
      overwrite: true,
      frameRange: o.frameRange ?? null,
      // Every chunk carries audio (silence if need be), cut on AAC-frame boundaries, so the joined soundtrack has no gaps.
      ...(o.track === "separate" ? { separateAudioTo: audio!, audioCodec: "pcm-16" as const, enforceAudioTrack: true } : {}),
      ...(audio && o.track !== "separate" ? { forSeamlessAacConcatenation: true, separateAudioTo: audio!, audioCodec: "aac" as const, enforceAudioTrack: true, compositionStart: 0 } : {}),
      puppeteerInstance: run.session.browser,
      browserExecutable: run.session.browserExecutable,
      concurrency: o.concurrency,
      cancelSignal,
      // How long one frame may wait on its delayRender() calls.
      timeoutInMilliseconds: run.timeouts.frameMs,
      logLevel: run.session.logLevel,
      hardwareAcceleration: "disable",
      imageFormat: "jpeg",
      // Limited-range BT.709, tagged: what players and platforms expect (the default tags
      // full-range JPEG frames as yuvj420p).
      colorSpace: output.format === "mp4" || output.format === "webm" ? "bt709" : undefined,
      jpegQuality: 90,
      // npm run bench: veryfast renders ~1.1x as fast as medium at ~0.95x its file size.
      x264Preset: output.format === "mp4" ? "veryfast" : undefined,
      everyNthFrame: VIDEO_FORMATS[output.format].frameStep,
      onBrowserLog: (log) => {
        if (log.text.startsWith(CAPTION_BOX_LOG)) captionBoxes.push(JSON.parse(log.text.slice(CAPTION_BOX_LOG.length)) as CaptionBox);
      },
      onProgress: (p) =>
        o.onProgress?.({
          stage: p.stitchStage === "muxing" || p.renderedFrames >= totalFrames ? "encoding" : "rendering",
          progress: p.progress,
          renderedFrames: p.renderedFrames,
          encodedFrames: p.encodedFrames,
          totalFrames,
        }),
    });
  } catch (err) {
    throw toRenderError(err, o.signal);
  } finally {
    dispose();
  }
  return { output: o.output, frameRange, video: o.videoPath, audio, captionBoxes, renderSeconds: (performance.now() - started) / 1000 };
};

export type FinalizeResult = Omit<RenderVideoResult, "wallSeconds" | "bundle">;

/**
 * Makes one output from its segments: joins chunks (video without re-encoding, the AAC chunks
 * seamlessly), normalises the loudness of the whole soundtrack once, moves the file into place,
 * writes captions and the quality report. On error nothing is left at the output path.
 */
export const finalizeOutput = async (run: PlanRun, index: number, segments: Segment[], options: { signal?: AbortSignal | null; onProgress?: (progress: RenderProgress) => void; out?: OutputFile } = {}): Promise<FinalizeResult> => {
  const { plan, timeouts } = run;
  const output = plan.outputs[index];
  if (output?.kind !== "video") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `output: ${index} is not a video output of this plan` });
  const signal = options.signal ?? null;
  const total = plan.durationInFrames;
  const sorted = [...segments].sort((a, b) => a.frameRange[0] - b.frameRange[0]);
  const covered = sorted.reduce((next, s) => (s.frameRange[0] === next ? s.frameRange[1] + 1 : Number.NaN), 0);
  if (covered !== total) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `segments: expected frames 0–${total - 1} once each, in whole chunks` });
  const out = options.out ?? (await reserveOutput(output.outputPath));
  const progress = (stage: RenderProgress["stage"], p: number) => options.onProgress?.({ stage, progress: p, renderedFrames: total, encodedFrames: total, totalFrames: total });
  let joinSeconds: number | null = null;
  try {
    if (sorted.length > 1 || sorted[0]!.audio !== null) {
      progress("encoding", 0);
      const joinStarted = performance.now();
      const { cancelSignal, dispose } = remotionCancelSignal(signal);
      try {
        await combineChunks({
          outputLocation: out.tempPath,
          videoFiles: sorted.map((s) => s.video),
          audioFiles: sorted.map((s) => s.audio).filter((a): a is string => a !== null),
          codec: "h264",
          audioCodec: "aac",
          fps: plan.fps,
          framesPerChunk: sorted[0]!.frameRange[1] - sorted[0]!.frameRange[0] + 1,
          compositionDurationInFrames: total,
          preferLossless: false,
          cancelSignal,
          logLevel: run.session.logLevel,
        });
      } catch (err) {
        throw toRenderError(err, signal, "Joining the rendered chunks failed");
      } finally {
        dispose();
      }
      joinSeconds = (performance.now() - joinStarted) / 1000;
    } else if (sorted[0]!.video !== out.tempPath) {
      throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "segments: a whole-output segment must be rendered into the reserved output file" });
    }
    let loudness: LoudnessResult | null = null;
    const probeOptions = { timeouts, signal };
    if (output.format !== "gif" && (await probeMedia(out.tempPath, { ...probeOptions, countFrames: false })).audio) {
      progress("mixing", 0);
      loudness = await normalizeLoudness({ file: out.tempPath, container: output.format === "prores" ? "mov" : output.format, durationSec: total / plan.fps, timeouts, signal });
    }
    await out.commit();
    const captions = output.format === "gif" ? null : await writeCaptionFiles(output.outputPath, plan.timeline);
    const probe = await probeMedia(output.outputPath, probeOptions);
    const report = await checkQuality({
      file: output.outputPath,
      probe,
      timeline: plan.timeline,
      frameStep: VIDEO_FORMATS[output.format].frameStep,
      expectAudio: output.format !== "gif" && planSound(plan).plays,
      hasMusic: planSound(plan).hasMusic,
      captionBoxes: sorted.flatMap((s) => s.captionBoxes),
      timeouts,
      signal,
    });
    const qualityFile = await writeQualityReport(output.outputPath, report);
    progress("done", 1);
    const renderSeconds = sorted.reduce((sum, s) => sum + s.renderSeconds, 0);
    const result: FinalizeResult = {
      outputPath: output.outputPath,
      format: output.format,
      codec: probe.video?.codec ?? VIDEO_FORMATS[output.format].codec,
      width: output.width,
      height: output.height,
      fps: plan.fps,
      durationInFrames: total,
      durationSec: probe.durationSec,
      sizeBytes: probe.sizeBytes,
      renderFps: total / renderSeconds,
      joinSeconds,
      speech: plan.speech,
      loudness,
      captions,
      quality: { ...report, file: qualityFile },
    };
    if (plan.strict && !report.ok) {
      const warnings = report.checks.filter((c) => c.status === "warn");
      throw new ReelgenError({
        code: "QUALITY_FAILED",
        message: `Quality gate failed (--strict); the video and ${qualityFile} were kept:\n${warnings.map((w) => `  ${w.id}: ${w.message}`).join("\n")}`,
        problems: warnings.map((w) => ({ path: w.id, message: w.message })),
      });
    }
    return result;
  } catch (err) {
    if (err instanceof ReelgenError && err.code === "QUALITY_FAILED") throw err;
    await out.discard();
    throw toRenderError(err, signal);
  }
};

/** Renders one planned still (a cover or thumbnail) into place. */
export type PlannedStillResult = { outputPath: string; frame: number; width: number; height: number; durationInFrames: number };

export const renderPlannedStill = async (run: PlanRun, index: number, options: { signal?: AbortSignal | null } = {}): Promise<PlannedStillResult> => {
  const output = run.plan.outputs[index];
  if (output?.kind !== "still") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `output: ${index} is not a still of this plan` });
  const out = await reserveOutput(output.outputPath);
  const { cancelSignal, dispose } = remotionCancelSignal(options.signal);
  try {
    const { composition, inputProps } = await run.composition(index, options.signal);
    await remotionRenderStill({
      composition,
      serveUrl: run.session.bundle.serveUrl,
      inputProps,
      frame: output.frame,
      output: out.tempPath,
      overwrite: true,
      imageFormat: output.imageFormat,
      puppeteerInstance: run.session.browser,
      browserExecutable: run.session.browserExecutable,
      cancelSignal,
      // How long the frame may wait on its delayRender() calls.
      timeoutInMilliseconds: run.timeouts.frameMs,
      logLevel: run.session.logLevel,
    });
    await out.commit();
    return { outputPath: output.outputPath, frame: output.frame, width: output.width, height: output.height, durationInFrames: run.plan.durationInFrames };
  } catch (err) {
    await out.discard();
    throw toRenderError(err, options.signal, "Still failed in the browser");
  } finally {
    dispose();
  }
};

export type RunPlanOptions = {
  concurrency: number;
  /** Render each video in chunks of this many frames, joined without re-encoding (mp4 only). Default: one piece. */
  framesPerChunk?: number;
  timeouts?: Partial<RenderTimeouts>;
  onProgress?: (output: number, progress: RenderProgress) => void;
  signal?: AbortSignal | null;
};

/** Every output of a plan, one after another, in one session: one asset server, one browser. */
export const runPlan = async (session: RenderSession, plan: RenderPlan, options: RunPlanOptions): Promise<{ outputs: ((FinalizeResult | PlannedStillResult) & { wallSeconds: number })[] }> => {
  const run = await openPlanRun(session, plan, { timeouts: options.timeouts });
  try {
    const results = [];
    for (const [index, output] of plan.outputs.entries()) {
      const started = performance.now();
      const onProgress = (p: RenderProgress) => options.onProgress?.(index, p);
      const result = output.kind === "still" ? await renderPlannedStill(run, index, { signal: options.signal }) : await renderPlanOutput(run, index, { ...options, onProgress });
      results.push({ ...result, wallSeconds: (performance.now() - started) / 1000 });
    }
    return { outputs: results };
  } finally {
    await run.close();
  }
};

/** One planned video output on this machine: whole, or in `framesPerChunk` chunks joined after. */
export const renderPlanOutput = async (run: PlanRun, index: number, options: Omit<RunPlanOptions, "onProgress"> & { onProgress: (p: RenderProgress) => void }): Promise<FinalizeResult> => {
  const output = run.plan.outputs[index]!;
  const size = options.framesPerChunk;
  if (size === undefined || size >= run.plan.durationInFrames) {
    const out = await reserveOutput(output.outputPath);
    let segment: Segment;
    try {
      segment = await renderSegment(run, { output: index, videoPath: out.tempPath, concurrency: options.concurrency, onProgress: options.onProgress, signal: options.signal });
    } catch (err) {
      await out.discard();
      throw err;
    }
    return finalizeOutput(run, index, [segment], { signal: options.signal, onProgress: options.onProgress, out });
  }
  if (!Number.isInteger(size) || size < 5) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `framesPerChunk: expected a whole number of at least 5, got ${size}` });
  const dir = await mkdtemp(path.join(os.tmpdir(), "reelgen-chunks-"));
  try {
    const segments: Segment[] = [];
    const total = run.plan.durationInFrames;
    for (let start = 0; start < total; start += size) {
      const end = Math.min(total, start + size) - 1;
      segments.push(
        await renderSegment(run, {
          output: index,
          frameRange: [start, end],
          chunk: true,
          videoPath: path.join(dir, `chunk-${start}.ts`),
          concurrency: options.concurrency,
          signal: options.signal,
          onProgress: (p) => options.onProgress({ ...p, progress: (start + p.progress * (end - start + 1)) / total, totalFrames: total }),
        }),
      );
    }
    return await finalizeOutput(run, index, segments, { signal: options.signal, onProgress: options.onProgress });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
