import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { frameAt, near, pixel, tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { waitFor } from "./render-helpers";

const RED = [0xdc, 0x26, 0x26] as const;
const BLUE = [0x25, 0x63, 0xeb] as const;

/** A script on one colour, one second per line. */
const scriptOn = (colour: string, lines: string[]) => ({
  title: "Saved",
  characters: [{ id: "ana", name: "Ana", color: "#f43f5e" }],
  scenes: [{ id: "a", background: { type: "color", value: colour }, lines: lines.map((text) => ({ speaker: "ana", text, durationSec: 1 })) }],
});

describe("rendering a saved project", () => {
  let server: TestServer;
  let owner: TestUser;
  beforeAll(async () => {
    server = await startTestServer({ worker: true });
    owner = await server.user();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Orders a render, waits for it to finish, and downloads its mp4. */
  const renderOf = async (body: Record<string, unknown>) => {
    const order = await server.api("/v1/renders", { headers: owner.auth, body: { ...body, outputs: [{ format: "mp4", resolution: "480p" }] } });
    expect(order.status, JSON.stringify(order.body)).toBe(202);
    const done = await waitFor(`render ${order.body.id}`, async () => {
      const r = await server.api(`/v1/renders/${order.body.id}`, { headers: owner.auth });
      return ["completed", "failed", "cancelled"].includes(r.body.status) && r.body;
    });
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const video = await fetch(`${server.url}/v1/renders/${order.body.id}/outputs/mp4`, { headers: owner.auth });
    expect(video.status).toBe(200);
    const file = path.join(tempDir(), "video.mp4");
    writeFileSync(file, Buffer.from(await video.arrayBuffer()));
    return { render: done, file, probe: await probeMedia(file), frame: await frameAt(file, 0.5) };
  };

  it("renders the version asked for with projectVersion, and the latest without it", async () => {
    const created = await server.api("/v1/projects", { headers: owner.auth, body: { name: "Two versions", template: "minidrama", script: scriptOn("#dc2626", ["Version one."]) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    const saved = await server.api(`/v1/projects/${id}`, { method: "PUT", headers: owner.auth, body: { script: scriptOn("#2563eb", ["Version two.", "It is longer."]) } });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    expect((await server.api(`/v1/projects/${id}`, { headers: owner.auth })).body.latestVersion).toBe(2);

    const [first, latest] = await Promise.all([renderOf({ projectId: id, projectVersion: 1 }), renderOf({ projectId: id })]);
    expect(first.render.projectId).toBe(id);
    expect(latest.render.projectId).toBe(id);
    // Version 1: one second on red. Version 2: two seconds on blue.
    expect(first.probe.video).toMatchObject({ width: 480, height: 854, frames: 30 });
    expect(latest.probe.video).toMatchObject({ width: 480, height: 854, frames: 60 });
    expect(near(pixel(first.frame, 240, 40), RED, 40), `v1 pixel ${pixel(first.frame, 240, 40)}`).toBe(true);
    expect(near(pixel(latest.frame, 240, 40), BLUE, 40), `v2 pixel ${pixel(latest.frame, 240, 40)}`).toBe(true);
  });

  it("refuses a version the project does not have, and another user's project, before queueing", async () => {
    const created = await server.api("/v1/projects", { headers: owner.auth, body: { name: "One version", template: "minidrama", script: scriptOn("#dc2626", ["Only one."]) } });
    const id: string = created.body.id;
    const missing = await server.api("/v1/renders", { headers: owner.auth, body: { projectId: id, projectVersion: 2, outputs: [{ format: "mp4", resolution: "480p" }] } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "NOT_FOUND", message: `project ${id} has no version 2` });
    const stranger = await server.user();
    const theirs = await server.api("/v1/renders", { headers: stranger.auth, body: { projectId: id, outputs: [{ format: "mp4", resolution: "480p" }] } });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toMatchObject({ code: "NOT_FOUND", message: `project ${id} not found` });
    expect(await server.ctx.db.selectFrom("renders").select("id").where("project_id", "=", id).execute()).toEqual([]);
  });
});
