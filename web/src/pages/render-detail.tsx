import { useMutation, useQuery } from "@tanstack/react-query";
import { CircleCheck, CircleX, Download, TriangleAlert } from "lucide-react";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { problemsOf } from "../api/problems-of";
import { useRenderEvents, type StreamState } from "../api/use-render-events";
import { RenderShareCard } from "../shares/render-share-card";
import { Button, buttonStyles } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmButton } from "../ui/confirm-button";
import { ErrorPanel } from "../ui/error-panel";
import { formatBytes, formatDateTime, formatSeconds } from "../ui/format-values";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { Badge, STATUS_TONE } from "../ui/status-badge";
import { useToast } from "../ui/toast";

type Render = components["schemas"]["Render"];
type Output = Render["outputs"][number];
type Quality = components["schemas"]["QualityReport"];

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const STAGES: Record<string, string> = {
  voicing: "Voicing the lines",
  bundling: "Preparing the template",
  rendering: "Rendering frames",
  encoding: "Encoding",
  stitching: "Encoding",
  mixing: "Mixing the sound",
  checking: "Checking quality",
  done: "Done",
};
const FORMAT_NAMES: Record<string, string> = { mp4: "MP4 video (H.264)", webm: "WebM video", gif: "GIF animation", prores: "ProRes video", png: "PNG image", jpeg: "JPEG image" };

/** An output in words: what it is, its frame, length and size. */
const describeOutput = (o: Output): string =>
  [FORMAT_NAMES[o.format] ?? o.format, o.width && o.height ? `${o.width}×${o.height}` : o.resolution, o.durationSec !== null ? formatSeconds(o.durationSec) : null, o.bytes !== null ? formatBytes(o.bytes) : null]
    .filter(Boolean)
    .join(" · ");

/** The quality report in a sentence: all good, or what to look at. */
const QualityReport = ({ quality }: { quality: Quality }) => {
  const warnings = quality.checks.filter((c) => c.status === "warn");
  const passed = quality.checks.filter((c) => c.status === "pass");
  return (
    <div className="mt-2 text-sm">
      <p className={`flex items-center gap-1.5 font-medium ${warnings.length ? "text-warning" : "text-success"}`}>
        {warnings.length ? <TriangleAlert className="size-4" aria-hidden="true" /> : <CircleCheck className="size-4" aria-hidden="true" />}
        {warnings.length ? `${warnings.length} quality ${warnings.length === 1 ? "warning" : "warnings"}, ${passed.length} checks passed` : `All ${passed.length} quality checks passed`}
      </p>
      <ul className="mt-1 space-y-0.5 text-ink-muted">
        {quality.checks.map((c) => (
          <li key={c.id}>
            <span className={c.status === "warn" ? "font-medium text-warning" : ""}>{c.id.replace(/-/g, " ")}</span>: {c.message}
          </li>
        ))}
      </ul>
    </div>
  );
};

/** One output: what it is, the quality report, and a download through a signed link. */
const OutputRow = ({ render, output }: { render: Render; output: Output }) => {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { url } = await unwrap(api.GET("/v1/renders/{id}/outputs/{name}/url", { params: { path: { id: render.id, name: output.name } } }));
      // The signed link answers with Content-Disposition: attachment, so the page stays.
      const link = document.createElement("a");
      link.href = url;
      link.download = "";
      link.click();
    } catch (error) {
      toast({ title: "Could not download", description: problemsOf(error).message, tone: "error" });
    } finally {
      setBusy(false);
    }
  };
  const quality = output.quality;
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium break-words">{output.name}</p>
        <p className="text-sm text-ink-muted">{describeOutput(output)}</p>
        {quality ? <QualityReport quality={quality} /> : null}
      </div>
      {output.url ? (
        <Button size="sm" variant="secondary" loading={busy} onClick={() => void download()} aria-label={`Download ${output.name}`}>
          <Download className="size-4" aria-hidden="true" /> Download
        </Button>
      ) : null}
    </li>
  );
};

/** `/renders/:id`: live progress from the event stream, cancel, the outputs with downloads and quality reports. */
export const RenderDetailPage = () => {
  const { id = "" } = useParams();
  const stream = useRef<StreamState>("connecting");
  const render = useQuery({
    queryKey: ["render", id],
    queryFn: () => unwrap(api.GET("/v1/renders/{id}", { params: { path: { id } } })),
    // The stream keeps it current; a poll covers the case where the stream cannot be opened.
    refetchInterval: (query) => (query.state.data && !TERMINAL.has(query.state.data.status) && stream.current === "closed" ? 3000 : false),
  });
  const running = !!render.data && !TERMINAL.has(render.data.status);
  const streamState = useRenderEvents(id, running);
  stream.current = streamState;
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/renders/{id}/cancel", { params: { path: { id } } })),
    onSuccess: () => void render.refetch(),
  });

  if (render.isPending) return <Spinner label="Loading the render…" className="p-6" />;
  if (render.isError) return <ErrorPanel error={render.error} title="Could not load this render" onRetry={() => void render.refetch()} />;
  const r = render.data;
  const percent = Math.round(r.progress * 100);
  return (
    <>
      <PageHeader
        title="Render"
        description={`${r.template} · ordered ${formatDateTime(r.createdAt)}`}
        actions={
          <>
            {r.projectId ? (
              <Link to={`/projects/${r.projectId}`} className={buttonStyles({ variant: "secondary" })}>
                Open project
              </Link>
            ) : null}
            {running ? (
              <ConfirmButton size="md" confirmLabel="Cancel the render" loading={cancel.isPending} onConfirm={() => cancel.mutate()}>
                <CircleX className="size-4" aria-hidden="true" /> Cancel
              </ConfirmButton>
            ) : null}
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title="Progress" actions={<Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>}>
          <div
            role="progressbar"
            aria-label="Render progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%`}
            className="h-3 overflow-hidden rounded-full bg-sunken"
          >
            <div className={`h-full rounded-full transition-[width] ${r.status === "failed" ? "bg-danger" : r.status === "completed" ? "bg-success" : "bg-accent"}`} style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-2 flex flex-wrap justify-between gap-2 text-sm" aria-live="polite">
            <span data-testid="render-percent" className="font-medium">
              {percent}%
            </span>
            <span className="text-ink-muted">
              {r.status === "queued" ? "Waiting for a free renderer" : r.status === "cancelled" ? "Cancelled" : r.status === "failed" ? "Failed" : (STAGES[r.stage ?? ""] ?? r.stage ?? "Starting")}
              {running && streamState === "reconnecting" ? " · reconnecting…" : ""}
            </span>
          </p>
          {r.status === "completed" && r.startedAt && r.finishedAt ? (
            <p className="mt-3 text-sm text-ink-muted">
              Rendered in {formatSeconds((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000)}
              {r.renderSeconds !== null ? `; ${(r.renderSeconds / 60).toFixed(2)} render-minutes counted against your quota.` : "."}
            </p>
          ) : null}
          {cancel.error ? (
            <div className="mt-4">
              <ErrorPanel error={cancel.error} title="Could not cancel" />
            </div>
          ) : null}
          {r.error ? (
            <div className="mt-4">
              <ErrorPanel error={{ error: { ...r.error, requestId: undefined } }} title="The render failed" />
            </div>
          ) : null}
        </Card>
        <Card title="Outputs">
          <ul className="divide-y divide-line">
            {r.outputs.map((o) => (
              <OutputRow key={o.name} render={r} output={o} />
            ))}
          </ul>
          {!running && r.status !== "completed" ? <p className="mt-3 text-sm text-ink-muted">Nothing to download: the render did not complete.</p> : null}
          {running ? <p className="mt-3 text-sm text-ink-muted">Downloads appear here when the render completes.</p> : null}
        </Card>
        {r.status === "completed" && r.outputs.some((o) => o.format === "mp4" || o.format === "webm") ? <RenderShareCard renderId={r.id} /> : null}
      </div>
    </>
  );
};
