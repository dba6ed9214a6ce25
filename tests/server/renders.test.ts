import { createHmac } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer } from "./harness";
import { renderBody, renderScript, SCRIPT_COST, storeCompletedRender } from "./render-helpers";

describe("render orders (no worker: renders stay queued)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("queues a render, returns the same one for a repeated Idempotency-Key, and 409 for a different body", async () => {
    const user = await server.user();
    const headers = { ...user.auth, "idempotency-key": "order-1" };
    const first = await server.api("/v1/renders", { headers, body: renderBody() });
    expect(first.status).toBe(202);
    expect(first.headers.get("location")).toBe(`/v1/renders/${first.body.id}`);
    const job = await server.services.renderQueue.queue.getJob(first.body.id);
    expect(job?.data).toEqual({ renderId: first.body.id });
    // Same body, keys in another order: the same render.
    const body = renderBody();
    const reordered = { outputs: body.outputs, script: body.script, template: body.template };
    const again = await server.api("/v1/renders", { headers, body: reordered });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const different = await server.api("/v1/renders", { headers, body: renderBody({ outputs: [{ format: "webm", resolution: "480p" }] }) });
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe("IDEMPOTENCY_CONFLICT");
    // The key is per user.
    const other = await server.user();
    const theirs = await server.api("/v1/renders", { headers: { ...other.auth, "idempotency-key": "order-1" }, body: renderBody() });
    expect(theirs.body.id).not.toBe(first.body.id);
    expect(await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute()).toHaveLength(1);
  });

  it.each([
    ["an unknown speaker", { script: renderScript({ scenes: [{ id: "a", lines: [{ speaker: "bob", text: "Hi" }] }] }) }, "body.script.scenes[0].lines[0].speaker"],
    ["an unknown template", { template: "nope" }, "body.template"],
    ["a file on the server", { script: renderScript({ music: { src: "/etc/passwd" } }) }, "body.script.music.src"],
    ["a media id that is not the user's", { script: renderScript({ music: { src: "media:00000000-0000-4000-8000-000000000000" } }) }, "body.script.music.src"],
    ["a bad output", { outputs: [{ format: "avi" }] }, "body.outputs[0].format"],
    ["two outputs with one name", { outputs: [{ format: "mp4" }, { format: "mp4", resolution: "480p" }] }, "body.outputs[1].name"],
    ["no script nor project", { script: undefined }, "body.script"],
    // PostgreSQL's integer ends there: this was a 500 (22003 out of range), found by the hostile-input test.
    ["a project version past any integer column", { script: undefined, template: undefined, projectId: "00000000-0000-4000-8000-000000000000", projectVersion: 2_147_483_648 }, "body.projectVersion"],
  ])("refuses %s with 400 naming the JSON path", async (_name, overrides, problemPath) => {
    const user = await server.user();
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody(overrides) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.problems.map((p: { path: string }) => p.path)).toContain(problemPath);
    expect(await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
  });

  it.each([
    ["a NUL character", "a\u0000b"],
    ["an unpaired surrogate", "a\ud800b"],
  ])("refuses a script with %s with 400 naming the JSON path, alone and as a batch row", async (_name, text) => {
    const user = await server.user();
    const script = renderScript();
    script.scenes[0]!.lines[0]!.text = text;
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script }) });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ path: "body.script.scenes[0].lines[0].text", message: "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored" }]);
    // Text no route can store is refused wherever it is, before any work: in a batch the request names the row.
    const batch = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: [{ format: "mp4", resolution: "480p" }], scripts: [renderScript(), script, renderScript()] } });
    expect(batch.status).toBe(400);
    expect(batch.body.error.problems).toEqual([{ path: "body.scripts[1].scenes[0].lines[0].text", message: "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored" }]);
  });

  it("cancels a queued render: off the queue, minutes refunded; a second cancel is 409", async () => {
    const user = await server.user();
    const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody() });
    const reserved = await server.ctx.db.selectFrom("quota_usage").select("reserved_seconds").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(reserved.reserved_seconds).toBeCloseTo(SCRIPT_COST, 6);
    const cancel = await server.api(`/v1/renders/${order.body.id}/cancel`, { method: "POST", headers: user.auth });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe("cancelled");
    expect(await server.services.renderQueue.queue.getJob(order.body.id)).toBeUndefined();
    const after = await server.ctx.db.selectFrom("quota_usage").select("reserved_seconds").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.reserved_seconds).toBeCloseTo(0, 6);
    expect((await server.api(`/v1/renders/${order.body.id}/cancel`, { method: "POST", headers: user.auth })).status).toBe(409);
    const other = await server.user();
    expect((await server.api(`/v1/renders/${order.body.id}/cancel`, { method: "POST", headers: other.auth })).status).toBe(404);
    expect((await server.api(`/v1/renders/${order.body.id}`, { headers: other.auth })).status).toBe(404);
    expect((await server.api(`/v1/renders/not-a-uuid`, { headers: user.auth })).status).toBe(404);
    expect((await server.api(`/v1/renders/${order.body.id}/outputs/mp4`, { headers: user.auth })).status).toBe(409);
  });

  it("signs download links with a key derived from the JWT secret, never the secret itself", async () => {
    const user = await server.user();
    const id = await storeCompletedRender(server, user.id, new TextEncoder().encode("video bytes"));
    const link = new URL((await server.api(`/v1/renders/${id}/outputs/mp4/url`, { headers: user.auth })).body.url);
    expect((await fetch(link)).status).toBe(200);
    const expires = link.searchParams.get("expires")!;
    const withJwtSecret = createHmac("sha256", server.ctx.jwtSecret).update(`render-output\n${id}\nmp4\n${expires}`).digest("base64url");
    expect(link.searchParams.get("signature")).not.toBe(withJwtSecret);
    expect((await fetch(`${server.url}/v1/files/renders/${id}/mp4?expires=${expires}&signature=${withJwtSecret}`)).status).toBe(403);
  });

  it("pages through renders with a cursor, newest first, filtered by status", async () => {
    const user = await server.user();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).body.id);
    await server.api(`/v1/renders/${ids[0]}/cancel`, { method: "POST", headers: user.auth });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { renders: { id: string }[]; nextCursor: string | null } } = await server.api(`/v1/renders?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { headers: user.auth });
      seen.push(...page.body.renders.map((r) => r.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const queued = await server.api("/v1/renders?status=queued", { headers: user.auth });
    expect(queued.body.renders.map((r: { id: string }) => r.id)).toEqual(ids.slice(1).reverse());
    const bad = await server.api("/v1/renders?cursor=nonsense", { headers: user.auth });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems[0].path).toBe("query.cursor");
    expect((await server.api("/v1/renders?status=nope", { headers: user.auth })).body.error.problems[0].path).toBe("query.status");
  });

  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const SOME_ID = "00000000-0000-4000-8000-000000000000";
  it.each([
    ["no instant, dashes for an id", { t: "0", id: "-".repeat(36) }],
    ["February 30th", { t: "2024-02-30T00:00:00.000Z", id: SOME_ID }],
    ["24:00", { t: "2024-01-01T24:00:00.000Z", id: SOME_ID }],
    ["year 0", { t: "0000-01-01T00:00:00.000Z", id: SOME_ID }],
    ["an upper-case id", { t: "2024-01-01T00:00:00.000Z", id: SOME_ID.toUpperCase().replace(/0/g, "F") }],
    ["a number for an id", { t: "2024-01-01T00:00:00.000Z", id: 7 }],
  ])("answers a crafted list cursor (%s) with 400 on every list", async (_name, value) => {
    const user = await server.user();
    for (const list of ["/v1/renders", "/v1/media", "/v1/projects"]) {
      const res = await server.api(`${list}?cursor=${cursorOf(value)}`, { headers: user.auth });
      expect(res.status, list).toBe(400);
      expect(res.body.error.problems, list).toEqual([{ path: "query.cursor", message: "invalid cursor" }]);
    }
  });

  it("takes a batch: JSON scripts, rows and CSV into a template; bad rows reported, good rows queued", async () => {
    const user = await server.user("premium");
    const scripts = await server.api("/v1/renders/batch", {
      headers: user.auth,
      body: { template: "minidrama", outputs: [{ format: "mp4", resolution: "480p" }], scripts: [renderScript(), renderScript({ characters: [] }), renderScript({ title: "Third" })] },
    });
    expect(scripts.status).toBe(202);
    expect(scripts.body).toMatchObject({ total: 3, accepted: 2 });
    expect(scripts.body.renders.map((r: { row: number }) => r.row)).toEqual([0, 2]);
    expect(scripts.body.rejected[0].row).toBe(1);
    expect(scripts.body.rejected[0].problems[0].path).toMatch(/^rows\[1\]\.script\.scenes\[0\]\.lines\[0\]\.speaker$/);

    const scriptTemplate = renderScript({ title: "{{title}}" });
    scriptTemplate.scenes[0]!.lines[0]!.text = "Hello {{name}}, welcome to {{city}}!";
    const csv = "title,name,city\nOne,Ana,Lisbon\nTwo,Bo,\nThree,Cy,Oslo\n";
    const fromCsv = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: [{ format: "gif", resolution: "480p" }], scriptTemplate, csv } });
    expect(fromCsv.body).toMatchObject({ total: 3, accepted: 2 });
    expect(fromCsv.body.rejected).toEqual([
      { row: 1, code: "VALIDATION_FAILED", message: "body.scriptTemplate.scenes[0].lines[0].text: row has no value for {{city}}", problems: [{ path: "body.scriptTemplate.scenes[0].lines[0].text", message: "row has no value for {{city}}" }] },
    ]);
    const first = await server.api(`/v1/renders?batchId=${fromCsv.body.batchId}`, { headers: user.auth });
    expect(first.body.renders).toHaveLength(2);
    const stored = await server.ctx.db.selectFrom("renders").select("script").where("id", "=", fromCsv.body.renders[0].id).executeTakeFirstOrThrow();
    expect((stored.script as { title: string; scenes: { lines: { text: string }[] }[] }).scenes[0]!.lines[0]!.text).toBe("Hello Ana, welcome to Lisbon!");

    const rows = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: [{ format: "mp4" }], scriptTemplate, rows: [{ title: "R", name: "Di", city: "Rome" }] } });
    expect(rows.body).toMatchObject({ total: 1, accepted: 1, rejected: [] });
    const both = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: [{ format: "mp4" }], scripts: [renderScript()], csv: "a\n1" } });
    expect(both.status).toBe(400);
    const badCsv = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: [{ format: "mp4" }], scriptTemplate, csv: 'a,b\n"unterminated,1\n' } });
    expect(badCsv.status).toBe(400);
    expect(badCsv.body.error.problems[0].path).toBe("body.csv");
  });
});

describe("signed download links with DATA_DIR under a dot-folder", () => {
  it("serve the file, and a file gone from storage is a 404 that names no server path", async () => {
    const parent = tempDir();
    const server = await startTestServer({ env: { DATA_DIR: path.join(parent, ".reelgen") } });
    try {
      const user = await server.user();
      const id = await storeCompletedRender(server, user.id, new TextEncoder().encode("video bytes"));
      const link = (await server.api(`/v1/renders/${id}/outputs/mp4/url`, { headers: user.auth })).body.url as string;
      const download = await fetch(link);
      expect(download.status).toBe(200);
      expect(await download.text()).toBe("video bytes");

      await server.ctx.storage.deletePrefix(`renders/${id}`);
      const gone = await fetch(link);
      expect(gone.status).toBe(404);
      const body = await gone.json();
      expect(body.error).toMatchObject({ code: "NOT_FOUND", message: "the file is no longer there" });
      expect(JSON.stringify(body)).not.toContain(parent);
    } finally {
      await server.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe.each(["pglite", "postgres"] as const)("render-minutes quota on %s", (database) => {
  it("is never over-spent under 20 parallel submits, and a cancel refunds", async () => {
    // 0.125 minutes = 7.5 s: exactly 12 renders costing 0.625 s fit.
    const server = await startTestServer({ database, env: { TIERS: JSON.stringify({ standard: { renderMinutesPerMonth: 0.125 } }) } });
    try {
      const user = await server.user("standard");
      const results = await Promise.all(Array.from({ length: 20 }, () => server.api("/v1/renders", { headers: user.auth, body: renderBody() })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 202)).toHaveLength(12);
      expect(statuses.filter((s) => s === 429)).toHaveLength(8);
      expect(results.find((r) => r.status === 429)!.body.error.code).toBe("QUOTA_EXCEEDED");
      const quota = await server.ctx.db.selectFrom("quota_usage").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
      expect(quota.reserved_seconds).toBeCloseTo(7.5, 6);
      expect(await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute()).toHaveLength(12);
      const counts = await server.services.renderQueue.counts();
      expect(counts.waiting).toBe(12);

      const one = results.find((r) => r.status === 202)!.body.id;
      await server.api(`/v1/renders/${one}/cancel`, { method: "POST", headers: user.auth });
      expect((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).status).toBe(202);
      expect((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).status).toBe(429);
    } finally {
      await server.close();
    }
  });
});
