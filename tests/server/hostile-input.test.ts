import { randomUUID } from "node:crypto";
import http from "node:http";
import { Writable } from "node:stream";
import fc from "fast-check";
import pLimit from "p-limit";
import pino from "pino";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { ErrorCode } from "../../script/reelgen-error";
import { signAccessToken } from "../../server/auth/access-token";
import { signMediaUrl } from "../../server/renders/signed-url";
import { Scope } from "../../server/auth/principal";
import type { Role } from "../../server/db/tables";
import { insertCompletedRender } from "./completed-render";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { HOSTILE_STRINGS, RawJson, encodeUrlText, hostileUrlText, hostileValue, nestedJson, toJsonText, withOwnKey } from "./hostile-values";
import { mutatedArbitrary, schemaArbitrary, type JsonSchema } from "./openapi-arbitrary";
import { renderBody, renderScript, startReceiver } from "./render-helpers";

// The hostile-input test: every route of the OpenAPI document, as every kind of caller, with
// generated requests — valid-ish ones from the document's schemas, the same with one part made
// hostile, and hostile bodies, queries and path parameters outright. Whatever comes in, the
// server answers (no hang), never with a 5xx, always with the error shape, and /healthz still
// answers after each route. Findings are collected, not stopped at: the failure lists them all,
// each with what to send to repeat it.
//
// The seed changes every run and is printed; HOSTILE_SEED=<n> repeats a run, HOSTILE_RUNS=<n>
// sets the generated requests per route, HOSTILE_VERBOSE=1 prints each route's status counts,
// HOSTILE_DATABASE=postgres uses PostgreSQL instead of PGlite.

const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2_147_483_647);
/**
 * Generated requests in all, spread over the routes (at least 300 each): about 36,000 requests, a
 * minute and a half on 2 idle cores (three under load), whatever the number of routes, so adding
 * routes does not push the run past its time limit. HOSTILE_RUNS=<n> fixes the count per route.
 */
const TOTAL_RUNS = 36_000;
const RUNS_PER_ROUTE = process.env.HOSTILE_RUNS ? Number(process.env.HOSTILE_RUNS) : null;
const REQUEST_TIMEOUT_MS = 15_000;
/** The harness's password for every user it makes. */
const PASSWORD = "correct horse battery staple";
const IN_FLIGHT = 4;
/**
 * Node's HTTP parser refuses a request line and headers longer than this (`--max-http-header-size`)
 * with a bare 431 before the app sees the request, so such requests are checked for that 431
 * (and no hang) rather than for the app's error shape.
 */
const MAX_HEADER_BYTES = 16 * 1024;

const PRINCIPALS = ["anonymous", "standard", "premium", "admin", "key-all-scopes", "key-no-scopes"] as const;
type PrincipalName = (typeof PRINCIPALS)[number];
const SESSION_ROLES: Role[] = ["standard", "premium", "admin"];
const ALL_SCOPES: string[] = Scope.options;

type Operation = {
  method: string;
  /** OpenAPI path, `/v1/renders/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: { contentType: "application/json"; schema: JsonSchema } | { contentType: "multipart/form-data" } | null;
  security: unknown[];
};

type Body = { kind: "none" } | { kind: "json"; value: unknown; contentType?: string } | { kind: "raw"; bytes: Buffer | string; contentType?: string; headers?: Record<string, string> };
type Case = { label: string; principal: PrincipalName; params: Record<string, string>; query: string; body: Body; method?: string; headers?: Record<string, string> };
/** `unsent`: Node itself refused to send the request (a character it does not allow in a header or path); `dropped`: the connection failed without an answer. */
type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; timedOut: boolean; unsent?: string; dropped?: string };
type Finding = { route: string; label: string; principal: PrincipalName; request: string; problem: string; answer: string; log: string };

const excerpt = (text: string, max = 300) => (text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`);

/** Bodies and raw text as they go on the wire. */
const bodyBytes = (body: Body): { bytes: Buffer | null; contentType: string | null; headers: Record<string, string> } => {
  if (body.kind === "none") return { bytes: null, contentType: null, headers: {} };
  if (body.kind === "json") return { bytes: Buffer.from(toJsonText(body.value)), contentType: body.contentType ?? "application/json", headers: {} };
  return { bytes: Buffer.from(body.bytes), contentType: body.contentType ?? null, headers: body.headers ?? {} };
};

/** What to send to repeat a case, short enough to read. */
const describeRequest = (method: string, url: string, principal: PrincipalName, body: Body, extra: Record<string, string> = {}): string => {
  const { bytes, contentType, headers } = bodyBytes(body);
  const head = `${method.toUpperCase()} ${excerpt(url, 200)} as ${principal}${Object.keys(extra).length ? ` with ${excerpt(JSON.stringify(extra), 200)}` : ""}`;
  if (!bytes) return head;
  return `${head}, ${contentType ?? "no content-type"}${Object.keys(headers).length ? ` ${JSON.stringify(headers)}` : ""}, ${bytes.length} bytes: ${excerpt(bytes.toString("utf8"), 400)}`;
};

const multipart = (boundary: string, parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]): Buffer =>
  Buffer.concat([
    ...parts.map((p) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`),
        Buffer.from(p.data),
        Buffer.from("\r\n"),
      ]),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

const tinyPng = (): Buffer => {
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  return PNG.sync.write(png);
};

describe("hostile input: every route, every caller, generated requests", () => {
  let s: TestServer;
  let operations: Operation[];
  let components: Record<string, JsonSchema>;
  const errorLines: string[] = [];
  const sessions = new Map<Role, TestUser>();
  const keys: { all: string; none: string } = { all: "", none: "" };
  let keyOwner: TestUser;
  /** A refresh token of a user the run does not sign in as, for the refresh route to rotate. */
  let spareRefreshToken = "";
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT * 2 });
  /** Ids of real resources (of every user), by kind, so generated paths reach the handlers. */
  const pools: Record<string, string[]> = { projects: [], media: [], renders: [], webhooks: [], deliveries: [], apiKeys: [], users: [], templates: [], outputs: [], shares: [], sessions: [] };
  let requestCounter = 0;
  /** Completed renders (one per session user) and a signed download link's query for the first. */
  const completed: string[] = [];
  let signedQuery = new URLSearchParams();
  /** Signed media links' queries (the file's and the thumbnail's), for the first media asset. */
  let mediaQuery = new URLSearchParams();
  let thumbnailQuery = new URLSearchParams();
  /** Path parameters of the "own resources" request where the first of each pool is not the one that works. */
  const ownParams = (): Record<string, Record<string, string>> => ({
    "get /v1/renders/{id}/outputs/{name}": { id: completed[0]! },
    "get /v1/renders/{id}/outputs/{name}/url": { id: completed[0]! },
    "get /v1/files/renders/{id}/{name}": { id: completed[0]! },
    // Only a completed render can be shared; the first of the pool is a queued one (409).
    "post /v1/renders/{id}/share": { id: completed[0]! },
  });

  const authHeader = (principal: PrincipalName): Record<string, string> => {
    if (principal === "anonymous") return {};
    if (principal === "key-all-scopes") return { authorization: `Bearer ${keys.all}` };
    if (principal === "key-no-scopes") return { authorization: `Bearer ${keys.none}` };
    return sessions.get(principal)!.auth;
  };

  /** One request over a raw HTTP connection: any method with any body, a deadline, and event streams cut off once their headers arrive. */
  const send = (options: { method: string; url: string; headers: Record<string, string>; body: Buffer | null; stream?: boolean }): Promise<Answer> =>
    new Promise((resolve) => {
      const target = new URL(s.url);
      let settled = false;
      const finish = (answer: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      let req: http.ClientRequest;
      try {
        req = http.request({ host: target.hostname, port: target.port, method: options.method.toUpperCase(), path: options.url, headers: { ...options.headers, ...(options.body ? { "content-length": String(options.body.length) } : {}) }, agent });
      } catch (error) {
        // Node refused to send it (an invalid header or path character): nothing reached the server.
        finish({ status: 0, headers: {}, text: "", timedOut: false, unsent: (error as Error).message });
        return;
      }
      const timer = setTimeout(() => {
        req.destroy();
        finish({ status: 0, headers: {}, text: "", timedOut: true });
      }, REQUEST_TIMEOUT_MS);
      req.on("response", (res) => {
        if (options.stream && String(res.headers["content-type"]).startsWith("text/event-stream")) {
          // An event stream never ends by itself: its headers are the answer.
          req.destroy();
          finish({ status: res.statusCode ?? 0, headers: res.headers, text: "", timedOut: false });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => finish({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), timedOut: false }));
        res.on("error", (error) => finish({ status: res.statusCode ?? 0, headers: res.headers, text: `(response broke off: ${error.message})`, timedOut: false }));
      });
      req.on("error", (error) => finish({ status: 0, headers: {}, text: "", timedOut: false, dropped: error.message }));
      req.end(options.body ?? undefined);
    });

  const json = async (method: string, url: string, principal: PrincipalName | Record<string, string>, body?: unknown) => {
    const answer = await send({
      method,
      url,
      headers: { ...(typeof principal === "string" ? authHeader(principal) : principal), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? Buffer.from(JSON.stringify(body)) : null,
    });
    return { status: answer.status, body: answer.text ? (JSON.parse(answer.text) as any) : null };
  };

  /** A signed-in session for `user` without the sign-in route (the run trips its brute-force limits on purpose). */
  const newSession = async (user: TestUser): Promise<void> => {
    const sessionId = randomUUID();
    await s.ctx.db.insertInto("sessions").values({ id: sessionId, user_id: user.id }).execute();
    user.accessToken = await signAccessToken({ secret: s.ctx.jwtSecret, userId: user.id, sessionId, ttlSeconds: 3600 });
    user.auth = { authorization: `Bearer ${user.accessToken}` };
  };

  const newKey = async (scopes: string[]): Promise<string> => {
    const res = await json("post", "/v1/api-keys", keyOwner.auth, { name: `hostile ${scopes.length}`, scopes: scopes.length ? scopes : ["usage:read"] });
    if (res.status !== 201) throw new Error(`could not create an API key: ${res.status} ${JSON.stringify(res.body)}`);
    if (!scopes.length) await s.ctx.db.updateTable("api_keys").set({ scopes: JSON.stringify([]) }).where("id", "=", res.body.apiKey.id).execute();
    return res.body.key as string;
  };

  /** Another open session of `user` (a second device), for `DELETE /v1/me/sessions/{id}` to end. */
  const spareSession = async (user: TestUser): Promise<string> => {
    const sessionId = randomUUID();
    await s.ctx.db.insertInto("sessions").values({ id: sessionId, user_id: user.id }).execute();
    return sessionId;
  };

  /**
   * Puts every caller back after a route's requests (they may have signed out, changed a
   * password, demoted themselves, revoked a key, disabled a webhook or been locked out by failed
   * sign-ins) so the next route is tried by all of them.
   */
  const restoreCallers = async () => {
    // Failed sign-ins lock an account and an address for a while (that is their point): start each route unlocked.
    const throttled = await s.ctx.redis.keys(`${s.ctx.config.REDIS_PREFIX}:login:*`);
    if (throttled.length) await s.ctx.redis.del(...throttled);
    for (const role of SESSION_ROLES) {
      const user = sessions.get(role)!;
      await s.ctx.db.updateTable("users").set({ role }).where("id", "=", user.id).execute();
      if ((await json("get", "/v1/me", user.auth)).status !== 200) await newSession(user);
    }
    // Spare sign-ins a route ended (signing out everywhere, a password change) are replaced; the standard user's stays first.
    const open = new Set((await s.ctx.db.selectFrom("sessions").select("id").where("id", "in", pools.sessions!).where("revoked_at", "is", null).execute()).map((r) => r.id));
    for (const [i, role] of SESSION_ROLES.entries()) if (!open.has(pools.sessions![i]!)) pools.sessions![i] = await spareSession(sessions.get(role)!);
    // A route may have disabled an endpoint, after which redelivering is refused.
    await s.ctx.db.updateTable("webhook_endpoints").set({ disabled_at: null, failing_since: null }).where("id", "in", pools.webhooks!).execute();
    // Spare keys a route revoked or rolled are gone; the next routes get the ones that are left, the standard user's first.
    const spare = await s.ctx.db.selectFrom("api_keys").select(["id", "user_id"]).where("revoked_at", "is", null).where("user_id", "in", SESSION_ROLES.map((r) => sessions.get(r)!.id)).orderBy("created_at").execute();
    const standardId = sessions.get("standard")!.id;
    pools.apiKeys = [...spare.filter((k) => k.user_id === standardId), ...spare.filter((k) => k.user_id !== standardId)].map((k) => k.id);
    if (!pools.apiKeys.length) pools.apiKeys = [randomUUID()];
    if ((await json("get", "/v1/me", "key-all-scopes")).status !== 200) keys.all = await newKey(ALL_SCOPES);
    if ((await json("get", "/v1/me", "key-no-scopes")).status !== 403) keys.none = await newKey([]);
  };

  /** Real resources of each session user, so generated path ids name things that exist (their own and others'). */
  const createResources = async () => {
    const templates = await json("get", "/v1/templates", "standard");
    pools.templates!.push(...(templates.body.templates as { id: string }[]).map((t) => t.id));
    for (const role of SESSION_ROLES) {
      const user = sessions.get(role)!;
      pools.users!.push(user.id);
      pools.sessions!.push(await spareSession(user));
      const project = await json("post", "/v1/projects", user.auth, { name: `${role} project`, template: "minidrama", script: renderScript() });
      expect(project.status).toBe(201);
      expect((await json("put", `/v1/projects/${project.body.id}`, user.auth, { script: renderScript({ title: "Second" }) })).status).toBe(201);
      pools.projects!.push(project.body.id);
      const boundary = "hostileboundary";
      const upload = await send({
        method: "post",
        url: "/v1/media",
        headers: { ...user.auth, "content-type": `multipart/form-data; boundary=${boundary}` },
        body: multipart(boundary, [{ name: "file", filename: "a.png", type: "image/png", data: tinyPng() }, { name: "tags", data: "one,two" }]),
      });
      expect(upload.status, upload.text).toBe(201);
      pools.media!.push(JSON.parse(upload.text).id);
      const webhook = await json("post", "/v1/webhooks", user.auth, { url: receiver.url, events: ["render.completed", "render.failed"] });
      expect(webhook.status, JSON.stringify(webhook.body)).toBe(201);
      pools.webhooks!.push(webhook.body.id);
      const render = await json("post", "/v1/renders", user.auth, renderBody());
      expect(render.status, JSON.stringify(render.body)).toBe(202);
      pools.renders!.push(render.body.id);
      // A completed render with a file, so downloads and signed links get past "not completed".
      const done = await insertCompletedRender(s, user.id);
      pools.renders!.push(done);
      completed.push(done);
      // A failed delivery to redeliver (deliveries only come from finished renders, and no worker runs here).
      const delivery = `msg_${randomUUID().replaceAll("-", "")}`;
      await s.ctx.db
        .insertInto("webhook_deliveries")
        .values({ id: delivery, endpoint_id: webhook.body.id, event: "render.completed", render_id: done, payload: JSON.stringify({ type: "render.completed" }), status: "failed", attempts: "[]", next_attempt_at: null })
        .execute();
      pools.deliveries!.push(delivery);
      // Keys a caller may revoke or roll; never the keys the run signs in with.
      const key = await json("post", "/v1/api-keys", user.auth, { name: `${role} spare`, scopes: ["renders:read"] });
      expect(key.status).toBe(201);
      pools.apiKeys!.push(key.body.apiKey.id);
    }
    pools.outputs!.push("mp4");
    await createShares();
    const link = await json("get", `/v1/renders/${completed[0]}/outputs/mp4/url`, "standard");
    expect(link.status).toBe(200);
    signedQuery = new URL(link.body.url).searchParams;
    mediaQuery = new URLSearchParams(signMediaUrl(s.ctx.jwtSecret, pools.media![0]!, 600).path.split("?")[1]);
    thumbnailQuery = new URLSearchParams(signMediaUrl(s.ctx.jwtSecret, pools.media![0]!, 600, "thumbnail").path.split("?")[1]);
  };

  /**
   * A share of each session user's project (preparing: no worker runs here), and the first made
   * ready in the database with one file, so the public routes get past "still being prepared".
   */
  const createShares = async () => {
    for (const [i, role] of SESSION_ROLES.entries()) {
      const share = await json("post", `/v1/projects/${pools.projects![i]}/share`, sessions.get(role)!.auth, { poster: false });
      expect(share.status, JSON.stringify(share.body)).toBe(202);
      pools.shares!.push(share.body.id);
    }
    const ready = pools.shares![0]!;
    await s.ctx.storage.put(`shares/${ready}/poster.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    await s.ctx.db
      .updateTable("shares")
      .set({
        status: "ready",
        ready_at: new Date(),
        assets: JSON.stringify({ "poster.jpg": { mime: "image/jpeg", bytes: 4 } }),
        content: JSON.stringify({ fps: 30, durationInFrames: 75, durationSec: 2.5, format: "9:16", width: 1080, height: 1920, poster: { name: "poster.jpg", width: 720, height: 1280 }, props: renderScript(), video: null, captions: null }),
      })
      .where("id", "=", ready)
      .execute();
  };

  beforeAll(async () => {
    const setupStarted = Date.now();
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        // Error lines only: they name the cause of a 5xx. Warnings (every 4xx) would fill the memory.
        for (const line of chunk.toString().split("\n")) if (line.includes('"level":50') || line.includes('"level":60')) errorLines.push(line.slice(0, 4000));
        done();
      },
    });
    const unlimited = JSON.stringify(Object.fromEntries(SESSION_ROLES.map((role) => [role, { requestsPerMinute: 10_000_000 }])));
    // PGlite by default (what `npm run server` starts); HOSTILE_DATABASE=postgres runs the same against PostgreSQL.
    s = await startTestServer({ database: process.env.HOSTILE_DATABASE === "postgres" ? "postgres" : "pglite", env: { TIERS: unlimited }, logger: pino({ level: "error" }, logStream) });
    receiver = await startReceiver();
    for (const role of SESSION_ROLES) sessions.set(role, await s.user(role));
    keyOwner = await s.user("standard");
    spareRefreshToken = (await s.user("standard")).refreshToken;
    keys.all = await newKey(ALL_SCOPES);
    keys.none = await newKey([]);
    await createResources();

    const document = JSON.parse((await send({ method: "get", url: "/openapi.json", headers: {}, body: null })).text) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> }; security?: unknown[] }>>;
      components: { schemas: Record<string, JsonSchema> };
    };
    components = document.components.schemas;
    operations = Object.entries(document.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        return {
          method,
          path: p,
          pathParams: [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
          queryParams: (op.parameters ?? []).filter((x) => x.in === "query").map((x) => ({ name: x.name, schema: x.schema })),
          body: content["application/json"] ? { contentType: "application/json" as const, schema: content["application/json"].schema ?? {} } : content["multipart/form-data"] ? { contentType: "multipart/form-data" as const } : null,
          security: op.security ?? [],
        };
      }),
    );
    console.log(`hostile-input: set-up took ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);
  });
  afterAll(async () => {
    agent.destroy();
    await receiver?.close();
    await s?.close();
  });

  /**
   * Bodies the server accepts, by route: the generated and mutated requests start from these as
   * well as from the schema, so they get past validation into the services (zod refinements such
   * as "script or projectId" are not in the document).
   */
  const examples = (operation: Operation): unknown[] => {
    const standard = sessions.get("standard")!;
    const outputs = [{ format: "mp4", resolution: "480p" }];
    const table: Record<string, unknown[]> = {
      "post /v1/auth/register": [{ email: `new-${randomUUID()}@example.com`, password: PASSWORD }],
      "post /v1/auth/login": [{ email: standard.email, password: PASSWORD }],
      "post /v1/auth/refresh": [{ refreshToken: spareRefreshToken }],
      "post /v1/auth/password-reset": [{ email: standard.email }],
      "post /v1/auth/password-reset/confirm": [{ token: "A".repeat(43), newPassword: `${PASSWORD} again` }],
      "patch /v1/me/preferences": [{ defaultTemplate: "minidrama", defaultFormat: "9:16", voice: "en-us", brand: { colors: { primary: "#ff0000" } } }],
      "post /v1/me/password": [{ currentPassword: PASSWORD, newPassword: PASSWORD }],
      "patch /v1/admin/users/{id}": [{ role: "premium" }],
      "post /v1/api-keys": [{ name: "a key", scopes: ["renders:read"] }],
      "post /v1/projects": [{ name: "a project", template: "minidrama", script: renderScript(), options: { outputs }, message: "first" }],
      "put /v1/projects/{id}": [{ script: renderScript({ title: "Saved" }), message: "again" }, { name: "renamed" }],
      "post /v1/projects/{id}/rollback": [{ version: 1 }],
      "patch /v1/media/{id}": [{ tags: ["one", "two"] }],
      "post /v1/renders": [renderBody(), { projectId: pools.projects![0], outputs }],
      "post /v1/renders/batch": [
        { template: "minidrama", outputs, scripts: [renderScript()] },
        { template: "minidrama", outputs, scriptTemplate: renderScript({ title: "{{title}}" }), rows: [{ title: "One" }, { title: "Two" }] },
        { template: "minidrama", outputs, scriptTemplate: renderScript({ title: "{{title}}" }), csv: "title\nOne\nTwo" },
      ],
      "post /v1/webhooks": [{ url: receiver.url, events: ["render.completed"] }],
      "patch /v1/webhooks/{id}": [{ enabled: true }, { url: receiver.url, events: ["render.failed"] }],
      "post /v1/projects/{id}/share": [{}, { poster: false, allowedOrigins: ["https://good.example"], title: "Shared", author: "Ana" }, { version: 1 }],
      "post /v1/renders/{id}/share": [{}, { output: "mp4", poster: false }],
      "post /v1/voices/preview": [{ voice: "en-us+f3", text: "Hello there.", emotion: "happy", language: "en" }, { voice: "en", text: "Again." }],
      "post /v1/scripts/generate": [
        { prompt: "A lunch thief in the office", template: "minidrama" },
        { prompt: "Two friends and a pizza", template: "chat-story", episodes: 2, render: { outputs } },
      ],
    };
    return table[`${operation.method} ${operation.path}`] ?? [];
  };

  /** Query values that name real things, by route and parameter. */
  const queryHints = (operation: Operation, name: string): string[] =>
    (<Record<string, string[]>>{
      "/v1/projects/{id}/diff from": ["1", "2"],
      "/v1/projects/{id}/diff to": ["1", "2"],
      "/v1/usage from": ["2025-03-01", "1970-01-01"],
      "/v1/usage to": ["2025-03-03", "2025-12-31"],
      "/v1/media kind": ["image", "audio", "video"],
      "/v1/media tag": ["one"],
      "/v1/renders status": ["queued", "completed"],
      "/v1/renders/estimate template": ["minidrama", "chat-story"],
      "/v1/renders/estimate seconds": ["30", "0.5"],
      "/v1/files/renders/{id}/{name} expires": [signedQuery.get("expires")!, "0", "99999999999999"],
      "/v1/files/renders/{id}/{name} signature": [signedQuery.get("signature")!, "AAAA"],
      "/v1/files/media/{id} expires": [mediaQuery.get("expires")!, "0", "99999999999999"],
      "/v1/files/media/{id} signature": [mediaQuery.get("signature")!, "AAAA"],
      "/v1/files/media/{id}/thumbnail expires": [thumbnailQuery.get("expires")!, "0"],
      "/v1/files/media/{id}/thumbnail signature": [thumbnailQuery.get("signature")!, "AAAA"],
      "/v1/admin/users role": ["standard", "admin"],
      "/v1/voices language": ["en", "pt-BR"],
      "/v1/shares projectId": [pools.projects![0]!],
      "/oembed url": [encodeURIComponent(`${s.url}/embed/${pools.shares![0]}`), encodeURIComponent(`${s.url}/embed/${pools.shares![1]}`), encodeURIComponent("https://elsewhere.example/embed/x")],
      "/oembed format": ["json", "xml"],
    })[`${operation.path} ${name}`] ?? [];

  /** Values that mean something to the server, by property name. */
  const hints = (): Record<string, fc.Arbitrary<unknown>> => ({
    email: fc.oneof(fc.constantFrom(...SESSION_ROLES.map((r) => sessions.get(r)!.email)), fc.nat().map((n) => `fuzz-${n}@example.com`)),
    password: fc.constantFrom(PASSWORD, "short", "x".repeat(1024)),
    currentPassword: fc.constant(PASSWORD),
    refreshToken: fc.constant(spareRefreshToken),
    script: fc.constantFrom(renderScript(), renderScript({ title: "Other" })),
    scriptTemplate: fc.constant(renderScript({ title: "{{title}}" })),
    template: fc.constantFrom(...pools.templates!),
    projectId: fc.constantFrom(...pools.projects!),
    url: fc.constantFrom(receiver.url, "http://127.0.0.1:9/x", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::7f00:1]/", "ftp://127.0.0.1/"),
    csv: fc.constantFrom("title\nOne\nTwo", "title,title\na,b", "title\n\"unterminated", "\ufefftitle\r\nx"),
    prompt: fc.constantFrom("A lunch thief in the office", "Two friends argue about pizza"),
  });

  const poolFor = (operation: Operation, param: string): string[] => {
    if (param === "version") return ["1", "2", "3", "0", "-1", "2147483648", "1.5", "1e3", "01"];
    if (param === "name") return operation.path.startsWith("/v1/shares") ? ["poster.jpg", "mp4", "..%2Fx"] : pools.outputs!;
    if (param === "deliveryId") return pools.deliveries!;
    const kind = operation.path.startsWith("/v1/shares")
      ? "shares"
      : operation.path.startsWith("/v1/projects")
      ? "projects"
      : operation.path.startsWith("/v1/media") || operation.path.startsWith("/v1/files/media")
        ? "media"
        : operation.path.includes("/renders")
          ? "renders"
          : operation.path.startsWith("/v1/webhooks")
            ? "webhooks"
            : operation.path.startsWith("/v1/api-keys")
              ? "apiKeys"
              : operation.path.startsWith("/v1/admin/users")
                ? "users"
                : operation.path.startsWith("/v1/me/sessions")
                  ? "sessions"
                : operation.path.startsWith("/v1/templates")
                  ? "templates"
                  : null;
    return kind ? pools[kind]! : [randomUUID()];
  };

  const caseArbitrary = (operation: Operation): fc.Arbitrary<Omit<Case, "principal">> => {
    const params = fc.record(
      Object.fromEntries(
        operation.pathParams.map((name) => [
          name,
          fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...poolFor(operation, name)) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 3, arbitrary: hostileUrlText }),
        ]),
      ),
    ) as fc.Arbitrary<Record<string, string>>;
    const documented = operation.queryParams.map(({ name, schema }) =>
      fc.option(
        fc.oneof(
          { weight: 3, arbitrary: schemaArbitrary(schema, { components, hints: {} }).map((v) => `${encodeUrlText(name)}=${encodeUrlText(String(v))}`) },
          ...(queryHints(operation, name).length ? [{ weight: 3, arbitrary: fc.constantFrom(...queryHints(operation, name)).map((v) => `${name}=${v}`) }] : []),
          { weight: 3, arbitrary: hostileUrlText.map((v) => `${name}=${v}`) },
          { weight: 1, arbitrary: fc.constantFrom(`${name}=a&${name}=b`, `${name}[]=1`, `${name}`, `${name}=`) },
        ),
        { freq: 5 },
      ),
    );
    const extra = fc.option(fc.oneof(hostileUrlText.map((v) => `${v}=1`), fc.constantFrom("__proto__=1", "constructor=x", "__proto__[admin]=1", "a=1&a=2&a=3")), { freq: 4 });
    const query = fc.tuple(fc.tuple(...documented), extra).map(([values, more]) => [...values, more].filter((v): v is string => Boolean(v)).join("&"));

    let body: fc.Arbitrary<Body>;
    if (operation.body?.contentType === "application/json") {
      const known = examples(operation);
      const fromSchema = schemaArbitrary(operation.body.schema, { components, hints: hints() });
      const valid = known.length ? fc.oneof(fromSchema, fc.constantFrom(...known)) : fromSchema;
      body = fc.oneof(
        { weight: 3, arbitrary: valid.map((value): Body => ({ kind: "json", value })) },
        { weight: 6, arbitrary: mutatedArbitrary(valid, hostileValue()).map((value): Body => ({ kind: "json", value })) },
        { weight: 1, arbitrary: hostileValue().map((value): Body => ({ kind: "json", value })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(valid, fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=latin1", "application/jsonx", ""))
            .map(([value, contentType]): Body => ({ kind: "json", value, contentType })),
        },
      );
    } else if (operation.body?.contentType === "multipart/form-data") {
      body = multipartArbitrary;
    } else {
      // Routes without a body get one now and then: it must be ignored, not parsed.
      body = fc.oneof({ weight: 5, arbitrary: fc.constant<Body>({ kind: "none" }) }, { weight: 1, arbitrary: hostileValue().map((value): Body => ({ kind: "json", value })) });
    }
    // Now and then a header that has broken servers: a malformed credential (in place of the caller's), an idempotency key, a byte range.
    const headers = fc.option(
      fc.oneof(
        fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer rk_live_", "Bearer rk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", `Bearer ${"a".repeat(8000)}`, "bearer  x y").map((authorization) => ({ authorization })),
        fc.constantFrom("a", " ", "ÿÿÿ", "k".repeat(300), "same-key").map((key) => ({ "idempotency-key": key })),
        fc.constantFrom("bytes=0-0", "bytes=999999999-", "bytes=abc", `bytes=${Array.from({ length: 200 }, (_, i) => `${i}-${i}`).join(",")}`).map((range) => ({ range })),
      ),
      { freq: 6 },
    ).map((h) => h ?? undefined);
    return fc.record({ label: fc.constant("generated"), params, query, body, headers }, { requiredKeys: ["label", "params", "query", "body"] });
  };

  const multipartArbitrary: fc.Arbitrary<Body> = fc
    .record({
      kind: fc.constantFrom("valid", "valid", "no-boundary", "wrong-boundary", "truncated", "two-files", "file-as-text", "many-fields", "empty", "bad-disposition", "json-instead"),
      filename: fc.constantFrom("a.png", ...HOSTILE_STRINGS.filter((t) => t.length < 100 && !/[\r\n"]/.test(t))),
      tags: fc.constantFrom("one,two", ...HOSTILE_STRINGS.filter((t) => t.length < 100)),
      data: fc.constantFrom(tinyPng(), Buffer.alloc(0), Buffer.from("not a picture"), Buffer.from("GIF89a"), Buffer.concat([tinyPng().subarray(0, 30)])),
    })
    .map(({ kind, filename, tags, data }): Body => {
      const b = "hostile-b0undary";
      const file = { name: "file", filename, type: "image/png", data };
      const type = `multipart/form-data; boundary=${b}`;
      switch (kind) {
        case "valid":
          return { kind: "raw", bytes: multipart(b, [file, { name: "tags", data: tags }]), contentType: type };
        case "no-boundary":
          return { kind: "raw", bytes: multipart(b, [file]), contentType: "multipart/form-data" };
        case "wrong-boundary":
          return { kind: "raw", bytes: multipart("other", [file]), contentType: type };
        case "truncated": {
          const whole = multipart(b, [file, { name: "tags", data: tags }]);
          return { kind: "raw", bytes: whole.subarray(0, Math.floor(whole.length / 2)), contentType: type };
        }
        case "two-files":
          return { kind: "raw", bytes: multipart(b, [file, { ...file, filename: "b.png" }]), contentType: type };
        case "file-as-text":
          return { kind: "raw", bytes: multipart(b, [{ name: "file", data: "just text" }]), contentType: type };
        case "many-fields":
          return { kind: "raw", bytes: multipart(b, [...Array.from({ length: 2000 }, (_, i) => ({ name: `f${i}`, data: tags })), file]), contentType: type };
        case "empty":
          return { kind: "raw", bytes: "", contentType: type };
        case "bad-disposition":
          return { kind: "raw", bytes: `--${b}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''%ED%A0%80\r\n\r\n${tags}\r\n--${b}--\r\n`, contentType: type };
        default:
          return { kind: "json", value: { file: tags } };
      }
    });

  /** The same for every route: the largest and deepest things, and bodies that are not JSON at all. */
  const fixedCases = (operation: Operation, principal: PrincipalName): Case[] => {
    const cases: (Omit<Case, "principal"> & { principal?: PrincipalName })[] = [];
    // The standard user's own resources (the first of each pool), named as they exist: this request should succeed.
    const params = { ...Object.fromEntries(operation.pathParams.map((name) => [name, poolFor(operation, name)[0]!])), ...ownParams()[`${operation.method} ${operation.path}`] };
    const ownQuery = operation.queryParams.flatMap(({ name }) => queryHints(operation, name).slice(0, 1).map((v) => `${name}=${v}`)).join("&");
    const add = (label: string, body: Body, extra: Partial<Omit<Case, "label" | "body">> = {}) => cases.push({ label, params, query: "", body, ...extra });
    if (!operation.body) add("own resources", { kind: "none" }, { query: ownQuery });
    if (operation.body?.contentType === "application/json") {
      const valid = examples(operation)[0] ?? fc.sample(schemaArbitrary(operation.body.schema, { components, hints: hints() }), { seed: SEED, numRuns: 1 })[0];
      const validText = toJsonText(valid);
      const near = 5 * 1024 * 1024 - validText.length - 200;
      add("own resources", { kind: "json", value: valid }, { query: ownQuery });
      add("nested 20000 deep", { kind: "json", value: nestedJson(20_000) });
      add("nested 5000 deep inside a valid body", { kind: "json", value: withOwnKey(structuredClone(valid) as Record<string, unknown>, "deep", nestedJson(5000, "object")) });
      add("a string just under 5 MB", { kind: "json", value: withOwnKey(structuredClone(valid) as Record<string, unknown>, "big", "y".repeat(near)) });
      add("a string just over 5 MB", { kind: "json", value: withOwnKey(structuredClone(valid) as Record<string, unknown>, "big", "y".repeat(near + 1000)) });
      add("2.4 million array elements", { kind: "json", value: withOwnKey(structuredClone(valid) as Record<string, unknown>, "big", new RawJson(`[${"0,".repeat(2_400_000)}0]`)) });
      add("NaN as text", { kind: "raw", bytes: "NaN", contentType: "application/json" });
      add("not JSON", { kind: "raw", bytes: '{"a":', contentType: "application/json" });
      add("gzip that is not", { kind: "raw", bytes: validText, contentType: "application/json", headers: { "content-encoding": "gzip" } });
      add("unknown encoding", { kind: "raw", bytes: validText, contentType: "application/json", headers: { "content-encoding": "br, zstd, x-unknown" } });
      add("utf-16 charset", { kind: "raw", bytes: Buffer.from(validText, "utf16le"), contentType: "application/json; charset=utf-16" });
      add("empty", { kind: "raw", bytes: "", contentType: "application/json" });
      add("duplicate __proto__", { kind: "raw", bytes: '{"__proto__":{"role":"admin"},"__proto__":1,"constructor":{"prototype":{"x":1}}}', contentType: "application/json" });
      // Every array the document bounds, filled to its maxItems and one past it (a batch of 5,000 scripts): the work one request may ask for.
      const schema = operation.body.schema.$ref ? components[operation.body.schema.$ref.replace("#/components/schemas/", "")] : operation.body.schema;
      for (const [name, property] of Object.entries(schema?.properties ?? {})) {
        const sample = (valid as Record<string, unknown> | null)?.[name];
        if (property.type !== "array" || !property.maxItems || !Array.isArray(sample) || !sample.length) continue;
        for (const count of [property.maxItems, property.maxItems + 1]) {
          const value = { ...(valid as Record<string, unknown>), [name]: Array.from({ length: count }, () => sample[0]) };
          // As premium too, whose tier allows the most (5,000 batch rows).
          if (toJsonText(value).length < 5 * 1024 * 1024) for (const who of new Set([principal, principal === "standard" ? "premium" : principal])) add(`${name} with ${count} items`, { kind: "json", value }, { principal: who });
        }
      }
    }
    if (operation.body?.contentType === "multipart/form-data") {
      const b = "fixedboundary";
      add("own resources", { kind: "raw", bytes: multipart(b, [{ name: "file", filename: "own.png", type: "image/png", data: tinyPng() }, { name: "tags", data: "own" }]), contentType: `multipart/form-data; boundary=${b}` });
      add("a file just over the upload limit is not sent here; a 5 MB field of text", { kind: "raw", bytes: multipart(b, [{ name: "tags", data: "t".repeat(5 * 1024 * 1024) }]), contentType: `multipart/form-data; boundary=${b}` });
      add("a boundary of 200 characters", { kind: "raw", bytes: multipart("q".repeat(200), [{ name: "file", filename: "a.png", data: tinyPng() }]), contentType: `multipart/form-data; boundary=${"q".repeat(200)}` });
    }
    add("a 7000-character query", { kind: "none" }, { query: `${operation.queryParams[0]?.name ?? "q"}=${"q".repeat(7000)}` });
    add("300 repeated query keys", { kind: "none" }, { query: Array.from({ length: 300 }, () => `${operation.queryParams[0]?.name ?? "q"}=1`).join("&") });
    if (operation.pathParams.length) {
      add("a 7000-character path parameter", { kind: "none" }, { params: Object.fromEntries(operation.pathParams.map((n) => [n, "p".repeat(7000)])) });
      add("a bare % in the path", { kind: "none" }, { params: Object.fromEntries(operation.pathParams.map((n) => [n, "%"])) });
    }
    add("a method the path does not have", { kind: "none" }, { method: operation.method === "get" ? "put" : "get" });
    add("a 20 KB URL", { kind: "none" }, { query: `q=${"u".repeat(20_000)}` });
    return cases.map((c) => ({ ...c, principal: c.principal ?? principal }));
  };

  // Under load (other test files on the same two cores) the run can take three minutes: more than the default 180 s.
  it("never answers 5xx, never hangs, always with the error shape, and keeps answering /healthz", async () => {
    const started = Date.now();
    const RUNS = RUNS_PER_ROUTE ?? Math.max(300, Math.round(TOTAL_RUNS / operations.length));
    console.log(`hostile-input seed ${SEED} (repeat with HOSTILE_SEED=${SEED}), ${RUNS} generated requests per route`);
    expect(operations.length).toBeGreaterThan(40);
    const findings: Finding[] = [];
    const reached = new Map<string, Set<number>>();
    let sent = 0;
    let unsent = 0;
    const limit = pLimit(IN_FLIGHT);

    // Deleting comes last, so the resources the other routes' ids name still exist while they run.
    const ordered = [...operations.filter((o) => o.method !== "delete"), ...operations.filter((o) => o.method === "delete")];
    for (const [index, operation] of ordered.entries()) {
      const routeStarted = Date.now();
      const route = `${operation.method.toUpperCase()} ${operation.path}`;
      const generated = fc.sample(caseArbitrary(operation), { seed: SEED + index, numRuns: RUNS });
      // Every caller at least RUNS / 6 times: principal by position, not drawn.
      const cases: Case[] = generated.map((c, i) => ({ ...c, principal: PRINCIPALS[i % PRINCIPALS.length]! }));
      const allowed: PrincipalName = operation.security.length === 0 ? "anonymous" : operation.path.startsWith("/v1/admin") ? "admin" : "standard";
      cases.push(...fixedCases(operation, allowed));
      const statuses = new Set<number>();
      reached.set(route, statuses);

      const run = async (c: Case) => {
        const url = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => c.params[name] ?? "x") + (c.query ? `?${c.query}` : "");
        const method = c.method ?? operation.method;
        const { bytes, contentType, headers } = bodyBytes(c.body);
        const requestId = `hostile-${++requestCounter}`;
        const answer = await send({
          method,
          url,
          headers: { ...authHeader(c.principal), ...c.headers, ...(contentType ? { "content-type": contentType } : {}), ...headers, "x-request-id": requestId },
          body: bytes,
          stream: operation.path.endsWith("/events"),
        });
        sent++;
        if (process.env.HOSTILE_VERBOSE && c.label === "own resources") console.log(`  own resources → ${answer.status} ${excerpt(answer.text, 300)}`);
        const problem = (text: string) =>
          findings.push({
            route,
            label: c.label,
            principal: c.principal,
            request: describeRequest(method, url, c.principal, c.body, c.headers),
            problem: text,
            answer: `${answer.status} ${excerpt(answer.text)}`,
            log: excerpt(errorLines.filter((l) => l.includes(`"${requestId}"`)).join("\n"), 800),
          });
        // Node would not put it on the wire (a header it considers invalid): there is no answer to check.
        if (answer.unsent) return void unsent++;
        if (answer.dropped) return problem(`the connection failed without an answer: ${answer.dropped}`);
        if (answer.timedOut) return problem(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
        const headerBytes = `${method} ${url} HTTP/1.1\r\n`.length + Object.entries({ ...authHeader(c.principal), ...c.headers, ...headers }).reduce((n, [k, v]) => n + k.length + v.length + 4, 200);
        if (headerBytes > MAX_HEADER_BYTES) {
          if (answer.status !== 431) return problem(`a request with ${headerBytes} bytes of request line and headers answered ${answer.status}, not Node's 431`);
          return;
        }
        statuses.add(answer.status);
        // oEmbed's answer to format=xml is the one 5xx its spec asks for.
        const notImplemented = route === "GET /oembed" && answer.status === 501 && answer.text.includes('"NOT_IMPLEMENTED"');
        if (answer.status >= 500 && !notImplemented) return problem(`answered ${answer.status}`);
        if (answer.status >= 400) {
          let body: { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | null = null;
          try {
            body = JSON.parse(answer.text);
          } catch {
            // Not JSON: reported below.
          }
          const shaped =
            String(answer.headers["content-type"]).startsWith("application/json") &&
            ErrorCode.safeParse(body?.error?.code).success &&
            typeof body?.error?.message === "string" &&
            body.error.message.length > 0 &&
            body.error.requestId === answer.headers["x-request-id"];
          if (!shaped) return problem("error answer without the { error: { code, message, requestId } } shape");
          const message = String(body!.error!.message);
          if (message.includes(s.dataDir) || message.includes(PROJECT_ROOT) || message.includes("node_modules") || /\n\s+at /.test(message)) return problem("error message shows a server path or a stack");
        }
      };
      // The request on the caller's own resources goes first, before the others delete, revoke or redeliver them.
      for (const c of cases.filter((c) => c.label === "own resources")) await run(c);
      await Promise.all(cases.filter((c) => c.label !== "own resources").map((c) => limit(() => run(c))));

      const health = await send({ method: "get", url: "/healthz", headers: {}, body: null });
      if (health.status !== 200) findings.push({ route, label: "after the route's requests", principal: "anonymous", request: "GET /healthz", problem: "/healthz did not answer 200", answer: `${health.status} ${excerpt(health.text)}`, log: "" });
      if (process.env.HOSTILE_VERBOSE) console.log(`${route}: ${cases.length} requests in ${Date.now() - routeStarted} ms, statuses ${[...statuses].sort().join(" ")}`);
      await restoreCallers();
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`hostile-input: ${operations.length} routes, ${sent} requests in ${seconds} s (${unsent} Node would not send), ${findings.length} findings (seed ${SEED})`);
    // Each route must have been reached past authentication at least once, or the run tested nothing but the sign-in check.
    const unreached = [...reached].filter(([, statuses]) => [...statuses].every((st) => st === 401 || st === 403 || st === 429)).map(([route]) => route);
    expect(unreached, "routes no request got past authentication").toEqual([]);
    // And each did its work at least once (the "own resources" request), or the run only tested refusals.
    // A reset can only be confirmed with the token from the e-mail, which a caller cannot guess.
    const unsucceeded = [...reached].filter(([route, statuses]) => route !== "POST /v1/auth/password-reset/confirm" && ![...statuses].some((st) => st >= 200 && st < 300)).map(([route]) => route);
    expect(unsucceeded, "routes no request succeeded on").toEqual([]);
    // One entry per route, problem and logged cause, with two examples: one bug found 200 times is still one bug.
    const groups = new Map<string, Finding[]>();
    for (const f of findings) {
      const cause = /"err":\{"type":"[^"]*","message":"([^"]{0,120})/.exec(f.log)?.[1] ?? "";
      const key = `${f.route} ${f.problem} ${cause}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const report = [...groups.values()]
      .map((group) => {
        const [first] = group;
        const examples = group.slice(0, 2).map((f) => `    send: ${f.request}\n    got:  ${f.answer}${f.log ? `\n    log:  ${f.log}` : ""}`);
        return `- ${first!.route}: ${first!.problem} (${group.length} requests)\n${examples.join("\n")}`;
      })
      .join("\n");
    expect(findings.length, `hostile input found problems (seed ${SEED}):\n${report}`).toBe(0);
  }, 300_000);
});
