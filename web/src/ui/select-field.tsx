import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

/** A labelled native `<select>` (native, so phones show their own picker), styled like `TextField`. */
export const SelectField = ({ label, hint, id, className = "", children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: ReactNode; hint?: ReactNode }) => {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={selectId} className="text-sm font-medium text-ink">
        {label}
      </label>
      <select
        id={selectId}
        aria-describedby={hint ? `${selectId}-hint` : undefined}
        className="h-10 w-full min-w-0 rounded-field border border-line-strong bg-surface px-2.5 text-[15px] text-ink hover:border-ink-muted/60"
        {...select}
      >
        {children}
      </select>
      {hint ? (
        <p id={`${selectId}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
};
