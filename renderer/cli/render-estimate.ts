import os from "node:os";
import { estimateRender, type EstimateOutput, type RenderEstimate } from "../estimate";
import { prepareRender, type PrepareRenderOptions } from "../render-plan";

const duration = (seconds: number) => (seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`);

/**
 * `reelgen render --estimate`: prepares the plan as a render would (voices, from the cache when
 * they are there, since the voiced length is what gets rendered), writes no file, and prints how
 * long the render would take here (`concurrency` tabs, default one per core) and on Lambda
 * (priced with Remotion's `estimatePrice`; region from REMOTION_AWS_REGION or AWS_REGION, Remotion's
 * default function size). The figures are the measured defaults (see `DEFAULT_THROUGHPUT`).
 */
export const printRenderEstimate = async (options: PrepareRenderOptions & { concurrency?: number; json: boolean }): Promise<RenderEstimate> => {
  const plan = await prepareRender(options);
  const outputs: EstimateOutput[] = plan.outputs.map((o) => ({ width: o.width, height: o.height, format: o.kind === "video" ? o.format : o.imageFormat }));
  const region = process.env.REMOTION_AWS_REGION || process.env.AWS_REGION || "us-east-1";
  const estimate = estimateRender({
    frames: plan.durationInFrames,
    fps: plan.fps,
    outputs,
    backends: { local: { concurrency: options.concurrency ?? os.availableParallelism() }, lambda: { region: region as never } },
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...estimate, outputs: plan.outputs.map((o, i) => ({ outputPath: o.outputPath, ...outputs[i] })) }, null, 2)}\n`);
    return estimate;
  }
  const rows = [["backend", "time", "parts", "cost"], ...estimate.backends.map((b) => [b.backend, duration(b.seconds), String(b.parts), b.costUsd === null ? "this machine" : `$${b.costUsd.toFixed(4)}`])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  process.stdout.write(
    [
      `estimate: ${estimate.frames} frames (${estimate.videoSeconds.toFixed(1)} s at ${estimate.fps} fps), ${outputs.map((o) => `${o.width}×${o.height} ${o.format}`).join(", ")} · ${Math.round(estimate.megapixelFrames)} megapixel-frames`,
      ...rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd()}`),
      `  recommended: ${estimate.recommended} · nothing was rendered`,
      "",
    ].join("\n"),
  );
  return estimate;
};
