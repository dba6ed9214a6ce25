import type express from "express";
import swaggerUi from "swagger-ui-express";
import type { ServerContext } from "../context";
import { buildOpenApi } from "../openapi/build-openapi";
import type { Services } from "../services";
import { withTimeout } from "../with-timeout";
import type { Route } from "./define-route";

/** Health, Prometheus metrics, the OpenAPI document and its docs page (no authentication). */
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

  app.get("/metrics", async (_req, res) => {
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
