import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import { withTimeout } from "../with-timeout";

export const RENDER_QUEUE = "renders";
/** How long an event stream waits for live queue events before it answers from the database alone. */
const EVENTS_READY_MS = 2000;

/** The one job kind on the render queue: the job id is the render id; the record lives in the database. */
export type RenderJobData = { renderId: string };
export type RenderJobProgress = { progress: number; stage: string };

/** Where an API node asks workers (on any machine) to stop a render. */
export const cancelChannel = (prefix: string) => `${prefix}:render-cancel`;

const unavailable = (cause: unknown) =>
  new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: "the render queue (Redis) is unavailable; try again shortly", retryAfterSeconds: 5, cause });

/**
 * The API side of the render queue. Its Redis connections do not queue commands while Redis is
 * down, so a request fails at once with 503 instead of hanging.
 */
export const createRenderQueue = (ctx: ServerContext) => {
  const { config } = ctx;
  const connection = { ...ctx.redisConnection, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 };
  const queue = new Queue<RenderJobData>(RENDER_QUEUE, { connection, prefix: config.REDIS_PREFIX });
  queue.on("error", (error) => ctx.logger.warn({ err: error }, "render queue connection error"));
  let events: QueueEvents | null = null;
  const subscribers = new Map<string, Set<(event: QueueEventMessage) => void>>();

  const withRedis = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw unavailable(error);
    }
  };

  return {
    queue,
    /** Queues a render; adding a render that is already queued is a no-op (the job id is the render id). */
    enqueue: (renderId: string) =>
      withRedis(() =>
        queue.add(
          "render",
          { renderId },
          {
            jobId: renderId,
            attempts: config.RENDER_ATTEMPTS,
            backoff: { type: "exponential", delay: 5000, jitter: 0.5 },
            removeOnComplete: { age: 24 * 3600, count: 10_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        ),
      ),
    /**
     * Takes a waiting render off the queue, and tells whichever worker runs it to stop. Best
     * effort, after the database has cancelled it: without Redis, a worker still skips the job
     * when it starts, or stops at its next progress write.
     */
    async cancel(renderId: string) {
      try {
        const job = await queue.getJob(renderId);
        const state = job ? await job.getState() : null;
        if (job && (state === "waiting" || state === "delayed" || state === "prioritized")) await job.remove();
        await ctx.redis.publish(cancelChannel(config.REDIS_PREFIX), renderId);
      } catch (error) {
        ctx.logger.warn({ err: error, renderId }, "could not tell the queue about a cancelled render; its worker will notice in the database");
      }
    },
    counts: () => withRedis(() => queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized")),
    /**
     * Follows one render's queue events (progress, completed, failed) from any worker. Returns
     * the unsubscribe function.
     */
    subscribe(renderId: string, listener: (event: QueueEventMessage) => void): () => void {
      queueEvents();
      let set = subscribers.get(renderId);
      if (!set) subscribers.set(renderId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) subscribers.delete(renderId);
      };
    },
    /** Resolves once live queue events flow (so a reader can subscribe, then read the state); rejects after 2 s without Redis. */
    eventsReady: () => withTimeout(queueEvents().waitUntilReady(), EVENTS_READY_MS),
    /** Closes the connections; with Redis gone, drops them first (a polite QUIT would fail and leave them reconnecting). */
    async close() {
      for (const owner of [events, queue]) {
        if (!owner) continue;
        // The raw client, not `await owner.client`: that never settles when the first connection never succeeded,
        // and neither does `owner.close()`, which waits for it.
        const client = (owner as unknown as { connection: { _client: Redis } }).connection._client;
        if (client.status === "ready") await owner.close();
        else client.disconnect();
      }
    },
  };

  function queueEvents(): QueueEvents {
    if (!events) {
      events = new QueueEvents(RENDER_QUEUE, { connection: { ...ctx.redisConnection }, prefix: config.REDIS_PREFIX });
      events.on("error", (error) => ctx.logger.warn({ err: error }, "render queue events error"));
      events.on("progress", ({ jobId, data }) => emit(jobId, { type: "progress", data: data as RenderJobProgress }));
      events.on("completed", ({ jobId }) => emit(jobId, { type: "completed" }));
      events.on("failed", ({ jobId, failedReason }) => emit(jobId, { type: "failed", reason: failedReason }));
      // A cancelled render that was still waiting is removed from the queue rather than finished.
      events.on("removed", ({ jobId }) => emit(jobId, { type: "completed" }));
    }
    return events;
  }

  function emit(renderId: string, event: QueueEventMessage) {
    for (const listener of subscribers.get(renderId) ?? []) listener(event);
  }
};

export type QueueEventMessage = { type: "progress"; data: RenderJobProgress } | { type: "completed" } | { type: "failed"; reason: string };
export type RenderQueue = ReturnType<typeof createRenderQueue>;

/** A dedicated subscriber connection for cancel messages (a subscribed connection can do nothing else). */
export const subscribeToCancels = async (ctx: ServerContext, onCancel: (renderId: string) => void): Promise<Redis> => {
  const subscriber = new Redis({ ...ctx.redisConnection, maxRetriesPerRequest: null });
  subscriber.on("error", (error) => ctx.logger.warn({ err: error }, "cancel subscriber error"));
  subscriber.on("message", (_channel, renderId) => onCancel(renderId));
  await subscriber.subscribe(cancelChannel(ctx.config.REDIS_PREFIX));
  return subscriber;
};
