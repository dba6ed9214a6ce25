import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one process, served at `GET /metrics`. */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "reelgen_" });
  return {
    registry,
    httpRequests: new Histogram({
      name: "reelgen_http_request_duration_seconds",
      help: "HTTP requests by route and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rendersFinished: new Counter({
      name: "reelgen_renders_finished_total",
      help: "Renders finished by this process, by template and status",
      labelNames: ["template", "status"] as const,
      registers: [registry],
    }),
    renderSeconds: new Histogram({
      name: "reelgen_render_duration_seconds",
      help: "Wall time of renders finished by this process",
      labelNames: ["template"] as const,
      buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    queueDepth: new Gauge({ name: "reelgen_render_queue_depth", help: "Render jobs waiting, by state", labelNames: ["state"] as const, registers: [registry] }),
    webhookDeliveries: new Counter({ name: "reelgen_webhook_deliveries_total", help: "Webhook delivery attempts by outcome", labelNames: ["outcome"] as const, registers: [registry] }),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;
