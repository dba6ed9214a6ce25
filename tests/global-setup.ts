import { resolveBrowserExecutable } from "../renderer/browser";
import { ensureBundle } from "../renderer/bundle-cache";

/** Bundle once per run (a no-op when the sources are unchanged) and unpack the browser, before any test. */
export default async function setup() {
  // The renderer reads no environment: the cache folder is passed in (REELGEN_CACHE_DIR, as the CLI does).
  const cacheDir = process.env.REELGEN_CACHE_DIR || undefined;
  const bundle = await ensureBundle({ cacheDir });
  await resolveBrowserExecutable({ cacheDir, browserExecutable: process.env.REELGEN_BROWSER || undefined });
  process.stderr.write(`bundle ${bundle.hash}: ${bundle.cached ? "cached" : `built in ${bundle.seconds.toFixed(1)} s`}\n`);
}
