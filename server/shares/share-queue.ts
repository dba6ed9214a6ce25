import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";

export const SHARE_QUEUE = "shares";

/** The one job kind on the share queue: prepare a published share (voices, files, poster). The job id is the share id. */
export type ShareJobData = { shareId: string };

/** Attempts a preparation gets (a browser crash, a speech engine hiccup) before the share is marked failed. */
export const SHARE_ATTEMPTS = 3;

/**
 * The API side of the share queue: publishing adds a job, and any render worker (this process or
 * another machine sharing Redis) prepares it. Like the render queue, its connection does not
 * queue commands while Redis is down, so publishing fails at once with 503.
 */
export const createShareQueue = (ctx: ServerContext) => {
  const connection = { ...ctx.redisConnection, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 };
  const queue = new Queue<ShareJobData>(SHARE_QUEUE, { connection, prefix: ctx.config.REDIS_PREFIX });
  queue.on("error", (error) => ctx.logger.warn({ err: error }, "share queue connection error"));
  return {
    queue,
    /** Queues a share's preparation; adding one already queued is a no-op (the job id is the share id). */
    async enqueue(shareId: string): Promise<void> {
      try {
        await queue.add(
          "prepare",
          { shareId },
          {
            jobId: shareId,
            attempts: SHARE_ATTEMPTS,
            backoff: { type: "exponential", delay: 5000, jitter: 0.5 },
            removeOnComplete: { age: 24 * 3600, count: 10_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        );
      } catch (error) {
        throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: "the share queue (Redis) is unavailable; try again shortly", retryAfterSeconds: 5, cause: error });
      }
    },
    /** Takes a share that was revoked while still waiting off the queue; best effort (a worker skips a deleted share anyway). */
    async remove(shareId: string): Promise<void> {
      try {
        const job = await queue.getJob(shareId);
        const state = job ? await job.getState() : null;
        if (job && (state === "waiting" || state === "delayed" || state === "prioritized")) await job.remove();
      } catch (error) {
        ctx.logger.warn({ err: error, shareId }, "could not take a revoked share off the queue; its worker will find it gone");
      }
    },
    /** Closes the connection; with Redis gone, drops it (a polite QUIT would never be answered). */
    async close(): Promise<void> {
      const client = (queue as unknown as { connection: { _client: Redis } }).connection._client;
      if (client.status === "ready") await queue.close();
      else client.disconnect();
    },
  };
};

export type ShareQueue = ReturnType<typeof createShareQueue>;
