import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalyticsService } from "../../server/analytics/analytics-service";
import type { RenderStatus } from "../../server/db/tables";
import { quotaPeriod } from "../../server/quotas/render-quota";
import { startTestServer, type TestServer, type TestUser } from "./harness";

type Row = { status: RenderStatus; template: string; created: string | Date; wallSeconds?: number; startedOnly?: boolean; used?: number };

/** Seconds after `at` as a Date. */
const plus = (at: string | Date, seconds: number) => new Date(new Date(at).getTime() + seconds * 1000);
const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

// Hand-computed expectations below refer to these rows by name.
const rowsOfA = (now: Date): Record<string, Row> => ({
  r1: { status: "completed", template: "minidrama", created: "2025-03-01T10:00:00Z", wallSeconds: 30, used: 45 },
  r2: { status: "failed", template: "minidrama", created: "2025-03-01T23:59:59.500Z", wallSeconds: 10 },
  r3: { status: "completed", template: "explainer", created: "2025-03-02T00:00:00Z", wallSeconds: 90, used: 75 },
  r4: { status: "cancelled", template: "minidrama", created: "2025-03-03T12:00:00Z" },
  r5: { status: "queued", template: "explainer", created: "2025-03-03T12:30:00Z" },
  r6: { status: "active", template: "minidrama", created: "2025-03-03T13:00:00Z", startedOnly: true },
  // Just outside 2025-03-01..03: one millisecond before, and the first instant after.
  r7: { status: "completed", template: "minidrama", created: "2025-02-28T23:59:59.999Z", wallSeconds: 20, used: 600 },
  r8: { status: "completed", template: "explainer", created: "2025-03-04T00:00:00Z", wallSeconds: 30, used: 60 },
  // For the default range (last 30 days): one inside, one 40 days back.
  r9: { status: "queued", template: "minidrama", created: new Date(now.getTime() - 3600_000) },
  r10: { status: "completed", template: "minidrama", created: new Date(now.getTime() - 40 * DAY), wallSeconds: 40, used: 30 },
});
const rowsOfB: Record<string, Row> = {
  b1: { status: "completed", template: "minidrama", created: "2025-03-02T09:00:00Z", wallSeconds: 120, used: 120 },
  b2: { status: "completed", template: "minidrama", created: "2025-03-02T10:00:00Z", wallSeconds: 60, used: 30 },
};

const nextUtcMidnight = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
};

describe.each(["pglite", "postgres"] as const)("usage analytics on %s", (database) => {
  let s: TestServer;
  let admin: TestUser;
  let a: TestUser;
  let b: TestUser;

  const insert = async (userId: string, rows: Record<string, Row>) => {
    for (const row of Object.values(rows)) {
      const started = row.wallSeconds !== undefined || row.startedOnly ? plus(row.created, 5) : null;
      await s.ctx.db
        .insertInto("renders")
        .values({
          id: randomUUID(),
          user_id: userId,
          template: row.template,
          script: "{}",
          outputs: "[]",
          status: row.status,
          created_at: new Date(row.created),
          started_at: started,
          finished_at: started && row.wallSeconds !== undefined ? plus(started, row.wallSeconds) : null,
          used_seconds: row.used ?? null,
        })
        .execute();
    }
  };

  beforeAll(async () => {
    s = await startTestServer({ database, env: { COST_PER_RENDER_MINUTE: "0.05" } });
    admin = await s.user("admin");
    a = await s.user("standard");
    b = await s.user("premium");
    await insert(a.id, rowsOfA(new Date()));
    await insert(b.id, rowsOfB);
    await s.ctx.db
      .insertInto("quota_usage")
      .values([
        { user_id: a.id, period: quotaPeriod(), used_seconds: 300, reserved_seconds: 90 },
        { user_id: a.id, period: "2025-03", used_seconds: 9999 },
        { user_id: b.id, period: quotaPeriod(), used_seconds: 1200 },
      ])
      .execute();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("counts only the caller's renders in [from, to], per UTC day, with the current quota", async () => {
    const res = await s.api("/v1/usage?from=2025-03-01&to=2025-03-03", { headers: a.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      period: quotaPeriod(),
      from: "2025-03-01",
      to: "2025-03-03",
      // standard tier: 30 min/month; 5 used + 1.5 reserved.
      quota: { renderMinutesLimit: 30, renderMinutesUsed: 5, renderMinutesReserved: 1.5, renderMinutesLeft: 23.5, concurrentRenders: 2, requestsPerMinute: 120 },
      // No script generated today (tests/server/scripts.test.ts counts them up); the count restarts at the next UTC midnight.
      generations: { used: 0, limit: s.ctx.config.TIERS.standard.generationsPerDay, resetsAt: nextUtcMidnight() },
      // r1..r6; minutes (45 + 75) / 60; wall time (30 + 90) / 2 of the completed ones.
      totals: { renders: 6, completed: 2, failed: 1, cancelled: 1, queued: 1, active: 1, renderMinutes: 2, averageRenderSeconds: 60 },
      byDay: [
        { day: "2025-03-01", renders: 2, completed: 1, failed: 1, renderMinutes: 0.75, averageRenderSeconds: 30 },
        { day: "2025-03-02", renders: 1, completed: 1, failed: 0, renderMinutes: 1.25, averageRenderSeconds: 90 },
        { day: "2025-03-03", renders: 3, completed: 0, failed: 0, renderMinutes: 0, averageRenderSeconds: null },
      ],
    });
  });

  it("shows the other user only their own renders and tier", async () => {
    const res = await s.api("/v1/usage?from=2025-03-02&to=2025-03-02", { headers: b.auth });
    expect(res.status).toBe(200);
    expect(res.body.quota).toEqual({ renderMinutesLimit: 600, renderMinutesUsed: 20, renderMinutesReserved: 0, renderMinutesLeft: 580, concurrentRenders: 4, requestsPerMinute: 600 });
    expect(res.body.totals).toEqual({ renders: 2, completed: 2, failed: 0, cancelled: 0, queued: 0, active: 0, renderMinutes: 2.5, averageRenderSeconds: 90 });
    expect(res.body.byDay).toEqual([{ day: "2025-03-02", renders: 2, completed: 2, failed: 0, renderMinutes: 2.5, averageRenderSeconds: 90 }]);
    // The admin has no renders and no quota row.
    const none = await s.api("/v1/usage?from=2025-03-01&to=2025-03-03", { headers: admin.auth });
    expect(none.body.totals).toEqual({ renders: 0, completed: 0, failed: 0, cancelled: 0, queued: 0, active: 0, renderMinutes: 0, averageRenderSeconds: null });
    expect(none.body.quota).toMatchObject({ renderMinutesUsed: 0, renderMinutesReserved: 0, renderMinutesLeft: 100_000 });
  });

  it("defaults to the last 30 UTC days, today included", async () => {
    const res = await s.api("/v1/usage", { headers: a.auth });
    expect(res.status).toBe(200);
    const days = res.body.byDay as { day: string; renders: number }[];
    expect(days).toHaveLength(30);
    expect(res.body.to).toBe(today());
    expect(days.at(-1)!.day).toBe(today());
    expect(days[0]!.day).toBe(res.body.from);
    expect(new Date(`${res.body.to}T00:00:00Z`).getTime() - new Date(`${res.body.from}T00:00:00Z`).getTime()).toBe(29 * DAY);
    // r9 (an hour ago) only; r10 is 40 days back.
    expect(res.body.totals).toMatchObject({ renders: 1, queued: 1, completed: 0, renderMinutes: 0 });
    expect(days.reduce((n, d) => n + d.renders, 0)).toBe(1);
    // Only `from`: up to today.
    const from = new Date(Date.now() - 45 * DAY).toISOString().slice(0, 10);
    const since = await s.api(`/v1/usage?from=${from}`, { headers: a.auth });
    expect(since.body.byDay).toHaveLength(46);
    expect(since.body.totals).toMatchObject({ renders: 2, queued: 1, completed: 1, renderMinutes: 0.5, averageRenderSeconds: 40 });
  });

  it.each([
    ["to before from", "from=2025-03-03&to=2025-03-01", "query.to"],
    ["a month 13", "from=2025-13-01", "query.from"],
    ["a word", "to=yesterday", "query.to"],
    ["a timestamp", "from=2025-03-01T00:00:00Z", "query.from"],
    ["more than 366 days", "from=2024-01-01&to=2025-01-02", "query.from"],
    // These were 500s: PostgreSQL has no year 0, and the day after 9999-12-31 has a six-digit year.
    ["year 0", "from=0000-01-01&to=0000-12-31", "query.from"],
    ["year 9999", "from=9999-01-01&to=9999-12-31", "query.to"],
    ["the last day of 9999", "from=9999-12-31&to=9999-12-31", "query.from"],
    ["a day before 1970", "from=1969-12-31&to=1970-01-01", "query.from"],
  ])("refuses %s with 400", async (_name, query, path) => {
    const res = await s.api(`/v1/usage?${query}`, { headers: a.auth });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.problems.map((p: { path: string }) => p.path)).toContain(path);
    expect(res.body.error.message).toContain(`${path}: `);
  });

  it("takes API keys with usage:read, and nothing without credentials", async () => {
    const key = async (scopes: string[]) => {
      const res = await s.api("/v1/api-keys", { headers: a.auth, body: { name: scopes.join(","), scopes } });
      expect(res.status).toBe(201);
      return { authorization: `Bearer ${res.body.key as string}` };
    };
    const allowed = await s.api("/v1/usage?from=2025-03-01&to=2025-03-03", { headers: await key(["usage:read"]) });
    expect(allowed.status).toBe(200);
    expect(allowed.body.totals.renders).toBe(6);
    expect((await s.api("/v1/usage", { headers: await key(["renders:read"]) })).status).toBe(403);
    expect((await s.api("/v1/usage")).status).toBe(401);
  });

  const expectedStats = {
    users: { total: 3, byRole: { admin: 1, premium: 1, standard: 1 } },
    // queued r5 r9; active r6; completed r1 r3 r7 r8 r10 b1 b2; failed r2; cancelled r4.
    renders: { total: 12, byStatus: { queued: 2, active: 1, completed: 7, failed: 1, cancelled: 1 } },
    renderSecondsByTemplate: [
      // r1 45 + r7 600 + r10 30 + b1 120 + b2 30, over r1 r2 r4 r6 r7 r9 r10 b1 b2.
      { template: "minidrama", renderSeconds: 825, renders: 9 },
      { template: "explainer", renderSeconds: 135, renders: 3 },
    ],
    // This month's quota rows: 300 + 1200 s = 25 min at 0.05.
    costEstimate: { period: quotaPeriod(), renderMinutes: 25, perRenderMinute: 0.05, total: 1.25 },
    slowestTemplates: [
      // r3 90, r8 30: mean 60; p95 interpolates 30 + 0.95 * 60.
      { template: "explainer", averageRenderSeconds: 60, p95RenderSeconds: 87, renders: 2 },
      // 20 30 40 60 120: mean 54; p95 at rank 3.8 = 60 + 0.8 * 60.
      { template: "minidrama", averageRenderSeconds: 54, p95RenderSeconds: 108, renders: 5 },
    ],
  };

  it("gives admins installation-wide stats", async () => {
    const res = await s.api("/v1/admin/stats", { headers: admin.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ...expectedStats, queue: await s.services.renderQueue.counts() });
    // Nothing was queued through Redis (the rows were inserted directly).
    expect(res.body.queue).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 });
    expect(Object.values(res.body.queue).every((n) => n === 0)).toBe(true);
  });

  it("refuses admin stats to other roles, API keys and anonymous callers", async () => {
    expect((await s.api("/v1/admin/stats", { headers: a.auth })).status).toBe(403);
    expect((await s.api("/v1/admin/stats", { headers: b.auth })).status).toBe(403);
    expect((await s.api("/v1/admin/stats")).status).toBe(401);
    const key = await s.api("/v1/api-keys", { headers: admin.auth, body: { name: "admin key", scopes: ["usage:read"] } });
    expect((await s.api("/v1/admin/stats", { headers: { authorization: `Bearer ${key.body.key as string}` } })).status).toBe(403);
  });

  it("reports today's generations as null instead of failing while Redis is down", async () => {
    const redis = { get: () => Promise.reject(new Error("Connection is closed.")) };
    const down = createAnalyticsService({ ...s.ctx, redis: redis as never }, s.services.renderQueue);
    const user = await s.ctx.db.selectFrom("users").selectAll().where("id", "=", a.id).executeTakeFirstOrThrow();
    const usage = await down.usage(user, { from: "2025-03-01", to: "2025-03-03" });
    expect(usage.generations).toBeNull();
    expect(usage.totals.renders).toBe(6);
  });

  it("reports the queue as unavailable instead of failing while Redis is down or slow", async () => {
    const down = createAnalyticsService(s.ctx, { counts: () => Promise.reject(new Error("Connection is closed.")) });
    expect(await down.adminStats()).toEqual({ ...expectedStats, queue: null, queueError: "Connection is closed." });
    const hung = createAnalyticsService(s.ctx, { counts: () => new Promise(() => {}) });
    const stats = await hung.adminStats();
    expect(stats.queue).toBeNull();
    expect(stats.queueError).toMatch(/no answer within/);
    expect(stats.renders).toEqual(expectedStats.renders);
  });
});
