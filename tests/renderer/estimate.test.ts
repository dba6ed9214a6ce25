import { describe, expect, it } from "vitest";
import { DEFAULT_THROUGHPUT, estimateRender, FRAME_OVERHEAD_MEGAPIXELS, learnThroughput, megapixelFramesOf, type EstimateRenderOptions } from "../../renderer/estimate";

const P1080 = { width: 1080, height: 1920, format: "mp4" } as const;
const P480 = { width: 480, height: 854, format: "mp4" } as const;

const base = (overrides: Partial<EstimateRenderOptions> = {}): EstimateRenderOptions => ({ frames: 900, fps: 30, outputs: [P1080], backends: { local: {} }, ...overrides });
const local = (options: EstimateRenderOptions) => estimateRender(options).backends.find((b) => b.backend === "local")!;

describe("estimateRender", () => {
  it("local time is start + frames × (megapixels + overhead) × seconds per megapixel-frame / tabs", () => {
    const e = estimateRender(base());
    const work = 900 * (1080 * 1920 / 1e6 + FRAME_OVERHEAD_MEGAPIXELS);
    expect(e.megapixelFrames).toBeCloseTo(work, 6);
    expect(e.backends).toEqual([{ backend: "local", seconds: DEFAULT_THROUGHPUT.local.startSeconds + work * DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame, waitSeconds: 0, costUsd: null, parts: 1 }]);
    expect(e.videoSeconds).toBe(30);
    expect(e.recommended).toBe("local");
  });

  it("scales with frames and pixels, and a webm output costs its format factor", () => {
    const start = DEFAULT_THROUGHPUT.local.startSeconds;
    const t900 = local(base()).seconds - start;
    expect(local(base({ frames: 1800 })).seconds - start).toBeCloseTo(2 * t900, 6);
    const t480 = local(base({ outputs: [P480] })).seconds - start;
    // 480p is cheaper, but not by its pixel count alone (the per-frame overhead).
    expect(t480 / t900).toBeCloseTo((0.40992 + 0.25) / (2.0736 + 0.25), 3);
    expect(local(base({ outputs: [{ ...P1080, format: "webm" }] })).seconds - start).toBeCloseTo(4 * t900, 6);
    expect(local(base({ outputs: [P1080, P480] })).seconds - start).toBeCloseTo(t900 + t480, 6);
    // A still is one frame, whatever the length.
    expect(megapixelFramesOf(900, [{ width: 1080, height: 1920, format: "png" }])).toBeCloseTo(2.0736 + 0.25, 6);
  });

  it("more tabs, more cluster workers: less time; a queue ahead: a wait; no worker: wait null", () => {
    expect(local(base({ backends: { local: { concurrency: 2 } } })).seconds).toBeLessThan(local(base()).seconds);
    const cluster = (workers: number) => estimateRender(base({ backends: { local: {}, cluster: { workers, framesPerChunk: 100 } } })).backends.find((b) => b.backend === "cluster")!;
    expect(cluster(1).parts).toBe(9);
    expect(cluster(3).seconds).toBeLessThan(cluster(1).seconds);
    expect(cluster(9).seconds).toBeLessThan(cluster(3).seconds);
    expect(estimateRender(base({ backends: { local: {}, cluster: { workers: 9, framesPerChunk: 100 } } })).recommended).toBe("cluster");
    const one = local(base()).seconds;
    const queued = local(base({ queue: { waiting: 3, active: 2, workers: 2 } }));
    expect(queued.waitSeconds).toBeCloseTo(((3 + 1) * one) / 2, 6);
    expect(local(base({ queue: { waiting: 3, active: 2, workers: 4 } })).waitSeconds).toBeCloseTo(((3 + 1) * one) / 4, 6);
    expect(local(base({ queue: { waiting: 1, active: 0, workers: 0 } })).waitSeconds).toBeNull();
  });

  it("Lambda: functions of framesPerLambda frames, priced by Remotion's estimatePrice; it wins when the local queue is long", () => {
    const e = estimateRender(base({ backends: { local: {}, lambda: { framesPerLambda: 50, region: "us-east-1" } }, queue: { waiting: 20, active: 1, workers: 1 } }));
    const lambda = e.backends.find((b) => b.backend === "lambda")!;
    expect(lambda.parts).toBe(18);
    expect(lambda.costUsd).toBeGreaterThan(0);
    expect(lambda.costUsd).toBeLessThan(1);
    expect(lambda.seconds).toBeLessThan(local(base()).seconds);
    expect(e.recommended).toBe("lambda");
    // Bigger functions cost more per second.
    const big = estimateRender(base({ backends: { lambda: { framesPerLambda: 50, memoryMb: 10_240 } } })).backends[0]!;
    expect(big.costUsd).toBeGreaterThan(lambda.costUsd!);
  });

  it.each([
    [{ frames: 0 }, "frames: expected a positive number (whole), got 0"],
    [{ frames: 1.5 }, "frames: expected a positive number (whole), got 1.5"],
    [{ fps: -1 }, "fps: expected a positive number, got -1"],
    [{ outputs: [] }, "outputs: expected at least one output"],
    [{ outputs: [{ width: 0, height: 10, format: "mp4" }] }, "outputs.0.width: expected a positive number (whole), got 0"],
    [{ outputs: [{ width: 10, height: 10, format: "avi" }] }, 'outputs.0.format: expected one of mp4, gif, prores, webm, png, jpeg, got "avi"'],
    [{ backends: {} }, "backends: configure at least one of local, cluster, lambda"],
    [{ backends: { local: { concurrency: 0 } } }, "backends.local.concurrency: expected a positive number (whole), got 0"],
    [{ backends: { local: {}, cluster: { workers: 2, framesPerChunk: Number.NaN } } }, "backends.cluster.framesPerChunk: expected a positive number (whole), got null"],
    [{ queue: { waiting: -1, active: 0, workers: 1 } }, "queue.waiting: expected a number from 0 (whole), got -1"],
  ] as [Partial<EstimateRenderOptions>, string][])("bad input %j: %s", (overrides, message) => {
    expect(() => estimateRender(base(overrides))).toThrow(message);
    try {
      estimateRender(base(overrides));
    } catch (error) {
      expect((error as { code: string }).code).toBe("INVALID_ARGUMENT");
      expect((error as { problems: { path: string }[] }).problems[0]!.path).toBe(message.split(":")[0]);
    }
  });
});

describe("learnThroughput", () => {
  it("moves toward what renders really took and reports the estimate's error before each", () => {
    // A machine three times slower per megapixel-frame than the default.
    const truth = 3 * DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame;
    const samples = [1000, 2000, 500, 1500, 800, 1200, 900, 1100].map((work) => ({ backend: "local" as const, megapixelFrames: work, seconds: DEFAULT_THROUGHPUT.local.startSeconds + work * truth }));
    const first = learnThroughput(samples.slice(0, 1));
    const all = learnThroughput(samples);
    const gap = (spmf: number) => Math.abs(spmf - truth);
    expect(gap(first.backends.local.secondsPerMegapixelFrame)).toBeLessThan(gap(DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame));
    expect(gap(all.backends.local.secondsPerMegapixelFrame)).toBeLessThan(gap(first.backends.local.secondsPerMegapixelFrame));
    // The default's weight after 8 renders is 0.7^8 = 6%.
    expect(gap(all.backends.local.secondsPerMegapixelFrame) / truth).toBeLessThan(0.05);
    expect(all.backends.local.samples).toBe(8);
    // The first render was predicted with the default: far off (about 66%); later ones closer.
    const firstError = first.meanAbsolutePercentError!;
    expect(firstError).toBeGreaterThan(50);
    expect(all.meanAbsolutePercentError!).toBeLessThan(firstError);
    expect(all.samples).toBe(8);
    // Backends without samples keep the default and report no error.
    expect(all.backends.lambda).toEqual({ secondsPerMegapixelFrame: DEFAULT_THROUGHPUT.lambda.secondsPerMegapixelFrame, samples: 0, meanAbsolutePercentError: null });
    expect(learnThroughput([]).meanAbsolutePercentError).toBeNull();
  });

  it("a render with more tabs counts each megapixel-frame at its tabs' worth", () => {
    const learned = learnThroughput([{ backend: "cluster", megapixelFrames: 1000, seconds: 6 + 100, concurrency: 2 }], { alpha: 1 });
    expect(learned.backends.cluster.secondsPerMegapixelFrame).toBeCloseTo(0.2, 6);
  });

  it.each([
    [[{ backend: "gpu", megapixelFrames: 1, seconds: 1 }], "samples.0.backend"],
    [[{ backend: "local", megapixelFrames: 0, seconds: 1 }], "samples.0.megapixelFrames"],
    [[{ backend: "local", megapixelFrames: 1, seconds: -2 }], "samples.0.seconds"],
  ])("bad sample %j names %s", (samples, path) => {
    expect(() => learnThroughput(samples as never)).toThrow(`${path}: `);
  });

  it("alpha must be in (0, 1]", () => {
    expect(() => learnThroughput([], { alpha: 0 })).toThrow("alpha: expected a number above 0 and at most 1, got 0");
  });
});
