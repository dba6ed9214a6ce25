import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import type { Logger } from "pino";
import { ConfigError, type Config } from "./config";
import { openDatabase } from "./db/database";
import { startPrivateRedis, type PrivateRedis } from "./redis/start-private-redis";

/** What an API process tells the primary once it serves requests. */
export type ApiProcessReady = { reelgen: "ready"; url: string };

export const isApiProcessReady = (message: unknown): message is ApiProcessReady => (message as ApiProcessReady | null)?.reelgen === "ready";

/**
 * `API_PROCESSES` > 1: this process (the cluster's primary) forks that many API processes that
 * serve one port together (node:cluster: the primary accepts each connection and hands it to the
 * next process in turn), so the API uses every core. Before forking it migrates the database once,
 * and starts the private `redis-server` when `REDIS_URL` is not set, handing its socket to every
 * process. Only the first process runs the in-process render worker (when `START_WORKER` allows);
 * each runs its own webhook dispatcher and upload sweep, as separate API nodes would.
 *
 * PGlite is one process's own database, so this refuses to run without `DATABASE_URL`. An API
 * process that dies after start-up is replaced; one that fails to start stops them all.
 * Resolves once every process serves, with the URL and a stop that ends them (SIGTERM: each
 * drains as `npm run server` does) and then the private Redis.
 */
export const startApiCluster = async (config: Config, options: { env: Record<string, string | undefined>; logger: Logger }): Promise<{ url: string; stop(): Promise<void> }> => {
  const count = config.API_PROCESSES;
  if (!config.DATABASE_URL) {
    throw new ConfigError(
      `API_PROCESSES=${count} needs DATABASE_URL (PostgreSQL): the embedded PGlite database belongs to one process. Set DATABASE_URL, or leave API_PROCESSES at 1`,
    );
  }
  const { logger } = options;
  // Once, here: API processes migrating at the same moment could race to create the migration tables.
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: null });
  await db.destroy();
  let privateRedis: PrivateRedis | null = null;
  if (!config.REDIS_URL) {
    privateRedis = await startPrivateRedis({ dir: path.join(config.DATA_DIR, "redis"), logger: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) } });
    logger.info({ socket: privateRedis.connection.path }, "started a private redis-server for the API processes");
  }
  const envOf = (index: number): Record<string, string | undefined> => ({
    ...options.env,
    ...(privateRedis ? { REDIS_URL: privateRedis.url } : {}),
    // One in-process render worker per machine, as with one API process.
    ...(index > 0 ? { START_WORKER: "0" } : {}),
  });

  let stopping = false;
  const indexOf = new Map<Worker, number>();
  const exits = new Set<Promise<void>>();
  const fork = (index: number): Promise<string> => {
    const worker = cluster.fork(envOf(index));
    indexOf.set(worker, index);
    let ready = false;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    exits.add(exited);
    void exited.then(() => exits.delete(exited));
    return new Promise<string>((resolve, reject) => {
      worker.on("message", (message: unknown) => {
        if (!isApiProcessReady(message)) return;
        ready = true;
        resolve(message.url);
      });
      worker.once("exit", (code, signal) => {
        indexOf.delete(worker);
        if (!ready) {
          reject(new Error(`API process ${index + 1} of ${count} exited with ${signal ?? code} while starting (its error is above)`));
          return;
        }
        if (stopping) return;
        logger.error({ pid: worker.process.pid, code, signal }, "an API process died; starting another");
        fork(index).catch((error: unknown) => logger.error({ err: error }, "could not replace an API process"));
      });
    });
  };

  const stop = async () => {
    stopping = true;
    for (const worker of indexOf.keys()) worker.process.kill("SIGTERM");
    // Each drains and hands back its render; past its own grace, it is killed.
    const killer = setTimeout(() => {
      for (const worker of indexOf.keys()) worker.process.kill("SIGKILL");
    }, config.SHUTDOWN_GRACE_MS + 15_000);
    await Promise.all([...exits]);
    clearTimeout(killer);
    await privateRedis?.stop();
  };

  let url: string;
  try {
    [url] = (await Promise.all(Array.from({ length: count }, (_, i) => fork(i)))) as [string];
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ url, processes: count }, "reelgen API processes ready");
  return { url, stop };
};
