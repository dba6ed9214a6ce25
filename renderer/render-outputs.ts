import type { Resolution } from "../script";
import type { OutputPreset } from "./output-presets";
import { prepareRender, runPlan } from "./render-plan";
import { sessionOptionsOf, withRenderSession } from "./render-session";
import type { RenderStillResult } from "./render-still";
import { checkVideoOptions, type RenderVideoOptions, type RenderVideoResult, type VideoFormat } from "./render-video";

export type OutputRequest = { outputPath: string; preset?: OutputPreset; format?: VideoFormat; resolution?: Resolution };

export type RenderOutputsOptions = Omit<RenderVideoOptions, "outputPath" | "preset" | "format" | "resolution"> & {
  outputs: OutputRequest[];
  /** A cover image; `frame` defaults to one picked from the script. Uses the first output's preset. */
  thumbnail?: { outputPath: string; frame?: number | "auto"; resolution?: Resolution };
};

/**
 * Several outputs from one script: e.g. 9:16 + 1:1 + 16:9 and a thumbnail. Each aspect ratio is
 * laid out for its own frame. One plan (every request checked, voices synthesised once), one
 * browser and one asset server for all of them. Outputs are written one after another; each is
 * complete or absent.
 */
export const renderOutputs = async (options: RenderOutputsOptions): Promise<{ videos: RenderVideoResult[]; thumbnail: RenderStillResult | null }> => {
  const { outputs, thumbnail, ...common } = options;
  const { concurrency } = checkVideoOptions({ outputPath: "x.mp4", concurrency: common.concurrency });
  const started = performance.now();
  const first = outputs[0];
  const plan = await prepareRender({
    ...common,
    outputs,
    stills: thumbnail ? [{ ...thumbnail, preset: first?.preset, resolution: thumbnail.resolution ?? first?.resolution }] : [],
  });
  return withRenderSession(
    sessionOptionsOf(common),
    async (session) => {
      const bundle = { cached: session.bundle.cached, seconds: session.bundle.seconds, hash: session.bundle.hash };
      const startedAt = performance.now();
      const results = { startedAt, ...(await runPlan(session, plan, {
        concurrency,
        framesPerChunk: common.framesPerChunk,
        timeouts: common.timeouts,
        signal: common.signal,
        onProgress: (_, p) => common.onProgress?.(p),
      })) };
      const videos: RenderVideoResult[] = [];
      let cover: RenderStillResult | null = null;
      for (const [i, output] of plan.outputs.entries()) {
        // The first output's time includes voicing and opening the browser, as a single render's does.
        const extra = i === 0 ? (results.startedAt - started) / 1000 : 0;
        const result = { ...results.outputs[i]!, bundle };
        result.wallSeconds += extra;
        if (output.kind === "video") videos.push(result as RenderVideoResult);
        else cover = result as RenderStillResult;
      }
      return { videos, thumbnail: cover };
    },
  );
};
