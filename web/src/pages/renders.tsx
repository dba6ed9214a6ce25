import { useInfiniteQuery } from "@tanstack/react-query";
import { ChevronRight, Clapperboard, Layers } from "lucide-react";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { Button, buttonStyles } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ErrorPanel } from "../ui/error-panel";
import { formatDateTime } from "../ui/format-values";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { Badge, STATUS_TONE } from "../ui/status-badge";

type Render = components["schemas"]["Render"];
type Status = Render["status"];
const FILTERS: { value: Status | null; label: string }[] = [
  { value: null, label: "All" },
  { value: "active", label: "Rendering" },
  { value: "queued", label: "Queued" },
  { value: "completed", label: "Completed" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
];

/** Renders in list order, a batch's renders together where its newest one is. */
const groupByBatch = (renders: Render[]): ({ batchId: null; render: Render } | { batchId: string; renders: Render[] })[] => {
  const groups: ({ batchId: null; render: Render } | { batchId: string; renders: Render[] })[] = [];
  const batches = new Map<string, Render[]>();
  for (const render of renders) {
    if (!render.batchId) {
      groups.push({ batchId: null, render });
      continue;
    }
    const members = batches.get(render.batchId);
    if (members) members.push(render);
    else {
      const list = [render];
      batches.set(render.batchId, list);
      groups.push({ batchId: render.batchId, renders: list });
    }
  }
  return groups;
};

const RenderRow = ({ render }: { render: Render }) => (
  <li>
    <Link to={`/renders/${render.id}`} className="flex items-center gap-3 px-4 py-3 hover:bg-sunken">
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">
          {render.template} <span className="font-normal text-ink-muted">· {render.outputs.map((o) => o.name).join(", ")}</span>
        </p>
        <p className="text-sm text-ink-muted">{formatDateTime(render.createdAt)}</p>
      </div>
      {render.status === "active" ? <span className="text-sm text-ink-muted">{Math.round(render.progress * 100)}%</span> : null}
      <Badge tone={STATUS_TONE[render.status]}>{render.status}</Badge>
      <ChevronRight className="size-4 shrink-0 text-ink-muted" aria-hidden="true" />
    </Link>
  </li>
);

/** `/renders`: every render, newest first, filtered by status, with a batch's renders grouped. */
export const RendersPage = () => {
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") as Status | null) ?? null;
  const batchId = params.get("batch");
  const list = useInfiniteQuery({
    queryKey: ["renders", { status, batchId }],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/v1/renders", { params: { query: { status: status ?? undefined, batchId: batchId ?? undefined, cursor: pageParam ?? undefined, limit: 50 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.renders.some((r) => r.status === "queued" || r.status === "active")) ? 5000 : false),
  });
  const renders = list.data?.pages.flatMap((p) => p.renders) ?? [];
  const filter = (value: Status | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set("status", value);
    else next.delete("status");
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader title="Renders" description="Every render with its progress, outputs and quality report." />
      <div role="group" aria-label="Filter by status" className="mb-4 flex flex-wrap gap-1.5">
        {FILTERS.map((f) => (
          <button
            key={f.label}
            type="button"
            aria-pressed={status === f.value}
            onClick={() => filter(f.value)}
            className={`rounded-full border px-3 py-1 text-sm font-medium ${status === f.value ? "border-accent bg-accent-soft text-accent-ink" : "border-line-strong bg-surface text-ink-muted hover:bg-sunken"}`}
          >
            {f.label}
          </button>
        ))}
        {batchId ? (
          <button type="button" onClick={() => setParams(status ? { status } : {}, { replace: true })} className="rounded-full border border-accent bg-accent-soft px-3 py-1 text-sm font-medium text-accent-ink">
            Batch {batchId.slice(0, 8)} ✕
          </button>
        ) : null}
      </div>
      {list.isPending ? <Spinner label="Loading renders…" /> : null}
      {list.isError ? <ErrorPanel error={list.error} title="Could not load your renders" onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && renders.length === 0 ? (
        <EmptyState
          icon={<Clapperboard className="size-6" />}
          title={status ? `No ${FILTERS.find((f) => f.value === status)?.label.toLowerCase()} renders` : "No renders yet"}
          description="Open a project and choose Render to make your first video."
          action={
            <Link to="/projects" className={buttonStyles()}>
              Your projects
            </Link>
          }
        />
      ) : null}
      {renders.length ? (
        <div className="flex flex-col gap-4">
          {groupByBatch(renders).map((group) =>
            group.batchId === null ? (
              <ul key={group.render.id} className="overflow-hidden rounded-card border border-line bg-surface shadow-card">
                <RenderRow render={group.render} />
              </ul>
            ) : (
              <section key={group.batchId} aria-label={`Batch ${group.batchId.slice(0, 8)}`} className="overflow-hidden rounded-card border border-line bg-surface shadow-card">
                <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line bg-sunken/60 px-4 py-2">
                  <h2 className="flex items-center gap-2 text-sm font-semibold">
                    <Layers className="size-4" aria-hidden="true" /> Batch {group.batchId.slice(0, 8)} · {group.renders.length} renders
                  </h2>
                  <Link to={`/renders?batch=${group.batchId}`} className="text-sm font-medium text-accent-ink hover:underline">
                    Only this batch
                  </Link>
                </div>
                <ul className="divide-y divide-line">
                  {group.renders.map((r) => (
                    <RenderRow key={r.id} render={r} />
                  ))}
                </ul>
              </section>
            ),
          )}
          {list.hasNextPage ? (
            <Button variant="secondary" className="self-center" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Show more
            </Button>
          ) : null}
        </div>
      ) : null}
    </>
  );
};
