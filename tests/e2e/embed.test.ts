import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/harness";
import { axeViolations, launchBrowser, watchErrors } from "./browser";
import { startForeignSite, type ForeignSite } from "./foreign-site";

const DIST = path.join(import.meta.dirname, "..", "..", "web", "dist");

/** A short two-hander every pack can play: no files, no emoji, plain Latin text. */
const SCRIPT = {
  title: "Embed check",
  format: "9:16",
  characters: [
    { id: "maya", name: "Maya", color: "#f43f5e" },
    { id: "leo", name: "Leo", color: "#38bdf8" },
  ],
  scenes: [
    {
      id: "one",
      background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] },
      lines: [
        { speaker: "maya", text: "Where did my lunch go today?" },
        { speaker: "leo", text: "Nobody knows, but the cat looks happy." },
      ],
    },
  ],
};

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

describe("the embeddable player's build", () => {
  /** The embed page's own files: embed.html's scripts and everything they import, by name. */
  const embedFiles = (): string[] => {
    const html = readFileSync(path.join(DIST, "embed.html"), "utf8");
    const seen = new Set<string>();
    const queue = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const code = readFileSync(path.join(DIST, file), "utf8");
      for (const m of code.matchAll(/["'`(/]([\w.-]+\.js)["'`)]/g)) {
        const next = `assets/${m[1]}`;
        if (!seen.has(next) && readdirSync(path.join(DIST, "assets")).includes(m[1]!)) queue.push(next);
      }
    }
    return [...seen];
  };

  it("embed.js is a small classic script, and nothing the embed runs builds code from strings", () => {
    const loader = readFileSync(path.join(DIST, "embed.js"));
    const gz = gzipSync(loader).length;
    expect(gz, "embed.js gzipped").toBeLessThan(15 * 1024);
    expect(loader.toString()).not.toMatch(/^\s*(import|export)\b/m);

    const page = embedFiles();
    // The page, the pack chunks it loads on demand, and the player's ES module with its chunks.
    expect(page.some((f) => /minidrama/.test(f))).toBe(true);
    const player = readdirSync(path.join(DIST, "player"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".js"))
      .map((e) => path.relative(DIST, path.join(e.parentPath, e.name)));
    expect(player).toContain("player/reelgen-player.js");
    const offenders: string[] = [];
    for (const file of ["embed.js", ...page, ...player]) {
      const code = readFileSync(path.join(DIST, file), "utf8");
      // eval, the Function constructor called or aliased (`let e=Function,…; new e(…)`), string timers.
      for (const m of code.matchAll(/.{0,40}(\beval\(|new Function\b|(?<![.\w])Function\(|=\s*Function\s*[,;)]|set(?:Timeout|Interval)\(\s*["'`]).{0,40}/g)) offenders.push(`${file}: …${m[0]}…`);
      // A production build: React's development runtime (jsxDEV) is a third bigger and slower.
      if (code.includes("jsxDEV")) offenders.push(`${file}: a development build (jsxDEV)`);
    }
    expect(offenders).toEqual([]);
  });
});

describe("embedding on a foreign page (real server, real Chromium, strict CSP)", () => {
  let server: TestServer;
  let browser: Browser;
  let site: ForeignSite;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // With a worker: publishing a share voices its lines and renders its poster.
    [server, browser, site] = await Promise.all([startTestServer({ worker: true }), launchBrowser(), startForeignSite()]);
    // The host page's own styles, which must not reach into the player (and the player's not out).
    site.page("/site.css", "body { font: 20px serif; color: #400; } .column { width: 360px; } button { background: red !important; }", { type: "text/css" });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await site?.close();
    await server?.close();
  });

  /** The host page's policy: scripts and frames only from the reelgen server, nothing inline. */
  const strictCsp = () => `default-src 'none'; script-src ${server.url}; frame-src ${server.url}; style-src 'self'; connect-src 'self'; img-src 'self'`;

  /** Opens a foreign page; records console errors, failed loads and CSP violations in every frame. */
  const openForeign = async (urlPath: string, body: string, viewport = { width: 800, height: 900 }) => {
    const url = site.page(urlPath, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title><link rel="stylesheet" href="/site.css"></head><body><main><h1>A blog post</h1>${body}</main></body></html>`, { csp: strictCsp() });
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    contexts.push(context);
    // Injected through the DevTools protocol, so it runs in every frame whatever the page's policy.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} (${location.href})`));
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const responses: { url: string; status: number }[] = [];
    page.on("response", (r) => responses.push({ url: r.url(), status: r.status() }));
    await page.goto(url);
    return { page, errors, responses };
  };

  const playerFrame = async (page: Page, index = 0): Promise<Frame> => {
    const handle = await page.locator("iframe").nth(index).elementHandle({ timeout: 15_000 });
    return (await handle!.contentFrame())!;
  };

  const violations = async (page: Page) => {
    const all: string[] = [];
    for (const frame of page.frames()) all.push(...(await frame.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []).catch(() => [])));
    return all;
  };

  it("plays a published share with its voice track, poster and captions", async () => {
    const owner = await server.user();
    const project = await server.api("/v1/projects", { body: { name: "Embed check", template: "minidrama", script: SCRIPT }, headers: owner.auth });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const published = await server.api(`/v1/projects/${project.body.id}/share`, { body: {}, headers: owner.auth });
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    const id: string = published.body.id;
    await expect.poll(async () => (await server.api(`/v1/shares/${id}`, { headers: owner.auth })).body.status, { timeout: 90_000, interval: 500 }).toBe("ready");
    const share = (await server.api(`/v1/shares/${id}/public`)).body as { poster: string | null; props: { scenes: { lines: { speech?: { src: string } }[] }[] } };
    const voices = share.props.scenes.flatMap((s) => s.lines.map((l) => l.speech?.src));
    expect(voices.every((src) => typeof src === "string" && src.startsWith(`${server.url}/v1/shares/${id}/assets/`)), JSON.stringify(voices)).toBe(true);

    const { page, errors, responses } = await openForeign("/share.html", `<script src="${server.url}/embed.js" async></script><div class="column"><div data-reelgen-share="${id}"></div></div>`);
    const iframe = page.locator("iframe");
    await expect.poll(() => iframe.getAttribute("src")).toMatch(new RegExp(`^${server.url}/embed/${id}\\?`));
    const frame = await playerFrame(page);
    const region = frame.getByRole("region", { name: "Video player: Embed check" });
    await frame.locator("[data-ready]").waitFor({ timeout: 20_000 });
    // The share's cover frame until the first play.
    expect(share.poster, "a share has a poster by default").toMatch(/^http/);
    expect(await frame.locator("img.rg-poster").getAttribute("src")).toBe(share.poster);
    const box = (await iframe.boundingBox())!;
    expect(box.height / box.width).toBeCloseTo(16 / 9, 1);

    const seek = frame.getByRole("slider", { name: "Seek" });
    await frame.getByRole("button", { name: "Play" }).first().click();
    await expect.poll(async () => Number(await seek.inputValue()), { timeout: 10_000 }).toBeGreaterThan(0.5);
    await expect.poll(() => frame.locator("img.rg-poster").count()).toBe(0);
    // The prepared voice of the first line was fetched (whole or by range) and its caption is on screen.
    await expect.poll(() => responses.filter((r) => r.url === voices[0] && (r.status === 200 || r.status === 206)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain("lunch");

    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);

    // The embed page itself, at a phone's width: no serious accessibility problems.
    const direct = await page.context().newPage();
    await direct.setViewportSize({ width: 390, height: 700 });
    await direct.goto(`${server.url}/embed/${id}`);
    await direct.locator("[data-ready]").waitFor({ timeout: 20_000 });
    expect(await axeViolations(direct)).toEqual([]);
  });

  it("plays a published render: its video with its captions track, the same controls, an accessible page", async () => {
    const owner = await server.user();
    const ordered = await server.api("/v1/renders", { body: { template: "minidrama", script: SCRIPT, outputs: [{ format: "mp4", resolution: "480p" }] }, headers: owner.auth });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(202);
    await expect.poll(async () => (await server.api(`/v1/renders/${ordered.body.id}`, { headers: owner.auth })).body.status, { timeout: 120_000, interval: 1000 }).toBe("completed");
    const published = await server.api(`/v1/renders/${ordered.body.id}/share`, { body: {}, headers: owner.auth });
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    const id: string = published.body.id;
    await expect.poll(async () => (await server.api(`/v1/shares/${id}`, { headers: owner.auth })).body.status, { timeout: 60_000, interval: 500 }).toBe("ready");
    const share = (await server.api(`/v1/shares/${id}/public`)).body as { video: { src: string }; captions: string | null };
    expect(share.captions, "a render share carries its captions").toMatch(/\.vtt$/);

    const { page, errors } = await openForeign("/render.html", `<script src="${server.url}/embed.js" async></script><div class="column"><div data-reelgen-share="${id}"></div></div>`);
    const frame = await playerFrame(page);
    await frame.locator("[data-ready]").waitFor({ timeout: 20_000 });
    const video = frame.locator("video");
    expect(await video.locator("source").getAttribute("src")).toBe(share.video.src);
    expect(await video.locator("track").getAttribute("src")).toBe(share.captions);
    await frame.getByRole("button", { name: "Play" }).first().click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
    // The captions track is loaded and showing; "c" hides it.
    const cues = () => video.evaluate((v: HTMLVideoElement) => ({ mode: v.textTracks[0]?.mode, cues: Array.from(v.textTracks[0]?.cues ?? []).map((c) => (c as VTTCue).text).join(" ") }));
    await expect.poll(async () => (await cues()).cues, { timeout: 10_000 }).toContain("lunch");
    expect((await cues()).mode).toBe("showing");
    await frame.getByRole("region").focus();
    await page.keyboard.press("c");
    await expect.poll(async () => (await cues()).mode).toBe("hidden");
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);

    // The embed page itself: no serious accessibility problems.
    const direct = await page.context().newPage();
    await direct.goto(`${server.url}/embed/${id}`);
    await direct.locator("[data-ready]").waitFor({ timeout: 20_000 });
    expect(await axeViolations(direct)).toEqual([]);
  });

  it("plays a template and an inline script: the frame follows the aspect ratio, plays, shows captions, obeys the keyboard", async () => {
    const { page, errors } = await openForeign(
      "/inline.html",
      `<script src="${server.url}/embed.js" async></script><div class="column"><div data-reelgen-template="minidrama" data-title="Lunch mystery"><script type="application/json">${escapeJson(SCRIPT)}</script></div></div>`,
    );
    const iframe = page.locator("iframe");
    await expect.poll(() => iframe.count()).toBe(1);
    expect(await iframe.getAttribute("src")).toMatch(new RegExp(`^${server.url}/embed\\?`));
    // 9:16 in a 360 px column.
    const box = (await iframe.boundingBox())!;
    expect(box.width).toBeCloseTo(360, 0);
    expect(box.height).toBeCloseTo(640, 0);

    const frame = await playerFrame(page);
    const region = frame.getByRole("region", { name: "Video player" });
    await region.waitFor({ timeout: 20_000 });
    const seek = frame.getByRole("slider", { name: "Seek" });
    await seek.waitFor();
    expect(Number(await seek.getAttribute("max"))).toBeGreaterThan(3);
    await frame.getByRole("button", { name: "Play" }).first().click();
    await expect.poll(async () => Number(await seek.inputValue()), { timeout: 10_000 }).toBeGreaterThan(0.5);
    // The first line's caption is drawn in the frame.
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain("lunch");

    // Keyboard: c hides the captions, m mutes, space pauses.
    await region.focus();
    await page.keyboard.press("c");
    await expect.poll(() => frame.getByRole("button", { name: "Captions" }).getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => region.textContent()).not.toMatch(/lunch|cat looks/);
    await page.keyboard.press("m");
    await expect.poll(() => frame.getByRole("button", { name: "Unmute" }).count()).toBe(1);
    await page.keyboard.press(" ");
    await expect.poll(() => frame.getByRole("button", { name: "Play" }).count()).toBeGreaterThan(0);
    const paused = Number(await seek.inputValue());
    await page.waitForTimeout(400);
    expect(Number(await seek.inputValue())).toBe(paused);
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => Number(await seek.inputValue())).toBeGreaterThan(paused + 4);

    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });

  it("autoplays muted and loops when asked; volume and full screen from the keyboard", async () => {
    const short = { ...SCRIPT, scenes: [{ ...SCRIPT.scenes[0]!, lines: [{ speaker: "maya", text: "Again and again", durationSec: 1 }] }] };
    const { page, errors } = await openForeign(
      "/autoplay.html",
      `<script src="${server.url}/embed.js" async></script><div class="column"><div data-reelgen-template="narrated-story" data-autoplay data-loop data-aspect="4:5"><script type="application/json">${escapeJson(short)}</script></div></div>`,
    );
    const box = (await page.locator("iframe").boundingBox())!;
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([360, 450]);
    const frame = await playerFrame(page);
    await frame.locator("[data-ready]").waitFor({ timeout: 20_000 });
    // Playing without a click, muted (as browsers require for autoplay), looping past its 1 s end.
    await expect.poll(() => frame.locator("[data-state]").getAttribute("data-state"), { timeout: 10_000 }).toBe("playing");
    expect(await frame.getByRole("button", { name: "Unmute" }).count()).toBe(1);
    expect(await frame.getByRole("button", { name: "Loop" }).getAttribute("aria-pressed")).toBe("true");
    await page.waitForTimeout(1500);
    expect(await frame.locator("[data-state]").getAttribute("data-state")).toBe("playing");

    const region = frame.getByRole("region");
    await region.focus();
    await page.keyboard.press("m");
    await expect.poll(() => frame.getByRole("button", { name: "Mute" }).count()).toBe(1);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => frame.getByRole("slider", { name: "Volume" }).getAttribute("aria-valuetext")).toBe("80%");
    await page.keyboard.press("f");
    await expect.poll(() => frame.getByRole("button", { name: "Exit full screen" }).count()).toBe(1);
    await page.keyboard.press("f");
    await expect.poll(() => frame.getByRole("button", { name: "Full screen" }).count()).toBe(1);
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });

  it("shows a script's problems with their JSON paths in place of the video; loads a script from data-script-url", async () => {
    const broken = { ...SCRIPT, scenes: [{ id: "one", lines: [{ speaker: "ghost", text: "Boo" }, { speaker: "maya" }] }] };
    site.page("/scripts/square.json", JSON.stringify({ ...SCRIPT, format: "1:1" }), { type: "application/json" });
    const { page, errors } = await openForeign(
      "/broken.html",
      `<script src="${server.url}/embed.js" async></script><div data-reelgen-template="minidrama"><script type="application/json">${escapeJson(broken)}</script></div>
       <div data-reelgen-template="minidrama"><script type="application/json">{"title": "half</script></div>
       <div class="column"><div data-reelgen-template="listicle" data-script-url="/scripts/square.json"></div></div>
       <div data-reelgen-template="promo" data-script-url="/scripts/missing.json"></div>`,
    );
    const frame = await playerFrame(page, 0);
    const alert = frame.getByRole("alert");
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain("This script cannot be played");
    const text = (await alert.textContent())!;
    expect(text).toContain('scenes[0].lines[0].speaker"ghost" is not a character');
    expect(text).toContain("scenes[0].lines[1].textis required");

    const second = await playerFrame(page, 1);
    await expect.poll(() => second.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("not valid JSON");

    // A script fetched by the host page, square: the box follows its format.
    const third = await playerFrame(page, 2);
    await third.locator("[data-ready]").waitFor({ timeout: 20_000 });
    const box = (await page.locator("iframe").nth(2).boundingBox())!;
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([360, 360]);
    const fourth = await playerFrame(page, 3);
    await expect.poll(() => fourth.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("Could not load the script from /scripts/missing.json: HTTP 404");
    expect(errors.filter((e) => !e.endsWith("/scripts/missing.json"))).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });

  it("an unknown share is no longer available; a network failure offers a retry that works", async () => {
    const missing = "AAAAAAAAAAAAAAAAAAAAAAAA";
    const { page, errors } = await openForeign("/gone.html", `<script src="${server.url}/embed.js" async></script><div data-reelgen-share="${missing}"></div>`);
    const frame = await playerFrame(page);
    await expect.poll(() => frame.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("This video is no longer available");

    // The share's JSON cannot be fetched at all: the player says so and offers to try again.
    let blocked = true;
    await page.context().route(`${server.url}/v1/shares/**`, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
    await page.reload();
    const again = await playerFrame(page);
    await expect.poll(() => again.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("could not be loaded");
    blocked = false;
    await again.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => again.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("This video is no longer available");
    expect(errors.filter((e) => !e.includes("/v1/shares/"))).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });
});
