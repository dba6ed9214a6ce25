const BLINK_PERIOD_SEC = 3.5;

/** FNV-1a: a small stable hash, so blinks are the same on every render. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/**
 * Whether the eyes are closed at `frame`: one blink of ~0.1 s (3 frames at 30 fps) in every 3.5 s,
 * at a point in it (0.5–3 s) picked by the seed and the period's index, so blinks are irregular,
 * differ between characters, and never come from randomness.
 */
export const blinkAt = (frame: number, seed: string, fps: number): boolean => {
  const period = Math.round(BLINK_PERIOD_SEC * fps);
  const cycle = Math.floor(frame / period);
  const at = Math.round(0.5 * fps) + (hash(`${seed}:${cycle}`) % Math.round(2.5 * fps));
  const into = frame - cycle * period;
  return into >= at && into < at + Math.max(2, Math.round(0.1 * fps));
};
