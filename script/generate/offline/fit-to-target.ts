import { estimateLineSeconds } from "../../estimate-line-seconds";
import { LIMITS, type Character, type Line, type Script } from "../../schema";
import { buildTimeline, HEADING_SECONDS } from "../../timeline";
import { toScenes, type PlannedScene } from "./plan";

const secondsOf = (scenes: PlannedScene[], characters: Character[]): number => {
  const timeline = buildTimeline({ title: "-", format: "9:16", language: "en", characters, scenes: toScenes(scenes) } as Script);
  return timeline.durationInFrames / timeline.fps;
};

const lineSeconds = (line: Line) => line.durationSec ?? estimateLineSeconds(line.text);

/** More growable units than any 600-second plan needs. */
const MAX_SIZE = 400;

/**
 * Finds the number of growable units whose plan lands closest to the target (plans only grow
 * with size), then trims what the story can spare (lowest `keep` first, latest first), and as a
 * last resort paces lines with `durationSec` so even a 5-second target fits.
 */
export const fitToTarget = (write: (size: number) => PlannedScene[], target: number, characters: Character[]): PlannedScene[] => {
  // A plan past LIMITS counts as too long, so the search never picks one.
  const measure = (size: number) => {
    const plan = write(size);
    const lines = plan.reduce((n, s) => n + s.lines.length, 0);
    if (plan.length > LIMITS.scenes || lines > LIMITS.lines || plan.some((s) => s.lines.length > LIMITS.linesPerScene)) return Infinity;
    return secondsOf(plan, characters);
  };
  let low = 0;
  let high = 1;
  if (measure(0) < target) {
    while (high < MAX_SIZE && measure(high) < target) {
      low = high;
      high = Math.min(MAX_SIZE, high * 2);
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (measure(mid) < target) low = mid;
      else high = mid;
    }
  } else {
    high = 0;
  }
  const size = high > 0 && Math.abs(measure(low) - target) <= Math.abs(measure(high) - target) ? low : high;
  const scenes = write(size);
  trim(scenes, target, characters);
  pace(scenes, target, characters);
  return scenes.filter((s) => s.lines.length > 0);
};

/** Removes the spare lines and headings the story misses least, until within ±10%. */
const trim = (scenes: PlannedScene[], target: number, characters: Character[]) => {
  let seconds = secondsOf(scenes, characters);
  while (seconds > target * 1.1) {
    type Cut = { keep: number; order: number; loss: number; apply: () => void };
    const cuts: Cut[] = [];
    let order = 0;
    // The last line stays whatever happens: a script needs one, and pacing can fit it.
    const lineCount = scenes.reduce((n, s) => n + s.lines.length, 0);
    scenes.forEach((scene) => {
      if (scene.heading && scene.headingKeep < 6) {
        cuts.push({ keep: scene.headingKeep, order: order++, loss: HEADING_SECONDS, apply: () => delete scene.heading });
      }
      scene.lines.forEach((line) => {
        if (line.keep < 6 && lineCount > 1) cuts.push({ keep: line.keep, order: order++, loss: lineSeconds(line), apply: () => scene.lines.splice(scene.lines.indexOf(line), 1) });
      });
    });
    if (cuts.length === 0) return;
    cuts.sort((a, b) => a.keep - b.keep || b.order - a.order);
    // Prefer a cut that does not undershoot; else, among the least important, the one that
    // lands nearest the target, and only if it lands nearer than not cutting (pacing does the rest).
    const miss = (c: Cut) => Math.abs(seconds - c.loss - target);
    const cut = cuts.find((c) => seconds - c.loss >= target * 0.9) ?? cuts.filter((c) => c.keep === cuts[0]!.keep).sort((a, b) => miss(a) - miss(b))[0]!;
    if (miss(cut) >= seconds - target) return;
    cut.apply();
    for (let i = scenes.length - 1; i >= 0; i--) if (scenes[i]!.lines.length === 0) scenes.splice(i, 1);
    seconds = secondsOf(scenes, characters);
  }
};

/** Stretches or squeezes every line's pace when cutting and growing could not land within ±15%. */
const pace = (scenes: PlannedScene[], target: number, characters: Character[]) => {
  const seconds = secondsOf(scenes, characters);
  if (Math.abs(seconds - target) <= target * 0.15) return;
  const lines = scenes.flatMap((s) => s.lines);
  let headings = scenes.filter((s) => s.heading).length * HEADING_SECONDS;
  if (headings > target * 0.5) {
    scenes.forEach((s) => delete s.heading);
    headings = 0;
  }
  const natural = lines.reduce((sum, l) => sum + lineSeconds(l), 0);
  const factor = Math.max(0.05, target - headings) / natural;
  for (const line of lines) line.durationSec = Math.min(LIMITS.lineSeconds, Math.max(0.4, Math.round(lineSeconds(line) * factor * 100) / 100));
};
