import React from "react";
import { Avatar } from "../../compositions";
import type { Character } from "../../script";

/**
 * The phone's own furniture around a conversation — status bar, contact header, typing bubble,
 * input bar — drawn with CSS and SVG (no icon or emoji font), iOS-like in dark mode. Sizes are
 * design pixels on an 864-pixel-wide screen, times `k`.
 */

const GREY_TEXT = "#8e8e93";
/** The grey of others' bubbles and of the typing bubble. */
export const INCOMING = "#2c2c2e";

/** Time on the left; signal, Wi-Fi and battery on the right; the camera island on a drawn phone. */
export const StatusBar: React.FC<{ time: string; k: number; island: boolean }> = ({ time, k, island }) => (
  <div style={{ position: "relative", height: 74 * k, flexShrink: 0, display: "flex", alignItems: "center", justifyContent: "space-between", padding: `0 ${46 * k}px 0 ${64 * k}px`, color: "#fff" }}>
    <div style={{ fontSize: 30 * k, fontWeight: 650, letterSpacing: 0.2 * k, fontVariantNumeric: "tabular-nums" }}>{time}</div>
    {island ? <div style={{ position: "absolute", left: "50%", top: 14 * k, width: 190 * k, height: 52 * k, marginLeft: -95 * k, borderRadius: 26 * k, background: "#000" }} /> : null}
    <div style={{ display: "flex", alignItems: "center", gap: 12 * k }}>
      <svg width={34 * k} height={22 * k} viewBox="0 0 17 11" fill="#fff" aria-label="signal">
        <rect x="0" y="7" width="3" height="4" rx="0.8" />
        <rect x="4.6" y="5" width="3" height="6" rx="0.8" />
        <rect x="9.2" y="2.6" width="3" height="8.4" rx="0.8" />
        <rect x="13.8" y="0" width="3" height="11" rx="0.8" />
      </svg>
      <svg width={31 * k} height={22 * k} viewBox="0 0 15.5 11" fill="none" stroke="#fff" strokeWidth="1.9" strokeLinecap="round" aria-label="wifi">
        <path d="M1.2 4.1 A9.3 9.3 0 0 1 14.3 4.1" />
        <path d="M3.8 6.6 A5.6 5.6 0 0 1 11.7 6.6" />
        <path d="M6.4 9.1 A2 2 0 0 1 9.1 9.1" strokeWidth="2.4" />
      </svg>
      <svg width={52 * k} height={24 * k} viewBox="0 0 26 12" aria-label="battery">
        <rect x="0.6" y="0.6" width="22" height="10.8" rx="3.2" fill="none" stroke="#fff" strokeOpacity="0.45" strokeWidth="1.1" />
        <rect x="2.2" y="2.2" width="15.6" height="7.6" rx="1.8" fill="#fff" />
        <path d="M24 4 a1.6 1.6 0 0 1 0 4 z" fill="#fff" fillOpacity="0.45" />
      </svg>
    </div>
  </div>
);

/** Back chevron, the contact's portrait(s), their name and a sub-line ("online", "typing…"), the video-call button. */
export const ContactHeader: React.FC<{ contact: string; characters: Character[]; status: string; k: number; accent: string }> = ({ contact, characters, status, k, accent }) => (
  <div style={{ position: "relative", flexShrink: 0, display: "flex", flexDirection: "column", alignItems: "center", gap: 4 * k, padding: `${4 * k}px 0 ${14 * k}px`, background: "rgba(30,30,32,0.82)", borderBottom: `${Math.max(1, 1.5 * k)}px solid rgba(255,255,255,0.14)` }}>
    <svg style={{ position: "absolute", left: 30 * k, top: 44 * k }} width={26 * k} height={44 * k} viewBox="0 0 13 22" fill="none" stroke={accent} strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" aria-label="back">
      <path d="M11 2 L2 11 L11 20" />
    </svg>
    <svg style={{ position: "absolute", right: 34 * k, top: 52 * k }} width={50 * k} height={32 * k} viewBox="0 0 25 16" fill="none" stroke={accent} strokeWidth="1.8" strokeLinejoin="round" aria-label="video call">
      <rect x="1" y="1.5" width="15.5" height="13" rx="3.2" />
      <path d="M16.5 6.2 L23.5 2.6 V13.4 L16.5 9.8 Z" />
    </svg>
    <div style={{ display: "flex" }}>
      {characters.slice(0, 3).map((c, i) => (
        <div key={c.id} style={{ marginLeft: i ? -26 * k : 0 }}>
          <Avatar name={c.name} src={c.avatar} character={c} color={c.color ?? "#8e8e93"} size={(characters.length > 1 ? 70 : 84) * k} />
        </div>
      ))}
    </div>
    <div style={{ display: "flex", alignItems: "center", gap: 6 * k, maxWidth: "66%" }}>
      <div style={{ color: "#fff", fontSize: 27 * k, fontWeight: 600, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{contact}</div>
      <svg width={10 * k} height={17 * k} viewBox="0 0 5 8.5" fill="none" stroke={GREY_TEXT} strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" style={{ flexShrink: 0 }}>
        <path d="M1 1 L4 4.25 L1 7.5" />
      </svg>
    </div>
    <div style={{ color: GREY_TEXT, fontSize: 21 * k, fontWeight: 500, maxWidth: "70%", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{status}</div>
  </div>
);

/**
 * The typing bubble: three dots rising and brightening in turn, with the bubble's tail of two
 * small circles. A function of the frame alone, so a re-render gives the same picture.
 */
export const TypingBubble: React.FC<{ frame: number; t: number }> = ({ frame, t }) => (
  <div style={{ position: "relative", display: "flex", alignItems: "center", gap: 9 * t, background: INCOMING, borderRadius: 40 * t, padding: `${26 * t}px ${28 * t}px` }}>
    <div style={{ position: "absolute", left: -3 * t, bottom: -3 * t, width: 22 * t, height: 22 * t, borderRadius: "50%", background: INCOMING }} />
    <div style={{ position: "absolute", left: -11 * t, bottom: -11 * t, width: 10 * t, height: 10 * t, borderRadius: "50%", background: INCOMING }} />
    {[0, 1, 2].map((i) => {
      // One dot after another, a cycle every 24 frames (0.8 s at 30 fps), resting between.
      const phase = (((frame / 24 - i * 0.16) % 1) + 1) % 1;
      const lift = phase < 0.4 ? Math.sin((phase / 0.4) * Math.PI) : 0;
      return <div key={i} style={{ width: 17 * t, height: 17 * t, borderRadius: "50%", background: "#fff", opacity: 0.42 + 0.5 * lift, transform: `translateY(${-7 * t * lift}px)` }} />;
    })}
  </div>
);

/**
 * The compose row: attachments button, the text field (placeholder "iMessage", or what the phone's
 * owner is typing, its end in view), the send button (lit while there is text), the home bar below.
 */
export const InputBar: React.FC<{ draft: string; k: number; accent: string }> = ({ draft, k, accent }) => (
  <div style={{ flexShrink: 0, display: "flex", flexDirection: "column", background: "rgba(22,22,24,0.82)", paddingTop: 14 * k }}>
    <div style={{ display: "flex", alignItems: "center", gap: 16 * k, padding: `0 ${22 * k}px` }}>
      <div style={{ position: "relative", width: 62 * k, height: 62 * k, flexShrink: 0, borderRadius: "50%", background: "rgba(118,118,128,0.3)" }}>
        <div style={{ position: "absolute", left: 17 * k, top: 29 * k, width: 28 * k, height: 4 * k, borderRadius: 2 * k, background: "#c7c7cc" }} />
        <div style={{ position: "absolute", left: 29 * k, top: 17 * k, width: 4 * k, height: 28 * k, borderRadius: 2 * k, background: "#c7c7cc" }} />
      </div>
      <div style={{ flex: 1, minWidth: 0, height: 64 * k, display: "flex", alignItems: "center", gap: 10 * k, border: `${Math.max(1, 2 * k)}px solid rgba(255,255,255,0.2)`, borderRadius: 32 * k, padding: `0 ${8 * k}px 0 ${26 * k}px`, boxSizing: "border-box" }}>
        {/* The text grows to the field's width but never shrinks: a short draft sits on the left, a long one shows its end. */}
        <div style={{ flex: 1, minWidth: 0, display: "flex", justifyContent: "flex-end", overflow: "hidden", whiteSpace: "nowrap", fontSize: 30 * k, color: draft ? "#fff" : "#6e6e73" }}>
          <div style={{ flex: "1 0 auto", display: "flex", alignItems: "center" }}>
            {draft || "iMessage"}
            {draft ? <div style={{ width: Math.max(1, 3 * k), height: 36 * k, marginLeft: 2 * k, borderRadius: k, background: accent }} /> : null}
          </div>
        </div>
        <div style={{ width: 48 * k, height: 48 * k, flexShrink: 0, borderRadius: "50%", background: draft ? accent : "rgba(118,118,128,0.45)", display: "flex", alignItems: "center", justifyContent: "center" }}>
          <svg width={24 * k} height={28 * k} viewBox="0 0 12 14" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-label="send">
            <path d="M6 13 V1.6 M1.4 6 L6 1.4 L10.6 6" />
          </svg>
        </div>
      </div>
    </div>
    <div style={{ height: 40 * k, display: "flex", alignItems: "center", justifyContent: "center" }}>
      <div style={{ width: 290 * k, height: 10 * k, borderRadius: 5 * k, background: "rgba(255,255,255,0.85)" }} />
    </div>
  </div>
);
