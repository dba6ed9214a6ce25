import { access, constants, mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { DEFAULT_CACHE_DIR } from "./project-paths";
import { ReelgenError } from "../script/reelgen-error";
import { runTool } from "./run-tool";

const require = createRequire(import.meta.url);

/** How long unpacking the browser (about 60 MB of brotli) may take. */
export const BROWSER_UNPACK_TIMEOUT_MS = 300_000;

/**
 * The Chromium to render with: `browserExecutable` when given (the CLI passes `REELGEN_BROWSER`),
 * checked to be executable; otherwise the chrome-headless-shell build inside
 * `@sparticuz/chromium`, unpacked once into `<cacheDir>/chromium-<version>`. Nothing is ever
 * downloaded, and this process's environment is never changed: the package unpacks into
 * `os.tmpdir()`, so it runs in a child process whose own `TMPDIR` points at a staging folder.
 */
export const resolveBrowserExecutable = async (
  options: { browserExecutable?: string | null; cacheDir?: string; signal?: AbortSignal | null; timeoutMs?: number } = {},
): Promise<string> => {
  const explicit = options.browserExecutable;
  if (explicit) {
    try {
      await access(explicit, constants.X_OK);
    } catch (err) {
      // The path stays in the cause: it is this machine's, not something to show a caller.
      throw new ReelgenError({ code: "BROWSER_NOT_FOUND", message: "The configured browser (REELGEN_BROWSER) is not an executable file", cause: err });
    }
    return explicit;
  }
  return unpackSparticuzChromium(path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR), options.signal ?? null, options.timeoutMs ?? BROWSER_UNPACK_TIMEOUT_MS);
};

// One unpacking per cache folder at a time within this process; other processes race by rename.
const unpacking = new Map<string, Promise<string>>();

const unpackSparticuzChromium = (cacheDir: string, signal: AbortSignal | null, timeoutMs: number): Promise<string> => {
  const running = unpacking.get(cacheDir);
  if (running) return running;
  const work = (async () => {
    const version = await sparticuzVersion();
    const dir = path.join(cacheDir, `chromium-${version}`);
    const executable = path.join(dir, "chromium");
    if (await isFile(executable)) return executable;
    await mkdir(cacheDir, { recursive: true });
    // Unpack into a staging folder, then move the result into place in one rename so a crash
    // never leaves a half-unpacked browser behind.
    const staging = await mkdtemp(path.join(cacheDir, ".chromium-"));
    try {
      await runTool({
        command: process.execPath,
        args: ["-e", "require(process.argv[1]).executablePath().then((file) => process.stdout.write(file))", require.resolve("@sparticuz/chromium")],
        env: { TMPDIR: staging },
        timeoutMs,
        signal,
        code: "BROWSER_NOT_FOUND",
        what: "Unpacking the browser",
      });
      if (!(await isFile(path.join(staging, "chromium")))) {
        throw new ReelgenError({ code: "BROWSER_NOT_FOUND", message: "Unpacking the browser left no executable" });
      }
      try {
        await rename(staging, dir);
      } catch (err) {
        // Another process won the race; its copy is as good as ours.
        if (!(await isFile(executable))) throw err;
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return executable;
  })();
  unpacking.set(cacheDir, work);
  // Only the finished promise stays shared; a later call after a failure tries again.
  work.then(
    () => {},
    () => unpacking.delete(cacheDir),
  );
  return work;
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
