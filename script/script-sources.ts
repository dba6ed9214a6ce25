import type { Script } from "./schema";

/** True for sources the browser can load as they are (http(s) and data URLs); others are files. */
export const isRemoteSrc = (src: string): boolean => /^(https?:|data:)/i.test(src);

export type SourceRef = { path: (string | number)[]; src: string };

/** Every file or URL a script refers to (avatars, backgrounds, line speech, music, brand logo and font), with its JSON path. */
export const scriptSources = (script: Script): SourceRef[] => {
  const refs: SourceRef[] = [];
  mapScriptSources(script, (src, path) => {
    refs.push({ path, src });
    return src;
  });
  return refs;
};

/** A copy of the script with every source passed through `map`. */
export const mapScriptSources = (script: Script, map: (src: string, path: (string | number)[]) => string): Script => ({
  ...script,
  characters: script.characters.map((c, i) => (c.avatar ? { ...c, avatar: map(c.avatar, ["characters", i, "avatar"]) } : c)),
  scenes: script.scenes.map((s, i) => ({
    ...s,
    background:
      s.background?.type === "image" || s.background?.type === "video"
        ? { ...s.background, src: map(s.background.src, ["scenes", i, "background", "src"]) }
        : s.background,
    lines: s.lines.map((l, j) => (l.speech ? { ...l, speech: { ...l.speech, src: map(l.speech.src, ["scenes", i, "lines", j, "speech", "src"]) } } : l)),
  })),
  music: script.music ? { ...script.music, src: map(script.music.src, ["music", "src"]) } : undefined,
  brand: script.brand && {
    ...script.brand,
    logo: script.brand.logo && { ...script.brand.logo, src: map(script.brand.logo.src, ["brand", "logo", "src"]) },
    font: script.brand.font?.src ? { ...script.brand.font, src: map(script.brand.font.src, ["brand", "font", "src"]) } : script.brand.font,
  },
});
