import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBrowserExecutable } from "../../renderer/browser";
import { renderStill } from "../../renderer/render-still";
import { shortScript, tempDir } from "./fixtures";

describe("the render browser", () => {
  it("unpacks @sparticuz/chromium without touching this process's TMPDIR, twice at once into two caches", async () => {
    const before = process.env.TMPDIR;
    const seen = new Set<string | undefined>();
    // Sampled all through the unpacking: a worker's other jobs run while it happens.
    const sampler = setInterval(() => seen.add(process.env.TMPDIR), 1);
    const [a, b] = [tempDir(), tempDir()];
    let executables: string[];
    try {
      executables = await Promise.all([resolveBrowserExecutable({ cacheDir: a }), resolveBrowserExecutable({ cacheDir: b })]);
    } finally {
      clearInterval(sampler);
    }
    expect([...seen]).toEqual([before]);
    expect(process.env.TMPDIR).toBe(before);
    for (const [i, dir] of [a, b].entries()) {
      expect(executables[i]).toMatch(new RegExp(`^${dir}/chromium-[\\d.]+/chromium$`));
      // No staging folder left behind; the browser runs.
      expect(readdirSync(dir)).toEqual([path.basename(path.dirname(executables[i]!))]);
      expect(execFileSync(executables[i]!, ["--version"], { encoding: "utf8" })).toMatch(/Chrom(e|ium)/);
    }
    // A second call reuses the unpacked copy.
    expect(await resolveBrowserExecutable({ cacheDir: a })).toBe(executables[0]);
  }, 120_000);

  it("refuses a configured browser that is not executable, without naming its path", async () => {
    const err = await resolveBrowserExecutable({ browserExecutable: "/secret/place/chrome" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BROWSER_NOT_FOUND", message: "The configured browser (REELGEN_BROWSER) is not an executable file" });
  });

  it("gives a frame the configured time (timeouts.frameMs) to load, then fails without quoting the browser", async () => {
    const held: http.ServerResponse[] = [];
    // A font server that never answers: the brand font's delayRender() can only time out.
    const server = http.createServer((_req, res) => void held.push(res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const fontUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/brand.woff2`;
    const dir = tempDir();
    const started = performance.now();
    try {
      const err = await renderStill({
        script: shortScript({ brand: { font: { family: "Hanging Sans", src: fontUrl } } }),
        template: "minidrama",
        outputPath: path.join(dir, "still.png"),
        resolution: "480p",
        voice: false,
        timeouts: { frameMs: 7000 },
      }).catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      // Remotion gives delayRender() the limit less 2 s; its default (30 s) would wait 28 s.
      expect(elapsed).toBeGreaterThan(5000);
      expect(elapsed).toBeLessThan(25_000);
      expect(held.length).toBeGreaterThan(0);
      expect(err).toMatchObject({ code: "RENDER_FAILED", message: "Still failed in the browser" });
      // Remotion's own words (it keeps 2 s of the limit for itself) stay in the cause.
      expect(String(((err as Error).cause as Error).message)).toMatch(/delayRender\(\) "Loading brand font Hanging Sans" was called but not cleared after 5000ms/);
      expect((err as Error).message).not.toContain("127.0.0.1");
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      for (const res of held) res.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 60_000);
});
