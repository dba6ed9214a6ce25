import path from "node:path";
import { fileURLToPath } from "node:url";

/** The reelgen checkout (the folder holding package.json). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Where caches that are safe to delete (bundles, voices, the unpacked browser) live unless the
 * caller passes `cacheDir` (the CLI and the server pass `REELGEN_CACHE_DIR`).
 */
export const DEFAULT_CACHE_DIR = path.join(PROJECT_ROOT, ".cache");
/** @deprecated The default only, never `REELGEN_CACHE_DIR`: use `DEFAULT_CACHE_DIR` or the configured folder. */
export const CACHE_DIR = DEFAULT_CACHE_DIR;
/** The browser entry bundled by webpack; also Studio's entry point. */
export const ENTRY_POINT = path.join(PROJECT_ROOT, "studio", "index.ts");
