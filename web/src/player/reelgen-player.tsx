import "./zod-jitless";
import { useState, type CSSProperties } from "react";
import { PlayerChrome, type PlayerChromeProps } from "./player-chrome";
import { PlayerFrame } from "./player-frame";
import { PlayerMessage } from "./player-message";
import { SharePlayer, type ShareSize } from "./share-player";

export type ReelgenPlayerProps = Omit<PlayerChromeProps, "source" | "title" | "poster"> & {
  /** A share id: plays the published project or render from `host`. */
  share?: string;
  /** The reelgen server, e.g. `https://videos.example.com` (the share's JSON and assets come from there). Default: this page's origin. */
  host?: string;
  /** With `script`: a registered pack id (`minidrama`, `chat-story`, …) to play the script with, in this page. */
  template?: string;
  /** With `template`: a script (JSON value); validation problems are shown in place of the video. */
  script?: unknown;
  title?: string;
  /** The box: by default 100% wide at the video's aspect ratio. */
  className?: string;
  style?: CSSProperties;
};

/**
 * reelgen's player for React sites (the ES module build, `HOST/player/reelgen-player.js`; react
 * and react-dom are the site's own). The same player as the embed, in a shadow root so no CSS
 * leaks either way:
 *
 * ```tsx
 * <ReelgenPlayer share="SHARE_ID" host="https://HOST" />
 * <ReelgenPlayer template="minidrama" script={script} loop />
 * ```
 */
export const ReelgenPlayer = ({ share, host, template, script, title, className, style, ...options }: ReelgenPlayerProps) => {
  const [size, setSize] = useState<ShareSize | null>(null);
  const format = (script as { format?: unknown } | null | undefined)?.format;
  const aspect = size ? `${size.width} / ${size.height}` : typeof format === "string" && /^\d+:\d+$/.test(format) ? format.replace(":", " / ") : "9 / 16";
  return (
    <PlayerFrame className={className} style={{ width: "100%", aspectRatio: aspect, ...style }}>
      {share ? (
        <SharePlayer host={(host ?? "").replace(/\/$/, "")} share={share} onSize={setSize} {...options} />
      ) : template ? (
        <PlayerChrome {...options} source={{ kind: "script", template, script }} title={title} />
      ) : (
        <PlayerMessage title="Nothing to play">Give ReelgenPlayer a share, or a template and a script.</PlayerMessage>
      )}
    </PlayerFrame>
  );
};

export type { PlayerChromeProps } from "./player-chrome";
