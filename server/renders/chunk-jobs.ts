import { FlowProducer, Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq";
import { createHash } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import {
  fetchPlanAssets,
  finalizeOutput,
  openPlanRun,
  renderSegment,
  storePlanAssets,
  type PlanRun,
  type RenderPlan,
  type RenderSession,
  type Segment,
} from "../../renderer/index";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";

/** The queue every worker takes chunk and finalize jobs from. */
export const CHUNK_QUEUE = "render-chunks";

/** Jobs of the chunk queue, one handler each. Everything a job needs is in storage under `work`. */
export type ChunkJobData =
  | { kind: "chunk"; renderId: string; work: string; output: number; frameRange: [number, number] }
  | { kind: "finalize"; renderId: string; work: string; output: number; file: string };

export type ChunkJobProgress = { renderedFrames: number; totalFrames: number };

/** What a finalize job returns: the files it put under `<work>/final/`, and the renderer's result. */
export type FinalizeJobResult = { files: string[]; result: Awaited<ReturnType<typeof finalizeOutput>> };

const segmentKey = (work: string, output: number, [start]: [number, number]) => `${work}/segments/${output}/${String(start).padStart(7, "0")}`;

/**
 * A chunk worker: renders chunks of planned outputs and finalises them, for renders of any worker,
 * in the process's one browser session (the render worker's, `openSession`).
 * `running` maps a render id to the controllers of its jobs here, so a cancel stops them.
 */
export const startChunkWorker = async (ctx: ServerContext, running: Map<string, Set<AbortController>>, openSession: () => Promise<RenderSession>) => {
  const { config, logger, storage } = ctx;

  const statusOf = async (renderId: string) => (await ctx.db.selectFrom("renders").select("status").where("id", "=", renderId).executeTakeFirst())?.status ?? "gone";

  // The plan this worker rendered last, kept open: a worker usually takes several chunks of one
  // render in a row, and then fetches the plan and its assets and resolves the composition once.
  let cached: { work: string; dir: string; run: Promise<PlanRun> } | null = null;
  const dropCached = async () => {
    const last = cached;
    cached = null;
    if (!last) return;
    await (await last.run.catch(() => null))?.close().catch(() => {});
    await rm(last.dir, { recursive: true, force: true });
  };
  const planRunFor = async (work: string): Promise<PlanRun> => {
    // The browser the cached plan was opened in may have been replaced since (it crashed).
    const session = await openSession();
    if (cached && (await cached.run.then((r) => r.session !== session, () => true))) await dropCached();
    if (cached?.work !== work) {
      await dropCached();
      const dir = path.join(config.DATA_DIR, "tmp", "chunks", `${createHash("sha256").update(work).digest("hex").slice(0, 16)}-${process.pid}`);
      const run = (async () => {
        await rm(dir, { recursive: true, force: true });
        const stored = JSON.parse(await streamText(await storage.read(`${work}/plan.json`))) as RenderPlan;
        return openPlanRun(session, await fetchPlanAssets(stored, storage, path.join(dir, "assets")));
      })();
      cached = { work, dir, run };
    }
    return cached.run;
  };

  const processor = async (job: Job<ChunkJobData>) => {
    const { renderId, work } = job.data;
    const status = await statusOf(renderId);
    if (status !== "active") throw new UnrecoverableError(`render ${renderId} is ${status}`);
    const controller = new AbortController();
    let mine = running.get(renderId);
    if (!mine) running.set(renderId, (mine = new Set()));
    mine.add(controller);
    const scratch = path.join(config.DATA_DIR, "tmp", "chunks", `${job.id ?? "job"}-${process.pid}`.replace(/[^\w.-]/g, "_"));
    try {
      await rm(scratch, { recursive: true, force: true });
      const run = await planRunFor(work);
      const { plan } = run;
      if (job.data.kind === "chunk") {
        const { output, frameRange } = job.data;
        const video = path.join(scratch, "chunk.ts");
        const total = frameRange[1] - frameRange[0] + 1;
        let last = 0;
        const segment = await renderSegment(run, {
          output,
          frameRange,
          chunk: true,
          videoPath: video,
          concurrency: 1,
          signal: controller.signal,
          onProgress: (p) => {
            const done = Math.round(p.progress * total);
            if (done - last < Math.max(1, total / 10) && done < total) return;
            last = done;
            void job.updateProgress({ renderedFrames: done, totalFrames: total } satisfies ChunkJobProgress).catch(() => {});
          },
        });
        const key = segmentKey(work, output, frameRange);
        await storage.putFile(`${key}.aac`, segment.audio!, { move: true });
        await storage.putFile(`${key}.ts`, segment.video, { move: true });
        // Cancelled meanwhile: the orchestrator may already have cleared the work folder; leave nothing behind.
        if ((await statusOf(renderId)) !== "active") {
          await storage.deletePrefix(work);
          throw new UnrecoverableError(`render ${renderId} is no longer active`);
        }
        return { segment: { ...segment, video: `${key}.ts`, audio: `${key}.aac` } };
      }
      // Finalize: the children's segments, joined, mixed once, captioned and checked.
      const { output, file } = job.data;
      const children = Object.values(await job.getChildrenValues<{ segment: Segment }>()).map((v) => v.segment);
      const segments: Segment[] = [];
      const fetchStarted = performance.now();
      for (const s of children) {
        const local = path.join(scratch, "segments", path.posix.basename(s.video));
        await storage.downloadTo(s.video, local);
        await storage.downloadTo(s.audio!, `${local}.aac`);
        segments.push({ ...s, video: local, audio: `${local}.aac` });
      }
      const finalDir = path.join(scratch, "final");
      await mkdir(finalDir, { recursive: true });
      const target = plan.outputs[output]!;
      run.plan.outputs[output] = { ...target, outputPath: path.join(finalDir, file) };
      const fetchSeconds = (performance.now() - fetchStarted) / 1000;
      const finalized = await finalizeOutput(run, output, segments, { signal: controller.signal });
      // What chunking adds: fetching the segments, then joining them.
      const result = { ...finalized, joinSeconds: fetchSeconds + (finalized.joinSeconds ?? 0) };
      const files = await readdir(finalDir);
      for (const name of files) await storage.putFile(`${work}/final/${name}`, path.join(finalDir, name), { move: true });
      await storage.deletePrefix(`${work}/segments/${output}`);
      // This render is done here: its plan need not stay open.
      await dropCached();
      return { files, result: { ...result, outputPath: file, quality: { ...result.quality, file: result.quality.file ? path.basename(result.quality.file) : result.quality.file } } } satisfies FinalizeJobResult;
    } catch (error) {
      // The browser may be gone, the plan or its assets unreadable: the next job starts afresh.
      await dropCached();
      if (controller.signal.aborted) throw new UnrecoverableError(`render ${renderId} was cancelled`);
      // Input errors cannot get better by trying again.
      if (error instanceof ReelgenError && error.isInputError) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      mine.delete(controller);
      if (mine.size === 0) running.delete(renderId);
      await rm(scratch, { recursive: true, force: true });
    }
  };

  const worker = new Worker<ChunkJobData>(CHUNK_QUEUE, processor, {
    connection: { ...ctx.redisConnection, maxRetriesPerRequest: null },
    prefix: config.REDIS_PREFIX,
    concurrency: 1,
    lockDuration: config.RENDER_LOCK_MS,
    stalledInterval: config.RENDER_LOCK_MS,
    maxStalledCount: 2,
    name: `${process.pid}`,
  });
  worker.on("error", (error) => logger.warn({ err: error }, "chunk worker connection error"));
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      await worker.close();
      await dropCached();
    },
  };
};
export type ChunkWorker = Awaited<ReturnType<typeof startChunkWorker>>;

const streamText = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
};

/**
 * Renders one planned mp4 output on every worker: the plan and its assets go to storage, a
 * BullMQ flow adds one job per chunk of `framesPerChunk` frames and a finalize job that runs once
 * they are all done (a failed chunk is retried alone). Waits for the finalize job, reporting the
 * chunks' summed frames, then downloads the finished files into `dir`. Job ids come from the plan's
 * content, so a retried render finds the chunks an earlier attempt already finished.
 */
export const renderOutputOnCluster = async (
  ctx: ServerContext,
  o: {
    renderId: string;
    plan: RenderPlan;
    output: number;
    framesPerChunk: number;
    dir: string;
    attempts: number;
    signal: AbortSignal;
    onProgress: (fraction: number) => void;
    /** Whether an abort with this reason hands the render back to the queue (a worker shutting down): then its chunks go on and a retry takes up the same flow. */
    handsBack?: (reason: unknown) => boolean;
  },
): Promise<FinalizeJobResult> => {
  const { storage, config } = ctx;
  const target = o.plan.outputs[o.output];
  if (target?.kind !== "video" || target.format !== "mp4") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "only mp4 outputs render in chunks" });
  const file = path.basename(target.outputPath);
  const portable = await storePlanAssets(o.plan, storage, `renders/${o.renderId}/work/assets`);
  // Nothing of this machine in it (paths), so a retried render on any worker makes the same plan, the same job ids.
  const planJson = JSON.stringify({ ...portable, assetBaseDir: "/", outputs: portable.outputs.map((x) => ({ ...x, outputPath: path.basename(x.outputPath) })) });
  const planHash = createHash("sha256").update(planJson).update(String(o.output)).digest("hex").slice(0, 16);
  const work = `renders/${o.renderId}/work/${planHash}`;
  await storage.put(`${work}/plan.json`, planJson, { contentType: "application/json" });
  const total = o.plan.durationInFrames;
  const ranges: [number, number][] = [];
  for (let start = 0; start < total; start += o.framesPerChunk) ranges.push([start, Math.min(total, start + o.framesPerChunk) - 1]);
  const connection = { ...ctx.redisConnection, maxRetriesPerRequest: null };
  const flows = new FlowProducer({ connection, prefix: config.REDIS_PREFIX });
  const events = new QueueEvents(CHUNK_QUEUE, { connection, prefix: config.REDIS_PREFIX });
  const queue = new Queue<ChunkJobData>(CHUNK_QUEUE, { connection, prefix: config.REDIS_PREFIX });
  const jobOptions = { attempts: o.attempts, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } };
  const finalizeId = `${planHash}-final`;
  let watchdog: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await events.waitUntilReady();
    // An earlier attempt's flow: resumed while it runs; a failed one, or a finished one whose files
    // are gone, is removed and the chunks are rendered afresh.
    const earlier = await queue.getJob(finalizeId);
    if (earlier) {
      const state = await earlier.getState();
      const stale = state === "failed" || (state === "completed" && !(await storage.head(`${work}/final/${file}`)));
      if (stale) await earlier.remove({ removeChildren: true });
    }
    const done = new Map<string, number>();
    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
      const p = data as Partial<ChunkJobProgress>;
      if (!jobId.startsWith(planHash) || typeof p.renderedFrames !== "number") return;
      done.set(jobId, p.renderedFrames);
      o.onProgress(Math.min(1, [...done.values()].reduce((a, b) => a + b, 0) / total));
    };
    events.on("progress", onProgress);
    const tree = await flows.add({
      name: "finalize",
      queueName: CHUNK_QUEUE,
      data: { kind: "finalize", renderId: o.renderId, work, output: o.output, file } satisfies ChunkJobData,
      opts: { ...jobOptions, jobId: finalizeId },
      children: ranges.map((frameRange) => ({
        name: "chunk",
        queueName: CHUNK_QUEUE,
        data: { kind: "chunk", renderId: o.renderId, work, output: o.output, frameRange } satisfies ChunkJobData,
        opts: { ...jobOptions, jobId: `${planHash}-${frameRange[0]}`, failParentOnFailure: true },
      })),
    });
    // Waiting for the finalize job ends on its completion or failure, on an abort (a removed job
    // sends neither event), or when the job is gone from the queue altogether.
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(o.signal.reason ?? new Error("aborted"));
      if (o.signal.aborted) onAbort();
      else o.signal.addEventListener("abort", onAbort, { once: true });
      watchdog = setInterval(() => {
        tree.job.getState().then(
          (state) => state === "unknown" && reject(new ReelgenError({ code: "RENDER_FAILED", message: "the render's chunk jobs were removed from the queue" })),
          () => {},
        );
      }, 5000);
    });
    try {
      const result = (await Promise.race([tree.job.waitUntilFinished(events), stopped])) as FinalizeJobResult;
      o.signal.throwIfAborted();
      await mkdir(o.dir, { recursive: true });
      for (const name of result.files) await storage.downloadTo(`${work}/final/${name}`, path.join(o.dir, name));
      await storage.deletePrefix(`renders/${o.renderId}/work`);
      return result;
    } finally {
      events.off("progress", onProgress);
    }
  } catch (error) {
    if (o.signal.aborted && o.handsBack?.(o.signal.reason)) throw error;
    // Cancelled, timed out or failed: the flow's waiting jobs and the work folder go (a running
    // chunk stops through the cancel channel or, finishing later, removes what it stored).
    const flow = await queue.getJob(finalizeId).catch(() => undefined);
    if (flow) await removeFlow(queue, flow).catch(() => {});
    await storage.deletePrefix(`renders/${o.renderId}/work`).catch(() => {});
    if (o.signal.aborted) throw error;
    if (error instanceof ReelgenError) throw error;
    // A chunk that failed for good fails its finalize job (failParentOnFailure), and so the render.
    throw new ReelgenError({ code: "RENDER_FAILED", message: "a chunk of the render failed on a worker", cause: error });
  } finally {
    clearInterval(watchdog);
    if (onAbort) o.signal.removeEventListener("abort", onAbort);
    await events.close();
    await flows.close();
    await queue.close();
  }
};

/** Removes a flow that will not be used: its finalize job and the chunks not running (a running chunk is locked; it stops through the cancel channel). */
const removeFlow = async (queue: Queue<ChunkJobData>, job: Job<ChunkJobData>) => {
  await job.remove({ removeChildren: true }).catch(async () => {
    // Some chunk is running: remove what can be.
    const { processed, unprocessed } = await job.getDependencies();
    for (const key of [...Object.keys(processed ?? {}), ...(unprocessed ?? [])]) {
      const id = key.split(":").pop()!;
      await (await queue.getJob(id))?.remove().catch(() => {});
    }
    await job.remove().catch(() => {});
  });
};
