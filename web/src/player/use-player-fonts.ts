import { useEffect, useState } from "react";

let fonts: Promise<unknown> | null = null;
let settled = false;

/**
 * Whether the fonts the renderer bundles (Inter, see `compositions/fonts.ts`) are loaded, so the
 * player never draws a frame in a fallback face the render would not use. Loaded once per page; a
 * failed load counts as done (text then falls back, as it would anyway).
 */
export const usePlayerFonts = (): boolean => {
  const [ready, setReady] = useState(settled);
  useEffect(() => {
    if (settled) return;
    let live = true;
    // Its own chunk: the font files load in parallel with the pack's code.
    fonts ??= import("../../../compositions/fonts").then((m) => m.loadBundledFonts()).finally(() => {
      settled = true;
    });
    const done = () => live && setReady(true);
    fonts.then(done, done);
    return () => {
      live = false;
    };
  }, []);
  return ready;
};
