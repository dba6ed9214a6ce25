import path from "node:path";
import { isRemoteSrc } from "../script";
import { loadScriptFile } from "./load-script-file";

/**
 * Reads a brand kit (`brand.json`) for `--brand`. Its file paths are relative to the brand file,
 * so they are made absolute here; the kit is validated with the script it joins.
 */
export const loadBrandFile = async (file: string): Promise<unknown> => {
  const { json, baseDir } = await loadScriptFile(file);
  if (typeof json !== "object" || json === null) return json;
  const brand = json as { logo?: { src?: unknown }; font?: { src?: unknown } };
  const absolute = (src: unknown) => (typeof src === "string" && !isRemoteSrc(src) ? path.resolve(baseDir, src) : src);
  return {
    ...brand,
    ...(brand.logo && typeof brand.logo === "object" ? { logo: { ...brand.logo, src: absolute(brand.logo.src) } } : {}),
    ...(brand.font && typeof brand.font === "object" ? { font: { ...brand.font, src: absolute(brand.font.src) } } : {}),
  };
};
