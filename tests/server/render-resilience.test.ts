import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startPrivateRedis, type PrivateRedis } from "../../server/redis/start-private-redis";
import { reconcileRenders } from "../../server/renders/reconcile-renders";
import { startServer } from "../../server/start-server";
import { descendants } from "../process-tree";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer } from "./harness";
import { readEvents, renderBody, renderingStopped, renderScript, SCRIPT_COST, spawnWorker, startReceiver, waitFor, workerEnv } from "./render-helpers";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** A script long enough (6 s) to be caught mid-render. */
const longerBody = () => {
  const script = renderScript();
  script.scenes[0]!.lines[0]!.durationSec = 3;
  script.scenes[1]!.lines[0]!.durationSec = 3;
  return renderBody({ script });
};



describe("while Redis is down", () => {
  it("answers 503 at once instead of hanging, keeps serving what needs no Redis, and recovers", async () => {
    const dir = tempDir();
    let redis: PrivateRedis = await startPrivateRedis({ dir });
    cleanups.push(() => redis.stop());
    const server = await startTestServer({ env: { REDIS_URL: redis.url } });
    cleanups.push(() => server.close());
    const user = await server.user();
    expect((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).status).toBe(202);

    await redis.stop();
    const started = Date.now();
    const refused = await server.api("/v1/renders", { headers: user.auth, body: renderBody() });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(refused.headers.get("retry-after")).toBe("5");
    const health = await server.api("/healthz");
    expect(health.status).toBe(503);
    expect(health.body.redis).toMatch(/^down/);
    expect(health.body.database).toBe("ok");
    expect((await server.api("/v1/me", { headers: user.auth })).status).toBe(200);
    // Nothing half-made: one render (from before), its minutes only.
    const rows = await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    const quota = await server.ctx.db.selectFrom("quota_usage").select("reserved_seconds").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(quota.reserved_seconds).toBeCloseTo(SCRIPT_COST, 6);

    redis = await startPrivateRedis({ dir });
    await waitFor("the queue to accept renders again", async () => (await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).status === 202, 30_000, 500);
    expect((await server.api("/healthz")).status).toBe(200);
    // The AOF kept the first job across the restart.
    expect(await server.services.renderQueue.queue.getJob(rows[0]!.id)).toBeDefined();
  });
});

describe("while Redis is down, a render's", () => {
  it("event stream answers from the database, cancel still works, and the server shuts down promptly", async () => {
    const redis = await startPrivateRedis({ dir: tempDir() });
    cleanups.push(() => redis.stop());
    const server = await startTestServer({ env: { REDIS_URL: redis.url } });
    cleanups.push(() => server.close());
    const user = await server.user();
    const id: string = (await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).body.id;
    await redis.stop();

    const asked = Date.now();
    const events = await readEvents(`${server.url}/v1/renders/${id}/events`, user.auth, (e) => e.event === "status", 10_000);
    expect(Date.now() - asked).toBeLessThan(3500);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ id, status: "queued" });
    // The database has the last word; the queue hears of it when it can (or the worker reads it there).
    const cancel = await server.api(`/v1/renders/${id}/cancel`, { method: "POST", headers: user.auth });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe("cancelled");

    const closing = Date.now();
    await server.close();
    expect(Date.now() - closing).toBeLessThan(5000);
  });
});

describe("queued renders survive", () => {
  it("a Redis crash (AOF) and a server restart on the embedded defaults, with none lost or doubled", async () => {
    const dataDir = tempDir();
    const env = { PORT: "0", DATA_DIR: dataDir, START_WORKER: "0", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", JWT_SECRET: "test-secret-test-secret-test-secret-0123", ANONYMOUS_REQUESTS_PER_MINUTE: "100000" };
    let server = await startServer({ env });
    cleanups.push(() => server.close());
    expect(server.ctx.redisConnection.path).toContain(dataDir);
    const api = async (s: typeof server, p: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
      const res = await fetch(`${s.url}${p}`, { method: init.body ? "POST" : "GET", headers: { "content-type": "application/json", ...init.headers }, body: init.body ? JSON.stringify(init.body) : undefined });
      return { status: res.status, body: await res.json() };
    };
    await api(server, "/v1/auth/register", { body: { email: "aof@example.com", password: "append only file" } });
    const token = (await api(server, "/v1/auth/login", { body: { email: "aof@example.com", password: "append only file" } })).body.accessToken;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await api(server, "/v1/renders", { headers: { authorization: `Bearer ${token}` }, body: renderBody() })).body.id);
    const timestamps = await Promise.all(ids.map(async (id) => (await server.services.renderQueue.queue.getJob(id))!.timestamp));
    // appendfsync everysec: give it a second, then crash Redis hard (no shutdown save).
    await new Promise((r) => setTimeout(r, 1500));
    const redisPid = Number(readFileSync(path.join(dataDir, "redis", "redis.pid"), "utf8"));
    process.kill(redisPid, "SIGKILL");
    await waitFor("redis to die", async () => {
      try {
        process.kill(redisPid, 0);
        return false;
      } catch {
        return true;
      }
    });
    await server.close();

    server = await startServer({ env });
    const jobs = await Promise.all(ids.map((id) => server.services.renderQueue.queue.getJob(id)));
    expect(jobs.map((j) => j?.timestamp)).toEqual(timestamps);
    expect((await server.services.renderQueue.counts()).waiting).toBe(5);
    const rows = await server.ctx.db.selectFrom("renders").select(["id", "status"]).execute();
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill("queued"));

    // Had Redis lost them after all (no AOF, a new instance), the database brings them back once.
    await server.services.renderQueue.queue.obliterate({ force: true });
    expect(await reconcileRenders(server.ctx, server.services)).toEqual({ requeued: 5, failed: 0 });
    expect(await reconcileRenders(server.ctx, server.services)).toEqual({ requeued: 0, failed: 0 });
    expect((await server.services.renderQueue.counts()).waiting).toBe(5);
  });
});

describe("reconciling renders with the queue", () => {
  it("fails an active render whose job is gone: minutes refunded, render.failed webhook queued", async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const user = await server.user();
    await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.failed"] } });
    const active = (await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).body.id as string;
    const queued = (await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).body.id as string;
    // As if a worker had taken it, then Redis lost the job.
    await server.ctx.db.updateTable("renders").set({ status: "active", started_at: new Date() }).where("id", "=", active).execute();
    await (await server.services.renderQueue.queue.getJob(active))!.remove();

    expect(await reconcileRenders(server.ctx, server.services)).toEqual({ requeued: 0, failed: 1 });
    const render = await server.api(`/v1/renders/${active}`, { headers: user.auth });
    expect(render.body).toMatchObject({ status: "failed", error: { code: "RENDER_FAILED", message: "the render's job disappeared from the queue" } });
    expect((await server.api(`/v1/renders/${queued}`, { headers: user.auth })).body.status).toBe("queued");
    const quota = await server.ctx.db.selectFrom("quota_usage").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect([quota.reserved_seconds, quota.used_seconds]).toEqual([SCRIPT_COST, 0]);
    const deliveries = await server.ctx.db.selectFrom("webhook_deliveries").select(["event", "render_id"]).execute();
    expect(deliveries.filter((d) => d.render_id === active)).toEqual([{ event: "render.failed", render_id: active }]);
    expect(await reconcileRenders(server.ctx, server.services)).toEqual({ requeued: 0, failed: 0 });
  });
});

describe("render workers", () => {
  it("cancelling a running render stops its Chrome tabs and FFmpeg and leaves no output", async () => {
    const server = await startTestServer({ worker: true });
    cleanups.push(() => server.close());
    const user = await server.user();
    const order = await server.api("/v1/renders", { headers: user.auth, body: longerBody() });
    await readEvents(`${server.url}/v1/renders/${order.body.id}/events`, user.auth, (e) => e.event === "progress" && JSON.parse(e.data).progress >= 0.2);
    expect(descendants(process.pid).some((p) => /chrom/i.test(p.cmd))).toBe(true);
    const cancel = await server.api(`/v1/renders/${order.body.id}/cancel`, { method: "POST", headers: user.auth });
    expect(cancel.body.status).toBe("cancelled");
    await waitFor("the job to end", async () => (await server.services.renderQueue.queue.getJob(order.body.id))?.finishedOn);
    await waitFor("FFmpeg to exit and Chrome's render tabs to close", renderingStopped, 15_000);
    expect(await server.ctx.storage.list(`renders/${order.body.id}`)).toEqual([]);
    const render = await server.api(`/v1/renders/${order.body.id}`, { headers: user.auth });
    expect(render.body).toMatchObject({ status: "cancelled", renderSeconds: null });
  });

  it("a render cancelled in the database alone (its stop message lost) stops at its next progress write", async () => {
    const server = await startTestServer({ worker: true });
    cleanups.push(() => server.close());
    const user = await server.user();
    const id: string = (await server.api("/v1/renders", { headers: user.auth, body: longerBody() })).body.id;
    await readEvents(`${server.url}/v1/renders/${id}/events`, user.auth, (e) => e.event === "progress" && JSON.parse(e.data).progress >= 0.2);
    await server.ctx.db.updateTable("renders").set({ status: "cancelled", finished_at: new Date() }).where("id", "=", id).execute();
    const job = await waitFor("the job to end", async () => {
      const j = await server.services.renderQueue.queue.getJob(id);
      return j?.finishedOn ? j : null;
    });
    expect(job.returnvalue).toEqual({ skipped: "cancelled" });
    // Stopped well before the end, rather than rendered in full and thrown away.
    expect((job.progress as { progress: number }).progress).toBeLessThan(0.9);
    await waitFor("FFmpeg to exit and Chrome's render tabs to close", renderingStopped, 15_000);
    expect(await server.ctx.storage.list(`renders/${id}`)).toEqual([]);
  });

  it("keeps each user within the tier's concurrent renders, however many worker slots are free", async () => {
    const server = await startTestServer({ worker: true, env: { WORKER_CONCURRENCY: "2", TIERS: JSON.stringify({ standard: { concurrentRenders: 1 } }) } });
    cleanups.push(() => server.close());
    const user = await server.user("standard");
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).body.id);
    let mostActive = 0;
    await waitFor("both renders to complete", async () => {
      const rows = await server.ctx.db.selectFrom("renders").select("status").where("user_id", "=", user.id).execute();
      mostActive = Math.max(mostActive, rows.filter((r) => r.status === "active").length);
      return rows.every((r) => r.status === "completed");
    }, 150_000, 100);
    expect(mostActive).toBe(1);
    const [a, b] = await Promise.all(ids.map((id) => server.ctx.db.selectFrom("renders").select(["started_at", "finished_at"]).where("id", "=", id).executeTakeFirstOrThrow()));
    // One after the other: the second started once the first had finished.
    const [first, second] = [a!, b!].sort((x, y) => x.started_at!.getTime() - y.started_at!.getTime());
    expect(second!.started_at!.getTime()).toBeGreaterThanOrEqual(first!.finished_at!.getTime());
  });

  it("fails at once, without retries, on input that can never render (media deleted after ordering)", async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const server = await startTestServer({ worker: true, env: { RENDER_ATTEMPTS: "3" } });
    cleanups.push(() => server.close());
    const user = await server.user();
    await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.failed"] } });
    const media = await server.ctx.db
      .insertInto("media")
      .values({ id: crypto.randomUUID(), user_id: user.id, kind: "audio", mime: "audio/wav", filename: "gone.wav", storage_path: "media/none/gone.wav", bytes: 1, sha256: "0", tags: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await server.services.renderQueue.queue.pause();
    const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: renderScript({ music: { src: `media:${media.id}` } }) }) });
    expect(order.status).toBe(202);
    await server.ctx.db.deleteFrom("media").where("id", "=", media.id).execute();
    await server.services.renderQueue.queue.resume();
    const events = await readEvents(`${server.url}/v1/renders/${order.body.id}/events`, user.auth, (e) => e.event === "failed" || e.event === "done");
    const failed = JSON.parse(events[events.length - 1]!.data);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, error: { code: "ASSET_NOT_FOUND" } });
    expect(failed.error.message).toContain("music.src");
    // The database records the failure just before the worker hands the job to BullMQ as failed.
    // finishedOn and failedReason are written together, so a copy with one has the other (unlike one read before getState()).
    const job = await waitFor("the job to fail", async () => {
      const j = (await server.services.renderQueue.queue.getJob(order.body.id))!;
      return j.finishedOn ? j : null;
    }, 10_000);
    expect(await job.getState()).toBe("failed");
    expect(job.failedReason).toContain("no longer in the media library");
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    const quota = await server.ctx.db.selectFrom("quota_usage").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect([quota.reserved_seconds, quota.used_seconds]).toEqual([0, 0]);
    const hook = await waitFor("the failure webhook", async () => receiver.received.find((r) => JSON.parse(r.body).data?.id === order.body.id));
    expect(JSON.parse(hook.body).type).toBe("render.failed");
  });

  it("a worker killed mid-render: another picks the job up, one output and one webhook result", async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const server = await startTestServer({ database: "postgres", env: { START_WORKER: "0" } });
    cleanups.push(() => server.close());
    // Like the server's: whichever process's dispatcher claims the webhook must be allowed to send it to the loopback receiver.
    const env = workerEnv(server, { RENDER_LOCK_MS: "2000", WEBHOOK_ALLOW_LOOPBACK: "1" });
    const user = await server.user();
    await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.completed"] } });
    const order = await server.api("/v1/renders", { headers: user.auth, body: longerBody() });
    const id: string = order.body.id;

    const first = spawnWorker(env);
    cleanups.push(async () => first.kill("SIGKILL"));
    await waitFor("the first worker to be mid-render", async () => {
      const r = await server.api(`/v1/renders/${id}`, { headers: user.auth });
      return r.body.status === "active" && r.body.progress >= 0.15;
    });
    // Kill the worker and everything it started, as a crashed machine would.
    for (const p of descendants(first.pid!)) process.kill(p.pid, "SIGKILL");
    first.kill("SIGKILL");

    const second = spawnWorker(env);
    cleanups.push(async () => second.kill("SIGTERM"));
    const done = await waitFor("the render to complete on the second worker", async () => {
      const r = await server.api(`/v1/renders/${id}`, { headers: user.auth });
      if (r.body.status === "failed") throw new Error(`render failed: ${JSON.stringify(r.body.error)}\n${second.output()}`);
      return r.body.status === "completed" && r.body;
    }, 150_000);
    expect(done.attempts).toBe(2);
    const files = (await server.ctx.storage.list(`renders/${id}`)).map((o) => o.key.split("/").pop());
    expect(files).toEqual(["mp4.mp4", "mp4.quality.json", "mp4.srt", "mp4.vtt"]);
    // The killed attempt's scratch space on this machine went when the second attempt began, and the second's when it ended.
    expect(existsSync(path.join(server.dataDir, "tmp", "renders", id))).toBe(false);
    await waitFor("the webhook", async () => receiver.received.some((r) => JSON.parse(r.body).data?.id === id));
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.received.filter((r) => JSON.parse(r.body).data?.id === id)).toHaveLength(1);
    const deliveries = await server.ctx.db.selectFrom("webhook_deliveries").select("id").where("render_id", "=", id).execute();
    expect(deliveries).toHaveLength(1);
  });

  it("SIGTERM hands the active render back within the grace period, and another worker finishes it", async () => {
    const server = await startTestServer({ database: "postgres", env: { START_WORKER: "0" } });
    cleanups.push(() => server.close());
    const env = workerEnv(server, { SHUTDOWN_GRACE_MS: "300" });
    const user = await server.user();
    const id: string = (await server.api("/v1/renders", { headers: user.auth, body: longerBody() })).body.id;
    const first = spawnWorker(env);
    cleanups.push(async () => first.kill("SIGKILL"));
    await waitFor("the first worker to be mid-render", async () => {
      const r = await server.api(`/v1/renders/${id}`, { headers: user.auth });
      return r.body.status === "active" && r.body.progress >= 0.15;
    });
    const stopped = Date.now();
    first.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => first.once("exit", resolve));
    expect(code, first.output()).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(15_000);
    const job = await server.services.renderQueue.queue.getJob(id);
    expect(await job!.getState()).toBe("waiting");

    const second = spawnWorker(env);
    cleanups.push(async () => second.kill("SIGTERM"));
    const done = await waitFor("the second worker to finish", async () => {
      const r = await server.api(`/v1/renders/${id}`, { headers: user.auth });
      return r.body.status === "completed" && r.body;
    }, 150_000);
    expect(done.attempts).toBe(2);
    expect((await server.ctx.storage.list(`renders/${id}`)).map((o) => o.key.split("/").pop())).toEqual(["mp4.mp4", "mp4.quality.json", "mp4.srt", "mp4.vtt"]);
    expect(readdirSync(path.join(server.dataDir, "storage", ".tmp"))).toEqual([]);
  });
});
