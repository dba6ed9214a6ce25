import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { Card } from "../ui/card";
import { CHART_COLORS, ChartCard, tickNumber } from "../ui/chart-card";
import { ErrorPanel } from "../ui/error-panel";
import { formatSeconds } from "../ui/format-values";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";

const minutes = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
/** `11-24` from `2026-11-24`: the axis has no room for years. */
const shortDay = (day: string) => day.slice(5);

/** `/usage`: this month's render-minutes against the quota, and renders and render-minutes per day for the last 30 days. */
export const UsagePage = () => {
  const usage = useQuery({ queryKey: ["usage"], queryFn: () => unwrap(api.GET("/v1/usage")) });
  return (
    <>
      <PageHeader title="Usage" description="Renders and render-minutes per day, and what is left of your quota." />
      {usage.isPending ? <Spinner label="Loading your usage…" /> : null}
      {usage.isError ? <ErrorPanel error={usage.error} title="Could not load your usage" onRetry={() => void usage.refetch()} /> : null}
      {usage.data ? <UsageView usage={usage.data} /> : null}
    </>
  );
};

const UsageView = ({ usage }: { usage: components["schemas"]["Usage"] }) => {
  const { quota, totals, byDay } = usage;
  const usedShare = quota.renderMinutesLimit > 0 ? Math.min(1, (quota.renderMinutesUsed + quota.renderMinutesReserved) / quota.renderMinutesLimit) : 1;
  const percent = Math.round(usedShare * 100);
  return (
    <div className="flex flex-col gap-6">
      <Card title={`Quota for ${usage.period}`}>
        <p className="text-2xl font-semibold" data-testid="minutes-left">
          {quota.renderMinutesLeft.toFixed(2)} <span className="text-base font-normal text-ink-muted">of {minutes(quota.renderMinutesLimit)} render-minutes left</span>
        </p>
        <div
          role="meter"
          aria-label="Render-minutes used this month"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}% used`}
          className="mt-3 h-3 overflow-hidden rounded-full bg-sunken"
        >
          <div className={`h-full rounded-full ${percent >= 90 ? "bg-danger" : percent >= 75 ? "bg-warning" : "bg-accent"}`} style={{ width: `${percent}%` }} />
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-3 xl:grid-cols-5">
          <div>
            <dt className="text-ink-muted">Used</dt>
            <dd className="font-medium">{minutes(quota.renderMinutesUsed)} min</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Held by running renders</dt>
            <dd className="font-medium">{minutes(quota.renderMinutesReserved)} min</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Renders at once</dt>
            <dd className="font-medium">{quota.concurrentRenders}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">API requests</dt>
            <dd className="font-medium">{quota.requestsPerMinute} / min</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Script generations today</dt>
            <dd className="font-medium" data-testid="generations-left">
              {usage.generations ? `${Math.max(0, usage.generations.limit - usage.generations.used)} of ${usage.generations.limit} left` : "unknown just now"}
            </dd>
          </div>
        </dl>
      </Card>
      <p className="text-sm text-ink-muted">
        From {usage.from} to {usage.to}: {totals.renders} renders ({totals.completed} completed, {totals.failed} failed, {totals.cancelled} cancelled), {minutes(totals.renderMinutes)} minutes of video
        {totals.averageRenderSeconds !== null ? `, ${formatSeconds(totals.averageRenderSeconds)} per render on average` : ""}.
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        <ChartCard title="Renders per day" table={{ columns: ["Day", "Completed", "Failed", "Other"], rows: byDay.map((d) => [d.day, d.completed, d.failed, d.renders - d.completed - d.failed]) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={byDay.map((d) => ({ day: shortDay(d.day), completed: d.completed, failed: d.failed, other: d.renders - d.completed - d.failed }))} margin={{ left: 0, right: 8 }}>
              <CartesianGrid stroke={CHART_COLORS.line} vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
              <YAxis allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 13 }} />
              <Bar dataKey="completed" name="Completed" stackId="r" fill={CHART_COLORS.success} isAnimationActive={false} />
              <Bar dataKey="failed" name="Failed" stackId="r" fill={CHART_COLORS.danger} isAnimationActive={false} />
              <Bar dataKey="other" name="Queued, running or cancelled" stackId="r" fill={CHART_COLORS.muted} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title="Render-minutes per day" table={{ columns: ["Day", "Render-minutes"], rows: byDay.map((d) => [d.day, minutes(d.renderMinutes)]) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={byDay.map((d) => ({ day: shortDay(d.day), minutes: Number(d.renderMinutes.toFixed(3)) }))} margin={{ left: 0, right: 8 }}>
              <CartesianGrid stroke={CHART_COLORS.line} vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
              <YAxis width={44} tick={{ fontSize: 12 }} tickFormatter={tickNumber} />
              <Tooltip />
              <Bar dataKey="minutes" name="Render-minutes" fill={CHART_COLORS.accent} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>
    </div>
  );
};
