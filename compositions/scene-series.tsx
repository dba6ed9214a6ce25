import { linearTiming, TransitionSeries } from "@remotion/transitions";
import React from "react";
import type { TimedScene, Timeline } from "../script";
import { presentationFor } from "./scene-transition";

/**
 * The scenes of a timeline back to back with their transitions. The outgoing scene runs on under
 * the next transition, so transitions never shorten the video and every scene starts on the
 * frame the timeline says.
 */
export const SceneSeries: React.FC<{ timeline: Timeline; renderScene: (scene: TimedScene) => React.ReactNode }> = ({ timeline, renderScene }) => (
  <TransitionSeries>
    {timeline.scenes.flatMap((timed, i) => {
      const next = timeline.scenes[i + 1];
      const parts: React.ReactNode[] = [];
      if (timed.transition !== "cut" && timed.transitionFrames > 0) {
        parts.push(
          <TransitionSeries.Transition
            key={`t-${timed.scene.id}`}
            presentation={presentationFor(timed.transition)}
            timing={linearTiming({ durationInFrames: timed.transitionFrames })}
          />,
        );
      }
      parts.push(
        <TransitionSeries.Sequence key={`s-${timed.scene.id}`} durationInFrames={timed.durationInFrames + (next?.transitionFrames ?? 0)}>
          {renderScene(timed)}
        </TransitionSeries.Sequence>,
      );
      return parts;
    })}
  </TransitionSeries>
);
