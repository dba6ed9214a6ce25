import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { frameAt, near, pixel } from "../renderer/fixtures";
import { startTestServer, type TestServer } from "./harness";
import { readEvents, renderBody, renderScript, SCRIPT_SECONDS, startReceiver, waitFor } from "./render-helpers";

const GREEN = [16, 185, 129] as const;
const MAGENTA = [219, 39, 119] as const;

/** A square PNG: green on the left half, magenta on the right. */
const splitPng = (size: number) => {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) png.data.set([...(x < size / 2 ? GREEN : MAGENTA), 255], (y * size + x) * 4);
  return PNG.sync.write(png);
};

/** The uploaded picture covers the 9:16 frame (cropped at the sides): green left of centre, magenta right. */
const expectUploadedBackground = (png: PNG, what: string) => {
  for (const [x, y] of [[40, 60], [200, 60], [40, 400]] as const) expect(near(pixel(png, x, y), GREEN, 40), `${what} at ${x},${y}: ${pixel(png, x, y)}`).toBe(true);
  for (const [x, y] of [[440, 60], [280, 60], [440, 400]] as const) expect(near(pixel(png, x, y), MAGENTA, 40), `${what} at ${x},${y}: ${pixel(png, x, y)}`).toBe(true);
};

describe.each(["pglite", "postgres"] as const)("the full journey on %s", (database) => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ database, worker: true });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it("register → key → media → render → SSE progress → signed webhook → download → usage", async () => {
    const email = `journey-${database}@example.com`;
    expect((await server.api("/v1/auth/register", { body: { email, password: "journey passphrase" } })).status).toBe(201);
    const login = await server.api("/v1/auth/login", { body: { email, password: "journey passphrase" } });
    const session = { authorization: `Bearer ${login.body.accessToken}` };
    const created = await server.api("/v1/api-keys", {
      headers: session,
      body: { name: "journey", scopes: ["renders:write", "renders:read", "media:write", "media:read", "webhooks:write", "webhooks:read", "usage:read"] },
    });
    const key = { authorization: `Bearer ${created.body.key}` };

    const hook = await server.api("/v1/webhooks", { headers: key, body: { url: receiver.url, events: ["render.completed", "render.failed"] } });
    expect(hook.status).toBe(201);
    const secret: string = hook.body.secret;
    expect(secret).toMatch(/^whsec_/);

    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(splitPng(64))], { type: "image/png" }), "split.png");
    const upload = await server.api("/v1/media", { headers: key, body: form });
    expect(upload.status).toBe(201);

    const script = renderScript();
    script.scenes[0]!.background = { type: "image", src: `media:${upload.body.id}` } as never;
    const order = await server.api("/v1/renders", { headers: key, body: renderBody({ script, outputs: [{ format: "mp4", resolution: "480p" }, { name: "cover", format: "png", resolution: "480p" }] }) });
    expect(order.status).toBe(202);
    expect(order.body.status).toBe("queued");
    const id: string = order.body.id;

    const events = await readEvents(`${server.url}/v1/renders/${id}/events`, key, (e) => e.event === "done" || e.event === "failed");
    expect(events[0]!.event).toBe("status");
    const progress = events.filter((e) => e.event === "progress").map((e) => JSON.parse(e.data).progress as number);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const last = events[events.length - 1]!;
    expect(last.event).toBe("done");
    const done = JSON.parse(last.data);
    expect(done).toMatchObject({ id, status: "completed", progress: 1 });

    const delivered = await waitFor("the webhook", async () => receiver.received.find((r) => JSON.parse(r.body).data?.id === id));
    const payload = new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as { type: string; data: { id: string; status: string } };
    expect(payload.type).toBe("render.completed");
    expect(payload.data).toMatchObject({ id, status: "completed" });
    expect(delivered.headers["webhook-id"]).toMatch(/^msg_/);

    const video = await fetch(`${server.url}/v1/renders/${id}/outputs/mp4`, { headers: key });
    expect(video.status).toBe(200);
    const bytes = Buffer.from(await video.arrayBuffer());
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "reelgen-dl-")), "video.mp4");
    writeFileSync(file, bytes);
    const probe = await probeMedia(file);
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854 });
    expect(probe.durationSec).toBeGreaterThan(SCRIPT_SECONDS - 0.2);
    expect(probe.durationSec).toBeLessThan(SCRIPT_SECONDS + 0.5);
    // The first scene (0-1 s) shows the uploaded picture, in the video and on the cover.
    expectUploadedBackground(await frameAt(file, 0.5), "video at 0.5 s");
    const cover = await fetch(`${server.url}/v1/renders/${id}/outputs/cover`, { headers: key });
    const png = PNG.sync.read(Buffer.from(await cover.arrayBuffer()));
    expect([png.width, png.height]).toEqual([480, 854]);
    expectUploadedBackground(png, "cover");

    const link = await server.api(`/v1/renders/${id}/outputs/mp4/url`, { headers: key });
    const signed = await fetch(link.body.url);
    expect(signed.status).toBe(200);
    expect(Buffer.from(await signed.arrayBuffer()).equals(bytes)).toBe(true);
    const tampered = link.body.url.replace(/signature=(.)/, (_match: string, first: string) => `signature=${first === "A" ? "B" : "A"}`);
    expect(tampered).not.toBe(link.body.url);
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(link.body.url.replace(/expires=\d+/, "expires=1000"))).status).toBe(403);

    const render = await server.api(`/v1/renders/${id}`, { headers: key });
    expect(render.body.outputs.map((o: { name: string; url: string }) => [o.name, o.url])).toEqual([
      ["mp4", `/v1/renders/${id}/outputs/mp4`],
      ["cover", `/v1/renders/${id}/outputs/cover`],
    ]);
    const used = render.body.renderSeconds as number;
    // A 480p MP4 weighs a quarter of 1080p per second; the cover still counts 1.
    expect(used).toBeCloseTo(probe.durationSec * 0.25 + 1, 1);

    const usage = await server.api("/v1/usage", { headers: key });
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toMatchObject({ renders: 1, completed: 1, failed: 0 });
    expect(usage.body.totals.renderMinutes).toBeCloseTo(used / 60, 3);
    const quota = await server.ctx.db.selectFrom("quota_usage").selectAll().executeTakeFirstOrThrow();
    expect(quota.reserved_seconds).toBeCloseTo(0, 6);
    expect(quota.used_seconds).toBeCloseTo(used, 6);
    // Exactly one webhook for this render.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.filter((r) => JSON.parse(r.body).data?.id === id)).toHaveLength(1);
  });
});
