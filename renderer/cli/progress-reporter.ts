import cliProgress from "cli-progress";
import type { RenderProgress } from "../render-video";

/**
 * Shows render progress: a live bar on a terminal; on anything else (CI logs, pipes) one line per
 * stage change and per tenth of the render, so logs stay readable.
 */
export const createProgressReporter = (stream: NodeJS.WriteStream) => {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: "{stage} |{bar}| {percentage}% · {frames} · eta {eta_formatted}", hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p: RenderProgress) => {
        const payload = { stage: p.stage.padEnd(9), frames: p.totalFrames ? `${p.renderedFrames}/${p.totalFrames} frames` : "" };
        if (!started) {
          bar.start(100, 0, payload);
          started = true;
        }
        bar.update(Math.round(p.progress * 100), payload);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastStage = "";
  let lastTenth = -1;
  return {
    update: (p: RenderProgress) => {
      const tenth = Math.floor(p.progress * 10);
      if (p.stage === lastStage && tenth === lastTenth) return;
      if (p.stage !== lastStage) lastTenth = -1;
      lastStage = p.stage;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      const frames = p.totalFrames ? ` (${p.renderedFrames}/${p.totalFrames} frames)` : "";
      stream.write(`${p.stage} ${tenth * 10}%${frames}\n`);
    },
    stop: () => {},
  };
};
