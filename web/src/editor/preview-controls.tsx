import type { CallbackListener, PlayerRef } from "@remotion/player";
import { Pause, Play, Volume2, VolumeX } from "lucide-react";
import { useEffect, useState, type RefObject } from "react";

const clock = (frame: number, fps: number) => {
  const seconds = Math.floor(frame / fps);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/**
 * The preview's own controls: play/pause, a seek slider, the time and mute, for the player whose
 * picture is hidden from assistive tech (it is a video frame, not page text). Follows the player
 * through its events, so "play from this line" and the slider stay in step.
 */
export const PreviewControls = ({ player, durationInFrames, fps }: { player: RefObject<PlayerRef | null>; durationInFrames: number; fps: number }) => {
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(false);
  useEffect(() => {
    const ref = player.current;
    if (!ref) return;
    const onFrame: CallbackListener<"frameupdate"> = (e) => setFrame(e.detail.frame);
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    const onMute: CallbackListener<"mutechange"> = (e) => setMuted(e.detail.isMuted);
    ref.addEventListener("frameupdate", onFrame);
    ref.addEventListener("play", onPlay);
    ref.addEventListener("pause", onPause);
    ref.addEventListener("mutechange", onMute);
    setFrame(ref.getCurrentFrame());
    setPlaying(ref.isPlaying());
    return () => {
      ref.removeEventListener("frameupdate", onFrame);
      ref.removeEventListener("play", onPlay);
      ref.removeEventListener("pause", onPause);
      ref.removeEventListener("mutechange", onMute);
    };
  });
  const last = Math.max(0, durationInFrames - 1);
  return (
    <div className="flex items-center gap-2 bg-ink px-2 py-1.5 text-white">
      <button type="button" onClick={() => player.current?.toggle()} aria-label={playing ? "Pause preview" : "Play preview"} className="grid size-8 shrink-0 place-items-center rounded-field hover:bg-white/15">
        {playing ? <Pause className="size-4" aria-hidden="true" /> : <Play className="size-4" aria-hidden="true" />}
      </button>
      <input type="range" min={0} max={last} value={Math.min(frame, last)} onChange={(e) => player.current?.seekTo(Number(e.target.value))} aria-label="Preview position" aria-valuetext={`${clock(frame, fps)} of ${clock(durationInFrames, fps)}`} className="min-w-0 flex-1 accent-white" />
      <span className="shrink-0 text-xs tabular-nums">
        {clock(frame, fps)} / {clock(durationInFrames, fps)}
      </span>
      <button type="button" onClick={() => (muted ? player.current?.unmute() : player.current?.mute())} aria-label={muted ? "Unmute preview" : "Mute preview"} className="grid size-8 shrink-0 place-items-center rounded-field hover:bg-white/15">
        {muted ? <VolumeX className="size-4" aria-hidden="true" /> : <Volume2 className="size-4" aria-hidden="true" />}
      </button>
    </div>
  );
};
