import type { Background, Transition } from "../../schema";
import type { Random } from "./random";
import { TONES, type ToneName } from "./word-banks";

const TRANSITION_CHOICES: readonly Transition[] = ["fade", "slide", "wipe", "zoom", "cut"];

/**
 * Transitions for one run of scenes, and backgrounds for packs that draw their own colours
 * (a promo without a place): no colour or transition twice in a row.
 */
export const stylist = (tone: ToneName, random: Random) => {
  const { gradients, colors } = TONES[tone];
  const backgrounds = random.deck([...gradients.map((g) => ({ type: "gradient" as const, colors: [...g] })), ...colors.map((value) => ({ type: "color" as const, value }))]);
  const transitions = random.deck(TRANSITION_CHOICES);
  return {
    background: (): Background => structuredClone(backgrounds.draw()),
    transition: (): Transition => transitions.draw(),
  };
};
