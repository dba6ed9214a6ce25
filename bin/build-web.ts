/**
 * Builds the web app, the embed page, `embed.js` and the player's ES module (`web/` → `web/dist`) when its sources changed since the last build, like the
 * renderer's bundle cache: a content hash of everything the app is built from, stamped into the
 * build. `bin/setup.sh` and the test set-up run it; a second run with nothing changed only hashes.
 *
 *   npx tsx bin/build-web.ts           # build if needed, print what happened
 *   npx tsx bin/build-web.ts --force   # build even when the stamp matches
 */
import { createHash } from "node:crypto";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** What the app is built from: its own folder, what it imports from the checkout, and this recipe. */
export const WEB_INPUTS = ["web", "script", "compositions", "templates", "package-lock.json", "bin/build-web.ts"];
/** The stamp inside the build saying which sources it was built from. */
export const WEB_STAMP = ".build.json";

export type WebBuild = { dir: string; hash: string; cached: boolean; seconds: number };

/**
 * Builds `web/dist` unless its stamp already names the sources' hash (`force`: build anyway). A
 * build during which the sources changed (an editor saving, a checkout) is not stamped with the
 * hash it started from: it is built again from what is there now.
 */
export const ensureWebBuild = async (options: { projectRoot?: string; force?: boolean } = {}): Promise<WebBuild> => {
  const started = performance.now();
  const root = options.projectRoot ?? ROOT;
  const dir = path.join(root, "web", "dist");
  const elapsed = () => (performance.now() - started) / 1000;
  let hash = await hashWebInputs(root);
  if (!options.force && (await stampOf(dir)) === hash) return { dir, hash, cached: true, seconds: elapsed() };
  for (let attempt = 1; ; attempt++) {
    const built = await buildInto(root, dir, hash, { replaceSame: Boolean(options.force), elapsed });
    const now = await hashWebInputs(root);
    if (built && now === hash) return { dir, hash, cached: false, seconds: elapsed() };
    if (attempt >= 3) throw new Error("web/ kept changing while it was being built; build again once it is still");
    hash = now;
  }
};

/**
 * One build into a staging folder beside `dir`, swapped in whole, so a server serving `dir` never
 * sees half a build. Returns false when the sources changed under it (then nothing is swapped in).
 */
const buildInto = async (root: string, dir: string, hash: string, options: { replaceSame: boolean; elapsed: () => number }): Promise<boolean> => {
  const staging = path.join(root, "web", `.dist-${process.pid}-${Date.now()}`);
  const old = `${staging}-old`;
  // Vite builds for whatever NODE_ENV says: under vitest ("test") it bundled React's development
  // build (the embed page 860 kB instead of 643 kB), stamped like the real one and then served.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    const { build } = await import("vite");
    await build({ configFile: path.join(root, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: staging, emptyOutDir: true } });
    // The embed page, its loader and the player's ES module: builds of their own, into the same staging folder.
    const { embedBuilds } = (await import(pathToFileURL(path.join(root, "web", "vite.config.ts")).href)) as typeof import("../web/vite.config");
    for (const config of embedBuilds(staging)) await build(config);
    if ((await hashWebInputs(root)) !== hash) return false;
    await writeFile(path.join(staging, WEB_STAMP), `${JSON.stringify({ hash, builtAt: new Date().toISOString(), seconds: Number(options.elapsed().toFixed(2)) })}\n`);
    // Another process may have built the same sources meanwhile: theirs is as good, unless forced.
    if (options.replaceSame || (await stampOf(dir)) !== hash) {
      await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
      await rename(staging, dir);
    }
    return true;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(staging, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
};

const stampOf = async (dir: string): Promise<string | null> => {
  try {
    return (JSON.parse(await readFile(path.join(dir, WEB_STAMP), "utf8")) as { hash?: string }).hash ?? null;
  } catch {
    return null;
  }
};

/** sha256 over the path and bytes of every input file, in a stable order (builds and `node_modules` left out). */
export const hashWebInputs = async (root: string = ROOT): Promise<string> => {
  const files: string[] = [];
  for (const input of WEB_INPUTS) files.push(...(await listFiles(path.join(root, input))));
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\u0000");
    hash.update(await readFile(file));
    hash.update("\u0000");
  }
  return hash.digest("hex").slice(0, 20);
};

const SKIPPED = new Set(["node_modules", "dist"]);
const listFiles = async (p: string): Promise<string[]> => {
  const info = await stat(p).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return [p];
  const out: string[] = [];
  for (const entry of await readdir(p, { withFileTypes: true })) {
    // `.dist-*` are builds under way; editor and OS dot-files change nothing.
    if (SKIPPED.has(entry.name) || entry.name.startsWith(".")) continue;
    out.push(...(await listFiles(path.join(p, entry.name))));
  }
  return out;
};

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = await ensureWebBuild({ force: process.argv.includes("--force") });
  process.stderr.write(`web app ${result.hash}: ${result.cached ? "up to date" : `built in ${result.seconds.toFixed(1)} s`} (${path.relative(process.cwd(), result.dir)})\n`);
}
