/** The family every pack sets first; scripts Inter lacks fall back to the system's fonts. */
export const FONT_FAMILY = "Inter";
export const FONT_STACK = `${FONT_FAMILY}, "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", "Noto Color Emoji", sans-serif`;
