import type { ButtonHTMLAttributes } from "react";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-accent text-white hover:bg-accent-hover shadow-card",
  secondary: "bg-surface text-ink border border-line-strong hover:bg-sunken shadow-card",
  ghost: "text-ink hover:bg-sunken",
  danger: "bg-danger text-white hover:brightness-95 shadow-card",
};
const SIZES: Record<ButtonSize, string> = { sm: "h-8 px-3 text-sm gap-1.5", md: "h-10 px-4 text-[15px] gap-2" };

/** The classes of a button, for links that should look like one (`<Link className={buttonStyles()}>`). */
export const buttonStyles = ({ variant = "primary", size = "md", className = "" }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string =>
  `inline-flex shrink-0 items-center justify-center rounded-field font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-55 ${VARIANTS[variant]} ${SIZES[size]} ${className}`;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and marks it busy while an action runs. */
  loading?: boolean;
};

/** A button; `type="button"` unless told otherwise, so it never submits a form by accident. */
export const Button = ({ variant, size, loading = false, className, type = "button", disabled, children, ...rest }: ButtonProps) => (
  <button type={type} className={buttonStyles({ variant, size, className })} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
    {loading ? <Spinner /> : null}
    {children}
  </button>
);
