/**
 * The embeddable player's budgets, measured and reported (never asserted): the `embed.js`
 * loader's gzipped size (budget 15 kB), what the embed page loads first, each pack's chunk
 * (loaded on demand), the ES module build, and the time from the loader starting on a foreign
 * page to the player's first frame on screen (budget 1.5 s), headless Chromium over loopback,
 * a fresh browser profile (cold cache) per load, median of several loads.
 *
 *   npx tsx bench/embed-budget.ts      (also run at the end of `npm run bench`)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ensureWebBuild } from "../bin/build-web";
import { templatePackInfos } from "../templates/load-template-pack";
import { launchBrowser } from "../tests/e2e/browser";
import { startForeignSite } from "../tests/e2e/foreign-site";
import { startTestServer } from "../tests/server/harness";

const LOADS = 7;
const SCRIPT = {
  title: "Bench",
  format: "9:16",
  characters: [{ id: "maya", name: "Maya" }, { id: "leo", name: "Leo" }],
  scenes: [{ id: "one", heading: "Office kitchen", background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] }, lines: [{ speaker: "maya", text: "Where did my lunch go?" }, { speaker: "leo", text: "Nobody knows." }] }],
};

const { dir } = await ensureWebBuild();
const size = (file: string) => {
  const bytes = readFileSync(path.join(dir, file));
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const sum = (files: string[]) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gz: a.gz + b.gz }), { raw: 0, gz: 0 });
const row = (label: string, s: { raw: number; gz: number }) => console.log(`  ${label.padEnd(44)} ${kB(s.raw).padStart(10)} ${kB(s.gz).padStart(10)} gz`);

const html = readFileSync(path.join(dir, "embed.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const assets = readdirSync(path.join(dir, "assets"));
const playerFiles = readdirSync(path.join(dir, "player"), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

console.log("\nEmbeddable player: sizes (raw, gzip -9)");
row("embed.js (loader; budget 15 kB gz)", size("embed.js"));
row(`embed page, loaded first (${initial.length} files)`, sum(initial));
// The chunks the embed page imports on demand (the app's build has its own copies).
const lazy = initial.filter((f) => f.endsWith(".js")).flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => m[1]!));
for (const { id } of templatePackInfos) {
  const chunk = lazy.find((f) => f.startsWith(`${id}-`)) ?? assets.find((f) => f.startsWith(`${id}-`) && f.endsWith(".js"));
  if (chunk) row(`  pack ${id} (on demand)`, size(`assets/${chunk}`));
}
row("  fonts: the renderer's 5 Inter files (on demand)", sum(assets.filter((f) => /^inter-latin(-ext)?-(500|800)-(normal|italic)-.*\.woff2$/.test(f)).map((f) => `assets/${f}`)));
row("player/reelgen-player.js (ES module entry)", size("player/reelgen-player.js"));
row(`player/ chunks (${playerFiles.filter((f) => f.endsWith(".js")).length} files)`, sum(playerFiles.filter((f) => f.endsWith(".js"))));
row(`player/ font files (${playerFiles.filter((f) => f.endsWith(".woff2")).length}, on demand)`, sum(playerFiles.filter((f) => f.endsWith(".woff2"))));

// First frame: a foreign page with the loader, a published share and an inline template script.
const [server, browser, site] = await Promise.all([startTestServer({ worker: true }), launchBrowser(), startForeignSite()]);
try {
  const owner = await server.user();
  const project = await server.api("/v1/projects", { body: { name: "Bench", template: "minidrama", script: SCRIPT }, headers: owner.auth });
  const published = await server.api(`/v1/projects/${project.body.id}/share`, { body: {}, headers: owner.auth });
  const shareId: string | undefined = published.body?.id;
  const deadline = Date.now() + 120_000;
  while (shareId && Date.now() < deadline && (await server.api(`/v1/shares/${shareId}`, { headers: owner.auth })).body.status === "preparing") await new Promise((r) => setTimeout(r, 500));

  const csp = `default-src 'none'; script-src ${server.url}; frame-src ${server.url}; style-src 'self'`;
  const pages: [string, string][] = [
    ["inline template script", `<div data-reelgen-template="minidrama"><script type="application/json">${JSON.stringify(SCRIPT)}</script></div>`],
  ];
  if (shareId) pages.unshift(["published share", `<div data-reelgen-share="${shareId}"></div>`]);
  console.log(`\nEmbeddable player: first frame after embed.js starts (budget 1.5 s), median of ${LOADS} cold loads over loopback`);
  for (const [label, body] of pages) {
    const url = site.page(`/${label.replace(/\W+/g, "-")}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><script src="${server.url}/embed.js" async></script>${body}</body></html>`, { csp });
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
      const page = await context.newPage();
      await page.goto(url);
      const start = await page.waitForFunction(() => {
        const mark = performance.getEntriesByName("reelgen:embed-start")[0];
        return mark ? performance.timeOrigin + mark.startTime : null;
      });
      const frame = (await (await page.locator("iframe").elementHandle())!.contentFrame())!;
      const shown = await frame.waitForFunction(() => {
        const mark = performance.getEntriesByName("reelgen:first-frame")[0];
        return mark ? performance.timeOrigin + mark.startTime : null;
      }, undefined, { timeout: 30_000 });
      times.push((await shown.jsonValue())! - (await start.jsonValue())!);
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(`  ${label.padEnd(24)} median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s  (min ${(times[0]! / 1000).toFixed(2)}, max ${(times.at(-1)! / 1000).toFixed(2)})`);
  }
  if (!shareId) console.log(`  (no share: publishing answered ${published.status})`);
} finally {
  await browser.close();
  await site.close();
  await server.close();
}
// The server's pools and the harness's Redis connections would keep the process alive.
process.exit(0);
