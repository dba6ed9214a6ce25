import type { CSSProperties, ReactNode } from "react";
import type { ScriptProblem } from "../../../script/validate-script";

// Inline styles: the player's messages look the same in the app, in the embed page and inside a
// host page's React tree (the ES module build), with no stylesheet to load or leak.
const BOX: CSSProperties = {
  boxSizing: "border-box",
  width: "100%",
  height: "100%",
  minHeight: 160,
  display: "flex",
  flexDirection: "column",
  alignItems: "center",
  justifyContent: "center",
  gap: 12,
  padding: 16,
  background: "#111118",
  color: "#f4f4f8",
  font: '14px/1.45 Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif',
  textAlign: "center",
  overflow: "auto",
};
const BUTTON: CSSProperties = {
  font: "inherit",
  fontWeight: 600,
  color: "#111118",
  background: "#f4f4f8",
  border: 0,
  borderRadius: 8,
  padding: "6px 14px",
  cursor: "pointer",
};

/**
 * What the player shows instead of a video: a message (announced to screen readers), optional
 * details, and a retry button when trying again can help. Fills the player's box, so a player
 * that cannot play is never a blank rectangle.
 */
export const PlayerMessage = ({ title, children, onRetry, role = "alert", style }: { title: string; children?: ReactNode; onRetry?: () => void; role?: "alert" | "status"; style?: CSSProperties }) => (
  <div role={role} data-reelgen-message="" style={{ ...BOX, ...style }}>
    <p style={{ margin: 0, fontWeight: 600, fontSize: 15 }}>{title}</p>
    {children}
    {onRetry ? (
      <button type="button" style={BUTTON} onClick={onRetry}>
        Try again
      </button>
    ) : null}
  </div>
);

/** A script's validation problems, each as `path: message`, in place of the video. */
export const ScriptProblems = ({ problems, style }: { problems: readonly ScriptProblem[]; style?: CSSProperties }) => (
  <PlayerMessage title="This script cannot be played" style={{ justifyContent: "flex-start", textAlign: "left", alignItems: "stretch", ...style }}>
    <ul data-reelgen-problems="" style={{ margin: 0, padding: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: 6 }}>
      {problems.map((p, i) => (
        <li key={i} style={{ overflowWrap: "anywhere" }}>
          <code style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: 13, color: "#fda4af", marginRight: 6 }}>{p.path}</code>
          {p.message}
        </li>
      ))}
    </ul>
  </PlayerMessage>
);
