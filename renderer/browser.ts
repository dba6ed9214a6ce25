import { access, constants, mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { CACHE_DIR } from "./project-paths";
import { ReelgenError } from "../script/reelgen-error";

const require = createRequire(import.meta.url);

/**
 * The Chromium to render with. `REELGEN_BROWSER` names one explicitly; otherwise the
 * chrome-headless-shell build inside `@sparticuz/chromium`, unpacked once into the project's
 * cache. Nothing is ever downloaded.
 */
export const resolveBrowserExecutable = async (): Promise<string> => {
  const explicit = process.env.REELGEN_BROWSER;
  if (explicit) {
    try {
      await access(explicit, constants.X_OK);
    } catch {
      throw new ReelgenError({
        code: "BROWSER_NOT_FOUND",
        message: `REELGEN_BROWSER=${explicit} is not an executable file`,
      });
    }
    return explicit;
  }
  return unpackSparticuzChromium();
};

let unpacking: Promise<string> | null = null;

const unpackSparticuzChromium = (): Promise<string> => {
  unpacking ??= (async () => {
    const version = await sparticuzVersion();
    const dir = path.join(CACHE_DIR, `chromium-${version}`);
    const executable = path.join(dir, "chromium");
    if (await isFile(executable)) return executable;
    await mkdir(CACHE_DIR, { recursive: true });
    // The package unpacks into os.tmpdir(): point that at a staging folder, then move the
    // result into place in one rename so a crash never leaves a half-unpacked browser behind.
    const staging = await mkdtemp(path.join(CACHE_DIR, ".chromium-"));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      const { default: chromium } = await import("@sparticuz/chromium");
      await chromium.executablePath();
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    try {
      await rename(staging, dir);
    } catch (err) {
      // Another process won the race; its copy is as good as ours.
      if (!(await isFile(executable))) throw err;
      await rm(staging, { recursive: true, force: true });
    }
    return executable;
  })();
  unpacking.catch(() => {
    unpacking = null;
  });
  return unpacking;
};

// The package does not export its package.json; find it above its entry file.
const sparticuzVersion = async () => {
  let dir = path.dirname(require.resolve("@sparticuz/chromium"));
  while (!(await isFile(path.join(dir, "package.json"))) || path.basename(dir) !== "chromium") {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("@sparticuz/chromium: package.json not found");
    dir = parent;
  }
  return (JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
};

const isFile = async (p: string) => {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
};
