import type { PlayerRef } from "@remotion/player";
import { Captions, CaptionsOff, Maximize, Minimize, Pause, Play, Repeat, Volume2, VolumeOff } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { remotionController, videoController, type MediaController, type MediaState } from "./media-controller";
import type { PreparedScript } from "./prepare-script";
import { ScriptPlayer } from "./script-player";

/** What the player plays: a script with a pack (a project share, or template + script), or a rendered video (a render share). */
export type PlayerSource =
  | { kind: "script"; template: string; script: unknown }
  | { kind: "video"; src: string; mime: string; captions: string | null };

export type PlayerChromeProps = {
  source: PlayerSource;
  /** Names the player for screen readers ("Video player: <title>"). */
  title?: string;
  /** An image shown until the first play (the share's cover frame). */
  poster?: string | null;
  /** Start playing at once; starts muted, which browsers require for autoplay. */
  autoPlay?: boolean;
  loop?: boolean;
  muted?: boolean;
  /** Show the control bar (default true). Keyboard control stays either way. */
  controls?: boolean;
  /** Captions at start (default on). */
  captions?: boolean;
  /** The first frame shown, for a script (tests and "play from here"). */
  initialFrame?: number;
};

/** The performance mark set when the player's first frame is visible. */
export const FIRST_FRAME_MARK = "reelgen:first-frame";

const STILL: MediaState = { playing: false, time: 0, duration: 0, muted: false, volume: 1, ended: false };
const SEEK_STEP = 5;
const IDLE_MS = 2500;

/**
 * The embeddable player's UI, the same in the embed page and the ES module build: play/pause,
 * seek, time, mute and volume, captions on/off, loop, fullscreen, a poster until the first play,
 * and the keyboard (space or k, ←/→ seek 5 s, ↑/↓ volume, f, m, c), every control labelled for
 * screen readers. It fills its box and letterboxes the video at any aspect ratio. Render it
 * inside `PlayerFrame`, whose shadow root holds its stylesheet.
 */
export const PlayerChrome = ({ source, title, poster = null, autoPlay = false, loop: initialLoop = false, muted = false, controls = true, captions: initialCaptions = true, initialFrame }: PlayerChromeProps) => {
  const root = useRef<HTMLDivElement>(null);
  const [captions, setCaptions] = useState(initialCaptions);
  const [loop, setLoop] = useState(initialLoop);
  const [started, setStarted] = useState(autoPlay);
  const [fullscreen, setFullscreen] = useState(false);
  const [idle, setIdle] = useState(false);
  const [player, setPlayer] = useState<PlayerRef | null>(null);
  const [prepared, setPrepared] = useState<PreparedScript | null>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);

  const controller: MediaController | null = useMemo(() => {
    if (source.kind === "video") return video ? videoController(video) : null;
    return player && prepared ? remotionController(player, prepared) : null;
  }, [source.kind, video, player, prepared]);
  const state = useMediaState(controller);

  useEffect(() => {
    if (state.playing) setStarted(true);
  }, [state.playing]);
  // A performance mark when the first frame is on screen (`npm run bench` reads it): the script's
  // first frame once the player can be driven, a video's once it has data.
  useEffect(() => {
    if (!controller) return;
    const mark = () => {
      if (!performance.getEntriesByName(FIRST_FRAME_MARK).length) performance.mark(FIRST_FRAME_MARK);
    };
    if (video && video.readyState < 2) {
      video.addEventListener("loadeddata", mark, { once: true });
      return () => video.removeEventListener("loadeddata", mark);
    }
    const frame = requestAnimationFrame(() => requestAnimationFrame(mark));
    return () => cancelAnimationFrame(frame);
  }, [controller, video]);
  useEffect(() => {
    if (video) video.loop = loop;
  }, [video, loop]);
  useEffect(() => {
    if (!video) return;
    for (const track of Array.from(video.textTracks)) track.mode = captions ? "showing" : "hidden";
  }, [video, captions]);
  useEffect(() => {
    const onChange = () => setFullscreen(root.current !== null && (root.current.getRootNode() as Document | ShadowRoot).fullscreenElement === root.current);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  // The bar hides while playing when the pointer rests, and comes back on any move, key or focus.
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wake = useCallback(() => {
    setIdle(false);
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => setIdle(true), IDLE_MS);
  }, []);
  useEffect(() => () => void (idleTimer.current && clearTimeout(idleTimer.current)), []);

  const toggle = () => {
    if (!controller) return;
    if (state.playing) controller.pause();
    else controller.play();
  };
  const seekBy = (seconds: number) => controller?.seek(Math.max(0, Math.min(state.duration, state.time + seconds)));
  const toggleMute = () => controller?.setMuted(!state.muted);
  const setVolume = (volume: number) => {
    controller?.setVolume(volume);
    if (volume > 0 && state.muted) controller?.setMuted(false);
  };
  const toggleFullscreen = () => {
    const el = root.current;
    if (!el) return;
    if (fullscreen) void document.exitFullscreen().catch(() => undefined);
    else void el.requestFullscreen().catch(() => undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const onButton = target.tagName === "BUTTON";
    const onRange = target.tagName === "INPUT";
    wake();
    switch (event.key) {
      case " ":
      case "k":
        if (onButton && event.key === " ") return;
        toggle();
        break;
      case "ArrowLeft":
      case "ArrowRight":
        if (onRange) return;
        seekBy(event.key === "ArrowLeft" ? -SEEK_STEP : SEEK_STEP);
        break;
      case "ArrowUp":
      case "ArrowDown":
        if (onRange) return;
        setVolume(Math.max(0, Math.min(1, state.volume + (event.key === "ArrowUp" ? 0.1 : -0.1))));
        break;
      case "f":
        toggleFullscreen();
        break;
      case "m":
        toggleMute();
        break;
      case "c":
        setCaptions((on) => !on);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const fill = state.duration > 0 ? `${(100 * state.time) / state.duration}%` : "0%";
  const volume = state.muted ? 0 : state.volume;
  return (
    <div
      ref={root}
      className="rg-root"
      role="region"
      aria-label={title ? `Video player: ${title}` : "Video player"}
      tabIndex={0}
      data-idle={idle && state.playing ? "" : undefined}
      // Set once the video can be driven (its pack and fonts are in): tests and host scripts wait for it.
      data-ready={controller ? "" : undefined}
      data-state={state.playing ? "playing" : state.ended ? "ended" : started ? "paused" : "unplayed"}
      onKeyDown={onKeyDown}
      onPointerMove={wake}
      onFocus={wake}
    >
      <div className="rg-stage" onClick={toggle}>
        {source.kind === "script" ? (
          <ScriptPlayer
            template={source.template}
            script={source.script}
            controls={false}
            captions={captions}
            loop={loop}
            autoPlay={autoPlay}
            muted={muted || autoPlay}
            initialFrame={initialFrame}
            playerRef={setPlayer}
            onPrepared={setPrepared}
            style={{ width: "100%", height: "100%" }}
          />
        ) : (
          <video ref={setVideo} autoPlay={autoPlay} muted={muted || autoPlay} playsInline preload="metadata" crossOrigin={crossOriginOf(source.src)} poster={poster ?? undefined}>
            <source src={source.src} type={source.mime} />
            {source.captions ? <track kind="captions" src={source.captions} srcLang="en" label="Captions" default /> : null}
          </video>
        )}
      </div>
      {poster && !started && source.kind === "script" ? <img className="rg-poster" src={poster} alt="" /> : null}
      {controls && !started && controller ? (
        <button type="button" className="rg-big-play" aria-label="Play" onClick={() => controller.play()}>
          <Play aria-hidden="true" fill="currentColor" />
        </button>
      ) : null}
      {controls && controller ? (
        <div className="rg-bar" onClick={(event) => event.stopPropagation()}>
          <input
            className="rg-range rg-seek"
            type="range"
            min={0}
            max={state.duration || 0}
            step={0.01}
            value={Math.min(state.time, state.duration)}
            aria-label="Seek"
            aria-valuetext={`${clock(state.time)} of ${clock(state.duration)}`}
            style={{ ["--rg-fill" as string]: fill }}
            onChange={(event) => controller.seek(Number(event.currentTarget.value))}
          />
          <div className="rg-row">
            <button type="button" className="rg-btn" aria-label={state.playing ? "Pause" : "Play"} onClick={toggle}>
              {state.playing ? <Pause aria-hidden="true" /> : <Play aria-hidden="true" />}
            </button>
            <button type="button" className="rg-btn" aria-label={state.muted ? "Unmute" : "Mute"} onClick={toggleMute}>
              {state.muted || state.volume === 0 ? <VolumeOff aria-hidden="true" /> : <Volume2 aria-hidden="true" />}
            </button>
            <input
              className="rg-range rg-volume"
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={volume}
              aria-label="Volume"
              aria-valuetext={`${Math.round(volume * 100)}%`}
              style={{ ["--rg-fill" as string]: `${volume * 100}%` }}
              onChange={(event) => setVolume(Number(event.currentTarget.value))}
            />
            <span className="rg-time" aria-hidden="true">
              {clock(state.time)} / {clock(state.duration)}
            </span>
            <span className="rg-spacer" />
            <button type="button" className="rg-btn" aria-label="Captions" aria-pressed={captions} onClick={() => setCaptions((on) => !on)}>
              {captions ? <Captions aria-hidden="true" /> : <CaptionsOff aria-hidden="true" />}
            </button>
            <button type="button" className="rg-btn rg-loop" aria-label="Loop" aria-pressed={loop} onClick={() => setLoop((on) => !on)}>
              <Repeat aria-hidden="true" />
            </button>
            <button type="button" className="rg-btn" aria-label={fullscreen ? "Exit full screen" : "Full screen"} onClick={toggleFullscreen}>
              {fullscreen ? <Minimize aria-hidden="true" /> : <Maximize aria-hidden="true" />}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
};

/** The controller's state, re-read on each of its events. */
const useMediaState = (controller: MediaController | null): MediaState => {
  const cache = useRef<MediaState>(STILL);
  const subscribe = useCallback((listener: () => void) => (controller ? controller.subscribe(listener) : () => undefined), [controller]);
  const snapshot = useCallback(() => {
    if (!controller) return STILL;
    const next = controller.getState();
    const last = cache.current;
    // The same object while nothing changed, as useSyncExternalStore requires.
    if (next.playing === last.playing && next.time === last.time && next.duration === last.duration && next.muted === last.muted && next.volume === last.volume && next.ended === last.ended) return last;
    cache.current = next;
    return next;
  }, [controller]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
};

/** 75 → "1:15". */
const clock = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** A video on another origin needs CORS for its captions track to load. */
const crossOriginOf = (src: string): "anonymous" | undefined => {
  try {
    return new URL(src, location.href).origin === location.origin ? undefined : "anonymous";
  } catch {
    return undefined;
  }
};
