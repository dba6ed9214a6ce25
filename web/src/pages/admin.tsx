import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { Card } from "../ui/card";
import { CHART_COLORS, ChartCard, tickNumber } from "../ui/chart-card";
import { ErrorPanel } from "../ui/error-panel";
import { formatSeconds } from "../ui/format-values";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { AdminUsersCard } from "./admin-users";

type Stats = components["schemas"]["AdminStats"];
const STATUS_COLORS: Record<keyof Stats["renders"]["byStatus"], string> = {
  queued: CHART_COLORS.muted,
  active: CHART_COLORS.accent,
  completed: CHART_COLORS.success,
  failed: CHART_COLORS.danger,
  cancelled: CHART_COLORS.warning,
};

const Figure = ({ label, value }: { label: string; value: string | number }) => (
  <div className="rounded-card border border-line bg-surface p-4 shadow-card">
    <p className="text-sm text-ink-muted">{label}</p>
    <p className="mt-1 text-2xl font-semibold">{value}</p>
  </div>
);

/** The stats dashboard: users, renders by status, queue depth, render time per template, slowest templates, this month's cost. */
const StatsView = ({ stats }: { stats: Stats }) => {
  const byStatus = Object.entries(stats.renders.byStatus).map(([status, count]) => ({ status, count }));
  const queue = stats.queue ? Object.entries(stats.queue).map(([state, count]) => ({ state, count })) : [];
  const perTemplate = stats.renderSecondsByTemplate.map((t) => ({ template: t.template, minutes: Number((t.renderSeconds / 60).toFixed(2)), renders: t.renders }));
  return (
    <div className="flex flex-col gap-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Figure label="Users" value={stats.users.total} />
        <Figure label="Renders" value={stats.renders.total} />
        <Figure label="Waiting in the queue" value={stats.queue ? (stats.queue.waiting ?? 0) + (stats.queue.prioritized ?? 0) + (stats.queue.delayed ?? 0) : "—"} />
        <Figure label={`Cost estimate ${stats.costEstimate.period}`} value={`$${stats.costEstimate.total.toFixed(2)}`} />
      </div>
      <p className="text-sm text-ink-muted">
        {stats.users.byRole.admin} admins, {stats.users.byRole.premium} premium and {stats.users.byRole.standard} standard users. This month: {stats.costEstimate.renderMinutes.toFixed(1)} render-minutes at $
        {stats.costEstimate.perRenderMinute} each.
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        <ChartCard title="Renders by status" table={{ columns: ["Status", "Renders"], rows: byStatus.map((s) => [s.status, s.count]) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={byStatus} margin={{ left: 0, right: 8 }}>
              <CartesianGrid stroke={CHART_COLORS.line} vertical={false} />
              <XAxis dataKey="status" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="count" name="Renders" isAnimationActive={false}>
                {byStatus.map((s) => (
                  <Cell key={s.status} fill={STATUS_COLORS[s.status as keyof typeof STATUS_COLORS]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        {stats.queue ? (
          <ChartCard title="Queue depth" summary="Render jobs by state in the queue, now." table={{ columns: ["State", "Jobs"], rows: queue.map((q) => [q.state, q.count]) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={queue} margin={{ left: 0, right: 8 }}>
                <CartesianGrid stroke={CHART_COLORS.line} vertical={false} />
                <XAxis dataKey="state" tick={{ fontSize: 12 }} interval={0} angle={-30} textAnchor="end" height={50} />
                <YAxis allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar dataKey="count" name="Jobs" fill={CHART_COLORS.accent} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        ) : (
          <Card title="Queue depth">
            <p className="text-sm text-ink-muted">The queue cannot be read right now{stats.queueError ? `: ${stats.queueError}` : "."}</p>
          </Card>
        )}
        <ChartCard title="Render-minutes per template" summary="Minutes of video rendered, all time." table={{ columns: ["Template", "Render-minutes", "Renders"], rows: perTemplate.map((t) => [t.template, t.minutes, t.renders]) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={perTemplate} margin={{ left: 0, right: 8 }}>
              <CartesianGrid stroke={CHART_COLORS.line} vertical={false} />
              <XAxis dataKey="template" tick={{ fontSize: 12 }} />
              <YAxis width={44} tick={{ fontSize: 12 }} tickFormatter={tickNumber} />
              <Tooltip />
              <Bar dataKey="minutes" name="Render-minutes" fill={CHART_COLORS.accent} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <Card title="Slowest templates">
          {stats.slowestTemplates.length === 0 ? (
            <p className="text-sm text-ink-muted">No completed renders yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-ink-muted">
                  <tr>
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      Template
                    </th>
                    <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                      Mean
                    </th>
                    <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                      95th pct.
                    </th>
                    <th scope="col" className="py-1.5 text-right font-medium">
                      Renders
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {stats.slowestTemplates.map((t) => (
                    <tr key={t.template}>
                      <td className="py-1.5 pr-3 font-medium">{t.template}</td>
                      <td className="py-1.5 pr-3 text-right">{formatSeconds(t.averageRenderSeconds)}</td>
                      <td className="py-1.5 pr-3 text-right">{formatSeconds(t.p95RenderSeconds)}</td>
                      <td className="py-1.5 text-right">{t.renders}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
};

/** `/admin` (admins only; the router's guard and the API both refuse others): users and roles, and how the render farm is doing. */
export const AdminPage = () => {
  const stats = useQuery({ queryKey: ["admin", "stats"], queryFn: () => unwrap(api.GET("/v1/admin/stats")), refetchInterval: 15_000 });
  return (
    <>
      <PageHeader title="Admin" description="Users, roles and how the render farm is doing." />
      <div className="flex flex-col gap-6">
        {stats.isPending ? <Spinner label="Loading statistics…" /> : null}
        {stats.isError ? <ErrorPanel error={stats.error} title="Could not load statistics" onRetry={() => void stats.refetch()} /> : null}
        {stats.data ? <StatsView stats={stats.data} /> : null}
        <AdminUsersCard />
      </div>
    </>
  );
};
