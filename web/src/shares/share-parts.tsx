import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, ExternalLink, Film } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { ErrorPanel } from "../ui/error-panel";
import { formatDateTime } from "../ui/format-values";
import { Badge, type BadgeTone } from "../ui/status-badge";

export type Share = components["schemas"]["Share"];

const TONE: Record<Share["status"], BadgeTone> = { preparing: "neutral", ready: "success", failed: "danger" };

/** A share's status as a coloured badge. */
export const ShareStatus = ({ share }: { share: Share }) => <Badge tone={TONE[share.status]}>{share.status}</Badge>;

/** What was shared, in words: "Project · version 3" or "Render · mp4". */
export const shareKind = (share: Share): string => (share.kind === "project" ? `Project · version ${share.projectVersion}` : `Render · ${share.renderOutput ?? "video"}`);

export const viewsText = (views: number) => `${views} ${views === 1 ? "view" : "views"}`;

/** One share, kept fresh: polled every second while it is being prepared. */
export const useShare = (shareId: string | null) =>
  useQuery({
    queryKey: ["share", shareId],
    queryFn: () => unwrap(api.GET("/v1/shares/{id}", { params: { path: { id: shareId! } } })),
    enabled: shareId !== null,
    refetchInterval: (query) => (query.state.data?.status === "preparing" ? 1000 : false),
  });

/** Revokes a share (`DELETE /v1/shares/:id`) and refreshes every list of shares. */
export const useRevokeShare = (onRevoked?: (shareId: string) => void) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (shareId: string) => {
      await unwrap(api.DELETE("/v1/shares/{id}", { params: { path: { id: shareId } } }));
      return shareId;
    },
    onSuccess: (shareId) => {
      queryClient.removeQueries({ queryKey: ["share", shareId] });
      void queryClient.invalidateQueries({ queryKey: ["shares"] });
      onRevoked?.(shareId);
    },
  });
};

/** A button that copies `value`; says "Copied" once done (or asks to copy by hand when the browser refuses). */
export const CopyButton = ({ value, label, size = "sm" }: { value: string; label: string; size?: "sm" | "md" }) => {
  const [state, setState] = useState<"idle" | "copied" | "refused">("idle");
  return (
    <Button
      size={size}
      variant="secondary"
      onClick={() => {
        navigator.clipboard.writeText(value).then(
          () => setState("copied"),
          () => setState("refused"),
        );
      }}
    >
      {state === "copied" ? <Check className="size-4" aria-hidden="true" /> : <Copy className="size-4" aria-hidden="true" />}
      {state === "copied" ? "Copied" : state === "refused" ? "Copy blocked: select the text" : "Copy"}
      <span className="sr-only"> {label}</span>
    </Button>
  );
};

/** A labelled value to paste elsewhere (a link, an embed snippet) with its copy button. */
export const CopyLine = ({ label, value }: { label: string; value: string }) => (
  <div className="flex flex-col gap-1">
    <p className="text-sm font-medium">{label}</p>
    <div className="flex flex-wrap items-center gap-2">
      <code className="min-w-0 flex-1 rounded bg-sunken px-2 py-1.5 font-mono text-[13px] break-all">{value}</code>
      <CopyButton value={value} label={label.toLowerCase()} />
    </div>
  </div>
);

/** A share's cover frame, or a placeholder when it has none (yet); `decorative` beside its title in a list. */
export const SharePoster = ({ share, className, decorative = false }: { share: Share; className: string; decorative?: boolean }) =>
  share.urls.poster && share.status === "ready" ? (
    <img src={share.urls.poster} alt={decorative ? "" : `Poster of ${share.title}`} className={`rounded bg-sunken object-cover ${className}`} style={{ aspectRatio: `${share.width} / ${share.height}` }} />
  ) : (
    <div className={`grid place-items-center rounded bg-sunken text-ink-muted ${className}`} style={{ aspectRatio: `${share.width} / ${share.height}` }} aria-hidden="true">
      <Film className="size-5" />
    </div>
  );

/**
 * What to do with a ready share: its poster, the player, the link and both embed snippets to
 * copy, and its views. While preparing, the caller shows progress; a failure shows why.
 */
export const ShareDetails = ({ share }: { share: Share }) => {
  if (share.status === "failed") return share.error ? <ErrorPanel error={{ error: { ...share.error, requestId: undefined } }} title="The share could not be prepared" /> : <p className="text-sm text-danger">The share could not be prepared.</p>;
  if (share.status !== "ready") return null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-4">
        <SharePoster share={share} className="max-h-48 w-28" />
        <div className="flex min-w-0 flex-col gap-2">
          <p className="font-medium break-words">{share.title}</p>
          <p className="text-sm text-ink-muted" data-testid="share-views">
            {viewsText(share.views)}
            {share.allowedOrigins.length ? ` · plays only on ${share.allowedOrigins.join(", ")}` : " · plays on any website"}
          </p>
          <a href={share.urls.embed} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 self-start text-sm font-medium text-accent-ink hover:underline">
            <ExternalLink className="size-4" aria-hidden="true" /> Open the player
          </a>
        </div>
      </div>
      <CopyLine label="Link" value={share.urls.embed} />
      <CopyLine label="Embed code" value={share.snippets.iframe} />
      <CopyLine label="Script tag" value={share.snippets.script} />
    </div>
  );
};

/**
 * One share in a list: poster, title, what it is, views, when, status, and its actions (copy the
 * link, open the player, revoke with confirmation).
 */
export const ShareRow = ({ share }: { share: Share }) => {
  const revoke = useRevokeShare();
  const source = share.kind === "project" && share.projectId ? `/projects/${share.projectId}` : share.renderId ? `/renders/${share.renderId}` : null;
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3" data-share-id={share.id}>
      <SharePoster share={share} className="h-16 w-auto shrink-0" decorative />
      <div className="min-w-0 flex-1 basis-40">
        <p className="font-medium break-words">
          {source ? (
            <Link to={source} className="hover:underline">
              {share.title}
            </Link>
          ) : (
            share.title
          )}
        </p>
        <p className="text-sm text-ink-muted">
          {shareKind(share)} · {viewsText(share.views)} · {formatDateTime(share.createdAt)}
        </p>
        {share.status === "failed" && share.error ? <p className="text-sm text-danger">{share.error.message}</p> : null}
      </div>
      <ShareStatus share={share} />
      <div className="flex flex-wrap items-center gap-1.5">
        {share.status === "ready" ? (
          <>
            <CopyButton value={share.urls.embed} label={`link to ${share.title}`} />
            <a href={share.urls.embed} target="_blank" rel="noreferrer" className="inline-flex h-8 items-center gap-1 rounded-field px-2 text-sm font-medium text-accent-ink hover:bg-sunken">
              <ExternalLink className="size-4" aria-hidden="true" /> Open<span className="sr-only"> {share.title} in its player</span>
            </a>
          </>
        ) : null}
        <ConfirmButton confirmLabel="Revoke: the link stops working" loading={revoke.isPending} onConfirm={() => revoke.mutate(share.id)}>
          Revoke<span className="sr-only"> share of {share.title}</span>
        </ConfirmButton>
      </div>
      {revoke.error ? (
        <div className="basis-full">
          <ErrorPanel error={revoke.error} title="Could not revoke the share" />
        </div>
      ) : null}
    </li>
  );
};
