import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Logger } from "pino";
import { parseConfig } from "./config";
import type { ServerContext } from "./context";
import { createContext } from "./create-context";
import { createApp } from "./http/create-app";
import { mountOperationalRoutes } from "./http/operational-routes";
import { ALL_ROUTES } from "./routes/all-routes";
import { createServices, type Services } from "./services";
import { startRenderWorker, type RenderWorker } from "./renders/render-worker";
import { startWebhookDispatcher } from "./webhooks/webhook-dispatcher";

export type RunningServer = {
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  ctx: ServerContext;
  services: Services;
  worker: RenderWorker | null;
  /** Stops accepting requests, lets the worker finish or hand back its job, closes everything. */
  close(): Promise<void>;
};

/**
 * `npm run server`: the API (and, unless `START_WORKER=0`, an in-process render worker and the
 * webhook dispatcher) on the configured database and Redis, or the embedded defaults.
 */
export const startServer = async (options: { env?: Record<string, string | undefined>; logger?: Logger } = {}): Promise<RunningServer> => {
  const config = parseConfig(options.env ?? process.env);
  const { ctx, close: closeContext } = await createContext(config, { logger: options.logger });
  const services = createServices(ctx);
  let server: Server | null = null;
  let worker: RenderWorker | null = null;
  let dispatcher: { stop(): Promise<void> } | null = null;
  try {
    const app = createApp(ctx, services, ALL_ROUTES, (app) => mountOperationalRoutes(app, ctx, services, ALL_ROUTES));
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once("error", reject);
    });
    // SSE streams stay open; do not let them hold a shutdown forever.
    server.keepAliveTimeout = 5000;
    if (config.START_WORKER) worker = await startRenderWorker(ctx, services);
    dispatcher = startWebhookDispatcher(ctx);
    // The queue's connection does not buffer commands, so wait until it is up before using it.
    await services.renderQueue.queue.waitUntilReady();
    const requeued = await services.renders.requeueMissing().catch((error: unknown) => {
      ctx.logger.warn({ err: error }, "could not re-queue renders at start-up (is Redis up?)");
      return 0;
    });
    if (requeued) ctx.logger.info({ requeued }, "re-queued renders missing from Redis");
  } catch (error) {
    server?.close();
    await worker?.close();
    await dispatcher?.stop();
    await services.renderQueue.close();
    await closeContext();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${port}`;
  ctx.logger.info({ url, worker: Boolean(worker), database: config.DATABASE_URL ? "postgresql" : "pglite", redis: config.REDIS_URL ? "external" : "private" }, "reelgen server ready");
  let closing: Promise<void> | null = null;
  return {
    url,
    ctx,
    services,
    worker,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server!.closeAllConnections();
        await worker?.close();
        await dispatcher?.stop();
        await services.renderQueue.close();
        await closed;
        await closeContext();
      })()),
  };
};
