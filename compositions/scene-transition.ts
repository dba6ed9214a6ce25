import type { TransitionPresentation } from "@remotion/transitions";
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
  }
};
