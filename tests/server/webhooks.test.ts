import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Render } from "../../server/db/tables";
import { startWebhookDispatcher, type WebhookDispatcher } from "../../server/webhooks/webhook-dispatcher";
import { startTestServer, type TestServer, type TestUser } from "./harness";

type Received = { headers: Record<string, string>; body: string };
type Receiver = { url: string; received: Received[]; status: number; delayMs: number };

const receivers: http.Server[] = [];
const dispatchers: WebhookDispatcher[] = [];

afterEach(async () => {
  for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
  for (const server of receivers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback HTTP receiver recording each request; answers `receiver.status` after `receiver.delayMs` (both changeable). */
const startReceiver = async (status = 204): Promise<Receiver> => {
  const receiver: Receiver = { url: "", received: [], status, delayMs: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      receiver.received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      setTimeout(() => res.writeHead(receiver.status).end(), receiver.delayMs);
    });
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
};

/** Polls `check` until it stops throwing. */
const eventually = async <T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

/**
 * A dispatcher of our own whose rounds the test triggers. The server runs its own every second
 * too; leases keep the two from sending one message twice, so tests assert on what the receiver
 * got rather than on which dispatcher sent it.
 */
const dispatcherFor = (server: TestServer) => {
  const dispatcher = startWebhookDispatcher(server.ctx, { intervalMs: 3_600_000 });
  dispatchers.push(dispatcher);
  return dispatcher;
};

/** A finished render row for `userId`, inserted directly (no worker in these tests). */
const insertRender = async (server: TestServer, userId: string, status: "completed" | "failed" = "completed"): Promise<Render> =>
  server.ctx.db
    .insertInto("renders")
    .values({
      id: randomUUID(),
      user_id: userId,
      template: "test-pack",
      script: JSON.stringify({ scenes: [] }),
      outputs: JSON.stringify([{ name: "main", format: "mp4", file: "main.mp4" }]),
      status,
      result: status === "completed" ? JSON.stringify({ outputs: [{ name: "main", file: "main.mp4", format: "mp4", bytes: 1234, durationSec: 3, width: 1080, height: 1920 }] }) : null,
      error: status === "failed" ? JSON.stringify({ code: "RENDER_FAILED", message: "boom" }) : null,
      started_at: new Date(),
      finished_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();

const createEndpoint = async (server: TestServer, user: TestUser, url: string, events = ["render.completed", "render.failed"]) => {
  const res = await server.api("/v1/webhooks", { headers: user.auth, body: { url, events } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; url: string; events: string[]; enabled: boolean };
};

const deliveriesOf = (server: TestServer, endpointId: string) =>
  server.ctx.db.selectFrom("webhook_deliveries").selectAll().where("endpoint_id", "=", endpointId).orderBy("created_at").execute();

const verify = (secret: string, request: Received) => new Webhook(secret).verify(request.body, request.headers) as { type: string; data: { id: string; status: string } };

describe("webhook endpoints API", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("registers an endpoint and shows its secret only once", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const created = await createEndpoint(server, user, receiver.url, ["render.completed"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(created).toMatchObject({ url: receiver.url, events: ["render.completed"], enabled: true, failingSince: null, disabledAt: null });

    const one = await server.api(`/v1/webhooks/${created.id}`, { headers: user.auth });
    expect(one.status).toBe(200);
    expect(one.body.secret).toBeUndefined();
    expect(one.body.id).toBe(created.id);
    const list = await server.api("/v1/webhooks", { headers: user.auth });
    expect(list.status).toBe(200);
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual([created.id]);
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
  });

  it("validates events and ids", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    expect((await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: [] } })).status).toBe(400);
    expect((await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.started"] } })).status).toBe(400);
    expect((await server.api("/v1/webhooks", { headers: user.auth, body: { events: ["render.completed"] } })).status).toBe(400);
    expect((await server.api("/v1/webhooks/not-a-uuid", { headers: user.auth })).status).toBe(404);
    expect((await server.api(`/v1/webhooks/${randomUUID()}`, { headers: user.auth })).status).toBe(404);
    const created = await createEndpoint(server, user, receiver.url);
    const bad = await server.api(`/v1/webhooks/${created.id}/deliveries/not-a-message/redeliver`, { headers: user.auth, method: "POST" });
    expect(bad.status).toBe(404);
    const unknown = await server.api(`/v1/webhooks/${created.id}/deliveries/msg_unknown/redeliver`, { headers: user.auth, method: "POST" });
    expect(unknown.status).toBe(404);
  });

  it.each(["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook", "http://192.168.0.1/hook", "file:///etc/passwd", "ftp://127.0.0.1/hook", "http://metadata.google.internal/"])(
    "rejects %s at registration even with loopback allowed",
    async (url) => {
      const user = await server.user();
      const res = await server.api("/v1/webhooks", { headers: user.auth, body: { url, events: ["render.completed"] } });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("WEBHOOK_URL_REJECTED");
      expect((await server.api("/v1/webhooks", { headers: user.auth })).body.webhooks).toEqual([]);
    },
  );

  it("rejects a forbidden URL on update and keeps the old one", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const created = await createEndpoint(server, user, receiver.url);
    const res = await server.api(`/v1/webhooks/${created.id}`, { method: "PATCH", headers: user.auth, body: { url: "http://169.254.169.254/" } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("WEBHOOK_URL_REJECTED");
    expect((await server.api(`/v1/webhooks/${created.id}`, { headers: user.auth })).body.url).toBe(receiver.url);
  });

  it("updates, disables, re-enables and deletes an endpoint", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const created = await createEndpoint(server, user, receiver.url);
    const patched = await server.api(`/v1/webhooks/${created.id}`, { method: "PATCH", headers: user.auth, body: { events: ["render.failed"], enabled: false } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ["render.failed"], enabled: false });
    expect(patched.body.disabledAt).not.toBeNull();

    await server.ctx.db.updateTable("webhook_endpoints").set({ failing_since: new Date(Date.now() - 3600_000) }).where("id", "=", created.id).execute();
    const enabled = await server.api(`/v1/webhooks/${created.id}`, { method: "PATCH", headers: user.auth, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, failingSince: null });

    const removed = await server.api(`/v1/webhooks/${created.id}`, { method: "DELETE", headers: user.auth });
    expect(removed.status).toBe(204);
    expect((await server.api(`/v1/webhooks/${created.id}`, { headers: user.auth })).status).toBe(404);
  });

  it("hides another user's endpoint (404 everywhere)", async () => {
    const owner = await server.user();
    const other = await server.user();
    const receiver = await startReceiver();
    const created = await createEndpoint(server, owner, receiver.url);
    const base = `/v1/webhooks/${created.id}`;
    expect((await server.api(base, { headers: other.auth })).status).toBe(404);
    expect((await server.api(base, { method: "PATCH", headers: other.auth, body: { enabled: false } })).status).toBe(404);
    expect((await server.api(base, { method: "DELETE", headers: other.auth })).status).toBe(404);
    expect((await server.api(`${base}/deliveries`, { headers: other.auth })).status).toBe(404);
    expect((await server.api(`${base}/rotate-secret`, { method: "POST", headers: other.auth })).status).toBe(404);
    expect((await server.api("/v1/webhooks", { headers: other.auth })).body.webhooks).toEqual([]);
    // Untouched for its owner.
    const mine = await server.api(base, { headers: owner.auth });
    expect(mine.status).toBe(200);
    expect(mine.body.enabled).toBe(true);
  });

  it("requires webhooks:write (and webhooks:read) on API keys", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const readKey = await server.api("/v1/api-keys", { headers: user.auth, body: { name: "read", scopes: ["webhooks:read"] } });
    expect(readKey.status).toBe(201);
    const reader = { authorization: `Bearer ${readKey.body.key}` };
    const denied = await server.api("/v1/webhooks", { headers: reader, body: { url: receiver.url, events: ["render.completed"] } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("FORBIDDEN");
    expect((await server.api("/v1/webhooks", { headers: reader })).status).toBe(200);

    const renderKey = await server.api("/v1/api-keys", { headers: user.auth, body: { name: "renders", scopes: ["renders:read"] } });
    expect((await server.api("/v1/webhooks", { headers: { authorization: `Bearer ${renderKey.body.key}` } })).status).toBe(403);

    const writeKey = await server.api("/v1/api-keys", { headers: user.auth, body: { name: "write", scopes: ["webhooks:write"] } });
    const created = await server.api("/v1/webhooks", { headers: { authorization: `Bearer ${writeKey.body.key}` }, body: { url: receiver.url, events: ["render.completed"] } });
    expect(created.status).toBe(201);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = await server.api("/openapi.json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/v1/webhooks", "/v1/webhooks/{id}", "/v1/webhooks/{id}/rotate-secret", "/v1/webhooks/{id}/deliveries", "/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver"]));
    expect(doc.body.components.schemas).toHaveProperty("WebhookEndpointWithSecret");
    expect(doc.body.components.schemas).toHaveProperty("WebhookDelivery");
  });
});

describe("webhook registration without loopback", () => {
  it("rejects 127.0.0.1 and localhost when WEBHOOK_ALLOW_LOOPBACK is off", async () => {
    const server = await startTestServer({ env: { WEBHOOK_ALLOW_LOOPBACK: "0" } });
    try {
      const user = await server.user();
      for (const url of ["http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://[::1]:9/hook"]) {
        const res = await server.api("/v1/webhooks", { headers: user.auth, body: { url, events: ["render.completed"] } });
        expect(res.status, url).toBe(422);
        expect(res.body.error.code).toBe("WEBHOOK_URL_REJECTED");
      }
    } finally {
      await server.close();
    }
  });
});

describe("webhook dispatch", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends a signed render.completed once however often it is recorded", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const endpoint = await createEndpoint(server, user, receiver.url);
    const render = await insertRender(server, user.id);
    expect(await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed")).toBe(1);
    expect(await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed")).toBe(0);
    expect(await deliveriesOf(server, endpoint.id)).toHaveLength(1);

    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(1));
    const payload = verify(endpoint.secret, receiver.received[0]!);
    expect(payload.type).toBe("render.completed");
    expect(payload.data.id).toBe(render.id);
    expect(payload.data.status).toBe("completed");
    expect(receiver.received[0]!.headers["webhook-id"]).toMatch(/^msg_/);

    const [delivery] = await eventually(async () => {
      const rows = await deliveriesOf(server, endpoint.id);
      expect(rows[0]!.status).toBe("succeeded");
      return rows;
    });
    expect(delivery!.id).toBe(receiver.received[0]!.headers["webhook-id"]);
    expect(delivery!.attempts).toHaveLength(1);
    expect(delivery!.attempts[0]).toMatchObject({ status: 204, error: null });
    expect(delivery!.delivered_at).not.toBeNull();

    // Nothing is sent again.
    await dispatcherFor(server).runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);

    const log = await server.api(`/v1/webhooks/${endpoint.id}/deliveries`, { headers: user.auth });
    expect(log.status).toBe(200);
    expect(log.body.deliveries).toHaveLength(1);
    expect(log.body.deliveries[0]).toMatchObject({ id: delivery!.id, event: "render.completed", renderId: render.id, status: "succeeded", nextAttemptAt: null });
    expect(log.body.deliveries[0].attempts).toHaveLength(1);
  });

  it("queues only for enabled endpoints of the render's owner subscribed to the event", async () => {
    const user = await server.user();
    const other = await server.user();
    const receiver = await startReceiver();
    const completedOnly = await createEndpoint(server, user, receiver.url, ["render.completed"]);
    const failedOnly = await createEndpoint(server, user, receiver.url, ["render.failed"]);
    const disabled = await createEndpoint(server, user, receiver.url, ["render.failed"]);
    await server.api(`/v1/webhooks/${disabled.id}`, { method: "PATCH", headers: user.auth, body: { enabled: false } });
    const othersEndpoint = await createEndpoint(server, other, receiver.url, ["render.failed"]);
    const render = await insertRender(server, user.id, "failed");
    expect(await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.failed")).toBe(1);
    expect(await deliveriesOf(server, failedOnly.id)).toHaveLength(1);
    expect(await deliveriesOf(server, completedOnly.id)).toHaveLength(0);
    expect(await deliveriesOf(server, disabled.id)).toHaveLength(0);
    expect(await deliveriesOf(server, othersEndpoint.id)).toHaveLength(0);
  });

  it("keeps a delivery pending after a 500, then redelivers it with the same webhook-id", async () => {
    const user = await server.user();
    const receiver = await startReceiver(500);
    const endpoint = await createEndpoint(server, user, receiver.url);
    const render = await insertRender(server, user.id);
    await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed");

    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(1));
    const [delivery] = await eventually(async () => {
      const rows = await deliveriesOf(server, endpoint.id);
      expect(rows[0]!.attempts).toHaveLength(1);
      return rows;
    });
    expect(delivery!.status).toBe("pending");
    expect(delivery!.attempts[0]).toMatchObject({ status: 500, error: "receiver answered HTTP 500" });
    expect(delivery!.next_attempt_at!.getTime()).toBeGreaterThan(Date.now());
    const failing = await server.api(`/v1/webhooks/${endpoint.id}`, { headers: user.auth });
    expect(failing.body).toMatchObject({ enabled: true });
    expect(failing.body.failingSince).not.toBeNull();

    receiver.status = 200;
    const redeliver = await server.api(`/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`, { method: "POST", headers: user.auth });
    expect(redeliver.status).toBe(202);
    expect(redeliver.body).toMatchObject({ id: delivery!.id, status: "pending" });
    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(2));
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);
    verify(endpoint.secret, receiver.received[1]!);
    await eventually(async () => {
      const [row] = await deliveriesOf(server, endpoint.id);
      expect(row!.status).toBe("succeeded");
      expect(row!.attempts.map((a) => a.status)).toEqual([500, 200]);
    });
    expect((await server.api(`/v1/webhooks/${endpoint.id}`, { headers: user.auth })).body.failingSince).toBeNull();

    // A succeeded delivery can be sent again too (the receiver lost it), still under the same id.
    await server.api(`/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`, { method: "POST", headers: user.auth });
    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(3));
    expect(receiver.received[2]!.headers["webhook-id"]).toBe(delivery!.id);
  });

  it("signs with the old secret too for a while after rotation", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const endpoint = await createEndpoint(server, user, receiver.url);
    const rotated = await server.api(`/v1/webhooks/${endpoint.id}/rotate-secret`, { method: "POST", headers: user.auth });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const expires = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(expires).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);

    const render = await insertRender(server, user.id);
    await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed");
    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(1));
    // A receiver still holding the old secret verifies, and so does one already switched.
    expect(verify(endpoint.secret, receiver.received[0]!).data.id).toBe(render.id);
    expect(verify(rotated.body.secret, receiver.received[0]!).data.id).toBe(render.id);

    // After the overlap only the new secret signs.
    await server.ctx.db.updateTable("webhook_endpoints").set({ previous_secret_expires_at: new Date(Date.now() - 1000) }).where("id", "=", endpoint.id).execute();
    const second = await insertRender(server, user.id);
    await server.services.webhooks.recordRenderEvent(server.ctx.db, second, "render.completed");
    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(2));
    expect(() => verify(endpoint.secret, receiver.received[1]!)).toThrow();
    expect(verify(rotated.body.secret, receiver.received[1]!).data.id).toBe(second.id);
  });

  it("disables an endpoint failing for longer than the limit and stops its pending deliveries", async () => {
    const user = await server.user();
    const receiver = await startReceiver(503);
    const endpoint = await createEndpoint(server, user, receiver.url);
    const hours = server.ctx.config.WEBHOOK_DISABLE_AFTER_HOURS;
    await server.ctx.db
      .updateTable("webhook_endpoints")
      .set({ failing_since: new Date(Date.now() - (hours + 1) * 3600_000) })
      .where("id", "=", endpoint.id)
      .execute();

    // One message waiting for a later retry (atomically, so no dispatcher sees it due), one due now.
    const later = await insertRender(server, user.id);
    await server.ctx.db.transaction().execute(async (trx) => {
      await server.services.webhooks.recordRenderEvent(trx, later, "render.completed");
      await trx.updateTable("webhook_deliveries").set({ next_attempt_at: sql<Date>`now() + interval '1 hour'` }).where("render_id", "=", later.id).execute();
    });
    const now = await insertRender(server, user.id);
    await server.services.webhooks.recordRenderEvent(server.ctx.db, now, "render.completed");

    await dispatcherFor(server).runOnce();
    await eventually(() => expect(receiver.received).toHaveLength(1));
    const shown = await eventually(async () => {
      const res = await server.api(`/v1/webhooks/${endpoint.id}`, { headers: user.auth });
      expect(res.body.enabled).toBe(false);
      return res.body;
    });
    expect(shown.disabledAt).not.toBeNull();
    const rows = await deliveriesOf(server, endpoint.id);
    expect(rows.map((r) => [r.render_id, r.status, r.attempts.length])).toEqual(
      expect.arrayContaining([
        [now.id, "failed", 1],
        [later.id, "failed", 0],
      ]),
    );

    // Even when made due, nothing of a disabled endpoint is sent, and no new messages are queued.
    receiver.status = 200;
    await server.ctx.db.updateTable("webhook_deliveries").set({ status: "pending", next_attempt_at: sql<Date>`now()` }).where("render_id", "=", later.id).execute();
    await dispatcherFor(server).runOnce();
    await eventually(async () => expect((await deliveriesOf(server, endpoint.id)).every((r) => r.status === "failed")).toBe(true));
    expect(receiver.received).toHaveLength(1);
    expect(await server.services.webhooks.recordRenderEvent(server.ctx.db, await insertRender(server, user.id), "render.completed")).toBe(0);
    const redeliver = await server.api(`/v1/webhooks/${endpoint.id}/deliveries/${rows[0]!.id}/redeliver`, { method: "POST", headers: user.auth });
    expect(redeliver.status).toBe(409);
  });

  it("claims at most 3 deliveries per endpoint, leased for longer than they take, and a slow endpoint holds up no other", async () => {
    const dispatcher = startWebhookDispatcher(server.ctx, { intervalMs: 50 });
    dispatchers.push(dispatcher);
    // Two slow endpoints, so that even the server's own dispatcher is busy with one of them.
    for (let n = 0; n < 2; n++) {
      const user = await server.user();
      const receiver = await startReceiver();
      receiver.delayMs = 2000;
      const endpoint = await createEndpoint(server, user, receiver.url);
      for (let i = 0; i < 5; i++) await server.services.webhooks.recordRenderEvent(server.ctx.db, await insertRender(server, user.id), "render.completed");
      await eventually(() => expect(receiver.received.length).toBeGreaterThan(0));
      // One claim gives its deliveries one lease value; none has been answered yet.
      const leases = new Map<number, number>();
      for (const row of await deliveriesOf(server, endpoint.id)) {
        const until = row.next_attempt_at!.getTime();
        if (until > Date.now()) leases.set(until, (leases.get(until) ?? 0) + 1);
      }
      expect(leases.size).toBeGreaterThan(0);
      for (const [until, claimed] of leases) {
        expect(claimed).toBeLessThanOrEqual(3);
        expect(until - Date.now()).toBeGreaterThan(3 * 10_000);
      }
    }
    const user = await server.user();
    const fast = await startReceiver();
    await createEndpoint(server, user, fast.url);
    const recorded = Date.now();
    await server.services.webhooks.recordRenderEvent(server.ctx.db, await insertRender(server, user.id), "render.completed");
    await eventually(() => expect(fast.received).toHaveLength(1), 20_000);
    expect(Date.now() - recorded).toBeLessThan(1500);
  });

  it("counts a URL that no longer passes the SSRF check as a failed attempt", async () => {
    const user = await server.user();
    const receiver = await startReceiver();
    const endpoint = await createEndpoint(server, user, receiver.url);
    // As if the rules changed (or DNS now points inside) after registration.
    await server.ctx.db.updateTable("webhook_endpoints").set({ url: "http://169.254.169.254/latest" }).where("id", "=", endpoint.id).execute();
    const render = await insertRender(server, user.id);
    await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed");
    await dispatcherFor(server).runOnce();
    const [row] = await eventually(async () => {
      const rows = await deliveriesOf(server, endpoint.id);
      expect(rows[0]!.attempts).toHaveLength(1);
      return rows;
    });
    expect(row!.status).toBe("pending");
    expect(row!.attempts[0]!.status).toBeNull();
    expect(row!.attempts[0]!.error).toMatch(/169\.254\.169\.254/);
    expect(receiver.received).toHaveLength(0);
  });
});

describe("webhook dispatch on PostgreSQL", () => {
  it("claims, sends once and records the outcome", async () => {
    const server = await startTestServer({ database: "postgres" });
    try {
      const user = await server.user();
      const receiver = await startReceiver();
      const endpoint = await createEndpoint(server, user, receiver.url);
      const render = await insertRender(server, user.id);
      await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed");
      await server.services.webhooks.recordRenderEvent(server.ctx.db, render, "render.completed");
      expect(await deliveriesOf(server, endpoint.id)).toHaveLength(1);
      // Two dispatchers racing for the same message: the lease lets exactly one send it.
      await Promise.all([dispatcherFor(server).runOnce(), dispatcherFor(server).runOnce()]);
      await eventually(() => expect(receiver.received).toHaveLength(1));
      expect(verify(endpoint.secret, receiver.received[0]!).data.id).toBe(render.id);
      await eventually(async () => expect((await deliveriesOf(server, endpoint.id))[0]!.status).toBe("succeeded"));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toHaveLength(1);
    } finally {
      for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
      await server.close();
    }
  });
});
