import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { parseConfig } from "./config";
import type { ServerContext } from "./context";
import { createContext } from "./create-context";
import { createApp } from "./http/create-app";
import { mountOperationalRoutes } from "./http/operational-routes";
import { serveEmbed } from "./http/serve-embed";
import { serveWebApp } from "./http/serve-web-app";
import { sweepUploads, uploadTempDir, UPLOAD_SWEEP_INTERVAL_MS } from "./media/sweep-uploads";
import { ALL_ROUTES } from "./routes/all-routes";
import { createServices, type Services } from "./services";
import { reconcileRenders } from "./renders/reconcile-renders";
import { startRenderWorker, type RenderWorker } from "./renders/render-worker";
import { startShareWorker, type ShareWorker } from "./shares/share-worker";
import { startWebhookDispatcher } from "./webhooks/webhook-dispatcher";

/** How long a shutdown waits for requests under way before it cuts their connections. */
const DRAIN_MS = 5000;

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
  let shareWorker: ShareWorker | null = null;
  let dispatcher: { stop(): Promise<void> } | null = null;
  let uploadSweep: NodeJS.Timeout | null = null;
  /** Responses not yet finished, so a shutdown can end event streams and let the others finish. */
  const responses = new Set<ServerResponse>();
  let drained: (() => void) | null = null;
  try {
    // Partial uploads of a server killed mid-upload; recent files may belong to another live node.
    const sweep = () =>
      sweepUploads({ dir: uploadTempDir(config.DATA_DIR), logger: ctx.logger }).catch((error: unknown) => {
        ctx.logger.warn({ err: error }, "could not sweep abandoned uploads");
        return 0;
      });
    await sweep();
    uploadSweep = setInterval(() => void sweep(), UPLOAD_SWEEP_INTERVAL_MS).unref();
    const app = createApp(ctx, services, ALL_ROUTES, (app) => {
      mountOperationalRoutes(app, ctx, services, ALL_ROUTES);
      // The embeddable player's pages and scripts: before the app, whose fallback would answer them.
      serveEmbed(app, { dir: config.WEB_DIST_DIR, frameAncestors: (id) => services.shares.frameAncestors(id) });
      // Last: the app answers every GET that no route above took.
      serveWebApp(app, { dir: config.WEB_DIST_DIR });
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once("error", reject);
    });
    // SSE streams stay open; do not let them hold a shutdown forever.
    server.keepAliveTimeout = 5000;
    server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
      responses.add(res);
      res.on("close", () => {
        responses.delete(res);
        if (responses.size === 0) drained?.();
      });
    });
    if (config.START_WORKER) {
      worker = await startRenderWorker(ctx, services);
      // Publishing a share needs the speech engine and Chrome (its poster), like a render.
      shareWorker = await startShareWorker(ctx, services.shareQueue);
    }
    dispatcher = startWebhookDispatcher(ctx);
    // The queue's connection does not buffer commands, so wait until it is up before using it.
    await services.renderQueue.queue.waitUntilReady();
    const fixed = await reconcileRenders(ctx, services).catch((error: unknown) => {
      ctx.logger.warn({ err: error }, "could not reconcile renders with the queue at start-up (is Redis up?)");
      return { requeued: 0, failed: 0 };
    });
    if (fixed.requeued || fixed.failed) ctx.logger.info(fixed, "reconciled renders with the queue: re-queued those Redis lost, failed those whose job was gone or failed");
  } catch (error) {
    if (uploadSweep) clearInterval(uploadSweep);
    server?.close();
    await worker?.close();
    await shareWorker?.close();
    await dispatcher?.stop();
    await services.renderQueue.close();
    await services.shareQueue.close();
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
        if (uploadSweep) clearInterval(uploadSweep);
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server!.closeIdleConnections();
        // Event streams never finish on their own; clients reconnect to another node.
        for (const res of responses) if (String(res.getHeader("content-type")).startsWith("text/event-stream")) res.end();
        // Requests under way get a few seconds to finish; then whatever is left is cut off.
        if (responses.size > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, DRAIN_MS);
            drained = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        server!.closeAllConnections();
        await worker?.close();
        await shareWorker?.close();
        await dispatcher?.stop();
        await services.renderQueue.close();
        await services.shareQueue.close();
        await closed;
        await closeContext();
      })()),
  };
};
