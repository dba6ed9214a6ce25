import { ReelgenError } from "../script/reelgen-error";
import { parseConfig, ConfigError } from "./config";
import { createContext } from "./create-context";
import { startRenderWorker } from "./renders/render-worker";
import { createServices } from "./services";
import { startShareWorker } from "./shares/share-worker";
import { startWebhookDispatcher } from "./webhooks/webhook-dispatcher";

/**
 * `npm run worker`: a render worker, a share worker (publishing) and the webhook dispatcher, for another machine or process. It
 * needs the shared PostgreSQL and Redis (PGlite and the private Redis belong to one server process) and the storage
 * (`STORAGE_DRIVER=s3` for a worker on another machine); it checks it can reach all three before taking any job, and
 * exits 1 naming the one it cannot.
 */
const main = async () => {
  const config = parseConfig();
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    throw new ConfigError("a separate worker needs DATABASE_URL (PostgreSQL) and REDIS_URL; the embedded PGlite and private Redis belong to `npm run server`, which runs its own worker");
  }
  const { ctx, close } = await createContext(config);
  const services = createServices(ctx);
  const worker = await startRenderWorker(ctx, services);
  const shareWorker = await startShareWorker(ctx, services.shareQueue);
  const dispatcher = startWebhookDispatcher(ctx);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, "worker stopping: finishing or handing back the active render");
    await worker.close();
    await shareWorker.close();
    await dispatcher.stop();
    await services.renderQueue.close();
    await services.shareQueue.close();
    await close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
};

main().catch((error: unknown) => {
  // Configuration and reachability errors are the operator's to fix: their message says what, a stack would only bury it.
  const known = error instanceof ConfigError || (error instanceof ReelgenError && error.code === "SERVICE_UNAVAILABLE");
  process.stderr.write(`reelgen worker: ${known ? (error as Error).message : (error as Error).stack}\n`);
  process.exit(1);
});
