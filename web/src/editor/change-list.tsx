import type { ReadableChange } from "./readable-patch";

const KIND: Record<ReadableChange["kind"], string> = {
  added: "bg-success-soft text-success",
  removed: "bg-danger-soft text-danger",
  changed: "bg-warning-soft text-warning",
  moved: "bg-sunken text-ink-muted",
};

/** A diff in words: one row per change, its kind, its JSON path and the values. */
export const ChangeList = ({ changes, label }: { changes: readonly ReadableChange[]; label: string }) =>
  changes.length === 0 ? (
    <p className="text-sm text-ink-muted">No differences.</p>
  ) : (
    <ul aria-label={label} className="flex flex-col gap-1.5 text-sm">
      {changes.map((c, i) => (
        <li key={i} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 break-all">
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND[c.kind]}`}>{c.kind}</span>
          <code className="font-mono text-[13px]">{c.path}</code>
          <span className="text-ink-muted">{c.text}</span>
        </li>
      ))}
    </ul>
  );
