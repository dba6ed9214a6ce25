import http from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_ROUTES } from "../../server/routes/all-routes";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { storeCompletedRender } from "./render-helpers";

/** One sample line of the Prometheus text format: `name{labels} value`. */
type Sample = { name: string; labels: Record<string, string>; value: number };

const parseMetrics = (text: string): Sample[] =>
  text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every `$ref` in a JSON document, with where it was found. */
const refsIn = (node: unknown, at = "#"): { ref: string; at: string }[] => {
  if (Array.isArray(node)) return node.flatMap((v, i) => refsIn(v, `${at}/${i}`));
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refsIn(v, `${at}/${k}`)));
};

/** Follows a local JSON pointer (`#/components/schemas/Error`). */
const resolvePointer = (doc: unknown, ref: string): unknown =>
  ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), doc);

const METRICS_TOKEN = "metrics-token-0123456789abcdef";

describe("operational endpoints", () => {
  let s: TestServer;
  let user: TestUser;
  const logLines: string[] = [];

  beforeAll(async () => {
    // Capture what the server logs: pino writes one JSON object per line to this stream.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    s = await startTestServer({ logger: pino({ level: "info", base: { service: "reelgen" } }, sink), env: { METRICS_TOKEN } });
    user = await s.user();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("answers /healthz with the database and Redis up", async () => {
    const res = await s.api("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: "ok", redis: "ok" });
  });

  describe("/metrics", () => {
    const scrape = async () => {
      const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      return { text, samples: parseMetrics(text) };
    };
    const meCount = (samples: Sample[]) =>
      samples.find((m) => m.name === "reelgen_http_request_duration_seconds_count" && m.labels.method === "GET" && m.labels.route === "/v1/me" && m.labels.status === "200")?.value ?? 0;

    it("is the Prometheus text format, with request durations by route pattern and status", async () => {
      const before = meCount((await scrape()).samples);
      for (let i = 0; i < 3; i++) expect((await s.api("/v1/me", { headers: user.auth })).status).toBe(200);
      expect((await s.api("/v1/me")).status).toBe(401);
      const { text, samples } = await scrape();
      expect(text).toContain("# TYPE reelgen_http_request_duration_seconds histogram");
      expect(text).toContain('reelgen_http_request_duration_seconds_count{method="GET",route="/v1/me",status="200"}');
      expect(meCount(samples)).toBe(before + 3);
      const unauthorized = samples.find((m) => m.name === "reelgen_http_request_duration_seconds_count" && m.labels.route === "/v1/me" && m.labels.status === "401");
      expect(unauthorized?.value).toBeGreaterThanOrEqual(1);
      // Buckets are cumulative: +Inf equals the count.
      const inf = samples.find((m) => m.name === "reelgen_http_request_duration_seconds_bucket" && m.labels.route === "/v1/me" && m.labels.status === "200" && m.labels.le === "+Inf");
      expect(inf?.value).toBe(meCount(samples));
      // Path parameters are labelled by the route pattern, never by the id asked for.
      await s.api(`/v1/renders/${crypto.randomUUID()}`, { headers: user.auth });
      const renderRoutes = (await scrape()).samples.filter((m) => m.name === "reelgen_http_request_duration_seconds_count" && m.labels.route?.startsWith("/v1/renders/"));
      expect(renderRoutes.map((m) => m.labels.route)).toContain("/v1/renders/:id");
    });

    it("answers 401 without the metrics token or with a wrong one, showing no metric", async () => {
      for (const headers of [{}, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: `Bearer ${METRICS_TOKEN}x` }, { authorization: `Basic ${METRICS_TOKEN}` }, user.auth]) {
        const res = await fetch(`${s.url}/metrics`, { headers });
        expect(res.status, JSON.stringify(headers)).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
        const text = await res.text();
        expect(JSON.parse(text).error).toMatchObject({ code: "UNAUTHENTICATED", message: "send the metrics token: Authorization: Bearer <METRICS_TOKEN>" });
        expect(text).not.toContain("reelgen_");
      }
    });

    it("includes the default process metrics and the queue depth", async () => {
      const { text, samples } = await scrape();
      for (const name of ["reelgen_process_cpu_user_seconds_total", "reelgen_process_resident_memory_bytes", "reelgen_nodejs_heap_size_used_bytes", "reelgen_nodejs_eventloop_lag_seconds"]) {
        expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
        expect(samples.some((m) => m.name === name && m.value >= 0), name).toBe(true);
      }
      expect(samples.find((m) => m.name === "reelgen_render_queue_depth" && m.labels.state === "waiting")?.value).toBe(0);
    });
  });

  describe("/openapi.json", () => {
    let doc: any;
    beforeAll(async () => {
      const res = await s.api("/openapi.json");
      expect(res.status).toBe(200);
      doc = res.body;
    });

    it("is OpenAPI 3.1.0 with the security schemes", () => {
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.info).toMatchObject({ title: "reelgen API", version: expect.any(String) });
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["accessToken", "apiKey"]);
      for (const name of ["Error", "Render", "RenderRequest", "User", "Usage", "AdminStats"]) expect(doc.components.schemas[name], name).toBeTypeOf("object");
    });

    it("documents every route with its method, path parameters, body and security", () => {
      expect(ALL_ROUTES.length).toBeGreaterThan(20);
      for (const route of ALL_ROUTES) {
        const path = route.path.replace(/:([A-Za-z_]+)/g, "{$1}");
        const where = `${route.method.toUpperCase()} ${path}`;
        const op = doc.paths[path]?.[route.method];
        expect(op, where).toBeTypeOf("object");
        expect(op.summary, where).toBe(route.summary);
        const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        const declared = [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])].filter((p: any) => p.in === "path");
        expect(declared.map((p: any) => p.name).sort(), where).toEqual([...pathParams].sort());
        for (const p of declared) expect(p.required, `${where} ${p.name}`).toBe(true);
        if (route.body) expect(op.requestBody?.content?.["application/json"]?.schema, where).toBeTypeOf("object");
        if (route.rawBody) expect(op.requestBody?.content?.[route.rawBody.contentType], where).toBeTypeOf("object");
        if (route.access.kind === "public") {
          expect(op.security ?? [], where).toEqual([]);
        } else {
          expect(op.security, where).toContainEqual({ accessToken: [] });
          if (route.access.kind === "any") expect(op.security, where).toContainEqual({ apiKey: [route.access.scope] });
          else expect(op.security, where).not.toContainEqual(expect.objectContaining({ apiKey: expect.anything() }));
          expect(op.responses["401"], where).toBeDefined();
        }
        for (const status of Object.keys(route.responses)) expect(op.responses[status], `${where} ${status}`).toBeDefined();
      }
      // And nothing the routes do not declare.
      const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).filter((k) => METHODS.includes(k)).map((m) => `${m} ${path}`));
      expect(documented.sort()).toEqual(ALL_ROUTES.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, "{$1}")}`).sort());
    });

    it("is structurally valid: refs resolve, operation ids are unique, responses are described", () => {
      const refs = refsIn(doc);
      expect(refs.length).toBeGreaterThan(10);
      for (const { ref, at } of refs) {
        expect(ref, at).toMatch(/^#\//);
        expect(resolvePointer(doc, ref), `${ref} at ${at}`).toBeTypeOf("object");
      }
      const ids: string[] = [];
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        expect(path).toMatch(/^\//);
        for (const [method, op] of Object.entries(item).filter(([k]) => METHODS.includes(k))) {
          const where = `${method} ${path}`;
          expect(op.operationId, where).toMatch(/^[A-Za-z0-9]+$/);
          ids.push(op.operationId);
          expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
          for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
            expect(status, where).toMatch(/^[1-5]\d\d$/);
            expect(response.description, `${where} ${status}`).toEqual(expect.any(String));
          }
          for (const p of op.parameters ?? []) {
            expect(["path", "query", "header", "cookie"], where).toContain(p.in);
            expect(p.schema ?? p.content, `${where} ${p.name}`).toBeTypeOf("object");
          }
          for (const requirement of op.security ?? []) for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], where).toBeDefined();
        }
      }
      expect(new Set(ids).size).toBe(ids.length);
      // Query schemas are documented as parameters (e.g. the usage range).
      const usage = doc.paths["/v1/usage"].get;
      expect(usage.parameters.map((p: any) => `${p.in}:${p.name}`).sort()).toEqual(["query:from", "query:to"]);
    });
  });

  it("serves the API docs page from local assets pointing at /openapi.json", async () => {
    const page = await fetch(`${s.url}/docs/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain("<title>reelgen API</title>");
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']+\.(js|css)/);
    const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(["./swagger-ui.css", "./swagger-ui-bundle.js", "./swagger-ui-init.js"]));
    for (const asset of assets) {
      const res = await fetch(new URL(asset, `${s.url}/docs/`));
      expect(res.status, asset).toBe(200);
      const body = await res.text();
      expect(body.length, asset).toBeGreaterThan(0);
      if (asset === "./swagger-ui-init.js") expect(body).toContain('"swaggerUrl": "/openapi.json"');
    }
    // Without the slash it redirects to the page above (relative asset links need it).
    const bare = await fetch(`${s.url}/docs`, { redirect: "manual" });
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/docs/");
  });

  it("writes one JSON log line per request, keyed by the request id, without credentials", async () => {
    const find = async (id: string) => {
      for (let i = 0; i < 50; i++) {
        const line = logLines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l.req?.id === id && l.res);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no log line for request ${id}`);
    };
    for (const line of logLines) expect(() => JSON.parse(line), line).not.toThrow();

    const given = await s.api("/v1/me", { headers: { ...user.auth, "x-request-id": "trace-abc.123" } });
    expect(given.headers.get("x-request-id")).toBe("trace-abc.123");
    const line = await find("trace-abc.123");
    expect(line).toMatchObject({ level: 30, service: "reelgen", req: { id: "trace-abc.123", method: "GET", url: "/v1/me" }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(JSON.stringify(line)).not.toContain(user.accessToken);
    expect(logLines.join("\n")).not.toContain(user.accessToken);
    expect(logLines.join("\n")).not.toContain(user.password);

    // A generated id, on a failed request (logged as a warning).
    const failed = await s.api("/v1/me", { headers: { authorization: "Bearer not-a-real-token", "x-request-id": "bad id with spaces" } });
    expect(failed.status).toBe(401);
    const id = failed.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.body.error.requestId).toBe(id);
    const warn = await find(id);
    expect(warn).toMatchObject({ level: 40, res: { statusCode: 401 } });
    expect(JSON.stringify(warn)).not.toContain("not-a-real-token");

    // A signed download link's signature is a credential too: only the path is logged.
    const renderId = await storeCompletedRender(s, user.id, new TextEncoder().encode("video bytes"));
    const link = await s.api(`/v1/renders/${renderId}/outputs/mp4/url`, { headers: user.auth });
    expect(link.body.url).toContain("signature=");
    const download = await fetch(link.body.url, { headers: { "x-request-id": "signed-download" } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("video bytes");
    expect((await find("signed-download")).req.url).toBe(`/v1/files/renders/${renderId}/mp4`);
    expect(logLines.join("\n")).not.toContain("signature=");
    expect(logLines.join("\n")).not.toContain(new URL(link.body.url).searchParams.get("signature"));
  });
});

describe("/metrics access", () => {
  it("is off (404) unless METRICS_TOKEN is set", async () => {
    const server = await startTestServer();
    try {
      const res = await server.api("/metrics");
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
      expect((await server.api("/metrics", { headers: { authorization: "Bearer anything-at-all-here" } })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("counts wrong tokens against the address's anonymous rate limit; the right token is not throttled", async () => {
    const server = await startTestServer({ env: { METRICS_TOKEN, ANONYMOUS_REQUESTS_PER_MINUTE: "3" } });
    try {
      const guesses: number[] = [];
      for (let i = 0; i < 5; i++) guesses.push((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer guess-${i}-guess-guess` } })).status);
      expect(guesses).toEqual([401, 401, 401, 429, 429]);
      const scrapes = await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })));
      expect(scrapes.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(await scrapes[0]!.text()).toContain("reelgen_process_cpu_user_seconds_total");
    } finally {
      await server.close();
    }
  });
});

describe("shutdown", () => {
  it("ends event streams cleanly and lets a request under way finish before closing", async () => {
    const s = await startTestServer();
    let closing: Promise<void> | null = null;
    try {
      const user = await s.user();
      const renderId = await storeCompletedRender(s, user.id, new TextEncoder().encode("video bytes"));
      // A render still queued, so its event stream stays open.
      await s.ctx.db.updateTable("renders").set({ status: "queued" }).where("id", "=", renderId).execute();
      const stream = await fetch(`${s.url}/v1/renders/${renderId}/events`, { headers: user.auth });
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: status");

      // A sign-in whose body is still on its way when the shutdown starts.
      const { port } = new URL(s.url);
      const body = JSON.stringify({ email: user.email, password: user.password });
      const slow = http.request({ host: "127.0.0.1", port, path: "/v1/auth/login", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } });
      const answered = new Promise<number>((resolve, reject) => {
        slow.on("response", (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        slow.on("error", reject);
      });
      slow.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 200));

      const started = Date.now();
      closing = s.close();
      // The stream ends as a stream should, not by a cut connection.
      for (;;) if ((await reader.read()).done) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
      slow.end(body.slice(10));
      expect(await answered).toBe(200);
      await closing;
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await (closing ?? s.close());
    }
  });
});
