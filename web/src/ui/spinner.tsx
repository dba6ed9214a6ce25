/** A small spinning ring. With a `label` it announces itself to screen readers (role `status`); without, it is decoration. */
export const Spinner = ({ label, className = "" }: { label?: string; className?: string }) => (
  <span role={label ? "status" : undefined} className={`inline-flex items-center gap-2 ${className}`}>
    <svg className="size-4 animate-spin" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="9.5" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21.5 12A9.5 9.5 0 0 0 12 2.5" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
    {label ? <span className="text-sm text-ink-muted">{label}</span> : null}
  </span>
);
