import { describe, expect, it } from "vitest";
import { startTestServer } from "./harness";
import { renderBody, SCRIPT_COST } from "./render-helpers";

// A user's first render of the month creates their quota row (the transaction path); every later
// one reserves and inserts in one statement. These run with the row in place, so they test that
// statement: its quota check under parallel submits, and that a failed insert takes nothing.
describe.each(["pglite", "postgres"] as const)("one-statement render reservation on %s", (database) => {
  it("is never over-spent under 20 parallel submits once the month's row exists", async () => {
    // 0.125 minutes = 7.5 s: exactly 12 renders costing 0.625 s fit; one is ordered first.
    const server = await startTestServer({ database, env: { TIERS: JSON.stringify({ standard: { renderMinutesPerMonth: 0.125 } }) } });
    try {
      const user = await server.user("standard");
      expect((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).status).toBe(202);
      const results = await Promise.all(Array.from({ length: 20 }, () => server.api("/v1/renders", { headers: user.auth, body: renderBody() })));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 202)).toHaveLength(11);
      expect(statuses.filter((s) => s === 429)).toHaveLength(9);
      const refused = results.find((r) => r.status === 429)!.body.error;
      expect(refused.code).toBe("QUOTA_EXCEEDED");
      expect(refused.message).toMatch(/^render-minutes for \d{4}-\d{2} would be exceeded: this render needs 0\.01 min, 0\.00 of 0\.125 min left$/);
      const quota = await server.ctx.db.selectFrom("quota_usage").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
      expect(quota.reserved_seconds).toBeCloseTo(7.5, 6);
      const rows = await server.ctx.db.selectFrom("renders").select(["id", "status", "reserved_seconds"]).where("user_id", "=", user.id).execute();
      expect(rows).toHaveLength(12);
      for (const row of rows) expect(row).toMatchObject({ status: "queued", reserved_seconds: SCRIPT_COST });
      expect((await server.services.renderQueue.counts()).waiting).toBe(12);
    } finally {
      await server.close();
    }
  });

  it("takes no minutes for a submit whose insert fails: one Idempotency-Key sent twice at once reserves once", async () => {
    const server = await startTestServer({ database });
    try {
      const user = await server.user("standard");
      expect((await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).status).toBe(202);
      const headers = { ...user.auth, "idempotency-key": "order-42" };
      const [a, b] = await Promise.all([server.api("/v1/renders", { headers, body: renderBody() }), server.api("/v1/renders", { headers, body: renderBody() })]);
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.body.id).toBe(b.body.id);
      const quota = await server.ctx.db.selectFrom("quota_usage").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
      expect(quota.reserved_seconds).toBeCloseTo(2 * SCRIPT_COST, 6);
      expect(await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute()).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
