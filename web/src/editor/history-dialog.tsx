import { useQuery } from "@tanstack/react-query";
import type { Operation } from "fast-json-patch";
import { useState } from "react";
import { api, unwrap } from "../api/client";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { ErrorPanel } from "../ui/error-panel";
import { Spinner } from "../ui/spinner";
import { ChangeList } from "./change-list";
import { readablePatch } from "./readable-patch";

/**
 * A project's versions, newest first; each opens what changed from the version before (the
 * server's JSON Patch, in words), and any but the latest can be restored as a new version.
 */
export const HistoryDialog = ({ projectId, latest, open, onOpenChange, onRestore, restoring }: { projectId: string; latest: number; open: boolean; onOpenChange: (open: boolean) => void; onRestore: (version: number) => void; restoring: boolean }) => {
  const [selected, setSelected] = useState<number | null>(null);
  const versions = useQuery({
    queryKey: ["project", projectId, "versions", latest],
    enabled: open,
    queryFn: () => unwrap(api.GET("/v1/projects/{id}/versions", { params: { path: { id: projectId }, query: { limit: 50 } } })),
  });
  const shown = selected ?? latest;
  const diff = useQuery({
    queryKey: ["project", projectId, "diff", shown],
    enabled: open && shown > 1,
    queryFn: async () => {
      const [patch, before] = await Promise.all([
        unwrap(api.GET("/v1/projects/{id}/diff", { params: { path: { id: projectId }, query: { from: shown - 1, to: shown } } })),
        unwrap(api.GET("/v1/projects/{id}/versions/{version}", { params: { path: { id: projectId, version: String(shown - 1) } } })),
      ]);
      return readablePatch(patch.patch as Operation[], { template: before.template, script: before.script, options: before.options });
    },
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="History" description="Every saved version. Pick one to see what it changed." wide>
      {versions.isPending ? <Spinner label="Loading versions…" /> : versions.isError ? <ErrorPanel error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      <div className="grid gap-4 md:grid-cols-[14rem_minmax(0,1fr)]">
        <ul className="flex flex-col gap-1" aria-label="Versions">
          {versions.data?.versions.map((v) => (
            <li key={v.version}>
              <button type="button" aria-current={v.version === shown || undefined} onClick={() => setSelected(v.version)} className={`w-full rounded-field px-3 py-2 text-left text-sm ${v.version === shown ? "bg-accent-soft text-accent-ink" : "hover:bg-sunken"}`}>
                <span className="font-medium">Version {v.version}</span>
                {v.version === latest ? <span className="ml-1 text-ink-muted">(latest)</span> : null}
                <span className="block text-xs text-ink-muted">
                  {new Date(v.createdAt).toLocaleString()} · {v.summary.scenes} scenes, {v.summary.lines} lines
                </span>
                {v.message ? <span className="block truncate text-xs">{v.message}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        <section aria-label={`Changes in version ${shown}`} className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold">Version {shown}</h3>
            {shown !== latest ? (
              <Button size="sm" variant="secondary" loading={restoring} onClick={() => onRestore(shown)}>
                Restore version {shown}
              </Button>
            ) : null}
          </div>
          {shown === 1 ? <p className="text-sm text-ink-muted">The first version.</p> : diff.isPending ? <Spinner label="Loading changes…" /> : diff.isError ? <ErrorPanel error={diff.error} /> : <ChangeList changes={diff.data} label={`Changes from version ${shown - 1} to ${shown}`} />}
        </section>
      </div>
    </Dialog>
  );
};
