import { resolveBrowserExecutable } from "../renderer/browser";
import { ensureBundle } from "../renderer/bundle-cache";

/** Bundle once per run (a no-op when the sources are unchanged) and unpack the browser, before any test. */
export default async function setup() {
  const bundle = await ensureBundle();
  await resolveBrowserExecutable();
  process.stderr.write(`bundle ${bundle.hash}: ${bundle.cached ? "cached" : `built in ${bundle.seconds.toFixed(1)} s`}\n`);
}
