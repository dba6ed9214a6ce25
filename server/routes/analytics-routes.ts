import { z } from "zod";
import { defineRoute } from "../http/define-route";
import { ErrorBody } from "./shapes";

const Day = z.iso.date().describe("A UTC day, YYYY-MM-DD");
const DAY_MS = 86_400_000;
/** No render predates the Unix epoch. */
const EARLIEST_DAY = "1970-01-01";
/**
 * A day a usage range may name: from 1970-01-01 to a year from today (a dashboard may show the
 * rest of this year). Outside that there is nothing to count, and the extremes broke the
 * arithmetic (PostgreSQL has no year 0; the day after 9999-12-31 has a six-digit year): 500s.
 */
const RangeDay = Day.superRefine((day, ctx) => {
  const latest = new Date(Date.now() + 366 * DAY_MS).toISOString().slice(0, 10);
  // ISO days of four-digit years compare correctly as strings.
  if (day < EARLIEST_DAY || day > latest) ctx.addIssue({ code: "custom", message: `must be a day from ${EARLIEST_DAY} to ${latest}` });
});
const RenderStatusCounts = z.object({ queued: z.number(), active: z.number(), completed: z.number(), failed: z.number(), cancelled: z.number() });

const UsageQuery = z
  .object({
    from: RangeDay.optional().describe("First UTC day, inclusive (default: 29 days before `to`); from 1970-01-01 to a year from today"),
    to: RangeDay.optional().describe("Last UTC day, inclusive (default: today); from 1970-01-01 to a year from today"),
  })
  // ISO days compare correctly as strings.
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before from" })
  .meta({ id: "UsageQuery" });

const UsageBody = z
  .object({
    period: z.string().describe("The current quota month, YYYY-MM (UTC)"),
    from: Day,
    to: Day,
    quota: z.object({
      renderMinutesLimit: z.number(),
      renderMinutesUsed: z.number(),
      renderMinutesReserved: z.number().describe("Held by queued and running renders; settled when they finish"),
      renderMinutesLeft: z.number(),
      concurrentRenders: z.number(),
      requestsPerMinute: z.number(),
    }),
    generations: z
      .object({
        used: z.number().describe("Script generations made today (UTC)"),
        limit: z.number().describe("The tier's script generations a day"),
        resetsAt: z.string().describe("When the count starts again: the next UTC midnight"),
      })
      .nullable()
      .describe("Today's script generations (POST /v1/scripts/generate); null while the quota store (Redis) is unavailable"),
    totals: RenderStatusCounts.extend({
      renders: z.number(),
      renderMinutes: z.number().describe("Minutes of output of the renders in the range"),
      averageRenderSeconds: z.number().nullable().describe("Mean wall time (start to finish) of completed renders; null when none"),
    }),
    byDay: z
      .array(
        z.object({
          day: Day,
          renders: z.number(),
          completed: z.number(),
          failed: z.number(),
          renderMinutes: z.number(),
          averageRenderSeconds: z.number().nullable(),
        }),
      )
      .describe("Every day of the range, oldest first, by the day renders were ordered"),
  })
  .meta({ id: "Usage" });

const AdminStatsBody = z
  .object({
    users: z.object({ total: z.number(), byRole: z.object({ admin: z.number(), premium: z.number(), standard: z.number() }) }),
    renders: z.object({ total: z.number(), byStatus: RenderStatusCounts }),
    queue: z.record(z.string(), z.number()).nullable().describe("Render jobs by queue state; null while Redis is unavailable"),
    queueError: z.string().optional().describe("Why `queue` is null"),
    renderSecondsByTemplate: z.array(z.object({ template: z.string(), renderSeconds: z.number().describe("Seconds of output"), renders: z.number().describe("Renders of any status") })),
    costEstimate: z.object({
      period: z.string().describe("The current month, YYYY-MM"),
      renderMinutes: z.number(),
      perRenderMinute: z.number(),
      total: z.number(),
    }),
    slowestTemplates: z
      .array(z.object({ template: z.string(), averageRenderSeconds: z.number(), p95RenderSeconds: z.number(), renders: z.number().describe("Completed renders") }))
      .describe("By mean wall time of completed renders, slowest first"),
  })
  .meta({ id: "AdminStats" });

/** Usage dashboards: a user's own quota and renders, and the installation-wide admin view. */
export const analyticsRoutes = [
  defineRoute<undefined, z.infer<typeof UsageQuery>>({
    method: "get",
    path: "/v1/usage",
    summary: "This month's render-minutes quota, today's script generations and the caller's renders per UTC day",
    tag: "usage",
    access: { kind: "any", scope: "usage:read" },
    query: UsageQuery,
    responses: { 200: { description: "Usage", schema: UsageBody }, 400: { description: "Invalid dates or range", schema: ErrorBody } },
    handler: async ({ query, principal, services }) => {
      // Typed so the compiler keeps the service's answer and the documented schema in step.
      const body: z.infer<typeof UsageBody> = await services.analytics.usage(principal!.user, query);
      return { body };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/admin/stats",
    summary: "Users, renders, queue depth, render time by template and this month's cost estimate (admin)",
    tag: "admin",
    access: { kind: "session", roles: ["admin"] },
    responses: { 200: { description: "Statistics", schema: AdminStatsBody }, 403: { description: "Not an admin", schema: ErrorBody } },
    handler: async ({ services }) => {
      const body: z.infer<typeof AdminStatsBody> = await services.analytics.adminStats();
      return { body };
    },
  }),
];
