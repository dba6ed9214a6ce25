import { Player, type PlayerRef } from "@remotion/player";
import { useEffect, useMemo, type ComponentType, type CSSProperties, type Ref } from "react";
import { CaptionsVisible } from "../../../compositions/caption";
import { PlayerMessage, ScriptProblems } from "./player-message";
import { prepareScript, type PreparedScript } from "./prepare-script";
import { usePlayerFonts } from "./use-player-fonts";
import { useTemplatePack } from "./use-template-pack";

export type ScriptPlayerProps = {
  /** A registered pack id (`templates/registry.ts`): `minidrama`, `chat-story`, … Its code loads on demand. */
  template: string;
  /** Any JSON value: validated like the renderer does; problems are shown in place of the video. */
  script: unknown;
  autoPlay?: boolean;
  loop?: boolean;
  /** Start muted (browsers allow autoplay only muted). */
  muted?: boolean;
  /** The frame shown first (and where playback starts). */
  initialFrame?: number;
  /** Remotion's own control bar (default true). The embed's player turns it off and drives `playerRef`. */
  controls?: boolean;
  /** Draw the word-by-word captions (default true). Changing it does not restart playback. */
  captions?: boolean;
  /** The `@remotion/player` handle: play, pause, seekTo, mute, requestFullscreen, events… */
  playerRef?: Ref<PlayerRef>;
  className?: string;
  /** Styles of the player's box. It is 100% wide with the script's aspect ratio unless told otherwise. */
  style?: CSSProperties;
  /** Called with the composition's length and size each time the script prepares without problems. */
  onPrepared?: (prepared: PreparedScript) => void;
};

/**
 * Plays a script with a template pack in the browser, through `@remotion/player`, with the same
 * pack code, props, duration and frame size as the renderer (`prepareScript`), after the bundled
 * fonts are in. While the pack's chunk loads it shows "Loading…"; a script that fails validation
 * shows its problems (JSON path + message); a pack that fails to load shows a retry. Never a
 * blank box.
 *
 * ```tsx
 * const ref = useRef<PlayerRef>(null);
 * <ScriptPlayer template="minidrama" script={script} playerRef={ref} controls loop />
 * ```
 */
export const ScriptPlayer = ({ template, script, autoPlay = false, loop = false, muted = false, initialFrame, controls = true, captions = true, playerRef, className, style, onPrepared }: ScriptPlayerProps) => {
  const pack = useTemplatePack(template);
  const fontsReady = usePlayerFonts();
  const prepared = useMemo(() => (pack.pack ? prepareScript(pack.pack, script) : null), [pack.pack, script]);
  const ok = prepared?.ok ? prepared : null;
  useEffect(() => {
    if (ok) onPrepared?.(ok);
  }, [ok, onPrepared]);

  if (pack.status === "error") {
    const unknown = (pack.error as { code?: string }).code === "TEMPLATE_NOT_FOUND";
    return (
      <PlayerMessage title={unknown ? "Unknown template" : "The player could not load this template"} onRetry={unknown ? undefined : pack.retry} style={style}>
        <p style={{ margin: 0 }}>{pack.error.message}</p>
      </PlayerMessage>
    );
  }
  if (prepared && !prepared.ok) return <ScriptProblems problems={prepared.problems} style={style} />;
  if (!ok || !fontsReady || !pack.pack) return <PlayerMessage role="status" title="Loading…" style={{ aspectRatio: "9 / 16", ...style }} />;

  // Remotion rounds the frame it starts at; keep it inside the video.
  const start = initialFrame === undefined ? undefined : Math.max(0, Math.min(ok.durationInFrames - 1, Math.round(initialFrame)));
  return (
    <CaptionsVisible.Provider value={captions}>
      <Player
        ref={playerRef}
        component={pack.pack.component as ComponentType<Record<string, unknown>>}
        inputProps={ok.props}
        durationInFrames={ok.durationInFrames}
        fps={ok.fps}
        compositionWidth={ok.width}
        compositionHeight={ok.height}
        controls={controls}
        autoPlay={autoPlay}
        loop={loop}
        initiallyMuted={muted}
        initialFrame={start}
        allowFullscreen
        clickToPlay={controls}
        doubleClickToFullscreen={controls}
        spaceKeyToPlayOrPause={controls}
        acknowledgeRemotionLicense
        errorFallback={({ error }) => <PlayerMessage title="This video could not be played">{<p style={{ margin: 0 }}>{error.message}</p>}</PlayerMessage>}
        className={className}
        style={{ width: "100%", ...style }}
      />
    </CaptionsVisible.Provider>
  );
};
