import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";

/** Deterministic choices for the offline writer; every stream comes from the brief's seed. */
export type Random = {
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
  /** Draws without putting back; reshuffles when empty. `round` counts the reshuffles. */
  deck<T>(items: readonly T[]): { draw(): T; round(): number };
};

/**
 * 128 bits of hash (cyrb128) from a string, in plain JavaScript: the writers ship with their packs,
 * so this code also runs in browser bundles where `node:crypto` does not exist.
 */
export const hash128 = (text: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
};

/**
 * One independent pure-rand stream per part of the script (cast, setup, middle, ending…): a part
 * that grows (more middle scenes) then never shifts the choices made in another part, so adding
 * length keeps the rest of the story the same.
 */
export const createRandom = (seed: string, stream: string): Random => {
  const state = hash128(`${seed}\u0000${stream}`);
  // xoroshiro128+ must not start from the all-zero state.
  if (!state.some((s) => s !== 0)) state[0] = 1;
  const rng = xoroshiro128plusFromState(state);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (probability) => int(0, 9999) < probability * 10000,
    shuffle,
    deck: <T>(items: readonly T[]) => {
      let pile: T[] = [];
      let rounds = -1;
      let last: T | undefined;
      return {
        draw() {
          if (pile.length === 0) {
            pile = shuffle(items);
            rounds++;
            // No item twice in a row across a reshuffle.
            if (pile.length > 1 && pile[pile.length - 1] === last) [pile[0], pile[pile.length - 1]] = [pile[pile.length - 1]!, pile[0]!];
          }
          last = pile.pop()!;
          return last;
        },
        round: () => Math.max(0, rounds),
      };
    },
  };
};
