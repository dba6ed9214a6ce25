import { bundle } from "@remotion/bundler";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_CACHE_DIR, ENTRY_POINT, PROJECT_ROOT } from "./project-paths";

/** What goes into the browser bundle; a change to any of these makes a new bundle. */
export const BUNDLE_INPUTS = ["script", "compositions", "templates", "studio", "public", "package-lock.json", "tsconfig.json"];
/** Bundles kept after a build: the new one and the most recently made others. */
export const KEEP_BUNDLES = 3;

export type BundleResult = {
  serveUrl: string;
  hash: string;
  /** True when an existing bundle was reused and webpack did not run. */
  cached: boolean;
  seconds: number;
};

/**
 * The webpack bundle of the project, built once per content hash of its sources and kept under
 * `.cache/bundles/<hash>`. A second render of an unchanged project reuses it.
 */
export const ensureBundle = async (options: {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The checkout to bundle (default: this one); tests bundle a copy to watch a rebuild. */
  projectRoot?: string;
  /** Where `bundles/` lives (default `.cache/`; the CLI passes `REELGEN_CACHE_DIR`). */
  cacheDir?: string;
} = {}): Promise<BundleResult> => {
  const started = performance.now();
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const hash = await hashBundleInputs({ projectRoot });
  const root = path.join(options.cacheDir ?? DEFAULT_CACHE_DIR, "bundles");
  const dir = path.join(root, hash);
  if (await exists(path.join(dir, "index.html"))) {
    return { serveUrl: dir, hash, cached: true, seconds: (performance.now() - started) / 1000 };
  }
  await mkdir(root, { recursive: true });
  const staging = path.join(root, `.${hash}-${process.pid}-${Date.now()}`);
  try {
    await bundle({
      entryPoint: path.join(projectRoot, path.relative(PROJECT_ROOT, ENTRY_POINT)),
      rootDir: projectRoot,
      outDir: staging,
      enableCaching: true,
      onProgress: (percent) => options.onProgress?.(percent / 100),
    });
    options.signal?.throwIfAborted();
    try {
      await rename(staging, dir);
    } catch (err) {
      // A concurrent build of the same hash finished first: same content, keep theirs.
      if (!(await exists(path.join(dir, "index.html")))) throw err;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await pruneOldBundles(root, hash);
  return { serveUrl: dir, hash, cached: false, seconds: (performance.now() - started) / 1000 };
};

/** sha256 over the path and bytes of every bundle input, in a stable order. */
export const hashBundleInputs = async ({ projectRoot = PROJECT_ROOT }: { projectRoot?: string } = {}): Promise<string> => {
  const hash = createHash("sha256");
  const files: string[] = [];
  for (const input of BUNDLE_INPUTS) files.push(...(await listFiles(path.join(projectRoot, input))));
  files.sort();
  for (const file of files) {
    hash.update(path.relative(projectRoot, file));
    hash.update("\u0000");
    hash.update(await readFile(file));
    hash.update("\u0000");
  }
  return hash.digest("hex").slice(0, 20);
};

const listFiles = async (p: string): Promise<string[]> => {
  let info;
  try {
    info = await stat(p);
  } catch {
    return [];
  }
  if (info.isFile()) return [p];
  const out: string[] = [];
  for (const entry of await readdir(p, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    out.push(...(await listFiles(path.join(p, entry.name))));
  }
  return out;
};

const pruneOldBundles = async (root: string, keep: string) => {
  const entries = await readdir(root, { withFileTypes: true });
  const bundles = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== keep)
      .map(async (e) => ({ dir: path.join(root, e.name), mtime: (await stat(path.join(root, e.name))).mtimeMs })),
  );
  bundles.sort((a, b) => b.mtime - a.mtime);
  for (const old of bundles.slice(KEEP_BUNDLES - 1)) await rm(old.dir, { recursive: true, force: true });
};

const exists = async (p: string) => {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
};
