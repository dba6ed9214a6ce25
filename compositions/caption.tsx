import React, { createContext, useContext, useLayoutEffect, useMemo, useRef } from "react";
import { getRemotionEnvironment, interpolate, spring, useCurrentFrame, useVideoConfig } from "remotion";
import { CAPTION_BOX_LOG, CJK_CHARACTER, type CaptionBox, type WordTiming } from "../script";
import { computeLayout } from "./layout";

/**
 * Whether captions are drawn: the player's captions switch provides `false` around a pack (React
 * context crosses `@remotion/player` into the composition), so every pack's captions turn off
 * without a prop on each pack's schema. Renders never provide it: captions are always drawn.
 */
export const CaptionsVisible = createContext(true);

/**
 * A word-by-word caption, TikTok style: each word pops in as it is spoken and the word being
 * spoken is drawn in the speaker's colour. With `words` (timings from the voice) it follows the
 * audio; without, words are spread over the first part of the line. Scripts without spaces (Chinese,
 * Japanese) go character by character.
 */
export const AnimatedCaption: React.FC<{
  text: string;
  durationInFrames: number;
  /** BCP-47 tag; picks the right CJK glyph variants. */
  language: string;
  style: React.CSSProperties;
  /** Colour of the word being spoken; `null` for no highlight. */
  highlight: string | null;
  words?: WordTiming[];
}> = ({ text, durationInFrames, language, style, highlight, words }) => {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const tokens = useMemo(() => splitWords(text), [text]);
  const wordCount = tokens.filter((t) => t.word).length;
  // Word timings apply when they describe the same words the caption shows.
  const timed = words && words.length === wordCount ? words : null;
  const spread = Math.max(1, Math.min(durationInFrames * 0.7, wordCount * fps * 0.3));
  const exit = interpolate(frame, [durationInFrames - 6, durationInFrames], [1, 0], {
    extrapolateLeft: "clamp",
    extrapolateRight: "clamp",
  });
  const box = useRef<HTMLDivElement>(null);
  const measureAt = Math.floor(durationInFrames / 2);
  // While rendering, report where the caption sits once per line, so the quality gate can check
  // it against the platform's safe zone (the renderer reads these from the browser's console).
  useLayoutEffect(() => {
    if (frame !== measureAt || !box.current || !getRemotionEnvironment().isRendering) return;
    const r = box.current.getBoundingClientRect();
    const { safe } = computeLayout(width, height);
    const report: CaptionBox = {
      text: text.slice(0, 40),
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      safeArea: { left: safe.left, top: safe.top, right: width - safe.right, bottom: height - safe.bottom },
    };
    reportToRenderer(`${CAPTION_BOX_LOG}${JSON.stringify(report)}`);
  }, [frame, measureAt, text, width, height]);
  const visible = useContext(CaptionsVisible);
  if (!visible) return null;
  let wordIndex = 0;
  return (
    <div ref={box} lang={language} style={{ ...style, opacity: exit }}>
      {tokens.map((token, i) => {
        if (!token.word) return <span key={i}>{token.text}</span>;
        const index = wordIndex++;
        const start = timed ? timed[index]!.startSec * fps : (index / wordCount) * spread;
        const end = timed ? timed[index]!.endSec * fps : ((index + 1) / wordCount) * spread;
        const pop = spring({ frame: frame - start, fps, config: { damping: 14, stiffness: 180 }, durationInFrames: 8 });
        const speaking = highlight !== null && frame >= start && frame < end;
        return (
          <span
            key={i}
            style={{
              display: "inline-block",
              opacity: Math.min(1, pop * 1.4),
              // Never wider than its own box (the spring overshoots; the spoken word is marked by colour
              // only), so no word grows into the space beside it: "on Sundays", never "onSundays".
              transform: `translateY(${(1 - pop) * 0.35}em) scale(${0.85 + Math.min(1, pop) * 0.15})`,
              color: speaking ? highlight : undefined,
              // A word longer than the line (a URL, a compound) breaks instead of overflowing.
              maxWidth: "100%",
              overflowWrap: "anywhere",
            }}
          >
            {token.text}
          </span>
        );
      })}
    </div>
  );
};

// Remotion echoes every console line whose stack points into the bundle to the terminal (it
// would pollute `reelgen render --json`). A line logged with no script on the stack still
// reaches the renderer's onBrowserLog, but is only echoed at verbose log level. The microtask
// queue calls the bound `console.debug` itself, so no frame of ours (no source URL) is on the
// stack; and unlike a function built from a string, this runs on pages whose
// Content-Security-Policy has no 'unsafe-eval' (the embeddable player's hosts).
const reportToRenderer = (line: string): void => queueMicrotask(console.debug.bind(console, line));

type Token = { text: string; word: boolean };

/**
 * Words as the caption shows them: split at spaces like the voice's word timings are, except
 * for CJK runs, which go character by character.
 */
const splitWords = (text: string): Token[] => {
  const tokens: Token[] = [];
  for (const part of text.split(/(\s+)/)) {
    if (!part) continue;
    if (/^\s+$/.test(part)) tokens.push({ text: part, word: false });
    else if (CJK_CHARACTER.test(part)) for (const ch of part) tokens.push({ text: ch, word: true });
    else tokens.push({ text: part, word: true });
  }
  return tokens;
};
