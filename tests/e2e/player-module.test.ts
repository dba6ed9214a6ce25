import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../renderer/index";
import { startTestServer, type TestServer } from "../server/harness";
import { launchBrowser, watchErrors } from "./browser";
import { startForeignSite, type ForeignSite } from "./foreign-site";

const SCRIPT = {
  title: "Module check",
  format: "1:1",
  characters: [{ id: "maya", name: "Maya" }],
  scenes: [{ id: "one", background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] }, lines: [{ speaker: "maya", text: "Hello from somebody else's React app" }] }],
};

/**
 * `<ReelgenPlayer>` as a React site uses it: the site's own bundler (Vite here) builds the site's
 * code with the player module from `web/dist/player/` and the site's own react and react-dom.
 */
describe("the ES module build inside another React app", () => {
  let server: TestServer;
  let browser: Browser;
  let site: ForeignSite;
  // Under the checkout, so the site's bundler finds react in its node_modules.
  const siteDir = path.join(PROJECT_ROOT, ".cache", `react-site-${process.pid}`);

  beforeAll(async () => {
    [server, browser, site] = await Promise.all([startTestServer(), launchBrowser(), startForeignSite()]);
    mkdirSync(siteDir, { recursive: true });
    writeFileSync(
      path.join(siteDir, "main.js"),
      `import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { ReelgenPlayer } from ${JSON.stringify(path.join(PROJECT_ROOT, "web", "dist", "player", "reelgen-player.js"))};
const config = JSON.parse(document.getElementById("config").textContent);
createRoot(document.getElementById("app")).render(
  h("div", { className: "players" },
    h(ReelgenPlayer, { template: "promo", script: config.script, title: "Module check", className: "player" }),
    h(ReelgenPlayer, { share: config.missingShare, host: config.host, className: "player" }),
  ),
);`,
    );
    await build({
      configFile: false,
      root: siteDir,
      logLevel: "error",
      build: { outDir: path.join(siteDir, "dist"), emptyOutDir: true, rollupOptions: { input: path.join(siteDir, "main.js"), output: { entryFileNames: "main.js" } } },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.close();
    rmSync(siteDir, { recursive: true, force: true });
  });

  it("plays a script in a shadow root, untouched by the site's CSS, and reads a share from the reelgen server across origins", async () => {
    // The site's built files, served from the site's origin.
    for (const entry of readdirSync(path.join(siteDir, "dist"), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".woff2") ? "font/woff2" : "application/octet-stream";
      site.page(`/${path.relative(path.join(siteDir, "dist"), file).split(path.sep).join("/")}`, readFileSync(file), { type });
    }
    site.page("/site.css", ".players { display: grid; gap: 16px; width: 320px; } button { background: rgb(255, 0, 0) !important; } * { font-family: serif !important; }", { type: "text/css" });
    const config = { script: SCRIPT, host: server.url, missingShare: "AAAAAAAAAAAAAAAAAAAAAAAA" };
    const url = site.page(
      "/react.html",
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A React site</title><link rel="stylesheet" href="/site.css"></head><body><div id="app"></div>
<script type="application/json" id="config">${JSON.stringify(config).replace(/</g, "\\u003c")}</script><script type="module" src="/main.js"></script></body></html>`,
      // What the module needs of a site's policy: the server for the share's JSON and files, the
      // font files (fetched, so connect-src; here the site's bundler copied them to its own
      // origin), data: media (Remotion unlocks audio with a silent data: clip), and inline styles
      // (Remotion's player adds one <style> to the page's head).
      { csp: `default-src 'none'; script-src 'self'; connect-src 'self' ${server.url}; img-src ${server.url} data: blob:; media-src ${server.url} data: blob:; style-src 'self' 'unsafe-inline'` },
    );
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const errors = watchErrors(page);
    try {
      await page.goto(url);
      const players = page.locator("[data-reelgen-player]");
      await expect.poll(() => players.count(), { message: errors.join("\n") }).toBe(2);
      const first = players.nth(0);
      await first.locator("[data-ready]").waitFor({ timeout: 20_000 });
      // 1:1 in a 320 px column.
      const box = (await first.boundingBox())!;
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([320, 320]);
      // The player lives in a shadow root: the site's `button { background: red !important }` does not reach it.
      const play = first.getByRole("button", { name: "Play" }).first();
      expect(await play.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgb(255, 0, 0)");
      expect(await first.evaluate((el) => el.shadowRoot !== null && el.querySelector("button") === null)).toBe(true);
      // …and the player's classes do not style the site.
      expect(await page.evaluate(() => document.querySelectorAll(".rg-root, .rg-btn").length)).toBe(0);

      // The renderer's fonts, as files the site's bundler copied beside its code.
      expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Inter" && f.status === "loaded").length)).toBe(5);
      await play.click();
      const seek = first.getByRole("slider", { name: "Seek" });
      await expect.poll(async () => Number(await seek.inputValue()), { timeout: 10_000 }).toBeGreaterThan(0.5);
      await expect.poll(() => first.getByRole("region").textContent(), { timeout: 10_000 }).toContain("React");

      // The share's JSON comes from the reelgen server, across origins: its 404 is readable (CORS), so the player says what it means.
      await expect.poll(() => players.nth(1).getByRole("alert").textContent(), { timeout: 20_000 }).toContain("This video is no longer available");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
