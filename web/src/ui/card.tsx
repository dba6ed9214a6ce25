import type { HTMLAttributes, ReactNode } from "react";

/** A white panel with a border; `title` adds a heading (h2) and `actions` sit on its right. */
export const Card = ({ title, actions, className = "", children, ...rest }: HTMLAttributes<HTMLElement> & { title?: ReactNode; actions?: ReactNode }) => (
  <section className={`rounded-card border border-line bg-surface p-5 shadow-card sm:p-6 ${className}`} {...rest}>
    {title || actions ? (
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        {title ? <h2 className="text-base font-semibold">{title}</h2> : null}
        {actions}
      </div>
    ) : null}
    {children}
  </section>
);
