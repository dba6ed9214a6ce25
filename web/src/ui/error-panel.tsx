import { CircleAlert } from "lucide-react";
import { problemsOf, type Problems } from "../api/problems-of";
import { Button } from "./button";

/**
 * An error, announced (`role="alert"`): the message, then each problem with its JSON path
 * (`body.email`, `scenes[0].lines[1].speaker`), the request id to quote, and a retry when given.
 */
export const ErrorPanel = ({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) => {
  const problems: Problems = problemsOf(error);
  const listed = problems.items.filter((p) => p.path !== null || p.message !== problems.message);
  return (
    <div role="alert" className="rounded-card border border-danger/30 bg-danger-soft p-4 text-sm">
      <div className="flex gap-3">
        <CircleAlert className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-danger">{title ?? problems.message}</p>
          {title ? <p className="mt-0.5 text-ink">{problems.message}</p> : null}
          {listed.length ? (
            <ul className="mt-2 space-y-1">
              {listed.map((p, i) => (
                <li key={i} className="break-words text-ink">
                  {p.path ? <code className="mr-1.5 rounded bg-surface px-1 py-0.5 font-mono text-[13px] text-danger">{p.path}</code> : null}
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          {problems.requestId ? <p className="mt-2 text-xs text-ink-muted">Request id {problems.requestId}</p> : null}
          {onRetry ? (
            <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
              Try again
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
};
