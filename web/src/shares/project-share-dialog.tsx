import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { Dialog } from "../ui/dialog";
import { ErrorPanel } from "../ui/error-panel";
import { Spinner } from "../ui/spinner";
import { ShareRow, type Share } from "./share-parts";
import { SharePanel, type PublishAction, type PublishOptions } from "./share-panel";

/**
 * The editor's Share dialog: publishes the saved version of a project (`POST /v1/projects/:id/share`)
 * and follows it to ready, or, with unsaved changes, saves first when asked ("Save and share");
 * below, the project's earlier shares with their version, views and status, each revocable.
 */
export const ProjectShareDialog = ({ projectId, version, dirty, saveFirst, open, onOpenChange }: { projectId: string; version: number; dirty: boolean; /** Saves the draft and resolves to the new version; absent when the draft cannot be saved. */ saveFirst?: () => Promise<number>; open: boolean; onOpenChange: (open: boolean) => void }) => {
  const publishVersion = (v: number, options: PublishOptions) => unwrap(api.POST("/v1/projects/{id}/share", { params: { path: { id: projectId } }, body: { version: v, ...options } }));
  const savedAction: PublishAction = { label: dirty ? `Share version ${version} (last saved)` : `Share version ${version}`, publish: (options) => publishVersion(version, options) };
  const actions: PublishAction[] = dirty && saveFirst ? [{ label: "Save and share", publish: async (options) => publishVersion(await saveFirst(), options) }, savedAction] : [savedAction];
  const earlier = useQuery({
    queryKey: ["shares", { projectId }],
    enabled: open,
    queryFn: () => unwrap(api.GET("/v1/shares", { params: { query: { projectId, limit: 50 } } })),
    refetchInterval: (query) => (query.state.data?.shares.some((s: Share) => s.status === "preparing") ? 2000 : false),
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Share" description="A public link and embed code that play this project in the reelgen player." wide>
      <SharePanel
        key={projectId}
        intro={
          dirty ? (
            <p>
              <strong className="font-medium text-warning">You have unsaved changes.</strong> A share plays a saved version: save and share them, or share version {version}, the last saved one.
            </p>
          ) : (
            <p>Publishes version {version}, as saved. Anyone with the link can watch it until you revoke it; later edits do not change it.</p>
          )
        }
        actions={actions}
      />
      <section aria-labelledby="earlier-shares" className="mt-6 border-t border-line pt-4">
        <h3 id="earlier-shares" className="mb-2 font-semibold">
          Shares of this project
        </h3>
        {earlier.isPending ? <Spinner label="Loading shares…" /> : null}
        {earlier.isError ? <ErrorPanel error={earlier.error} title="Could not load the shares" onRetry={() => void earlier.refetch()} /> : null}
        {earlier.data && earlier.data.shares.length === 0 ? <p className="text-sm text-ink-muted">None yet.</p> : null}
        {earlier.data?.shares.length ? (
          <ul className="-mx-4 divide-y divide-line" aria-label="Shares of this project">
            {earlier.data.shares.map((s) => (
              <ShareRow key={s.id} share={s} />
            ))}
          </ul>
        ) : null}
      </section>
    </Dialog>
  );
};
