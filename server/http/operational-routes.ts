import { createHash, timingSafeEqual } from "node:crypto";
import type express from "express";
import swaggerUi from "swagger-ui-express";
import type { ServerContext } from "../context";
import { buildOpenApi } from "../openapi/build-openapi";
import type { Services } from "../services";
import { ReelgenError } from "../../script/reelgen-error";
import { withTimeout } from "../with-timeout";
import type { Route } from "./define-route";
import { createRequestRateLimit } from "./request-rate-limit";

/**
 * Health, the OpenAPI document and its docs page (no authentication), and Prometheus metrics:
 * only with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise), and 404 when no token is
 * configured.
 */
export const mountOperationalRoutes = (app: express.Express, ctx: ServerContext, services: Services, routes: Route[]): void => {
  let document: Record<string, unknown> | null = null;
  const openApi = () => (document ??= buildOpenApi(routes, { serverUrl: ctx.config.PUBLIC_URL }));

  app.get("/healthz", async (_req, res) => {
    const check = async (work: () => Promise<unknown>) => {
      try {
        await withTimeout(work(), 1000);
        return "ok";
      } catch (error) {
        return `down: ${(error as Error).message}`;
      }
    };
    const [database, redis] = await Promise.all([check(() => ctx.db.selectFrom("users").select("id").limit(1).execute()), check(() => ctx.redis.ping())]);
    const ok = database === "ok" && redis === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "unavailable", database, redis });
  });

  // Timing-safe comparison of fixed-length digests, so the token's length does not leak either.
  const metricsToken = ctx.config.METRICS_TOKEN ? createHash("sha256").update(ctx.config.METRICS_TOKEN).digest() : null;
  const rateLimit = createRequestRateLimit(ctx.redis, ctx.config);
  app.get("/metrics", async (req, res, next) => {
    // Off unless a token is configured: the process's figures are nobody's business by default.
    if (!metricsToken) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
    const given = match ? createHash("sha256").update(match[1]!).digest() : null;
    if (!given || !timingSafeEqual(given, metricsToken)) {
      // Guesses count against the address's anonymous budget, like failed sign-ins.
      const limited = await rateLimit.consume(`ip:${req.ip}`, "anonymous");
      res.set(limited.headers);
      if (limited.error) return next(limited.error);
      res.set("WWW-Authenticate", 'Bearer realm="metrics"');
      return next(new ReelgenError({ code: "UNAUTHENTICATED", message: "send the metrics token: Authorization: Bearer <METRICS_TOKEN>" }));
    }
    try {
      const counts = await withTimeout(services.renderQueue.counts(), 1000);
      for (const [state, n] of Object.entries(counts)) ctx.metrics.queueDepth.set({ state }, n);
    } catch {
      // Queue depth is left at its last value while Redis is away; the other metrics still matter.
    }
    res.set("Content-Type", ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });

  app.get("/openapi.json", (_req, res) => {
    res.json(openApi());
  });
  app.use("/docs", swaggerUi.serve, swaggerUi.setup(undefined, { swaggerUrl: "/openapi.json", customSiteTitle: "reelgen API" }));
};
