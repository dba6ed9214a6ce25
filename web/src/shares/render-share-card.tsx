import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, ExternalLink, Share2 } from "lucide-react";
import { useState } from "react";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmButton } from "../ui/confirm-button";
import { ErrorPanel } from "../ui/error-panel";
import { Spinner } from "../ui/spinner";
import { Badge } from "../ui/status-badge";

type Share = components["schemas"]["Share"];

const CopyLine = ({ label, value }: { label: string; value: string }) => {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm font-medium">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 rounded bg-sunken px-2 py-1.5 font-mono text-[13px] break-all">{value}</code>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(value);
            setCopied(true);
          }}
        >
          {copied ? <Check className="size-4" aria-hidden="true" /> : <Copy className="size-4" aria-hidden="true" />}
          {copied ? "Copied" : "Copy"}
          <span className="sr-only"> {label.toLowerCase()}</span>
        </Button>
      </div>
    </div>
  );
};

/**
 * Publishes a completed render's video as a public share (`POST /v1/renders/:id/share`) and shows
 * its link and embed code once ready; revocable. A share made here lives while this page is open:
 * the page does not list older shares of the render.
 */
export const RenderShareCard = ({ renderId }: { renderId: string }) => {
  const queryClient = useQueryClient();
  const [shareId, setShareId] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/renders/{id}/share", { params: { path: { id: renderId } }, body: {} })),
    onSuccess: (share) => {
      queryClient.setQueryData(["share", share.id], share);
      setShareId(share.id);
    },
  });
  const share = useQuery({
    queryKey: ["share", shareId],
    queryFn: () => unwrap(api.GET("/v1/shares/{id}", { params: { path: { id: shareId! } } })),
    enabled: shareId !== null,
    refetchInterval: (query) => (query.state.data?.status === "preparing" ? 1000 : false),
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/shares/{id}", { params: { path: { id: shareId! } } })),
    onSuccess: () => setShareId(null),
  });
  const s: Share | undefined = share.data;
  return (
    <Card title="Share" actions={s ? <Badge tone={s.status === "ready" ? "success" : s.status === "failed" ? "danger" : "neutral"}>{s.status}</Badge> : null}>
      {!shareId ? (
        <>
          <p className="mb-3 text-sm text-ink-muted">Publish this video with a public link and embed code. Anyone with the link can watch it until you revoke it.</p>
          {publish.error ? (
            <div className="mb-3">
              <ErrorPanel error={publish.error} title="Could not share this render" />
            </div>
          ) : null}
          <Button loading={publish.isPending} onClick={() => publish.mutate()}>
            <Share2 className="size-4" aria-hidden="true" /> Share
          </Button>
        </>
      ) : null}
      {s?.status === "preparing" ? <Spinner label="Preparing the share…" /> : null}
      {s?.status === "failed" && s.error ? <ErrorPanel error={{ error: { ...s.error, requestId: undefined } }} title="The share could not be prepared" /> : null}
      {s?.status === "ready" ? (
        <div className="flex flex-col gap-3">
          <a href={s.urls.embed} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 self-start text-sm font-medium text-accent-ink hover:underline">
            <ExternalLink className="size-4" aria-hidden="true" /> Open the player
          </a>
          <CopyLine label="Link" value={s.urls.embed} />
          <CopyLine label="Embed code" value={s.snippets.iframe} />
        </div>
      ) : null}
      {s ? (
        <div className="mt-4">
          {revoke.error ? <ErrorPanel error={revoke.error} title="Could not revoke the share" /> : null}
          <ConfirmButton confirmLabel="Revoke: the link stops working" loading={revoke.isPending} onConfirm={() => revoke.mutate()}>
            Revoke share
          </ConfirmButton>
        </div>
      ) : null}
    </Card>
  );
};
