import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { buildTimeline, isRemoteSrc, mapScriptSources, scriptSources } from "../script";
import { ReelgenError } from "../script/reelgen-error";
import type { RenderPlan } from "./render-plan";
import { checkStorageKey, type Storage } from "./storage/index";

/** How a plan names a file kept in storage instead of on this machine's disk. */
export const STORAGE_SRC = "storage:";

const sha256 = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });

/**
 * Makes a plan renderable on any machine that shares the storage: every local file its script
 * names (speech, media) is put under `prefix/` by content hash (a file already there is not sent
 * again), and the plan names it `storage:<key>`. Remote URLs stay as they are.
 */
export const storePlanAssets = async (plan: RenderPlan, storage: Storage, prefix: string): Promise<RenderPlan> => {
  checkStorageKey(prefix, "prefix");
  const keys = new Map<string, string>();
  for (const ref of scriptSources(plan.script)) {
    if (isRemoteSrc(ref.src) || ref.src.startsWith(STORAGE_SRC) || keys.has(ref.src)) continue;
    const file = path.resolve(plan.assetBaseDir, ref.src);
    const key = `${prefix}/${await sha256(file)}${path.extname(file).toLowerCase()}`;
    if (!(await storage.head(key))) await storage.putFile(key, file);
    keys.set(ref.src, key);
  }
  const script = mapScriptSources(plan.script, (src) => (keys.has(src) ? STORAGE_SRC + keys.get(src)! : src));
  // The timeline is derived from the script (it names the speech too): derived again.
  return { ...plan, script, timeline: buildTimeline(script, plan.fps) };
};

/** The other half: downloads every `storage:` file of the plan into `dir` and points the plan at the copies. */
export const fetchPlanAssets = async (plan: RenderPlan, storage: Storage, dir: string): Promise<RenderPlan> => {
  await mkdir(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const ref of scriptSources(plan.script)) {
    if (!ref.src.startsWith(STORAGE_SRC) || files.has(ref.src)) continue;
    const key = checkStorageKey(ref.src.slice(STORAGE_SRC.length), "asset");
    const file = path.join(dir, key.replaceAll("/", "_"));
    try {
      await storage.downloadTo(key, file);
    } catch (error) {
      if (error instanceof ReelgenError && error.code === "NOT_FOUND") throw new ReelgenError({ code: "ASSET_NOT_FOUND", message: `the plan's asset ${key} is not in storage`, cause: error });
      throw error;
    }
    files.set(ref.src, file);
  }
  const script = mapScriptSources(plan.script, (src) => files.get(src) ?? src);
  return { ...plan, assetBaseDir: dir, script, timeline: buildTimeline(script, plan.fps) };
};
