import { useCallback, useEffect, useState } from "react";
import { PlayerChrome, type PlayerChromeProps } from "./player-chrome";
import { PlayerMessage } from "./player-message";

/** The public JSON of a share (`GET /v1/shares/:id/public`), the part the player reads. */
export type PublicShare = {
  id: string;
  kind: "project" | "render";
  title: string;
  author: string | null;
  template: string;
  fps: number;
  durationInFrames: number;
  width: number;
  height: number;
  poster: string | null;
  props: Record<string, unknown> | null;
  video: { src: string; mime: string } | null;
  captions: string | null;
};

/** The one message for an unknown, revoked or failed share: a revoked id and a made-up one look alike. */
export const NO_LONGER_AVAILABLE = "This video is no longer available";

type ShareState =
  | { status: "loading" }
  | { status: "ready"; share: PublicShare }
  | { status: "gone" }
  | { status: "preparing"; retryAfterSeconds: number }
  | { status: "failed"; message: string };

/**
 * Loads a share's public JSON from `host` (the server's origin; "" for the page's own). 404 and
 * 410 mean the share is gone; 409 that it is still being prepared (tried again by itself); a
 * network failure or a server error offers a retry.
 */
export const useShare = (host: string, id: string): ShareState & { retry: () => void } => {
  const [state, setState] = useState<ShareState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    (async (): Promise<ShareState> => {
      const res = await fetch(`${host}/v1/shares/${encodeURIComponent(id)}/public`, { signal: controller.signal, credentials: "omit" });
      if (res.status === 404 || res.status === 410) return { status: "gone" };
      if (res.status === 409) return { status: "preparing", retryAfterSeconds: Number(res.headers.get("retry-after")) || 5 };
      if (!res.ok) return { status: "failed", message: `The server answered HTTP ${res.status}.` };
      return { status: "ready", share: (await res.json()) as PublicShare };
    })().then(
      (next) => controller.signal.aborted || setState(next),
      () => controller.signal.aborted || setState({ status: "failed", message: "Could not reach the video's server. Check your connection." }),
    );
    return () => controller.abort();
  }, [host, id, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (state.status !== "preparing") return;
    const timer = setTimeout(retry, state.retryAfterSeconds * 1000);
    return () => clearTimeout(timer);
  }, [state, retry]);
  return { ...state, retry };
};

/** A share's size, for a box that should take the video's aspect ratio before the JSON is in. */
export type ShareSize = { width: number; height: number };

/**
 * Plays a published share: its script with its pack (voices, word timings and captions prepared
 * at publish time) or its rendered video with its captions track, behind the share's poster.
 */
export const SharePlayer = ({ host, share: id, onSize, ...options }: { host: string; share: string; onSize?: (size: ShareSize) => void } & Omit<PlayerChromeProps, "source" | "title" | "poster">) => {
  const state = useShare(host, id);
  const width = state.status === "ready" ? state.share.width : 0;
  const height = state.status === "ready" ? state.share.height : 0;
  useEffect(() => {
    if (width > 0 && height > 0) onSize?.({ width, height });
  }, [width, height, onSize]);
  switch (state.status) {
    case "loading":
      return <PlayerMessage role="status" title="Loading…" />;
    case "gone":
      return <PlayerMessage title={NO_LONGER_AVAILABLE} />;
    case "preparing":
      return <PlayerMessage role="status" title="This video is still being prepared…" onRetry={state.retry} />;
    case "failed":
      return (
        <PlayerMessage title="The video could not be loaded" onRetry={state.retry}>
          <p style={{ margin: 0 }}>{state.message}</p>
        </PlayerMessage>
      );
    case "ready": {
      const { share } = state;
      if (share.kind === "render" && share.video) {
        return <PlayerChrome {...options} source={{ kind: "video", src: share.video.src, mime: share.video.mime, captions: share.captions }} title={share.title} poster={share.poster} />;
      }
      return <PlayerChrome {...options} source={{ kind: "script", template: share.template, script: share.props }} title={share.title} poster={share.poster} />;
    }
  }
};
