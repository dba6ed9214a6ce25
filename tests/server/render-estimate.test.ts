import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_THROUGHPUT, megapixelFramesOf } from "../../renderer/estimate";
import { runCli, shortScript, tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { renderBody, waitFor } from "./render-helpers";

const ESTIMATE = "/v1/renders/estimate";

describe("GET /v1/renders/estimate", () => {
  let s: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    s = await startTestServer({ worker: true });
    user = await s.user();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("answers per backend for a template and a length: local only without chunks or Lambda, the queue and its workers, nothing learned yet", async () => {
    const res = await s.api(`${ESTIMATE}?template=minidrama&seconds=10&resolution=480p`, { headers: user.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const work = megapixelFramesOf(300, [{ width: 480, height: 854, format: "mp4" }]);
    expect(res.body).toMatchObject({
      template: "minidrama",
      frames: 300,
      fps: 30,
      videoSeconds: 10,
      output: { format: "mp4", width: 480, height: 854 },
      recommended: "local",
      queue: { waiting: 0, active: 0, workers: 1 },
      learned: { samples: 0, meanAbsolutePercentError: null },
    });
    expect(res.body.megapixelFrames).toBeCloseTo(work, 6);
    // 480p weighs a quarter of a 1080p second in render-minutes.
    expect(res.body.renderMinutes).toBeCloseTo((10 * 0.25) / 60, 6);
    expect(res.body.backends).toEqual([{ backend: "local", seconds: expect.closeTo(DEFAULT_THROUGHPUT.local.startSeconds + work * DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame, 6), waitSeconds: 0, costUsd: null, parts: 1 }]);
    // Twice the length, about twice the time; a preset sets the shape (1:1 is fewer pixels than 9:16).
    const longer = await s.api(`${ESTIMATE}?template=minidrama&seconds=20&resolution=480p`, { headers: user.auth });
    expect(longer.body.backends[0].seconds - DEFAULT_THROUGHPUT.local.startSeconds).toBeCloseTo(2 * (res.body.backends[0].seconds - DEFAULT_THROUGHPUT.local.startSeconds), 6);
    const square = await s.api(`${ESTIMATE}?template=minidrama&seconds=10&resolution=480p&aspect=1:1&format=webm`, { headers: user.auth });
    expect(square.body.output).toEqual({ format: "webm", width: 480, height: 480 });
  });

  it.each([
    ["?template=minidrama", "query.seconds", "give either seconds or projectId"],
    ["?seconds=10", "query.template", "template is required with seconds"],
    ["?template=minidrama&seconds=-3", "query.seconds", ""],
    ["?template=minidrama&seconds=10&resolution=999p", "query.resolution", ""],
    ["?template=minidrama&seconds=10&format=avi", "query.format", ""],
    ["?template=nope&seconds=10", "query.template", 'no template pack "nope"'],
  ])("%s is a 400 naming %s", async (search, field, message) => {
    const res = await s.api(`${ESTIMATE}${search}`, { headers: user.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    const problem = res.body.error.problems.find((p: { path: string }) => p.path === field);
    expect(problem, JSON.stringify(res.body.error.problems)).toBeDefined();
    expect(problem.message).toContain(message);
  });

  it("a saved project: its length from its script; another user's is 404; no credentials 401", async () => {
    const created = await s.api("/v1/projects", { headers: user.auth, body: { name: "Estimate", template: "minidrama", script: shortScript() } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const mine = await s.api(`${ESTIMATE}?projectId=${created.body.id}&resolution=480p`, { headers: user.auth });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    // shortScript is 2.5 s at 30 fps.
    expect(mine.body).toMatchObject({ template: "minidrama", frames: 75 });
    const other = await s.user();
    expect((await s.api(`${ESTIMATE}?projectId=${created.body.id}`, { headers: other.auth })).status).toBe(404);
    expect((await s.api(`${ESTIMATE}?template=minidrama&seconds=10`)).status).toBe(401);
  });

  it("after a real 480p render completes, the learned figure and the estimate's error appear", async () => {
    const submitted = await s.api("/v1/renders", { headers: user.auth, body: renderBody() });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const id = submitted.body.id as string;
    await waitFor("the render", async () => (await s.api(`/v1/renders/${id}`, { headers: user.auth })).body.status === "completed", 180_000);
    const row = await s.ctx.db.selectFrom("renders").select(["started_at", "finished_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    const actual = (row.finished_at!.getTime() - row.started_at!.getTime()) / 1000;
    const res = await s.api(`${ESTIMATE}?template=minidrama&seconds=10&resolution=480p`, { headers: user.auth });
    expect(res.status).toBe(200);
    const work = megapixelFramesOf(75, [{ width: 480, height: 854, format: "mp4" }]);
    const predicted = DEFAULT_THROUGHPUT.local.startSeconds + work * DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame;
    const { start, spmf } = { start: DEFAULT_THROUGHPUT.local.startSeconds, spmf: DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame };
    const observed = Math.max(actual - start, actual / 10) / work;
    expect(res.body.learned.samples).toBe(1);
    expect(res.body.learned.backends.local.samples).toBe(1);
    expect(res.body.learned.meanAbsolutePercentError).toBeCloseTo((100 * Math.abs(predicted - actual)) / actual, 1);
    expect(res.body.learned.backends.local.secondsPerMegapixelFrame).toBeCloseTo(0.3 * observed + 0.7 * spmf, 4);
    // The estimate now uses the learned figure.
    expect(res.body.backends[0].seconds).toBeCloseTo(start + 300 * (work / 75) * res.body.learned.backends.local.secondsPerMegapixelFrame, 4);
    console.log(`render estimate: 480p 75-frame render took ${actual.toFixed(2)} s end to end (predicted ${predicted.toFixed(2)} s); learned ${res.body.learned.backends.local.secondsPerMegapixelFrame.toFixed(4)} s/MP-frame, error ${res.body.learned.meanAbsolutePercentError.toFixed(0)}%`);
  }, 200_000);
});

describe("GET /v1/renders/estimate with chunks configured", () => {
  it("adds the cluster (chunks over the connected workers; none connected: no wait figure)", async () => {
    const s = await startTestServer({ env: { RENDER_CHUNK_FRAMES: "100" } });
    try {
      const user = await s.user();
      const res = await s.api(`${ESTIMATE}?template=minidrama&seconds=30&resolution=480p`, { headers: user.auth });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.backends.map((b: { backend: string }) => b.backend)).toEqual(["local", "cluster"]);
      // 900 frames in chunks of 100; no worker connected, so neither can say when it would start.
      expect(res.body.backends[1]).toMatchObject({ parts: 9, waitSeconds: null });
      expect(res.body.queue.workers).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe("reelgen render --estimate", () => {
  it("prints the estimate table and writes no output file", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "s.json"), JSON.stringify(shortScript()));
    const r = await runCli(["render", "s.json", "--estimate", "--no-voice", "--resolution", "480p", "--out", "out/x.mp4"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("estimate: 75 frames (2.5 s at 30 fps), 480×854 mp4");
    expect(r.stdout).toMatch(/^ {2}backend +time +parts +cost$/m);
    expect(r.stdout).toMatch(/^ {2}local +\d+\.\d s +1 +this machine$/m);
    expect(r.stdout).toMatch(/^ {2}lambda +\d+\.\d s +4 +\$0\.\d{4}$/m);
    expect(readdirSync(dir)).toEqual(["s.json"]);
    const json = await runCli(["render", "s.json", "--estimate", "--json", "--no-voice", "--resolution", "480p", "--out", "out/x.mp4"], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ frames: 75, fps: 30, backends: [{ backend: "local" }, { backend: "lambda", parts: 4 }] });
    expect(readdirSync(dir)).toEqual(["s.json"]);
  });
});
