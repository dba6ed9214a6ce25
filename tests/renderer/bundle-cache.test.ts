import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLE_INPUTS, ensureBundle, hashBundleInputs, KEEP_BUNDLES } from "../../renderer/bundle-cache";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { tempDir } from "./fixtures";

/** The bundle's JavaScript, all files joined. */
const bundleJs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");

describe("bundle cache", () => {
  // One real webpack run: a copy of the sources, a cache folder seeded with bundles of known ages.
  it("reuses the bundle of unchanged sources, rebuilds after a source change, and prunes the oldest bundles", async () => {
    const root = tempDir();
    for (const input of BUNDLE_INPUTS) {
      if (existsSync(path.join(PROJECT_ROOT, input))) cpSync(path.join(PROJECT_ROOT, input), path.join(root, input), { recursive: true });
    }
    symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    // Same bytes under the same relative paths: the same hash as this checkout.
    const hash = await hashBundleInputs();
    expect(await hashBundleInputs({ projectRoot: root })).toBe(hash);

    const cacheDir = tempDir();
    const bundles = path.join(cacheDir, "bundles");
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const seed = (name: string, age: Date) => {
      mkdirSync(path.join(bundles, name), { recursive: true });
      writeFileSync(path.join(bundles, name, "index.html"), "<!-- seeded -->");
      utimesSync(path.join(bundles, name), age, age);
    };
    seed(hash, hoursAgo(1));
    seed("old-a", hoursAgo(4));
    seed("old-b", hoursAgo(3));
    seed("old-c", hoursAgo(2));

    // Unchanged sources: the seeded bundle is served as it is (a build would replace its index.html).
    const reused = await ensureBundle({ projectRoot: root, cacheDir });
    expect(reused).toMatchObject({ cached: true, hash, serveUrl: path.join(bundles, hash) });
    expect(readFileSync(path.join(bundles, hash, "index.html"), "utf8")).toBe("<!-- seeded -->");
    expect(readdirSync(bundles).sort()).toEqual([hash, "old-a", "old-b", "old-c"].sort());

    // A change to one source file the composition uses: a colour no source has yet.
    const marker = `#${randomBytes(3).toString("hex")}`;
    const source = path.join(root, "compositions", "background.tsx");
    const before = readFileSync(source, "utf8");
    expect(before).toContain('"#312e81"');
    writeFileSync(source, before.replace('"#312e81"', `"${marker}"`));

    const progress: number[] = [];
    const rebuilt = await ensureBundle({ projectRoot: root, cacheDir, onProgress: (p) => progress.push(p) });
    expect(rebuilt.cached).toBe(false);
    expect(rebuilt.hash).not.toBe(hash);
    expect(rebuilt.hash).toBe(await hashBundleInputs({ projectRoot: root }));
    expect(rebuilt.serveUrl).toBe(path.join(bundles, rebuilt.hash));
    expect(progress.at(-1)).toBe(1);
    // Really rebuilt from the changed copy: webpack's output carries the new colour, not the old one.
    expect(readFileSync(path.join(rebuilt.serveUrl, "index.html"), "utf8")).not.toBe("<!-- seeded -->");
    const js = bundleJs(rebuilt.serveUrl);
    expect(js).toContain(marker);
    // (Other sources use that colour too, e.g. the mood gradients; the default background's own literal is gone.)
    expect(js).not.toMatch(/type: "gradient",\s*colors: \["#0f172a", "#312e81", "#111827"\]/);
    expect(before).toMatch(/type: "gradient",\s*colors: \["#0f172a", "#312e81", "#111827"\]/);

    // Pruned to KEEP_BUNDLES: the new one and the most recent others; no staging folder left.
    expect(KEEP_BUNDLES).toBe(3);
    expect(readdirSync(bundles).sort()).toEqual([rebuilt.hash, hash, "old-c"].sort());

    // And the new bundle is reused from now on.
    expect(await ensureBundle({ projectRoot: root, cacheDir })).toMatchObject({ cached: true, hash: rebuilt.hash });
  });
});
