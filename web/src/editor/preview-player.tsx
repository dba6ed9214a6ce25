import { Player, type PlayerRef } from "@remotion/player";
import { forwardRef, useEffect, useState, type ComponentType } from "react";
import { loadTemplatePack } from "../../../templates/load-template-pack";
import type { TemplatePack } from "../../../templates/template-pack";
import { buildTimeline, FPS, frameSize, validateScript, type Script } from "../../../script";

export type PreviewPlayerProps = {
  template: string;
  /** The script as written (any JSON); only a valid one plays. */
  script: unknown;
  autoPlay?: boolean;
  muted?: boolean;
  loop?: boolean;
  controls?: boolean;
  className?: string;
};

/**
 * The pack's own component in `@remotion/player`, sized from the script's format and timed by its
 * timeline. Stand-in for the shared player (web/src/player/script-player.tsx) with the same
 * props; an invalid script shows its problems instead of a blank box.
 */
export const PreviewPlayer = forwardRef<PlayerRef, PreviewPlayerProps>(({ template, script, autoPlay = false, muted = false, loop = true, controls = true, className = "" }, ref) => {
  const [pack, setPack] = useState<TemplatePack | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setPack(null);
    loadTemplatePack(template).then(
      (p) => live && setPack(p),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [template]);
  if (loadError) return <p className="p-4 text-sm text-danger">{loadError}</p>;
  if (!pack) return <div className={`grid aspect-[9/16] place-items-center bg-ink/90 text-sm text-white ${className}`}>Loading preview…</div>;
  const result = validateScript(script, pack.schema as never);
  if (!result.ok) {
    return (
      <div role="status" className={`rounded-card border border-danger/30 bg-danger-soft p-4 text-sm ${className}`}>
        <p className="font-medium text-danger">The preview waits for a valid script</p>
        <ul className="mt-2 space-y-1">
          {result.problems.slice(0, 6).map((p, i) => (
            <li key={i} className="break-words">
              <code className="mr-1 font-mono text-[13px] text-danger">{p.path}</code>
              {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const valid = result.script as Script;
  const size = frameSize(valid.format, "1080p");
  return (
    <Player
      ref={ref}
      component={pack.component as ComponentType<Record<string, unknown>>}
      inputProps={valid as unknown as Record<string, unknown>}
      durationInFrames={Math.max(1, buildTimeline(valid, FPS).durationInFrames)}
      fps={FPS}
      compositionWidth={size.width}
      compositionHeight={size.height}
      controls={controls}
      loop={loop}
      autoPlay={autoPlay}
      initiallyMuted={muted}
      acknowledgeRemotionLicense
      className={className}
      style={{ width: "100%", aspectRatio: `${size.width} / ${size.height}` }}
    />
  );
});
PreviewPlayer.displayName = "PreviewPlayer";
