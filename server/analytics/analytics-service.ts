import { sql } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import { REQUEST_LIMITS } from "../config";
import type { ServerContext } from "../context";
import type { RenderStatus, Role, User } from "../db/tables";
import { createGenerationQuota, type GenerationQuota } from "../quotas/generation-quota";
import { quotaPeriod } from "../quotas/render-quota";
import type { RenderQueue } from "../renders/render-queue";
import { withTimeout } from "../with-timeout";

const DAY_MS = 86_400_000;
/** Default window of `usage`: today and the 29 UTC days before it. */
const DEFAULT_DAYS = 30;
const STATUSES: RenderStatus[] = ["queued", "active", "completed", "failed", "cancelled"];
const ROLES: Role[] = ["admin", "premium", "standard"];
const SLOWEST_TEMPLATES = 10;
/** The stats page must answer while Redis is away, so the queue gets a short deadline. */
const QUEUE_TIMEOUT_MS = 1000;

export type UsageDay = { day: string; renders: number; completed: number; failed: number; renderMinutes: number; averageRenderSeconds: number | null };

export type Usage = {
  period: string;
  from: string;
  to: string;
  quota: {
    renderMinutesLimit: number;
    renderMinutesUsed: number;
    renderMinutesReserved: number;
    renderMinutesLeft: number;
    concurrentRenders: number;
    requestsPerMinute: number;
  };
  /** Today's script generations; null while Redis (where they are counted) does not answer. */
  generations: GenerationQuota | null;
  totals: {
    renders: number;
    completed: number;
    failed: number;
    cancelled: number;
    queued: number;
    active: number;
    renderMinutes: number;
    averageRenderSeconds: number | null;
  };
  byDay: UsageDay[];
};

export type AdminStats = {
  users: { total: number; byRole: Record<Role, number> };
  renders: { total: number; byStatus: Record<RenderStatus, number> };
  queue: Record<string, number> | null;
  queueError?: string;
  renderSecondsByTemplate: { template: string; renderSeconds: number; renders: number }[];
  costEstimate: { period: string; renderMinutes: number; perRenderMinute: number; total: number };
  slowestTemplates: { template: string; averageRenderSeconds: number; p95RenderSeconds: number; renders: number }[];
};

/** Rounds for display: sums of floats (seconds / 60) otherwise show as 0.30000000000000004. */
const round = (n: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
const startOfDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
const addDays = (day: string, n: number): string => dayOf(new Date(startOfDay(day).getTime() + n * DAY_MS));

const rangeError = (path: string, message: string) => new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid request: ${path}: ${message}`, problems: [{ path, message }] });

// Wall time of a render; only meaningful for completed renders that recorded both ends.
const wallSeconds = sql`extract(epoch from (finished_at - started_at))::float8`;
const timed = sql<boolean>`status = 'completed' and started_at is not null and finished_at is not null`;

/**
 * Usage for a user's dashboard and the admin's overview. Everything is aggregated in SQL (the
 * same statements run on PGlite and PostgreSQL); counts are cast to int and sums to float8 so
 * both drivers return JavaScript numbers rather than bigint/numeric strings.
 */
export const createAnalyticsService = (ctx: ServerContext, renderQueue: Pick<RenderQueue, "counts">) => {
  const { db, config } = ctx;
  const generationQuota = createGenerationQuota(ctx);

  return {
    /**
     * The user's quota for the current month and their renders created in the UTC days
     * [from, to] (default: the last 30 days), with one entry per day, zeros included.
     */
    async usage(user: User, range: { from?: string; to?: string } = {}): Promise<Usage> {
      const to = range.to ?? dayOf(new Date());
      const from = range.from ?? addDays(to, -(DEFAULT_DAYS - 1));
      if (from > to) throw rangeError("query.to", "must not be before from");
      const days = Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS) + 1;
      // `byDay` lists every day, so the answer must stay small.
      if (days > REQUEST_LIMITS.usageDays) throw rangeError("query.from", `the range may span at most ${REQUEST_LIMITS.usageDays} days`);

      const day = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .selectFrom("renders")
        .select([
          day.as("day"),
          sql<number>`count(*)::int`.as("renders"),
          ...STATUSES.map((s) => sql<number>`(count(*) filter (where status = ${sql.lit(s)}))::int`.as(s)),
          sql<number>`coalesce(sum(used_seconds), 0)::float8`.as("used_seconds"),
          sql<number>`(count(*) filter (where ${timed}))::int`.as("timed"),
          sql<number>`coalesce(sum(${wallSeconds}) filter (where ${timed}), 0)::float8`.as("wall_seconds"),
        ])
        .where("user_id", "=", user.id)
        .where("created_at", ">=", startOfDay(from))
        .where("created_at", "<", startOfDay(addDays(to, 1)))
        .groupBy(day)
        .execute();

      type Row = (typeof rows)[number];
      const byDayRow = new Map(rows.map((r) => [r.day, r]));
      const sum = (pick: (r: Row) => number) => rows.reduce((n, r) => n + Number(pick(r)), 0);
      const average = (wall: number, count: number) => (count > 0 ? round(wall / count) : null);

      const byDay: UsageDay[] = [];
      for (let i = 0; i < days; i++) {
        const d = addDays(from, i);
        const r = byDayRow.get(d);
        byDay.push({
          day: d,
          renders: Number(r?.renders ?? 0),
          completed: Number(r?.completed ?? 0),
          failed: Number(r?.failed ?? 0),
          renderMinutes: round(Number(r?.used_seconds ?? 0) / 60),
          averageRenderSeconds: r ? average(Number(r.wall_seconds), Number(r.timed)) : null,
        });
      }

      // Asked first so Redis answers while the database works; an outage shows as null, never as a failure.
      const generations = withTimeout(generationQuota.today(user), QUEUE_TIMEOUT_MS).catch(() => null);
      const period = quotaPeriod();
      const quotaRow = await db
        .selectFrom("quota_usage")
        .select(["reserved_seconds", "used_seconds"])
        .where("user_id", "=", user.id)
        .where("period", "=", period)
        .executeTakeFirst();
      const tier = config.TIERS[user.role];
      const used = Number(quotaRow?.used_seconds ?? 0);
      const reserved = Number(quotaRow?.reserved_seconds ?? 0);

      return {
        period,
        from,
        to,
        quota: {
          renderMinutesLimit: tier.renderMinutesPerMonth,
          renderMinutesUsed: round(used / 60),
          renderMinutesReserved: round(reserved / 60),
          renderMinutesLeft: round(Math.max(0, tier.renderMinutesPerMonth * 60 - used - reserved) / 60),
          concurrentRenders: tier.concurrentRenders,
          requestsPerMinute: tier.requestsPerMinute,
        },
        generations: await generations,
        totals: {
          renders: sum((r) => r.renders),
          completed: sum((r) => r.completed),
          failed: sum((r) => r.failed),
          cancelled: sum((r) => r.cancelled),
          queued: sum((r) => r.queued),
          active: sum((r) => r.active),
          renderMinutes: round(sum((r) => r.used_seconds) / 60),
          averageRenderSeconds: average(sum((r) => r.wall_seconds), sum((r) => r.timed)),
        },
        byDay,
      };
    },

    /** Installation-wide figures for admins. A Redis outage shows as `queue: null` with `queueError`, never as a failure. */
    async adminStats(): Promise<AdminStats> {
      // Started first so the queue's round trip overlaps the database work.
      const queueCounts = withTimeout(renderQueue.counts(), QUEUE_TIMEOUT_MS).then(
        (counts) => ({ queue: counts as Record<string, number> }),
        (error: unknown) => ({ queue: null, queueError: (error as Error).message }),
      );

      const roleRows = await db.selectFrom("users").select(["role", sql<number>`count(*)::int`.as("n")]).groupBy("role").execute();
      const statusRows = await db.selectFrom("renders").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute();
      const templateRows = await db
        .selectFrom("renders")
        .select(["template", sql<number>`coalesce(sum(used_seconds), 0)::float8`.as("seconds"), sql<number>`count(*)::int`.as("renders")])
        .groupBy("template")
        .orderBy("seconds", "desc")
        .orderBy("template")
        .execute();
      const slowRows = await db
        .selectFrom("renders")
        .select([
          "template",
          sql<number>`avg(${wallSeconds})::float8`.as("average"),
          sql<number>`(percentile_cont(0.95) within group (order by ${wallSeconds}))::float8`.as("p95"),
          sql<number>`count(*)::int`.as("renders"),
        ])
        .where(timed)
        .groupBy("template")
        .orderBy("average", "desc")
        .orderBy("template")
        .limit(SLOWEST_TEMPLATES)
        .execute();
      const period = quotaPeriod();
      // quota_usage is what users are charged against, so the cost follows it rather than render rows.
      const month = await db
        .selectFrom("quota_usage")
        .select(sql<number>`coalesce(sum(used_seconds), 0)::float8`.as("seconds"))
        .where("period", "=", period)
        .executeTakeFirstOrThrow();

      const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
      for (const row of roleRows) byRole[row.role] = Number(row.n);
      const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RenderStatus, number>;
      for (const row of statusRows) byStatus[row.status] = Number(row.n);
      const renderMinutes = round(Number(month.seconds) / 60);

      return {
        users: { total: ROLES.reduce((n, r) => n + byRole[r], 0), byRole },
        renders: { total: STATUSES.reduce((n, s) => n + byStatus[s], 0), byStatus },
        ...(await queueCounts),
        renderSecondsByTemplate: templateRows.map((r) => ({ template: r.template, renderSeconds: round(Number(r.seconds)), renders: Number(r.renders) })),
        costEstimate: {
          period,
          renderMinutes,
          perRenderMinute: config.COST_PER_RENDER_MINUTE,
          total: round((Number(month.seconds) / 60) * config.COST_PER_RENDER_MINUTE, 4),
        },
        slowestTemplates: slowRows.map((r) => ({
          template: r.template,
          averageRenderSeconds: round(Number(r.average)),
          p95RenderSeconds: round(Number(r.p95)),
          renders: Number(r.renders),
        })),
      };
    },
  };
};

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
