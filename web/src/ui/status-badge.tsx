import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-sunken text-ink-muted",
  accent: "bg-accent-soft text-accent-ink",
  success: "bg-success-soft text-success",
  warning: "bg-warning-soft text-warning",
  danger: "bg-danger-soft text-danger",
};

/** A short coloured label: a render's status, a delivery's outcome, a role. */
export const Badge = ({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) => (
  <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[tone]}`}>{children}</span>
);

/** A render's (or a delivery's) status as a badge in the matching colour. */
export const STATUS_TONE: Record<string, BadgeTone> = {
  queued: "neutral",
  active: "accent",
  pending: "neutral",
  completed: "success",
  succeeded: "success",
  failed: "danger",
  cancelled: "warning",
};
