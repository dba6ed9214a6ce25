import type { Script } from "../script";

/**
 * What the frames of scene `index` depend on, as a JSON value the renderer hashes to cache the
 * scene's rendered segment: the script's global fields (format, characters, look, brand,
 * title…), the scene itself, its index, and the previous scene when a transition into this one
 * overlaps it (the outgoing scene runs on under the transition, see `SceneSeries`). The renderer
 * adds the frame range, output size, fps and bundle. A pack whose scenes show more (earlier
 * bubbles, global numbering) declares its own `sceneKey` on top of this one.
 */
export const defaultSceneKey = (script: Script, index: number): unknown => {
  const { scenes, ...global } = script;
  const scene = scenes[index];
  const overlapsPrevious = index > 0 && scene !== undefined && (scene.transition ?? "fade") !== "cut";
  return { global, index, scene: scene ?? null, previous: overlapsPrevious ? scenes[index - 1] : null };
};
