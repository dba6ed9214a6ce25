import { useId, type InputHTMLAttributes, type ReactNode } from "react";

export type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  /** Shown under the field in red, announced, and marks the input invalid. */
  error?: string;
  /** Help shown under the field when there is no error. */
  hint?: ReactNode;
};

/** A labelled text input with an optional hint and error, wired up with `aria-invalid` and `aria-describedby`. */
export const TextField = ({ label, error, hint, id, className = "", ...input }: TextFieldProps) => {
  const generated = useId();
  const inputId = id ?? generated;
  const noteId = `${inputId}-note`;
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={inputId} className="text-sm font-medium text-ink">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? noteId : undefined}
        className={`h-10 w-full min-w-0 rounded-field border bg-surface px-3 text-[15px] text-ink placeholder:text-ink-muted/70 ${
          error ? "border-danger" : "border-line-strong hover:border-ink-muted/60"
        }`}
        {...input}
      />
      {error ? (
        <p id={noteId} className="text-sm text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={noteId} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
};
