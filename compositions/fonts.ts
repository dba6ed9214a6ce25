import { loadFont } from "@remotion/fonts";
import { FONT_FAMILY } from "./font-stack";
import inter500 from "@fontsource/inter/files/inter-latin-500-normal.woff2";
import inter500Italic from "@fontsource/inter/files/inter-latin-500-italic.woff2";
import inter800 from "@fontsource/inter/files/inter-latin-800-normal.woff2";
import inter800ext from "@fontsource/inter/files/inter-latin-ext-800-normal.woff2";
import inter500ext from "@fontsource/inter/files/inter-latin-ext-500-normal.woff2";


const LATIN = "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD";
const LATIN_EXT = "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF";

/**
 * Loads the bundled fonts from the webpack bundle (no network), so every render draws text the
 * same way. Import this only from the browser entry (`studio/`): Node cannot import font files.
 */
export const loadBundledFonts = () =>
  Promise.all([
    loadFont({ family: FONT_FAMILY, url: inter500, weight: "500", unicodeRange: LATIN }),
    loadFont({ family: FONT_FAMILY, url: inter500ext, weight: "500", unicodeRange: LATIN_EXT }),
    loadFont({ family: FONT_FAMILY, url: inter500Italic, weight: "500", style: "italic", unicodeRange: LATIN }),
    loadFont({ family: FONT_FAMILY, url: inter800, weight: "800", unicodeRange: LATIN }),
    loadFont({ family: FONT_FAMILY, url: inter800ext, weight: "800", unicodeRange: LATIN_EXT }),
  ]);
