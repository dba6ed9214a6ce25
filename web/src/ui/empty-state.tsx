import type { ReactNode } from "react";

/** What a list or page shows when it has nothing yet: an icon, a title, a line, and the action that fills it. */
export const EmptyState = ({ icon, title, description, action }: { icon?: ReactNode; title: string; description?: ReactNode; action?: ReactNode }) => (
  <div className="flex flex-col items-center rounded-card border border-dashed border-line-strong bg-surface px-6 py-12 text-center">
    {icon ? (
      <div className="mb-4 grid size-12 place-items-center rounded-full bg-accent-soft text-accent-ink" aria-hidden="true">
        {icon}
      </div>
    ) : null}
    <h2 className="text-base font-semibold">{title}</h2>
    {description ? <p className="mt-1 max-w-md text-ink-muted">{description}</p> : null}
    {action ? <div className="mt-5">{action}</div> : null}
  </div>
);
