import type { Script } from "./schema";

/** True for sources the browser can load as they are (http(s) and data URLs); others are files. */
export const isRemoteSrc = (src: string): boolean => /^(https?:|data:)/i.test(src);

/** What a source must hold to be used where it is: an avatar an image, music audio, a brand font a font file. */
export type SourceKind = "image" | "video" | "audio" | "font";

export type SourceRef = { path: (string | number)[]; src: string; kind: SourceKind };

/** Every file or URL a script refers to (avatars, backgrounds, line speech, music, brand logo and font), with its JSON path and the kind it must be. */
export const scriptSources = (script: Script): SourceRef[] => {
  const refs: SourceRef[] = [];
  mapScriptSources(script, (src, path, kind) => {
    refs.push({ path, src, kind });
    return src;
  });
  return refs;
};

/** A copy of the script with every source passed through `map`. */
export const mapScriptSources = (script: Script, map: (src: string, path: (string | number)[], kind: SourceKind) => string): Script => ({
  ...script,
  characters: script.characters.map((c, i) => (c.avatar ? { ...c, avatar: map(c.avatar, ["characters", i, "avatar"], "image") } : c)),
  scenes: script.scenes.map((s, i) => ({
    ...s,
    background:
      s.background?.type === "image" || s.background?.type === "video"
        ? { ...s.background, src: map(s.background.src, ["scenes", i, "background", "src"], s.background.type) }
        : s.background,
    lines: s.lines.map((l, j) => (l.speech ? { ...l, speech: { ...l.speech, src: map(l.speech.src, ["scenes", i, "lines", j, "speech", "src"], "audio") } } : l)),
  })),
  music: script.music?.src ? { ...script.music, src: map(script.music.src, ["music", "src"], "audio") } : script.music,
  brand: script.brand && {
    ...script.brand,
    logo: script.brand.logo && { ...script.brand.logo, src: map(script.brand.logo.src, ["brand", "logo", "src"], "image") },
    font: script.brand.font?.src ? { ...script.brand.font, src: map(script.brand.font.src, ["brand", "font", "src"], "font") } : script.brand.font,
  },
});
