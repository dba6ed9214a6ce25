import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveBrowserExecutable } from "../../renderer/index";
import { renderCost } from "../../server/quotas/render-quota";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { readEvents, renderBody, renderingStopped, renderScript, startReceiver, waitFor } from "./render-helpers";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** One line, no `durationSec`: the reading-speed estimate says 1.2 s whatever the text, the voice says more. */
const spokenScript = (text: string) => renderScript({ scenes: [{ id: "one", background: { type: "color", value: "#2563eb" }, lines: [{ speaker: "ana", text }] }] });
/** The offline voice (Festival's, for the first character) speaks 30 `+` signs ("plus") for about 10 s (estimate: 1.2 s). */
const PLUSES = "+".repeat(30);

/** A render's row, its user's month of render-minutes and its webhook deliveries. */
const recordOf = async (server: TestServer, user: TestUser, id: string) => ({
  render: (await server.api(`/v1/renders/${id}`, { headers: user.auth })).body,
  quota: await server.ctx.db.selectFrom("quota_usage").select(["reserved_seconds", "used_seconds"]).where("user_id", "=", user.id).executeTakeFirstOrThrow(),
  deliveries: await server.ctx.db.selectFrom("webhook_deliveries").select(["event", "payload"]).where("render_id", "=", id).execute(),
});

const finished = (server: TestServer, user: TestUser, id: string, timeoutMs = 150_000) =>
  waitFor(`render ${id} to finish`, async () => {
    const r = await server.api(`/v1/renders/${id}`, { headers: user.auth });
    return ["completed", "failed", "cancelled"].includes(r.body.status) && r.body;
  }, timeoutMs);


describe("render cost", () => {
  it.each([
    ["480p 9:16 mp4 (floor)", { format: "mp4", resolution: "480p" }, "9:16", 10, 2.5],
    ["480p 1:1 gif (floor)", { format: "gif", resolution: "480p" }, "1:1", 10, 2.5],
    ["720p 9:16 webm", { format: "webm", resolution: "720p" }, "9:16", 10, 10 * ((720 * 1280) / (1080 * 1920)) * 4],
    ["1080p (default) 9:16 mp4", { format: "mp4" }, "9:16", 10, 10],
    ["1080p youtube preset (16:9) mp4 on a 9:16 script", { format: "mp4", preset: "youtube" }, "9:16", 10, 10],
    ["1080p 1:1 mp4", { format: "mp4", resolution: "1080p" }, "1:1", 10, 10 * 0.5625],
    ["4k 9:16 prores", { format: "prores", resolution: "4k" }, "9:16", 10, 80],
    ["4k 9:16 webm", { format: "webm", resolution: "4k" }, "9:16", 10, 160],
    ["a 4k png", { format: "png", resolution: "4k" }, "9:16", 10, 1],
    ["a jpeg", { format: "jpeg" }, "16:9", 100, 1],
  ] as const)("%s", (_name, output, scriptFormat, seconds, cost) => {
    expect(renderCost({ output, seconds, scriptFormat })).toBeCloseTo(cost, 9);
  });
});

describe("render orders (no worker)", () => {
  it("reserve by resolution and format, and refuse a script whose estimate is over the tier's video length", async () => {
    const server = await startTestServer({ env: { TIERS: JSON.stringify({ standard: { maxVideoSeconds: 5 } }) } });
    cleanups.push(() => server.close());
    const user = await server.user();
    // renderScript lasts 2.5 s.
    const reserved = async (outputs: unknown[]) => {
      const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ outputs }) });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      return res.body.reservedSeconds as number;
    };
    expect(await reserved([{ format: "mp4", resolution: "480p" }])).toBeCloseTo(2.5 * 0.25, 9);
    expect(await reserved([{ format: "prores", resolution: "4k" }])).toBeCloseTo(2.5 * 4 * 2, 9);
    expect(await reserved([{ format: "png", resolution: "4k" }])).toBeCloseTo(1, 9);
    expect(await reserved([{ format: "mp4", resolution: "480p" }, { format: "webm", preset: "youtube" }, { format: "jpeg" }])).toBeCloseTo(0.625 + 10 + 1, 9);
    const quota = await server.ctx.db.selectFrom("quota_usage").select("reserved_seconds").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(quota.reserved_seconds).toBeCloseTo(0.625 + 20 + 1 + 11.625, 9);

    const long = renderScript();
    long.scenes[0]!.lines[0]!.durationSec = 3;
    long.scenes[1]!.lines[0]!.durationSec = 3;
    const refused = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: long }) });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "LIMIT_EXCEEDED",
      problems: [{ path: "body.script", message: "the video would last about 6.0 s; the standard tier allows at most 5 s" }],
    });
    // A still of it is one frame: no length to limit.
    expect((await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: long, outputs: [{ format: "png" }] }) })).status).toBe(202);
    const batch = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: [{ format: "mp4", resolution: "480p" }], scripts: [renderScript(), long] } });
    expect(batch.body).toMatchObject({ total: 2, accepted: 1, rejected: [{ row: 1, code: "LIMIT_EXCEEDED", problems: [{ path: "rows[1].script" }] }] });
    expect(await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute()).toHaveLength(6);
  });
});

describe("render workers enforce the tier on what is really rendered", () => {
  it("fail before the first frame, refunded, when the voiced video is over the tier's length or the month's render-minutes", async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    // 0.02 min = 1.2 s of render-minutes: the estimate (1.2 s × 0.25 at 480p) fits, the voiced ~10.7 s does not.
    const server = await startTestServer({ worker: true, env: { TIERS: JSON.stringify({ standard: { maxVideoSeconds: 5 }, premium: { renderMinutesPerMonth: 0.02 } }) } });
    cleanups.push(() => server.close());
    const cases = [
      { role: "standard" as const, monthSeconds: 30 * 60, code: "LIMIT_EXCEEDED", message: /^the voiced video lasts 1\d\.\d s; the standard tier allows at most 5 s$/ },
      { role: "premium" as const, monthSeconds: 1.2, code: "QUOTA_EXCEEDED", message: /^render-minutes for \d{4}-\d\d would be exceeded: after voicing, this render needs 0\.\d\d min more \(0\.\d\d min in all\), 0\.\d\d of 0\.02 min left$/ },
    ];
    for (const c of cases) {
      const user = await server.user(c.role);
      await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.failed"] } });
      const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: spokenScript(PLUSES) }) });
      expect(order.status, JSON.stringify(order.body)).toBe(202);
      const done = await finished(server, user, order.body.id);
      const { quota, deliveries } = await recordOf(server, user, order.body.id);
      expect(quota.used_seconds, `render-seconds counted against a ${c.monthSeconds} s month`).toBeLessThanOrEqual(c.monthSeconds);
      expect(done).toMatchObject({ status: "failed", attempts: 1, error: { code: c.code } });
      expect(done.error.message).toMatch(c.message);
      // Before the first frame: still in the voicing share of the bar, and nothing written.
      expect(done.progress).toBeLessThanOrEqual(0.05);
      expect(await server.ctx.storage.list(`renders/${order.body.id}`)).toEqual([]);
      expect([quota.reserved_seconds, quota.used_seconds]).toEqual([0, 0]);
      expect(deliveries.map((d) => d.event)).toEqual(["render.failed"]);
      // Submit reserved the estimate (1.2 s at 480p's weight); the voiced length was never reserved.
      expect(done.reservedSeconds).toBeCloseTo(1.2 * 0.25, 6);
    }
  });

  it("reserve the voiced length's cost before rendering and settle what the outputs really cost, never more", async () => {
    const server = await startTestServer({ worker: true });
    cleanups.push(() => server.close());
    const user = await server.user();
    // Ten `+` are spoken for about 3.4 s; the estimate is 1.2 s.
    const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: spokenScript("+".repeat(10)), outputs: [{ format: "mp4", resolution: "480p" }, { format: "png", resolution: "480p" }] }) });
    expect(order.body.reservedSeconds).toBeCloseTo(1.2 * 0.25 + 1, 6);
    const done = await finished(server, user, order.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const { quota } = await recordOf(server, user, order.body.id);
    const video = done.outputs.find((o: { format: string }) => o.format === "mp4");
    expect(video.durationSec).toBeGreaterThan(3);
    // Reserved from the voiced timeline (speech + a 0.5 s pause), before the first frame.
    expect(done.reservedSeconds).toBeGreaterThan(3 * 0.25 + 1);
    expect(done.reservedSeconds).toBeCloseTo(video.durationSec * 0.25 + 1, 1);
    expect(done.renderSeconds).toBeCloseTo(Math.min(done.reservedSeconds, video.durationSec * 0.25 + 1), 6);
    expect(done.renderSeconds).toBeLessThanOrEqual(done.reservedSeconds);
    expect(quota.reserved_seconds).toBeCloseTo(0, 9);
    expect(quota.used_seconds).toBeCloseTo(done.renderSeconds, 9);
  });
});

describe("a render's wall-time limit", () => {
  it("stops a render past the tier's limit (TIMED_OUT, refunded, no retry, webhook), and the next user's render proceeds", async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const server = await startTestServer({ worker: true, env: { WORKER_CONCURRENCY: "1", RENDER_ATTEMPTS: "3", TIERS: JSON.stringify({ standard: { renderTimeoutSeconds: 2 } }) } });
    cleanups.push(() => server.close());
    const slow = await server.user("standard");
    const next = await server.user("premium");
    await server.api("/v1/webhooks", { headers: slow.auth, body: { url: receiver.url, events: ["render.failed"] } });
    // 40 s of video: far more than 2 s of work.
    const long = renderScript();
    long.scenes[0]!.lines[0]!.durationSec = 20;
    long.scenes[1]!.lines[0]!.durationSec = 20;
    const stuck = await server.api("/v1/renders", { headers: slow.auth, body: renderBody({ script: long }) });
    const after = await server.api("/v1/renders", { headers: next.auth, body: renderBody() });
    expect([stuck.status, after.status]).toEqual([202, 202]);

    const failed = await finished(server, slow, stuck.body.id, 60_000);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, error: { code: "TIMED_OUT", message: "the render took longer than the standard tier's 2 s limit and was stopped" } });
    const wall = Date.parse(failed.finishedAt) - Date.parse(failed.startedAt);
    expect(wall).toBeGreaterThanOrEqual(2000);
    expect(wall).toBeLessThan(12_000);
    const { quota, deliveries } = await recordOf(server, slow, stuck.body.id);
    expect([quota.reserved_seconds, quota.used_seconds]).toEqual([0, 0]);
    expect(deliveries.map((d) => d.event)).toEqual(["render.failed"]);
    const job = await waitFor("the job to fail for good", async () => {
      const j = await server.services.renderQueue.queue.getJob(stuck.body.id);
      return j?.finishedOn ? j : null;
    }, 10_000);
    expect([await job.getState(), job.attemptsMade]).toEqual(["failed", 1]);

    const done = await finished(server, next, after.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    expect(Date.parse(done.startedAt)).toBeGreaterThanOrEqual(Date.parse(failed.finishedAt) - 1000);
    // The stopped render's tabs and FFmpeg were stopped, not left running (the worker's idle browser stays).
    await waitFor("the render's tabs and FFmpeg to stop", renderingStopped, 15_000);
    expect((await server.api(`/v1/renders/${stuck.body.id}`, { headers: slow.auth })).body.status).toBe("failed");
  });
});

/** A browser "executable" that fails (writing what a crashing browser might: an internal URL, a server path) until `okAfter` launches, then runs the real one. */
const flakyBrowser = async (dir: string, failures: number) => {
  const real = await resolveBrowserExecutable();
  const count = path.join(dir, "launches");
  const file = path.join(dir, "flaky-browser.sh");
  writeFileSync(
    file,
    `#!/bin/sh
echo x >> '${count}'
if [ "$(wc -l < '${count}')" -le ${failures} ]; then
  echo "GPU process crashed loading http://127.0.0.1:45678/0/secret.png from ${dir}/storage" >&2
  exit 1
fi
exec '${real}' "$@"
`,
  );
  chmodSync(file, 0o755);
  return { file, launches: () => readFileSync(count, "utf8").split("\n").filter(Boolean).length };
};

describe("render failures", () => {
  it("a transient failure (the browser fails to start once) is retried: completed on attempt 2, one set of outputs, minutes settled once", async () => {
    const dir = tempDir();
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const browser = await flakyBrowser(dir, 1);
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const server = await startTestServer({ worker: true, env: { RENDER_ATTEMPTS: "3", REELGEN_BROWSER: browser.file } });
    cleanups.push(() => server.close());
    const user = await server.user();
    await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.completed", "render.failed"] } });
    const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody() });
    const done = await finished(server, user, order.body.id);
    expect(done).toMatchObject({ status: "completed", attempts: 2, error: null });
    expect(browser.launches()).toBe(2);
    expect((await server.ctx.storage.list(`renders/${order.body.id}`)).map((o) => o.key.split("/").pop())).toEqual(["mp4.mp4", "mp4.quality.json", "mp4.srt", "mp4.vtt"]);
    const { quota, deliveries } = await recordOf(server, user, order.body.id);
    expect(done.renderSeconds).toBeGreaterThan(0);
    expect(quota.used_seconds).toBeCloseTo(done.renderSeconds, 9);
    expect(quota.reserved_seconds).toBeCloseTo(0, 9);
    expect(deliveries.map((d) => d.event)).toEqual(["render.completed"]);
  });

  it("never show an internal URL, a server path or a tool's output: the API, the event stream and the webhook", async () => {
    const dir = tempDir();
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    // A browser that crashes on start, with an internal URL and a server path on its stderr.
    const crashing = await flakyBrowser(dir, 99);
    const servers = {
      healthy: await startTestServer({ worker: true, env: { RENDER_ATTEMPTS: "1" } }),
      crashing: await startTestServer({ worker: true, env: { RENDER_ATTEMPTS: "1", REELGEN_BROWSER: crashing.file } }),
    };
    cleanups.push(() => servers.healthy.close(), () => servers.crashing.close());
    let server = servers.healthy;
    const user = await server.user();
    await server.api("/v1/webhooks", { headers: user.auth, body: { url: receiver.url, events: ["render.failed"] } });
    /** An image in the library whose stored file is `bytes` (null: gone from storage). */
    const storedImage = async (bytes: Buffer | null) => {
      const id = randomUUID();
      const storagePath = `media/${user.id}/${id}.png`;
      if (bytes) await server.ctx.storage.put(storagePath, bytes);
      await server.ctx.db.insertInto("media").values({ id, user_id: user.id, kind: "image", mime: "image/png", filename: "bg.png", storage_path: storagePath, bytes: 10, sha256: "0", tags: "[]" }).execute();
      return `media:${id}`;
    };
    const withBackground = (src: string) => {
      const script = renderScript();
      script.scenes[0]!.background = { type: "image", src } as never;
      return renderBody({ script });
    };
    const failedEverywhere = async (body: unknown, as = user) => {
      const order = await server.api("/v1/renders", { headers: as.auth, body });
      expect(order.status, JSON.stringify(order.body)).toBe(202);
      const events = await readEvents(`${server.url}/v1/renders/${order.body.id}/events`, as.auth, (e) => e.event === "failed" || e.event === "done");
      expect(events.at(-1)!.event).toBe("failed");
      const hook = await waitFor("the failure webhook", async () => receiver.received.find((r) => JSON.parse(r.body).data?.id === order.body.id));
      const shown = { api: (await server.api(`/v1/renders/${order.body.id}`, { headers: as.auth })).body, event: JSON.parse(events.at(-1)!.data), webhook: JSON.parse(hook.body).data };
      for (const [where, view] of Object.entries(shown)) {
        const text = JSON.stringify(view);
        expect(view.status, where).toBe("failed");
        expect(text, where).not.toMatch(/127\.0\.0\.1|localhost|secret\.png|GPU process|Error loading/i);
        expect(text, where).not.toContain(server.dataDir);
        expect(text, where).not.toContain(dir);
      }
      return shown.api.error;
    };

    // An asset that disappeared from storage after ordering: the caller's input, named as they wrote it.
    const gone = await storedImage(null);
    expect(await failedEverywhere(withBackground(gone))).toEqual({ code: "ASSET_NOT_FOUND", message: `scenes[0].background.src: ${gone} is no longer in the media library` });
    // A file the browser cannot decode: an internal failure, told as one.
    const broken = await storedImage(Buffer.from("this is not a PNG"));
    const internal = await failedEverywhere(withBackground(broken));
    expect(internal).toEqual({ code: "RENDER_FAILED", message: "the render failed on the server (1 attempt); the server log has the details under this render's id" });
    // The browser crashing on start.
    server = servers.crashing;
    const other = await server.user();
    await server.api("/v1/webhooks", { headers: other.auth, body: { url: receiver.url, events: ["render.failed"] } });
    expect(await failedEverywhere(renderBody(), other)).toEqual(internal);
    expect(crashing.launches()).toBeGreaterThan(0);
  });
});
