import React, { useMemo } from "react";
import { interpolate, spring, useCurrentFrame, useVideoConfig } from "remotion";

/**
 * A caption that builds up word by word (grapheme by grapheme for scripts without spaces), each
 * word popping in with a spring. The words reveal over the first part of the line so the whole
 * sentence can be read before it leaves.
 */
export const AnimatedCaption: React.FC<{
  text: string;
  durationInFrames: number;
  language: string;
  style: React.CSSProperties;
}> = ({ text, durationInFrames, language, style }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const tokens = useMemo(() => splitWords(text, language), [text, language]);
  const revealFrames = Math.max(1, Math.min(durationInFrames * 0.7, tokens.length * fps * 0.3));
  const exit = interpolate(frame, [durationInFrames - 6, durationInFrames], [1, 0], {
    extrapolateLeft: "clamp",
    extrapolateRight: "clamp",
  });
  let wordIndex = 0;
  return (
    <div style={{ ...style, opacity: exit }}>
      {tokens.map((token, i) => {
        if (!token.word) return <span key={i}>{token.text}</span>;
        const start = (wordIndex++ / Math.max(1, countWords(tokens))) * revealFrames;
        const pop = spring({ frame: frame - start, fps, config: { damping: 14, stiffness: 180 }, durationInFrames: 8 });
        return (
          <span
            key={i}
            style={{
              display: "inline-block",
              opacity: Math.min(1, pop * 1.4),
              transform: `translateY(${(1 - pop) * 0.35}em) scale(${0.85 + pop * 0.15})`,
              whiteSpace: "pre",
            }}
          >
            {token.text}
          </span>
        );
      })}
    </div>
  );
};

type Token = { text: string; word: boolean };

const countWords = (tokens: Token[]) => tokens.filter((t) => t.word).length;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const splitWords = (text: string, language: string): Token[] => {
  const words = new Intl.Segmenter(language, { granularity: "word" });
  const tokens: Token[] = [];
  for (const s of words.segment(text)) {
    if (CJK.test(s.segment)) {
      // Japanese and Chinese have no spaces to wrap at; reveal and wrap per character.
      for (const ch of s.segment) tokens.push({ text: ch, word: true });
    } else if (s.isWordLike || /\S/.test(s.segment)) {
      // Punctuation sticks to the word before it so it never starts a wrapped line.
      const prev = tokens[tokens.length - 1];
      if (!s.isWordLike && prev?.word && !/\s$/.test(prev.text)) prev.text += s.segment;
      else tokens.push({ text: s.segment, word: true });
    } else {
      tokens.push({ text: s.segment, word: false });
    }
  }
  return tokens;
};
