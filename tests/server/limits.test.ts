import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../server/config";
import { createEventStreamSlots } from "../../server/quotas/event-stream-slots";
import { toneWav } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { pngDeclaring } from "./media-fixtures";
import { renderScript, storeCompletedRender } from "./render-helpers";
import { REDIS_TEST_URL, uniquePrefix } from "./services";

const WAV = toneWav(0.5);
const MB = 1024 * 1024;
/** Small per-tier limits, so each cap is reached in a few calls; webhooks keep their default (20) as in the report. */
const TIERS = {
  standard: { requestsPerMinute: 100_000, maxApiKeys: 3, maxProjects: 3, maxProjectVersions: 3, maxMediaFiles: 2, maxEventStreams: 3 },
  // Room for one WAV and a half: the second is over maxMediaMegabytes.
  premium: { requestsPerMinute: 100_000, maxMediaMegabytes: (WAV.length * 1.5) / MB },
};

const limitError = (body: any, limit: string, tier = "standard") => {
  expect(body.error.code).toBe("LIMIT_EXCEEDED");
  expect(body.error.message).toContain(`(${limit})`);
  expect(body.error.message).toMatch(new RegExp(`^the ${tier} tier allows at most `));
};

const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

describe.each(["pglite", "postgres"] as const)("per-user limits on %s", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { TIERS: JSON.stringify(TIERS) } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const count = async (table: "webhook_endpoints" | "projects" | "media", userId: string) =>
    Number((await server.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow()).n);

  it("30 parallel webhook creates make exactly maxWebhooks (20) endpoints", async () => {
    const user = await server.user();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => server.api("/v1/webhooks", { headers: user.auth, body: { url: `http://127.0.0.1:9/hook-${i}`, events: ["render.completed"] } })),
    );
    expect(statuses(results)).toEqual([...Array(20).fill(201), ...Array(10).fill(422)]);
    limitError(results.find((r) => r.status === 422)!.body, "maxWebhooks");
    expect(results.find((r) => r.status === 422)!.body.error.message).toBe("the standard tier allows at most 20 webhook endpoints (maxWebhooks); delete one first");
    expect(await count("webhook_endpoints", user.id)).toBe(20);
    // Deleting one makes room for exactly one.
    const one = results.find((r) => r.status === 201)!.body.id;
    expect((await server.api(`/v1/webhooks/${one}`, { method: "DELETE", headers: user.auth })).status).toBe(204);
    const again = await Promise.all([0, 1].map(() => server.api("/v1/webhooks", { headers: user.auth, body: { url: "http://127.0.0.1:9/again", events: ["render.failed"] } })));
    expect(statuses(again)).toEqual([201, 422]);
  });

  it("caps API keys not revoked; revoking makes room; rolling works at the limit; two rolls of one key cannot both win", async () => {
    const user = await server.user();
    const create = (name: string) => server.api("/v1/api-keys", { headers: user.auth, body: { name, scopes: ["templates:read"] } });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(`key ${i}`)));
    expect(statuses(results)).toEqual([201, 201, 201, ...Array(7).fill(422)]);
    limitError(results.find((r) => r.status === 422)!.body, "maxApiKeys");
    const keys = results.filter((r) => r.status === 201).map((r) => r.body);

    const rolls = await Promise.all([0, 1].map(() => server.api(`/v1/api-keys/${keys[0].apiKey.id}/roll`, { method: "POST", headers: user.auth })));
    expect(statuses(rolls)).toEqual([201, 409]);
    const active = await server.ctx.db.selectFrom("api_keys").select("id").where("user_id", "=", user.id).where("revoked_at", "is", null).execute();
    expect(active).toHaveLength(3);
    expect((await create("one more")).status).toBe(422);
    expect((await server.api(`/v1/api-keys/${keys[1].apiKey.id}`, { method: "DELETE", headers: user.auth })).status).toBe(200);
    expect((await create("after a revoke")).status).toBe(201);
    expect((await create("and no further")).status).toBe(422);
  });

  it("caps projects per user and versions per project", async () => {
    const user = await server.user();
    const create = (i: number) => server.api("/v1/projects", { headers: user.auth, body: { name: `P${i}`, template: "minidrama", script: renderScript() } });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create(i)));
    expect(statuses(results)).toEqual([201, 201, 201, ...Array(5).fill(422)]);
    limitError(results.find((r) => r.status === 422)!.body, "maxProjects");
    expect(await count("projects", user.id)).toBe(3);

    const id = results.find((r) => r.status === 201)!.body.id;
    const saves = await Promise.all(Array.from({ length: 6 }, (_, i) => server.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body: { options: { take: i } } })));
    expect(statuses(saves)).toEqual([201, 201, 422, 422, 422, 422]);
    limitError(saves.find((r) => r.status === 422)!.body, "maxProjectVersions");
    const versions = await server.ctx.db.selectFrom("project_versions").select("version").where("project_id", "=", id).orderBy("version").execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const rollback = await server.api(`/v1/projects/${id}/rollback`, { headers: user.auth, body: { version: 1 } });
    expect(rollback.status).toBe(422);
    // A rename adds no version, so it still works.
    expect((await server.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body: { name: "renamed" } })).status).toBe(200);
    expect((await server.api(`/v1/projects/${id}`, { headers: user.auth })).body.latestVersion).toBe(3);
  });

  it("caps media files and their total size, leaving no stored or temp file for a refused upload", async () => {
    const upload = (user: TestUser, bytes: Buffer, name: string, type: string) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
      return server.api("/v1/media", { body: form, headers: user.auth });
    };
    const files = async (user: TestUser) => (await server.ctx.storage.list(`media/${user.id}`)).map((o) => o.key);
    const tmp = path.join(server.dataDir, "tmp", "uploads");

    const user = await server.user();
    const png = pngDeclaring(8, 8);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => upload(user, png, `p${i}.png`, "image/png")));
    expect(statuses(results)).toEqual([201, 201, 422, 422, 422]);
    limitError(results.find((r) => r.status === 422)!.body, "maxMediaFiles");
    expect(await count("media", user.id)).toBe(2);
    expect(await files(user)).toHaveLength(2);
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
    // Full: refused before the body is even stored.
    const early = await upload(user, png, "later.png", "image/png");
    expect(early.status).toBe(422);
    limitError(early.body, "maxMediaFiles");

    const premium = await server.user("premium");
    expect((await upload(premium, WAV, "a.wav", "audio/wav")).status).toBe(201);
    const over = await upload(premium, WAV, "b.wav", "audio/wav");
    expect(over.status).toBe(422);
    limitError(over.body, "maxMediaMegabytes", "premium");
    expect(over.body.error.message).toContain(`: the library holds ${Math.ceil(WAV.length / 1024)} KB and this file is ${Math.ceil(WAV.length / 1024)} KB; delete some first`);
    expect(await count("media", premium.id)).toBe(1);
    expect(await files(premium)).toHaveLength(1);
  });

  it("caps open render event streams; a closed stream frees its slot", async () => {
    const user = await server.user();
    const id = await storeCompletedRender(server, user.id, new TextEncoder().encode("x"));
    // Queued: its stream stays open.
    await server.ctx.db.updateTable("renders").set({ status: "queued" }).where("id", "=", id).execute();
    const controllers: AbortController[] = [];
    const open = async () => {
      const controller = new AbortController();
      controllers.push(controller);
      const res = await fetch(`${server.url}/v1/renders/${id}/events`, { headers: user.auth, signal: controller.signal });
      return { status: res.status, body: res.status === 200 ? null : await res.json() };
    };
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => open()));
      expect(statuses(results)).toEqual([200, 200, 200, 422, 422, 422, 422, 422]);
      expect(results.find((r) => r.status === 422)!.body.error.message).toBe("the standard tier allows at most 3 open render event streams (maxEventStreams); close one first");
      // Another user has their own budget.
      const other = await server.user();
      const theirs = await storeCompletedRender(server, other.id, new TextEncoder().encode("x"));
      const res = await fetch(`${server.url}/v1/renders/${theirs}/events`, { headers: other.auth });
      expect(res.status).toBe(200);
      await res.body?.cancel();

      for (const c of controllers.splice(0)) c.abort();
      // The server notices the closed connections and gives the slots back.
      const deadline = Date.now() + 5000;
      let reopened: { status: number }[] = [];
      while (Date.now() < deadline) {
        reopened = await Promise.all(Array.from({ length: 3 }, () => open()));
        if (reopened.every((r) => r.status === 200)) break;
        for (const c of controllers.splice(0)) c.abort();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(statuses(reopened)).toEqual([200, 200, 200]);
    } finally {
      for (const c of controllers) c.abort();
    }
  });
});

describe("event stream slots across API nodes (real Redis)", () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(REDIS_TEST_URL);
  });
  afterAll(() => {
    redis.disconnect();
  });

  const config = (prefix: string) => parseConfig({ REDIS_PREFIX: prefix, TIERS: JSON.stringify({ standard: { maxEventStreams: 2 } }) });

  it("shares one count per user between nodes, and a crashed node's slots expire", async () => {
    const prefix = uniquePrefix();
    const user = { id: randomUUID(), role: "standard" as const };
    const crashed = createEventStreamSlots({ redis, config: config(prefix), ttlMs: 600 });
    const live = createEventStreamSlots({ redis, config: config(prefix), ttlMs: 600 });
    await crashed.acquire(user);
    const held = await live.acquire(user);
    await expect(live.acquire(user)).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
    await expect(crashed.acquire(user)).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
    // The live node renews its slot; the crashed one never releases nor renews its own.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await held.renew();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const next = await live.acquire(user);
    await expect(live.acquire(user)).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
    await held.release();
    await next.release();
    expect(await redis.zcard(`${prefix}:event-streams:${user.id}`)).toBe(0);
  });
});
