/**
 * The player's stylesheet, adopted by its shadow root (`player-frame.tsx`): no class of the host
 * page reaches in and none of ours leaks out. A constructed stylesheet, not a `<style>` element,
 * so a host page whose Content-Security-Policy forbids inline styles still styles the player.
 */
export const PLAYER_CSS = `
:host { all: initial; display: block; position: relative; contain: content; }
.rg-root { position: absolute; inset: 0; overflow: hidden; background: #000; color: #fff; font: 13px/1.2 Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; -webkit-font-smoothing: antialiased; outline: none; user-select: none; }
.rg-root:focus-visible { box-shadow: inset 0 0 0 3px #8b7bff; }
/* The composition sees what the renderer's page gives it: inherited text styles at their initial
   values, and border-box sizing everywhere (the CSS @remotion/player injects into the document's
   head, which cannot reach into this shadow root). */
.rg-stage { all: initial; position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; }
.rg-stage * { box-sizing: border-box; }
.rg-stage *:-webkit-full-screen { width: 100%; height: 100%; }
.rg-stage .__remotion_objectfitcontain { object-fit: contain; }
.rg-stage video { width: 100%; height: 100%; object-fit: contain; background: #000; display: block; }
.rg-poster { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: #000; pointer-events: none; }
.rg-big-play { position: absolute; left: 50%; top: 50%; width: 68px; height: 68px; margin: -34px 0 0 -34px; border-radius: 50%; border: 0; background: rgba(17, 17, 24, 0.72); color: #fff; display: flex; align-items: center; justify-content: center; cursor: pointer; box-shadow: 0 4px 24px rgba(0,0,0,.35); }
.rg-big-play:hover { background: rgba(90, 63, 240, 0.9); }
.rg-big-play svg { width: 30px; height: 30px; margin-left: 4px; }
.rg-bar { position: absolute; left: 0; right: 0; bottom: 0; padding: 18px 8px 6px; display: flex; flex-direction: column; gap: 2px; background: linear-gradient(180deg, rgba(0,0,0,0) 0%, rgba(0,0,0,.72) 70%); transition: opacity .2s; }
.rg-root[data-idle] .rg-bar { opacity: 0; pointer-events: none; }
.rg-row { display: flex; align-items: center; gap: 2px; min-width: 0; }
.rg-spacer { flex: 1; }
.rg-btn { flex: none; width: 34px; height: 34px; padding: 0; border: 0; border-radius: 6px; background: transparent; color: #fff; display: inline-flex; align-items: center; justify-content: center; cursor: pointer; }
.rg-btn:hover { background: rgba(255,255,255,.16); }
.rg-btn:focus-visible, .rg-big-play:focus-visible, .rg-range:focus-visible { outline: 2px solid #8b7bff; outline-offset: 1px; }
.rg-btn[aria-pressed="true"] { color: #c4b8ff; }
.rg-btn svg { width: 18px; height: 18px; }
.rg-time { flex: none; padding: 0 6px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.rg-range { -webkit-appearance: none; appearance: none; height: 18px; margin: 0; background: transparent; cursor: pointer; min-width: 0; }
.rg-range::-webkit-slider-runnable-track { height: 4px; border-radius: 2px; background: linear-gradient(90deg, #8b7bff var(--rg-fill, 0%), rgba(255,255,255,.35) var(--rg-fill, 0%)); }
.rg-range::-webkit-slider-thumb { -webkit-appearance: none; width: 12px; height: 12px; margin-top: -4px; border-radius: 50%; background: #fff; border: 0; }
.rg-range::-moz-range-track { height: 4px; border-radius: 2px; background: rgba(255,255,255,.35); }
.rg-range::-moz-range-progress { height: 4px; border-radius: 2px; background: #8b7bff; }
.rg-range::-moz-range-thumb { width: 12px; height: 12px; border-radius: 50%; background: #fff; border: 0; }
.rg-seek { width: 100%; }
.rg-volume { width: 64px; }
.rg-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (max-width: 300px) { .rg-volume, .rg-loop { display: none; } .rg-btn { width: 30px; } }
video::cue { font: 600 clamp(14px, 4.5cqw, 28px)/1.3 Inter, ui-sans-serif, system-ui, sans-serif; background: rgba(0,0,0,.66); }
`;

let sheet: CSSStyleSheet | null = null;

/** The player's stylesheet, constructed once per page. */
export const playerStyleSheet = (): CSSStyleSheet => {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(PLAYER_CSS);
  }
  return sheet;
};
