import type { TransitionPresentation, TransitionPresentationComponentProps } from "@remotion/transitions";
import React from "react";
import { AbsoluteFill } from "remotion";
import { fade } from "@remotion/transitions/fade";
import { slide } from "@remotion/transitions/slide";
import { wipe } from "@remotion/transitions/wipe";
import type { Transition } from "../script";

/** The `@remotion/transitions` presentation for a script transition (`cut` has none). */
export const presentationFor = (
  transition: Exclude<Transition, "cut">,
): TransitionPresentation<Record<string, unknown>> => {
  switch (transition) {
    case "fade":
      return fade() as TransitionPresentation<Record<string, unknown>>;
    case "slide":
      return slide({ direction: "from-right" }) as TransitionPresentation<Record<string, unknown>>;
    case "wipe":
      return wipe({ direction: "from-left" }) as TransitionPresentation<Record<string, unknown>>;
    case "zoom":
      return { component: Zoom, props: {} };
  }
};

/** The outgoing scene pushes in and fades while the incoming one settles from a slight zoom. */
const Zoom: React.FC<TransitionPresentationComponentProps<Record<string, unknown>>> = ({
  children,
  presentationDirection,
  presentationProgress: p,
}) => {
  const entering = presentationDirection === "entering";
  const scale = entering ? 1.25 - 0.25 * p : 1 + 0.35 * p;
  const opacity = entering ? p : 1 - p * 0.6;
  return React.createElement(AbsoluteFill, { style: { transform: `scale(${scale})`, opacity } }, children);
};
