import type { Resolution } from "../script";
import type { OutputPreset } from "./output-presets";
import { checkRenderInput, withOverrides } from "./prepare-render";
import { reserveOutput } from "./output-file";
import { checkStillPath, renderStill, type RenderStillResult } from "./render-still";
import { checkVideoOptions, renderVideo, type RenderVideoOptions, type RenderVideoResult, type VideoFormat } from "./render-video";

export type OutputRequest = { outputPath: string; preset?: OutputPreset; format?: VideoFormat; resolution?: Resolution };

export type RenderOutputsOptions = Omit<RenderVideoOptions, "outputPath" | "preset" | "format" | "resolution"> & {
  outputs: OutputRequest[];
  /** A cover image; `frame` defaults to one picked from the script. Uses the first output's preset. */
  thumbnail?: { outputPath: string; frame?: number | "auto"; resolution?: Resolution };
};

/**
 * Several outputs from one script: e.g. 9:16 + 1:1 + 16:9 and a thumbnail. Each aspect ratio is
 * laid out for its own frame. Voices are synthesised once (the rest come from the audio cache)
 * and the bundle is shared. Outputs are written one after another; each is complete or absent.
 */
export const renderOutputs = async (options: RenderOutputsOptions): Promise<{ videos: RenderVideoResult[]; thumbnail: RenderStillResult | null }> => {
  const { outputs, thumbnail, ...common } = options;
  // Check every request before the first render, so a bad last one costs nothing: its options,
  // the script for its frame, and that its file can be written (claimed, then released).
  for (const output of outputs) {
    checkVideoOptions({ ...common, ...output });
    checkRenderInput(withOverrides(common.script, { ...common, preset: output.preset }), common.template);
  }
  if (thumbnail) checkStillPath(thumbnail.outputPath);
  for (const file of [...outputs.map((o) => o.outputPath), ...(thumbnail ? [thumbnail.outputPath] : [])]) await (await reserveOutput(file)).discard();
  const videos: RenderVideoResult[] = [];
  for (const output of outputs) {
    videos.push(await renderVideo({ ...common, ...output }));
  }
  const first = outputs[0];
  const cover = thumbnail
    ? await renderStill({
        script: common.script,
        template: common.template,
        preset: first?.preset,
        look: common.look,
        music: common.music,
        brand: common.brand,
        outputPath: thumbnail.outputPath,
        frame: thumbnail.frame,
        resolution: thumbnail.resolution ?? first?.resolution,
        voice: common.voice,
        speechProvider: common.speechProvider,
        assetBaseDir: common.assetBaseDir,
        browserExecutable: common.browserExecutable,
        cacheDir: common.cacheDir,
        timeouts: common.timeouts,
        logLevel: common.logLevel,
        signal: common.signal,
      })
    : null;
  return { videos, thumbnail: cover };
};
