import * as Dialog from "@radix-ui/react-dialog";
import { useQuery } from "@tanstack/react-query";
import { Copy, X } from "lucide-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import type { Media } from "../api/upload-media";
import type { MediaUse } from "../editor/apply-media-dialog";
import { Button } from "../ui/button";
import { ErrorPanel } from "../ui/error-panel";
import { SelectField } from "../ui/select-field";
import { Spinner } from "../ui/spinner";

export type { MediaUse };

/** What an asset of each kind can be in a script. */
export const USES_OF: Record<Media["kind"], MediaUse[]> = { image: ["background", "avatar"], video: ["background"], audio: ["music"] };

/**
 * "Use as…": pick a project and open its editor with the asset applied
 * (`/projects/:id?use=<mediaId>&as=background|avatar|music`), or copy its `media:<id>` reference
 * to paste into a script.
 */
export const MediaUseDialog = ({ media, use, onClose }: { media: Media; use: MediaUse; onClose: () => void }) => {
  const navigate = useNavigate();
  const projects = useQuery({ queryKey: ["projects", "all"], queryFn: () => unwrap(api.GET("/v1/projects", { params: { query: { limit: 100 } } })) });
  const [projectId, setProjectId] = useState("");
  const [copied, setCopied] = useState(false);
  const chosen = projectId || projects.data?.projects[0]?.id || "";
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-ink/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-card border border-line bg-surface p-5 shadow-pop">
          <div className="flex items-start justify-between gap-3">
            <Dialog.Title className="text-base font-semibold">Use as {use}</Dialog.Title>
            <Dialog.Close aria-label="Close" className="rounded p-1 text-ink-muted hover:bg-sunken">
              <X className="size-4" aria-hidden="true" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="mt-1 text-sm break-words text-ink-muted">
            Open a project's editor with {media.filename} as its {use}.
          </Dialog.Description>
          <div className="mt-4 flex flex-col gap-4">
            {projects.isPending ? <Spinner label="Loading projects…" /> : null}
            {projects.isError ? <ErrorPanel error={projects.error} title="Could not load your projects" /> : null}
            {projects.data && projects.data.projects.length === 0 ? <p className="text-sm text-ink-muted">You have no projects yet: create one first, or copy the reference below into a script.</p> : null}
            {projects.data?.projects.length ? (
              <SelectField label="Project" value={chosen} onChange={(e) => setProjectId(e.target.value)}>
                {projects.data.projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button disabled={!chosen} onClick={() => navigate(`/projects/${chosen}?use=${media.id}&as=${use}`)}>
                Open in editor
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  void navigator.clipboard.writeText(media.ref);
                  setCopied(true);
                }}
              >
                <Copy className="size-4" aria-hidden="true" /> {copied ? "Copied" : `Copy ${media.ref.slice(0, 14)}…`}
              </Button>
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
};
