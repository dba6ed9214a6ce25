import type { PlayerRef } from "@remotion/player";

/** What the player's controls show. Times in seconds. */
export type MediaState = { playing: boolean; time: number; duration: number; muted: boolean; volume: number; ended: boolean };

/**
 * One interface over the two things the player plays: a script through `@remotion/player`
 * (`remotionController`) and a rendered video (`videoController`), so one set of controls drives both.
 */
export type MediaController = {
  play(): void;
  pause(): void;
  seek(seconds: number): void;
  setMuted(muted: boolean): void;
  setVolume(volume: number): void;
  getState(): MediaState;
  /** Calls `listener` whenever the state may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
};

const EVENTS = ["play", "pause", "ended", "seeked", "frameupdate", "mutechange", "volumechange"] as const;

/** Drives a `@remotion/player` through its ref. */
export const remotionController = (player: PlayerRef, video: { fps: number; durationInFrames: number }): MediaController => {
  let ended = false;
  const lastFrame = video.durationInFrames - 1;
  return {
    play: () => {
      // At the end, play starts over, as a video element does.
      if (player.getCurrentFrame() >= lastFrame) player.seekTo(0);
      ended = false;
      player.play();
    },
    pause: () => player.pause(),
    seek: (seconds) => {
      ended = false;
      player.seekTo(Math.max(0, Math.min(lastFrame, Math.round(seconds * video.fps))));
    },
    setMuted: (muted) => (muted ? player.mute() : player.unmute()),
    setVolume: (volume) => player.setVolume(Math.max(0, Math.min(1, volume))),
    getState: () => ({
      playing: player.isPlaying(),
      time: player.getCurrentFrame() / video.fps,
      duration: video.durationInFrames / video.fps,
      muted: player.isMuted(),
      volume: player.getVolume(),
      ended,
    }),
    subscribe: (listener) => {
      const onEnded = () => {
        ended = true;
        listener();
      };
      for (const name of EVENTS) player.addEventListener(name, name === "ended" ? onEnded : listener);
      return () => {
        for (const name of EVENTS) player.removeEventListener(name, name === "ended" ? onEnded : listener);
      };
    },
  };
};

/** Drives a `<video>` element (a render share). */
export const videoController = (video: HTMLVideoElement): MediaController => ({
  play: () => {
    video.play().catch(() => {
      // Refused (autoplay policy) or interrupted by a pause: the element stays paused and says so.
    });
  },
  pause: () => video.pause(),
  seek: (seconds) => {
    video.currentTime = Math.max(0, Math.min(Number.isFinite(video.duration) ? video.duration : seconds, seconds));
  },
  setMuted: (muted) => {
    video.muted = muted;
  },
  setVolume: (volume) => {
    video.volume = Math.max(0, Math.min(1, volume));
  },
  getState: () => ({
    playing: !video.paused && !video.ended,
    time: video.currentTime,
    duration: Number.isFinite(video.duration) ? video.duration : 0,
    muted: video.muted,
    volume: video.volume,
    ended: video.ended,
  }),
  subscribe: (listener) => {
    const names = ["play", "pause", "ended", "timeupdate", "seeked", "volumechange", "durationchange", "loadedmetadata"];
    for (const name of names) video.addEventListener(name, listener);
    return () => {
      for (const name of names) video.removeEventListener(name, listener);
    };
  },
});
