import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../server/auth/opaque-token";
import { Scope } from "../../server/auth/principal";
import type { Role } from "../../server/db/tables";
import type { Access, Route } from "../../server/http/define-route";
import { signMediaUrl, signOutputUrl } from "../../server/renders/signed-url";
import { ALL_ROUTES } from "../../server/routes/all-routes";
import { newMessageId } from "../../server/webhooks/webhook-service";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { pngDeclaring } from "./media-fixtures";
import { renderBody, renderScript } from "./render-helpers";

/**
 * The auth matrix: every route in ALL_ROUTES, called by every kind of caller. Driven from
 * ALL_ROUTES, so a new route is covered (and fails here until its path params have a fixture).
 *
 * One owner (standard) owns one of each resource; a standard, a premium and an admin user are
 * "other users" on the owner's resources. Calls that change an owned resource (any non-GET on a
 * path with `:id`) get a fresh resource of the owner's per call, and calls that end sessions get a
 * fresh user per call, so no row breaks a later one.
 */

const ALL_SCOPES = Scope.options;

const keyOf = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;

/**
 * Who may call each route, written out here on purpose: the matrix expects what this table says,
 * not what the route declares, so a route wrongly declared (say `public`) fails every row below
 * until this table is changed too, deliberately and in review.
 * "public" | "session" | "session <roles>" | "any <scope>" | "any <scope> <roles>" (roles joined by "|").
 */
const ACCESS: Record<string, string> = {
  "POST /v1/auth/register": "public",
  "POST /v1/auth/login": "public",
  "POST /v1/auth/refresh": "public",
  "POST /v1/auth/logout": "session",
  "POST /v1/auth/logout-all": "session",
  "POST /v1/auth/password-reset": "public",
  "POST /v1/auth/password-reset/confirm": "public",
  "GET /v1/me": "any usage:read",
  "PATCH /v1/me/preferences": "session",
  "POST /v1/me/password": "session",
  "GET /v1/me/audit": "session",
  "PATCH /v1/admin/users/:id": "session admin",
  "POST /v1/api-keys": "session",
  "GET /v1/api-keys": "session",
  "DELETE /v1/api-keys/:id": "session",
  "POST /v1/api-keys/:id/roll": "session",
  "GET /v1/templates": "any templates:read",
  "GET /v1/templates/:id": "any templates:read",
  "POST /v1/projects": "any projects:write",
  "GET /v1/projects": "any projects:read",
  "GET /v1/projects/:id": "any projects:read",
  "PUT /v1/projects/:id": "any projects:write",
  "DELETE /v1/projects/:id": "any projects:write",
  "GET /v1/projects/:id/versions": "any projects:read",
  "GET /v1/projects/:id/versions/:version": "any projects:read",
  "GET /v1/projects/:id/diff": "any projects:read",
  "POST /v1/projects/:id/rollback": "any projects:write",
  "POST /v1/media": "any media:write",
  "GET /v1/media": "any media:read",
  "GET /v1/media/:id": "any media:read",
  "GET /v1/media/:id/file": "any media:read",
  "PATCH /v1/media/:id": "any media:write",
  "DELETE /v1/media/:id": "any media:write",
  "POST /v1/renders": "any renders:write",
  "POST /v1/renders/batch": "any renders:write",
  "GET /v1/renders": "any renders:read",
  "GET /v1/renders/estimate": "any renders:read",
  "GET /v1/renders/:id": "any renders:read",
  "GET /v1/renders/:id/events": "any renders:read",
  "POST /v1/renders/:id/cancel": "any renders:write",
  "GET /v1/renders/:id/outputs/:name": "any renders:read",
  "GET /v1/renders/:id/outputs/:name/url": "any renders:read",
  // Signed links: the signature in the query is the credential.
  "GET /v1/files/renders/:id/:name": "public",
  "POST /v1/webhooks": "any webhooks:write",
  "GET /v1/webhooks": "any webhooks:read",
  "GET /v1/webhooks/:id": "any webhooks:read",
  "PATCH /v1/webhooks/:id": "any webhooks:write",
  "DELETE /v1/webhooks/:id": "any webhooks:write",
  "POST /v1/webhooks/:id/rotate-secret": "any webhooks:write",
  "GET /v1/webhooks/:id/deliveries": "any webhooks:read",
  "POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver": "any webhooks:write",
  "GET /v1/usage": "any usage:read",
  "GET /v1/admin/stats": "session admin",
  "POST /v1/scripts/generate": "any scripts:write",
  "POST /v1/projects/:id/share": "any shares:write",
  "POST /v1/renders/:id/share": "any shares:write",
  "GET /v1/shares": "any shares:read",
  "GET /v1/shares/:id": "any shares:read",
  "DELETE /v1/shares/:id": "any shares:write",
  // What anonymous viewers of a share fetch: the unguessable id is the credential.
  "GET /v1/shares/:id/public": "public",
  "GET /v1/shares/:id/assets/:name": "public",
  "GET /oembed": "public",
  "GET /v1/admin/users": "session admin",
  "GET /v1/me/sessions": "session",
  "DELETE /v1/me/sessions/:id": "session",
  "POST /v1/webhooks/:id/test": "any webhooks:write",
  "GET /v1/voices": "any templates:read",
  "POST /v1/voices/preview": "any renders:write",
  // A signed link: the signature in the query is the credential.
  "GET /v1/files/media/:id": "public",
  "GET /v1/files/media/:id/thumbnail": "public",
};

/** A route's declared access in the table's notation. */
const describeAccess = (access: Access) =>
  [access.kind === "any" ? `any ${access.scope}` : access.kind, access.kind !== "public" && access.roles ? access.roles.join("|") : null].filter(Boolean).join(" ");

/** The access the table expects for a route; a route missing from the table fails its rows. */
const expectedAccess = (route: Route): Access => {
  const entry = ACCESS[keyOf(route)];
  if (!entry) throw new Error(`${keyOf(route)} is not in the ACCESS table: add it with the access it should have`);
  const [kind, second, third] = entry.split(" ");
  const roles = (kind === "session" ? second : third)?.split("|") as Role[] | undefined;
  if (kind === "public") return { kind: "public" };
  if (kind === "session") return roles ? { kind: "session", roles } : { kind: "session" };
  if (kind === "any") return roles ? { kind: "any", scope: second as Scope, roles } : { kind: "any", scope: second as Scope };
  throw new Error(`bad ACCESS entry for ${keyOf(route)}: ${entry}`);
};

const PASSWORD = "correct horse battery staple";

type Kind = "render" | "project" | "media" | "webhook" | "apiKey" | "template" | "user" | "share" | "session";
const OWNED: ReadonlySet<Kind> = new Set(["render", "project", "media", "webhook", "apiKey", "share"]);

/** What `:id` names, by the path before it. */
const ID_KINDS: [RegExp, Kind][] = [
  [/^\/v1\/renders\/:id(\/|$)/, "render"],
  [/^\/v1\/files\/renders\/:id(\/|$)/, "render"],
  [/^\/v1\/projects\/:id(\/|$)/, "project"],
  [/^\/v1\/media\/:id(\/|$)/, "media"],
  [/^\/v1\/webhooks\/:id(\/|$)/, "webhook"],
  [/^\/v1\/api-keys\/:id(\/|$)/, "apiKey"],
  [/^\/v1\/templates\/:id(\/|$)/, "template"],
  [/^\/v1\/admin\/users\/:id(\/|$)/, "user"],
  [/^\/v1\/shares\/:id(\/|$)/, "share"],
  [/^\/v1\/files\/media\/:id(\/|$)/, "media"],
  // The caller's own other sign-in (a session is only ever its user's).
  [/^\/v1\/me\/sessions\/:id(\/|$)/, "session"],
];
/** Path params other than `:id` that have a fixture. */
const OTHER_PARAMS = new Set(["name", "version", "deliveryId"]);

const paramsOf = (route: Route) => [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
const idKindOf = (route: Route): Kind | null => {
  if (!paramsOf(route).includes("id")) return null;
  const hit = ID_KINDS.find(([re]) => re.test(route.path));
  if (!hit) throw new Error(`no fixture for :id in ${keyOf(route)}: add its prefix to ID_KINDS`);
  return hit[1];
};
/** The route's path params that no fixture fills (empty when the route is covered). */
const missingFixtures = (route: Route): string[] =>
  paramsOf(route).filter((p) => (p === "id" ? !ID_KINDS.some(([re]) => re.test(route.path)) : !OTHER_PARAMS.has(p)));
const ownedKindOf = (route: Route): Kind | null => {
  if (expectedAccess(route).kind === "public" || missingFixtures(route).length) return null;
  const kind = idKindOf(route);
  return kind && OWNED.has(kind) ? kind : null;
};

/** Routes that end the caller's sessions: every session caller is a fresh user. */
const ENDS_SESSIONS = new Set(["POST /v1/auth/logout", "POST /v1/auth/logout-all", "POST /v1/me/password"]);

/** Owner calls that legitimately fail for the resource's state (a queued render has no output yet). */
const STATE_STATUSES: Record<string, number[]> = {
  "GET /v1/renders/:id/outputs/:name": [409],
  "GET /v1/renders/:id/outputs/:name/url": [409],
  "GET /v1/files/renders/:id/:name": [409],
  // Only a completed render can be shared; the matrix's render stays queued (no worker runs).
  "POST /v1/renders/:id/share": [409],
  // The matrix's share stays preparing (no worker runs): viewers are told to come back.
  "GET /v1/shares/:id/public": [409],
  "GET /v1/shares/:id/assets/:name": [409],
};

type Principal =
  | "anonymous"
  | "owner"
  | "standard"
  | "premium"
  | "admin"
  | "key with the scope"
  | "key without the scope"
  | "key with all scopes"
  | "other user's key";

type Expectation =
  | { kind: "unauthenticated" }
  | { kind: "forbidden"; naming?: string }
  /** Another user on the owner's resource: 404, and the resource unchanged. */
  | { kind: "hidden" }
  /** Passes authn/authz; `strict` means 2xx (or a state status of STATE_STATUSES). */
  | { kind: "allowed"; strict: boolean };

const principalsFor = (route: Route): Principal[] => {
  const people: Principal[] = ["anonymous", "owner", "standard", "premium", "admin"];
  if (expectedAccess(route).kind !== "any") return [...people, "key with all scopes"];
  return [...people, "key with the scope", "key without the scope", ...(ownedKindOf(route) ? (["other user's key"] as const) : [])];
};

const expectationFor = (route: Route, who: Principal): Expectation => {
  const access = expectedAccess(route);
  if (access.kind === "public") return { kind: "allowed", strict: true };
  if (who === "anonymous") return { kind: "unauthenticated" };
  if (who === "key with all scopes") return { kind: "forbidden" }; // only offered for session routes
  if (who === "key without the scope") return { kind: "forbidden", naming: access.kind === "any" ? access.scope : undefined };
  if (who === "other user's key") return { kind: "hidden" };
  const role: Role = who === "premium" ? "premium" : who === "admin" ? "admin" : "standard";
  if (access.roles && !access.roles.includes(role)) return { kind: "forbidden" };
  if (who === "owner" || who === "key with the scope") return { kind: "allowed", strict: true };
  if (!ownedKindOf(route)) return { kind: "allowed", strict: true };
  // The admin may see other users' renders (support); elsewhere the owner's resources do not exist for them.
  return who === "admin" ? { kind: "allowed", strict: false } : { kind: "hidden" };
};

describe("auth matrix: every route × every kind of caller", () => {
  let server: TestServer;
  let owner: TestUser;
  const people = {} as Record<"standard" | "premium" | "admin", TestUser>;
  /** Signs in for the public sign-in, refresh and reset rows. */
  let loginUser: TestUser;
  const onlyKey = new Map<string, string>();
  const withoutKey = new Map<string, string>();
  let allScopesKey: string;
  let otherUsersKey: string;
  const main = {} as Record<"render" | "project" | "media" | "webhook" | "apiKey" | "delivery" | "share", string>;
  let png: Buffer;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const mediaForm = () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "matrix.png");
    return form;
  };

  /** One request; JSON answers decoded; an event stream is closed once its status is known. */
  const send = async (method: string, url: string, headers: Record<string, string>, body?: unknown) => {
    const h = { ...headers };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h["content-type"] = "application/json";
    }
    const res = await fetch(`${server.url}${url}`, { method: method.toUpperCase(), headers: h, body: payload });
    const type = res.headers.get("content-type") ?? "";
    if (type.includes("text/event-stream")) {
      await res.body?.cancel();
      return { status: res.status, body: null as any };
    }
    const text = await res.text();
    return { status: res.status, body: (type.includes("json") && text ? JSON.parse(text) : text) as any };
  };

  const created = async (what: string, res: { status: number; body: any }, status: number) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(status);
    return res.body;
  };

  const insertDelivery = async (endpointId: string) => {
    const id = newMessageId();
    const at = new Date().toISOString();
    await server.ctx.db
      .insertInto("webhook_deliveries")
      .values({
        id,
        endpoint_id: endpointId,
        event: "render.completed",
        render_id: main.render,
        payload: JSON.stringify({ type: "render.completed", timestamp: at, data: { id: main.render } }),
        // Delivered, so the server's dispatcher leaves it alone.
        status: "succeeded",
        attempts: JSON.stringify([{ at, status: 200, error: null, durationMs: 3 }]),
        next_attempt_at: null,
        delivered_at: new Date(),
      })
      .execute();
    return id;
  };

  /** A new resource of the owner's. */
  const fresh = async (kind: Kind): Promise<string> => {
    const auth = owner.auth;
    switch (kind) {
      case "render":
        return (await created("render", await send("post", "/v1/renders", auth, renderBody()), 202)).id;
      case "project":
        return (await created("project", await send("post", "/v1/projects", auth, { name: "Matrix", template: "minidrama", script: renderScript() }), 201)).id;
      case "media":
        return (await created("media", await send("post", "/v1/media", auth, mediaForm()), 201)).id;
      case "webhook":
        return (await created("webhook", await send("post", "/v1/webhooks", auth, { url: "http://127.0.0.1:9/hook", events: ["render.completed", "render.failed"] }), 201)).id;
      case "apiKey":
        return (await created("api key", await send("post", "/v1/api-keys", auth, { name: "throwaway", scopes: ["renders:read"] }), 201)).apiKey.id;
      case "share":
        return (await created("share", await send("post", `/v1/projects/${main.project}/share`, auth, { poster: false }), 202)).id;
      default:
        throw new Error(`no fresh ${kind}`);
    }
  };

  /** Removes a fresh resource after its row (there are per-account caps, e.g. 20 webhook endpoints). */
  const discard = async (kind: Kind, id: string) => {
    const paths: Partial<Record<Kind, [string, string]>> = {
      render: ["post", `/v1/renders/${id}/cancel`],
      project: ["delete", `/v1/projects/${id}`],
      media: ["delete", `/v1/media/${id}`],
      webhook: ["delete", `/v1/webhooks/${id}`],
      apiKey: ["delete", `/v1/api-keys/${id}`],
      share: ["delete", `/v1/shares/${id}`],
    };
    const [method, url] = paths[kind]!;
    // Already gone (deleted, cancelled, revoked by the row itself) is fine.
    expect([200, 204, 404, 409]).toContain((await send(method, url, owner.auth)).status);
  };

  /** What another user must not be able to change: read straight from the database. */
  const snapshot = async (kind: Kind, id: string, deliveryId?: string) => {
    const db = server.ctx.db;
    switch (kind) {
      case "render":
        return db.selectFrom("renders").select(["id", "user_id", "status"]).where("id", "=", id).executeTakeFirst();
      case "project": {
        const project = await db.selectFrom("projects").select(["id", "user_id", "name", "latest_version", "updated_at"]).where("id", "=", id).executeTakeFirst();
        const versions = await db.selectFrom("project_versions").select("version").where("project_id", "=", id).execute();
        return project && { ...project, versions: versions.length };
      }
      case "media": {
        const media = await db.selectFrom("media").select(["id", "user_id", "tags", "storage_path"]).where("id", "=", id).executeTakeFirst();
        return media && { ...media, fileExists: (await server.ctx.storage.head(media.storage_path)) !== null };
      }
      case "webhook": {
        const endpoint = await db
          .selectFrom("webhook_endpoints")
          .select(["id", "user_id", "url", "events", "secret", "previous_secret", "disabled_at"])
          .where("id", "=", id)
          .executeTakeFirst();
        const delivery = deliveryId
          ? await db.selectFrom("webhook_deliveries").select(["id", "status", "attempts", "next_attempt_at"]).where("id", "=", deliveryId).executeTakeFirst()
          : null;
        return endpoint && { ...endpoint, delivery };
      }
      case "apiKey":
        return db.selectFrom("api_keys").select(["id", "user_id", "key_hash", "revoked_at"]).where("id", "=", id).executeTakeFirst();
      case "share":
        return db.selectFrom("shares").select(["id", "user_id", "status", "views", "allowed_origins"]).where("id", "=", id).executeTakeFirst();
      default:
        throw new Error(`no snapshot of ${kind}`);
    }
  };

  /** A second sign-in of `user`: its session id, for the routes that end one. */
  const otherSession = async (user: TestUser) => {
    await created("login", await send("post", "/v1/auth/login", {}, { email: user.email, password: user.password }), 200);
    const row = await server.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).where("revoked_at", "is", null).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    return row.id;
  };

  /** Minimal valid bodies, by "METHOD path"; a route that takes a body and is not here gets `{}`. */
  const BODIES: Record<string, (who: TestUser) => unknown> = {
    "POST /v1/auth/register": () => ({ email: `matrix-${randomUUID()}@example.com`, password: PASSWORD }),
    "POST /v1/auth/login": () => ({ email: loginUser.email, password: loginUser.password }),
    "POST /v1/auth/refresh": async () => {
      const login = await created("login", await send("post", "/v1/auth/login", {}, { email: loginUser.email, password: loginUser.password }), 200);
      return { refreshToken: login.refreshToken };
    },
    "POST /v1/auth/password-reset": () => ({ email: loginUser.email }),
    "POST /v1/auth/password-reset/confirm": async () => {
      const token = `pr_${randomBytes(32).toString("base64url")}`;
      await server.ctx.db
        .insertInto("password_resets")
        .values({ token_hash: sha256Hex(token), user_id: loginUser.id, expires_at: new Date(Date.now() + 3_600_000) })
        .execute();
      return { token, newPassword: loginUser.password };
    },
    "PATCH /v1/me/preferences": () => ({ defaultTemplate: "minidrama" }),
    "POST /v1/me/password": (who) => ({ currentPassword: who.password, newPassword: who.password }),
    "PATCH /v1/admin/users/:id": () => ({ role: "standard" }),
    "POST /v1/api-keys": () => ({ name: "matrix", scopes: ["renders:read"] }),
    "POST /v1/projects": () => ({ name: "Matrix", template: "minidrama", script: renderScript() }),
    "PUT /v1/projects/:id": () => ({ name: "Matrix renamed" }),
    "POST /v1/projects/:id/rollback": () => ({ version: 1 }),
    "POST /v1/media": () => mediaForm(),
    "PATCH /v1/media/:id": () => ({ tags: ["matrix"] }),
    "POST /v1/renders": () => renderBody(),
    "POST /v1/scripts/generate": () => ({ prompt: "a short drama about a borrowed stapler", targetSeconds: 10 }),
    "POST /v1/renders/batch": () => ({ template: "minidrama", outputs: [{ format: "mp4", resolution: "480p" }], scripts: [renderScript()] }),
    "POST /v1/webhooks": () => ({ url: "http://127.0.0.1:9/hook", events: ["render.completed"] }),
    "PATCH /v1/webhooks/:id": () => ({ events: ["render.completed", "render.failed"] }),
    "POST /v1/voices/preview": () => ({ voice: "en-us", text: "Matrix." }),
  };

  /** Query strings, by "METHOD path". */
  const QUERIES: Record<string, (params: Record<string, string>) => string> = {
    "GET /v1/projects/:id/diff": () => "?from=1&to=1",
    "GET /v1/renders/estimate": () => "?template=minidrama&seconds=10&resolution=480p",
    // A genuine signature: the public download must then fail only for the render's state.
    "GET /v1/files/renders/:id/:name": (p) => signOutputUrl(server.ctx.jwtSecret, p.id!, p.name!, 600).path.replace(/^[^?]*/, ""),
    "GET /v1/files/media/:id": (p) => signMediaUrl(server.ctx.jwtSecret, p.id!, 600).path.replace(/^[^?]*/, ""),
    "GET /v1/files/media/:id/thumbnail": (p) => signMediaUrl(server.ctx.jwtSecret, p.id!, 600, "thumbnail").path.replace(/^[^?]*/, ""),
    "GET /oembed": () => `?url=${encodeURIComponent(`${server.url}/embed/${main.share}`)}&format=json`,
  };

  beforeAll(async () => {
    // The owner alone makes a few hundred calls and holds 2 keys per scope here: room for both.
    server = await startTestServer({ env: { TIERS: JSON.stringify({ standard: { requestsPerMinute: 100_000, maxApiKeys: 100 } }) } });
    png = pngDeclaring(8, 8);
    [owner, people.standard, people.premium, people.admin, loginUser] = await Promise.all([
      server.user("standard"),
      server.user("standard"),
      server.user("premium"),
      server.user("admin"),
      server.user("standard"),
    ]);
    const key = async (user: TestUser, scopes: string[]) =>
      (await created(`key ${scopes.join(",")}`, await send("post", "/v1/api-keys", user.auth, { name: `matrix ${scopes.length}`, scopes }), 201)).key as string;
    await Promise.all([
      ...ALL_SCOPES.map(async (s) => onlyKey.set(s, await key(owner, [s]))),
      ...ALL_SCOPES.map(async (s) => withoutKey.set(s, await key(owner, ALL_SCOPES.filter((x) => x !== s)))),
      (async () => (allScopesKey = await key(owner, [...ALL_SCOPES])))(),
      (async () => (otherUsersKey = await key(people.standard, [...ALL_SCOPES])))(),
    ]);
    main.render = await fresh("render");
    [main.project, main.media, main.webhook, main.apiKey] = await Promise.all([fresh("project"), fresh("media"), fresh("webhook"), fresh("apiKey")]);
    main.delivery = await insertDelivery(main.webhook);
    main.share = await fresh("share");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("every route has the access the ACCESS table says, and the table lists every route", () => {
    const declared = Object.fromEntries(ALL_ROUTES.map((r) => [keyOf(r), describeAccess(r.access)]));
    expect(declared).toEqual(ACCESS);
  });

  it("has a fixture for every path param of every route", () => {
    const missing = ALL_ROUTES.filter((r) => missingFixtures(r).length).map((r) => `${keyOf(r)} (:${missingFixtures(r).join(", :")})`);
    expect(missing).toEqual([]);
  });

  for (const route of ALL_ROUTES) {
    const key = keyOf(route);
    describe(key, () => {
      for (const who of principalsFor(route)) {
        const expectation = expectationFor(route, who);
        it(`${who} → ${expectation.kind}${expectation.kind === "forbidden" && expectation.naming ? ` (${expectation.naming})` : ""}`, async () => {
          const missing = missingFixtures(route);
          if (missing.length) throw new Error(`no fixture for :${missing.join(", :")} in ${key}`);

          // The caller.
          const sessionUser = async (user: TestUser, role: Role) => (ENDS_SESSIONS.has(key) ? server.user(role) : user);
          let caller: TestUser = owner;
          let headers: Record<string, string> = {};
          switch (who) {
            case "anonymous":
              break;
            case "owner":
              caller = await sessionUser(owner, "standard");
              headers = caller.auth;
              break;
            case "standard":
            case "premium":
            case "admin":
              caller = await sessionUser(people[who], who);
              headers = caller.auth;
              break;
            case "key with the scope":
              headers = bearer(onlyKey.get((expectedAccess(route) as { scope: string }).scope)!);
              break;
            case "key without the scope":
              headers = bearer(withoutKey.get((expectedAccess(route) as { scope: string }).scope)!);
              break;
            case "key with all scopes":
              headers = bearer(allScopesKey);
              break;
            case "other user's key":
              caller = people.standard;
              headers = bearer(otherUsersKey);
              break;
          }

          // Path params: a changing call that gets past authorization works on a fresh resource.
          const idKind = idKindOf(route);
          const owned = ownedKindOf(route);
          const reachesHandler = expectation.kind === "allowed" || expectation.kind === "hidden";
          const throwaway = owned !== null && route.method !== "get" && reachesHandler;
          const params: Record<string, string> = {};
          if (idKind) {
            params.id =
              idKind === "template"
                ? "minidrama"
                : idKind === "user"
                  ? owner.id
                  : idKind === "session"
                    ? await otherSession(caller)
                    : throwaway
                      ? await fresh(idKind)
                      : main[idKind as keyof typeof main];
          }
          for (const p of paramsOf(route)) {
            if (p === "name") params.name = "mp4";
            else if (p === "version") params.version = "1";
            else if (p === "deliveryId") params.deliveryId = throwaway ? await insertDelivery(params.id!) : main.delivery;
          }
          const url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, p: string) => encodeURIComponent(params[p]!)) + (QUERIES[key]?.(params) ?? "");
          const body = BODIES[key] ? await BODIES[key](caller) : route.body ? {} : undefined;

          const before = expectation.kind === "hidden" ? await snapshot(owned!, params.id!, params.deliveryId) : null;
          if (expectation.kind === "hidden") expect(before, "the owner's resource exists before the call").toBeTruthy();

          let res: Awaited<ReturnType<typeof send>>;
          try {
            res = await send(route.method, url, headers, body);
          } finally {
            if (throwaway && expectation.kind !== "hidden") await discard(owned!, params.id!);
          }
          const seen = `${key} as ${who}: ${res.status} ${typeof res.body === "string" ? res.body.slice(0, 300) : JSON.stringify(res.body)}`;
          expect(res.status, seen).toBeLessThan(500);
          switch (expectation.kind) {
            case "unauthenticated":
              expect(res.status, seen).toBe(401);
              expect(res.body?.error?.code, seen).toBe("UNAUTHENTICATED");
              break;
            case "forbidden":
              expect(res.status, seen).toBe(403);
              expect(res.body?.error?.code, seen).toBe("FORBIDDEN");
              if (expectation.naming) expect(res.body.error.message, seen).toContain(expectation.naming);
              break;
            case "hidden":
              expect(res.status, seen).toBe(404);
              expect(res.body?.error?.code, seen).toBe("NOT_FOUND");
              expect(await snapshot(owned!, params.id!, params.deliveryId), `${seen}: the owner's resource changed`).toEqual(before);
              if (throwaway) await discard(owned!, params.id!);
              break;
            case "allowed":
              expect([401, 403], seen).not.toContain(res.status);
              if (expectation.strict) {
                const ok = (res.status >= 200 && res.status < 300) || (STATE_STATUSES[key] ?? []).includes(res.status);
                expect(ok, seen).toBe(true);
              }
              break;
          }
        });
      }
    });
  }

  it("leaves the owner's long-lived resources as they were", async () => {
    const db = server.ctx.db;
    expect((await db.selectFrom("renders").select("status").where("id", "=", main.render).executeTakeFirst())?.status).toBe("queued");
    expect(await db.selectFrom("projects").select("id").where("id", "=", main.project).executeTakeFirst()).toBeTruthy();
    const media = await db.selectFrom("media").select("storage_path").where("id", "=", main.media).executeTakeFirst();
    expect(media && (await server.ctx.storage.head(media.storage_path)) !== null).toBe(true);
    expect(await db.selectFrom("webhook_endpoints").select("id").where("id", "=", main.webhook).executeTakeFirst()).toBeTruthy();
    expect((await db.selectFrom("webhook_deliveries").select("status").where("id", "=", main.delivery).executeTakeFirst())?.status).toBe("succeeded");
    const key = await db.selectFrom("api_keys").select("revoked_at").where("id", "=", main.apiKey).executeTakeFirst();
    expect(key).toBeTruthy();
    expect(key!.revoked_at).toBeNull();
    expect((await db.selectFrom("shares").select("status").where("id", "=", main.share).executeTakeFirst())?.status).toBe("preparing");
    expect((await send("get", "/v1/me", owner.auth)).status).toBe(200);
    expect((await send("get", "/v1/renders", bearer(allScopesKey))).status).toBe(200);
  });
});
