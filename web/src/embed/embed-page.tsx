import "../player/zod-jitless";
import "./embed.css";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { FPS } from "../../../script/timeline";
import { PlayerChrome, type PlayerChromeProps } from "../player/player-chrome";
import { PlayerFrame } from "../player/player-frame";
import { PlayerMessage } from "../player/player-message";
import { SharePlayer } from "../player/share-player";
import { isEmbedMessage, type EmbedMessage } from "./embed-messages";

/**
 * The page inside the embed's iframe: `/embed/<share id>` plays a share; `/embed` plays a
 * template and script that the host page's `embed.js` posts after this page says it is ready.
 * Options come in the query: `autoplay`, `loop`, `muted`, `controls=0`, `captions=0`, `start` (seconds),
 * and `parent`, the host page's origin: the only origin whose messages are read and to which this
 * page posts.
 */
const query = new URLSearchParams(location.search);
const flag = (name: string, fallback: boolean) => (query.has(name) ? !["0", "false", "no"].includes(query.get(name)!) : fallback);
const parentOrigin = query.get("parent");
const shareId = /^\/embed\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1] ?? null;
const options: Omit<PlayerChromeProps, "source"> = {
  autoPlay: flag("autoplay", false),
  loop: flag("loop", false),
  muted: flag("muted", false),
  controls: flag("controls", true),
  captions: flag("captions", true),
  // The pack's frame rate: `start` in seconds names a frame exactly (`start=0.5` is frame 15).
  initialFrame: query.has("start") ? Math.round((Number(query.get("start")) || 0) * FPS) : undefined,
};

const postToHost = (message: EmbedMessage) => {
  // Only a page that named itself gets told anything but the size; the size is public anyway.
  if (window.parent === window) return;
  if (parentOrigin) window.parent.postMessage(message, parentOrigin);
  else if (message.type === "size") window.parent.postMessage(message, "*");
};

const TemplateEmbed = () => {
  const [source, setSource] = useState<{ template: string; script: unknown } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || event.origin !== parentOrigin || !isEmbedMessage(event.data)) return;
      const data = event.data;
      if (data.type !== "script" || typeof data.template !== "string") return;
      setProblem(typeof data.problem === "string" ? data.problem : null);
      setSource({ template: data.template, script: data.script });
    };
    window.addEventListener("message", onMessage);
    postToHost({ reelgen: 1, type: "ready" });
    return () => window.removeEventListener("message", onMessage);
  }, []);
  if (!parentOrigin) return <PlayerMessage title="Nothing to play">This page plays a video that the page embedding it sends.</PlayerMessage>;
  if (problem) return <PlayerMessage title="This script cannot be played">{problem}</PlayerMessage>;
  if (!source) return <PlayerMessage role="status" title="Loading…" />;
  return <PlayerChrome {...options} source={{ kind: "script", ...source }} />;
};

createRoot(document.getElementById("player")!).render(
  <StrictMode>
    <PlayerFrame style={{ position: "absolute", inset: 0 }}>
      {shareId ? <SharePlayer host="" share={shareId} {...options} onSize={(size) => postToHost({ reelgen: 1, type: "size", ...size })} /> : <TemplateEmbed />}
    </PlayerFrame>
  </StrictMode>,
);
