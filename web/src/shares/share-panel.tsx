import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Share2 } from "lucide-react";
import { useEffect, useId, useState, type ReactNode } from "react";
import { problemsOf } from "../api/problems-of";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { ErrorPanel } from "../ui/error-panel";
import { Spinner } from "../ui/spinner";
import { ShareDetails, ShareStatus, useRevokeShare, useShare, type Share } from "./share-parts";

export type PublishOptions = { allowedOrigins?: string[] };
/** One way to publish: its button's label and what it calls (a render's share, a project version's, or save first then share). */
export type PublishAction = { label: string; publish: (options: PublishOptions) => Promise<Share> };

/** The origins typed one per line, blank lines left out. */
const originsOf = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The API's problems with the allowed origins, each named by its line: the server's paths are
 * `body.allowedOrigins[i]` (one origin) or `body.allowedOrigins` (the list).
 */
const originProblems = (error: unknown, origins: string[]): string[] =>
  problemsOf(error).items.flatMap((p) => {
    const m = p.path ? /^(?:body\.)?allowedOrigins(?:\[(\d+)\])?/.exec(p.path) : null;
    if (!m) return [];
    return [m[1] === undefined ? p.message : `Line ${Number(m[1]) + 1} (${origins[Number(m[1])] ?? ""}): ${p.message}`];
  });

/**
 * Publishing a video as a public share, for a render or a project version alike: the allowed
 * websites (optional), the publish buttons, then the share from preparing to ready with its link,
 * poster and embed code, and revoke. `intro` says what will be shared.
 */
export const SharePanel = ({ intro, actions, onPublished }: { intro: ReactNode; actions: PublishAction[]; onPublished?: (share: Share) => void }) => {
  const queryClient = useQueryClient();
  const fieldId = useId();
  const [originsText, setOriginsText] = useState("");
  const [shareId, setShareId] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: ({ action, origins }: { action: PublishAction; origins: string[] }) => action.publish(origins.length ? { allowedOrigins: origins } : {}),
    onSuccess: (share) => {
      queryClient.setQueryData(["share", share.id], share);
      void queryClient.invalidateQueries({ queryKey: ["shares"] });
      setShareId(share.id);
      onPublished?.(share);
    },
  });
  const share = useShare(shareId);
  const revoke = useRevokeShare(() => setShareId(null));
  const s = share.data;
  // Lists of shares (the project's, /shares) show the status too: refresh them when it settles.
  const settled = s && s.status !== "preparing" ? s.status : null;
  useEffect(() => {
    if (settled) void queryClient.invalidateQueries({ queryKey: ["shares"] });
  }, [settled, queryClient]);

  if (!shareId) {
    const origins = originsOf(originsText);
    const fieldErrors = publish.error ? originProblems(publish.error, publish.variables?.origins ?? []) : [];
    const noteId = `${fieldId}-note`;
    return (
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          publish.mutate({ action: actions[0]!, origins });
        }}
      >
        <div className="text-sm text-ink-muted">{intro}</div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={fieldId} className="text-sm font-medium">
            Allowed websites <span className="font-normal text-ink-muted">(optional)</span>
          </label>
          <textarea
            id={fieldId}
            rows={2}
            value={originsText}
            onChange={(e) => setOriginsText(e.target.value)}
            placeholder="https://example.com"
            spellCheck={false}
            aria-invalid={fieldErrors.length ? true : undefined}
            aria-describedby={noteId}
            className={`w-full min-w-0 rounded-field border bg-surface px-3 py-2 font-mono text-[14px] ${fieldErrors.length ? "border-danger" : "border-line-strong"}`}
          />
          <div id={noteId} className="text-sm">
            {fieldErrors.length ? (
              <ul className="flex flex-col gap-0.5 text-danger">
                {fieldErrors.map((message) => (
                  <li key={message} className="break-words">
                    {message}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-ink-muted">One origin a line, such as https://example.com. Only those sites may embed it; leave empty to allow any.</p>
            )}
          </div>
        </div>
        {publish.error && !fieldErrors.length ? <ErrorPanel error={publish.error} title="Could not share" /> : null}
        <div className="flex flex-wrap gap-2">
          {actions.map((action, i) => (
            <Button
              key={action.label}
              type={i === 0 ? "submit" : "button"}
              variant={i === 0 ? "primary" : "secondary"}
              loading={publish.isPending && publish.variables?.action.label === action.label}
              disabled={publish.isPending}
              onClick={i === 0 ? undefined : () => publish.mutate({ action, origins })}
            >
              {i === 0 ? <Share2 className="size-4" aria-hidden="true" /> : null}
              {action.label}
            </Button>
          ))}
        </div>
      </form>
    );
  }
  return (
    <div className="flex flex-col gap-3" aria-live="polite">
      {s ? (
        <p className="flex items-center gap-2 text-sm">
          <span className="font-medium">This share:</span> <ShareStatus share={s} />
        </p>
      ) : null}
      {share.isError ? <ErrorPanel error={share.error} title="Could not load the share" onRetry={() => void share.refetch()} /> : null}
      {!s || s.status === "preparing" ? <Spinner label="Preparing the share…" /> : <ShareDetails share={s} />}
      {revoke.error ? <ErrorPanel error={revoke.error} title="Could not revoke the share" /> : null}
      <div>
        <ConfirmButton confirmLabel="Revoke: the link stops working" loading={revoke.isPending} onConfirm={() => revoke.mutate(shareId)}>
          Revoke share
        </ConfirmButton>
      </div>
    </div>
  );
};
