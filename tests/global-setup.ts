import { resolveBrowserExecutable } from "../renderer/browser";
import { ensureBundle } from "../renderer/bundle-cache";
import { ensureWebBuild } from "../bin/build-web";

/** Bundle once per run (a no-op when the sources are unchanged) and unpack the browser, before any test. */
export default async function setup() {
  // The renderer reads no environment: the cache folder is passed in (REELGEN_CACHE_DIR, as the CLI does).
  const cacheDir = process.env.REELGEN_CACHE_DIR || undefined;
  const bundle = await ensureBundle({ cacheDir });
  await resolveBrowserExecutable({ cacheDir, browserExecutable: process.env.REELGEN_BROWSER || undefined });
  process.stderr.write(`bundle ${bundle.hash}: ${bundle.cached ? "cached" : `built in ${bundle.seconds.toFixed(1)} s`}\n`);
  // The server serves web/dist; browser tests need it built from the current sources.
  const web = await ensureWebBuild();
  process.stderr.write(`web app ${web.hash}: ${web.cached ? "cached" : `built in ${web.seconds.toFixed(1)} s`}\n`);
}
