import { useId, type ReactNode } from "react";

const INPUT = "h-9 w-full min-w-0 rounded-field border bg-surface px-2.5 text-[15px] text-ink";
const border = (error?: string) => (error ? "border-danger" : "border-line-strong hover:border-ink-muted/60");

type Base = { label: string; error?: string; hint?: ReactNode; className?: string };

/** Label, control and the problem under it (announced, tied to the control). */
const Frame = ({ id, label, error, hint, className = "", children }: Base & { id: string; children: ReactNode }) => (
  <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
    <label htmlFor={id} className="text-[13px] font-medium text-ink-muted">
      {label}
    </label>
    {children}
    {error ? (
      <p id={`${id}-note`} className="text-[13px] text-danger">
        {error}
      </p>
    ) : hint ? (
      <p id={`${id}-note`} className="text-[13px] text-ink-muted">
        {hint}
      </p>
    ) : null}
  </div>
);

const aria = (id: string, error?: string, hint?: ReactNode) => ({ "aria-invalid": error ? true : undefined, "aria-describedby": error || hint ? `${id}-note` : undefined });

/** A text field; an empty value is `undefined` (the field leaves the script) unless `keepEmpty`. */
export const TextInput = ({ value, onChange, maxLength, multiline, placeholder, keepEmpty, ...base }: Base & { value: string | undefined; onChange: (v: string | undefined) => void; maxLength?: number; multiline?: boolean; placeholder?: string; keepEmpty?: boolean }) => {
  const id = useId();
  const change = (v: string) => onChange(v === "" && !keepEmpty ? undefined : v);
  return (
    <Frame id={id} {...base}>
      {multiline ? (
        <textarea id={id} rows={2} value={value ?? ""} maxLength={maxLength} placeholder={placeholder} onChange={(e) => change(e.target.value)} className={`${INPUT} h-auto min-h-16 py-1.5 ${border(base.error)}`} {...aria(id, base.error, base.hint)} />
      ) : (
        <input id={id} value={value ?? ""} maxLength={maxLength} placeholder={placeholder} onChange={(e) => change(e.target.value)} className={`${INPUT} ${border(base.error)}`} {...aria(id, base.error, base.hint)} />
      )}
    </Frame>
  );
};

/** A number field; empty is `undefined`. */
export const NumberInput = ({ value, onChange, min, max, step, ...base }: Base & { value: number | undefined; onChange: (v: number | undefined) => void; min?: number; max?: number; step?: number }) => {
  const id = useId();
  return (
    <Frame id={id} {...base}>
      <input id={id} type="number" inputMode="decimal" value={value ?? ""} min={min} max={max} step={step} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} className={`${INPUT} ${border(base.error)}`} {...aria(id, base.error, base.hint)} />
    </Frame>
  );
};

/** A choice among `options`; `emptyLabel` adds a "none" choice that is `undefined`. */
export const SelectInput = ({ value, onChange, options, emptyLabel, thumbnail, ...base }: Base & { value: string | undefined; onChange: (v: string | undefined) => void; options: readonly (string | { value: string; label: string })[]; emptyLabel?: string; /** A picture of the chosen item (a media thumbnail), shown beside the list. */ thumbnail?: string | null }) => {
  const id = useId();
  const list = options.map((o) => (typeof o === "string" ? { value: o, label: o } : o));
  // A value the list does not know (typed in the JSON view) stays visible and selected.
  if (value !== undefined && !list.some((o) => o.value === value)) list.unshift({ value, label: value });
  return (
    <Frame id={id} {...base}>
      <div className="flex min-w-0 gap-1.5">
        {thumbnail ? <img src={thumbnail} alt="" className="size-9 shrink-0 rounded-field border border-line object-cover" /> : null}
        <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} className={`${INPUT} ${border(base.error)}`} {...aria(id, base.error, base.hint)}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {list.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </Frame>
  );
};

const HEX6 = /^#[0-9a-fA-F]{6}$/;

/** A colour: the browser's picker for hex colours, and a text box for any CSS colour. */
export const ColorInput = ({ value, onChange, fallback = "#000000", ...base }: Base & { value: string | undefined; onChange: (v: string | undefined) => void; fallback?: string }) => {
  const id = useId();
  return (
    <Frame id={id} {...base}>
      <div className="flex gap-1.5">
        <input type="color" aria-label={`${base.label} picker`} value={value && HEX6.test(value) ? value : fallback} onChange={(e) => onChange(e.target.value)} className="h-9 w-10 shrink-0 cursor-pointer rounded-field border border-line-strong bg-surface p-0.5" />
        <input id={id} value={value ?? ""} placeholder={fallback} onChange={(e) => onChange(e.target.value || undefined)} className={`${INPUT} ${border(base.error)}`} {...aria(id, base.error, base.hint)} />
      </div>
    </Frame>
  );
};
