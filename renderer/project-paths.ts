import path from "node:path";
import { fileURLToPath } from "node:url";

/** The reelgen checkout (the folder holding package.json). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Caches that are safe to delete: bundles, the unpacked browser. */
export const CACHE_DIR = process.env.REELGEN_CACHE_DIR ?? path.join(PROJECT_ROOT, ".cache");
/** The browser entry bundled by webpack; also Studio's entry point. */
export const ENTRY_POINT = path.join(PROJECT_ROOT, "studio", "index.ts");
