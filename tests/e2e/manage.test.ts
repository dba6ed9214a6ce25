import { readFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { shortScript, tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "../server/harness";
import { startReceiver } from "../server/render-helpers";
import { inspectPage, launchBrowser, openApp, type AppPage } from "./browser";

/** How long a page may take to show something (vitest's default of 1 s is short on a loaded machine). */
const POLL = { timeout: 10_000, interval: 100 };

/** A PNG of random pixels (it does not compress: about 4 bytes a pixel), to watch an upload's progress. */
const noisePng = (size: number) => {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i++) png.data[i] = Math.floor(Math.random() * 256);
  return PNG.sync.write(png);
};

/** A small solid-colour PNG to upload. */
const colourPng = (size: number, rgb: [number, number, number]) => {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
};

describe("the web app's management pages (real browser, real server, real renders)", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: TestUser;
  const opened: AppPage[] = [];
  /** The user whose render the first test orders; the usage test reads their usage. */
  let renderUser: TestUser | null = null;

  beforeAll(async () => {
    server = await startTestServer({ worker: true });
    browser = await launchBrowser();
    // The install's first account becomes its admin.
    admin = await server.user("admin");
  });
  afterAll(async () => {
    for (const app of opened) await app.context.close();
    await browser?.close();
    await server?.close();
  });

  /** A page signed in as `user` (its tokens put where the app keeps them), at `path`. */
  const openAs = async (user: TestUser, pathname: string, width = 1280): Promise<AppPage> => {
    const app = await openApp(browser, { url: server.url, width });
    opened.push(app);
    await app.context.addInitScript((tokens) => localStorage.setItem("reelgen.session", JSON.stringify(tokens)), { accessToken: user.accessToken, refreshToken: user.refreshToken });
    await app.page.goto(pathname);
    return app;
  };
  const heading = (page: Page) => page.getByRole("heading", { level: 1 });
  const expectCleanPage = async (app: AppPage, name: string) => {
    const { violations, overflow } = await inspectPage(app.page, name);
    expect(violations, `${name}: axe serious/critical violations`).toEqual([]);
    expect(overflow, `${name}: scrolls sideways at 390 px`).toEqual({ pixels: 0, culprits: [] });
    expect(app.errors, `${name}: console errors or CSP refusals`).toEqual([]);
  };

  it("orders a 480p render with a thumbnail of a saved project, follows it to 100% and downloads an H.264 MP4", async () => {
    const user = (renderUser = await server.user());
    const project = await server.api("/v1/projects", { headers: user.auth, body: { name: "Tiny film", template: "minidrama", script: shortScript() } });
    expect(project.status).toBe(201);
    const app = await openAs(user, `/renders/new?project=${project.body.id}&version=1`);
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("New render");
    await expect.poll(() => page.getByText("Tiny film, version 1").count(), POLL).toBe(1);
    await expectCleanPage(app, "render-new");
    // The first connection to the event stream fails: the page must reconnect on its own.
    let streams = 0;
    await page.route("**/v1/renders/*/events", (route) => (streams++ === 0 ? route.abort("connectionreset") : route.continue()));
    await page.getByLabel("Resolution").selectOption("480p");
    await expect.poll(() => page.getByLabel("Also make a thumbnail").isChecked(), POLL).toBe(true);
    await page.getByRole("button", { name: "Render", exact: true }).click();
    await page.waitForURL(/\/renders\/[0-9a-f-]{36}$/);
    const renderId = page.url().split("/").at(-1)!;

    // The bar follows the event stream until the render completes.
    const progress = page.getByRole("progressbar", { name: "Render progress" });
    await expect.poll(() => progress.getAttribute("aria-valuenow"), { timeout: 90_000, interval: 250 }).toBe("100");
    await expect.poll(() => page.getByTestId("render-percent").textContent(), POLL).toBe("100%");
    expect(streams).toBeGreaterThanOrEqual(2);
    // The refused first connection is the only failed request.
    expect(app.errors.filter((e) => e.includes("/events"))).toHaveLength(1);
    app.errors.splice(0, app.errors.length, ...app.errors.filter((e) => !e.includes("/events")));
    const stored = await server.api(`/v1/renders/${renderId}`, { headers: user.auth });
    expect(stored.body.status).toBe("completed");
    expect(stored.body.outputs.map((o: { name: string; format: string }) => `${o.name}:${o.format}`)).toEqual(["mp4:mp4", "thumbnail:jpeg"]);
    // The video's quality report, in words: every check passed or named with its warning.
    const quality = stored.body.outputs[0].quality as { ok: boolean; checks: { id: string; status: string; message: string }[] };
    expect(quality.checks.map((c) => c.id)).toContain("duration");
    expect(stored.body.outputs[1].quality).toBeNull();
    const warnings = quality.checks.filter((c) => c.status === "warn").length;
    const passed = quality.checks.filter((c) => c.status === "pass").length;
    await expect.poll(() => page.getByText(warnings ? `${warnings} quality ${warnings === 1 ? "warning" : "warnings"}, ${passed} checks passed` : `All ${passed} quality checks passed`).count(), POLL).toBe(1);
    const duration = quality.checks.find((c) => c.id === "duration")!;
    await expect.poll(() => page.getByText(duration.message).count(), POLL).toBe(1);
    // Each output in words: its kind, frame and size.
    await expect.poll(() => page.getByText(/MP4 video \(H\.264\) · 480×854/).count(), POLL).toBe(1);
    await expect.poll(() => page.getByText(/JPEG image · 480×854/).count(), POLL).toBe(1);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download mp4" }).click()]);
    const file = path.join(tempDir(), "video.mp4");
    await download.saveAs(file);
    const probe = await probeMedia(file, { countFrames: false });
    expect(probe.formatName).toContain("mp4");
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854 });

    // Share: published, ready, and its public link plays for anyone (no credentials).
    await page.getByRole("button", { name: "Share", exact: true }).click();
    await expect.poll(() => page.getByRole("link", { name: "Open the player" }).count(), { timeout: 30_000, interval: 250 }).toBe(1);
    const embedUrl = (await page.getByRole("link", { name: "Open the player" }).getAttribute("href"))!;
    const shareId = embedUrl.split("/").at(-1)!;
    const shared = await server.api(`/v1/shares/${shareId}/public`);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ kind: "render", width: 480, height: 854 });
    expect((await fetch(embedUrl)).status).toBe(200);
    await expectCleanPage(app, "render-detail");

    // The list shows it, completed, linking to its page.
    await page.goto("/renders?status=completed");
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Renders");
    await expect.poll(() => page.locator(`a[href="/renders/${renderId}"]`).count(), POLL).toBe(1);
    await expectCleanPage(app, "renders");
    await page.getByRole("button", { name: "Failed" }).click();
    await expect.poll(() => page.getByText("No failed renders").count(), POLL).toBe(1);
  }, 120_000);

  it("uploads an image by the dropzone with progress and shows it in the library grid", async () => {
    const user = await server.user();
    const app = await openAs(user, "/media");
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Media");
    await expect.poll(() => page.getByText("No media yet").count(), POLL).toBe(1);
    await page.getByTestId("media-input").setInputFiles({ name: "sunset.png", mimeType: "image/png", buffer: colourPng(64, [240, 120, 20]) });
    const card = page.getByTestId("media-card").filter({ hasText: "sunset.png" });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card.getByText(/image · 64×64/).count(), POLL).toBe(1);
    const listed = await server.api("/v1/media", { headers: user.auth });
    expect(listed.body.media.map((m: { filename: string }) => m.filename)).toEqual(["sunset.png"]);

    // Tags, then a search by tag finds it and a search for something else does not.
    await card.getByRole("button", { name: /Add tags/ }).click();
    await card.getByLabel("Tags, separated by commas").fill("Sky, warm");
    await card.getByRole("button", { name: "Save tags" }).click();
    await expect.poll(async () => (await server.api("/v1/media", { headers: user.auth })).body.media[0].tags, POLL).toEqual(["sky", "warm"]);
    // Asked of the server (GET /v1/media?q=), so assets past the loaded pages are searched too.
    const searched = page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/media" && new URL(r.url()).searchParams.get("q") === "warm");
    await page.getByLabel("Search").fill("warm");
    expect((await searched).status()).toBe(200);
    await expect.poll(() => card.count(), POLL).toBe(1);
    await page.getByLabel("Search").fill("ocean");
    await expect.poll(() => page.getByText("Nothing matches").count(), POLL).toBe(1);
    await page.getByLabel("Search").fill("");
    await expect.poll(() => card.count(), POLL).toBe(1);
    await expectCleanPage(app, "media");

    // Use as background → the chosen project's editor with the asset named in the address.
    const project = await server.api("/v1/projects", { headers: user.auth, body: { name: "With a sky", template: "minidrama", script: shortScript() } });
    await card.getByRole("button", { name: "Use as background for sunset.png" }).click();
    await expect.poll(() => page.getByRole("dialog").getByLabel("Project").inputValue(), POLL).toBe(project.body.id);
    await page.getByRole("button", { name: "Open in editor" }).click();
    await page.waitForURL(`**/projects/${project.body.id}?use=${listed.body.media[0].id}&as=background`);
    // The editor asks where it goes, applies it to the draft and the preview shows the picture.
    const apply = page.getByRole("dialog", { name: "Use as background" });
    await expect.poll(() => apply.getByLabel("Background of").inputValue(), POLL).toBe("all");
    await apply.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.getByTestId("preview").locator(`img[src*="/v1/files/media/${listed.body.media[0].id}"]`).count(), POLL).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe("");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(async () => (await server.api(`/v1/projects/${project.body.id}`, { headers: user.auth })).body.latest.script.scenes[0].background, POLL).toEqual({ type: "image", src: `media:${listed.body.media[0].id}` });

    // Delete asks first, then removes it.
    await page.goto("/media");
    await card.getByRole("button", { name: "Delete sunset.png" }).click();
    await card.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(() => page.getByText("No media yet").count(), POLL).toBe(1);
    expect((await server.api("/v1/media", { headers: user.auth })).body.media).toEqual([]);

    // On a slow uplink the upload's progress shows part-way before the file lands in the grid.
    const cdp = await app.context.newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 150_000 });
    await page.getByTestId("media-input").setInputFiles({ name: "noise.png", mimeType: "image/png", buffer: noisePng(300) });
    const bar = page.getByRole("progressbar", { name: "Uploading noise.png" });
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow").catch(() => null)), POLL).toBeGreaterThan(0);
    const partWay = Number(await bar.getAttribute("aria-valuenow"));
    expect(partWay).toBeLessThan(100);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect.poll(() => page.getByTestId("media-card").filter({ hasText: "noise.png" }).count(), { timeout: 20_000 }).toBe(1);
    expect(await bar.count()).toBe(0);
  }, 60_000);

  it("creates an API key shown once and calls the API with it; adds a webhook whose signed test event arrives and shows in the delivery log", async () => {
    const user = await server.user();
    const app = await openAs(user, "/developers");
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Developers");
    expect(await page.getByRole("link", { name: "API reference" }).getAttribute("href")).toBe("/docs");

    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByLabel("Name").fill("CI pipeline");
    await page.getByRole("checkbox", { name: /usage:read/ }).check();
    await page.getByRole("button", { name: "Create key", exact: true }).click();
    const secret = page.getByTestId("secret");
    await expect.poll(() => secret.count(), POLL).toBe(1);
    const key = (await secret.textContent())!;
    expect(key).toMatch(/^rk_live_/);
    await expect.poll(() => page.getByTestId("api-key").filter({ hasText: "CI pipeline" }).count(), POLL).toBe(1);
    await expectCleanPage(app, "developers-key-created");
    // The key works against the API with the scopes ticked (and only those).
    const usage = await fetch(`${server.url}/v1/usage`, { headers: { authorization: `Bearer ${key}` } });
    expect(usage.status).toBe(200);
    const media = await fetch(`${server.url}/v1/media`, { headers: { authorization: `Bearer ${key}` } });
    expect(media.status).toBe(403);
    // Shown once: after a reload the page has no secret to show, only the key's start.
    await page.reload();
    await expect.poll(() => page.getByTestId("api-key").filter({ hasText: "CI pipeline" }).count(), POLL).toBe(1);
    expect(await page.getByTestId("secret").count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    const receiver = await startReceiver();
    try {
      await page.getByRole("button", { name: "Add endpoint" }).click();
      await page.getByLabel("Endpoint URL").fill(receiver.url);
      await page.getByRole("button", { name: "Add endpoint", exact: true }).click();
      await expect.poll(() => secret.count(), POLL).toBe(1);
      const signingSecret = (await secret.textContent())!;
      expect(signingSecret).toMatch(/^whsec_/);
      const endpoint = page.getByTestId("webhook").filter({ hasText: receiver.url });
      await endpoint.getByRole("button", { name: "Send test event" }).click();
      await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const message = receiver.received[0]!;
      // Verifies the Standard Webhooks signature (throws on a bad one) and reads the payload.
      const payload = new Webhook(signingSecret).verify(message.body, message.headers as Record<string, string>) as { type: string };
      expect(payload.type).toBe("webhook.test");
      // The delivery log shows it delivered.
      await expect.poll(() => endpoint.getByTestId("delivery").filter({ hasText: "succeeded" }).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => endpoint.getByTestId("delivery").getByText(/HTTP 204/).count(), POLL).toBe(1);
      await expectCleanPage(app, "developers");
      // Redeliver sends the same message again.
      await endpoint.getByRole("button", { name: "Redeliver" }).click();
      await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
      expect(receiver.received[1]!.headers["webhook-id"]).toBe(message.headers["webhook-id"]);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it("shows usage: the quota left and today's render in the per-day charts", async () => {
    const user = renderUser ?? (await server.user());
    const usage = await server.api("/v1/usage", { headers: user.auth });
    const app = await openAs(user, "/usage");
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Usage");
    const left = (usage.body.quota.renderMinutesLeft as number).toFixed(2);
    await expect.poll(() => page.getByTestId("minutes-left").textContent(), POLL).toContain(left);
    const { used, limit } = usage.body.generations as { used: number; limit: number };
    await expect.poll(() => page.getByTestId("generations-left").textContent(), POLL).toBe(`${limit - used} of ${limit} left`);
    // Both charts draw (recharts SVGs), and their data tables hold today's completed render.
    await expect.poll(() => page.locator(".recharts-wrapper").count(), POLL).toBe(2);
    const today = usage.body.to as string;
    const row = page.locator("table", { has: page.locator("caption", { hasText: "Renders per day" }) }).locator("tr", { hasText: today });
    expect(await row.locator("td").allTextContents()).toEqual([today, renderUser ? "1" : "0", "0", "0"]);
    await expectCleanPage(app, "usage");
  }, 30_000);

  it("lets an admin find a user and change their role; a standard user gets no admin page and the API refuses", async () => {
    const member = await server.user();
    const app = await openAs(admin, "/admin");
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Admin");
    await expect.poll(() => page.getByRole("heading", { name: "Renders by status" }).count(), POLL).toBe(1);
    await page.getByLabel("Search by email").fill(member.email);
    const row = page.getByTestId("admin-user").filter({ hasText: member.email });
    await expect.poll(() => page.getByTestId("admin-user").count(), POLL).toBe(1);
    await expectCleanPage(app, "admin");
    await row.getByLabel(`Role of ${member.email}`).selectOption("premium");
    await expect.poll(() => page.getByText(`${member.email} is now premium.`).count(), POLL).toBe(1);
    expect((await server.api("/v1/me", { headers: member.auth })).body.role).toBe("premium");
    const stored = await server.ctx.db.selectFrom("users").select("role").where("id", "=", member.id).executeTakeFirstOrThrow();
    expect(stored.role).toBe("premium");

    const standard = await server.user();
    const theirs = await openAs(standard, "/admin");
    await expect.poll(() => heading(theirs.page).textContent(), POLL).toBe("Admins only");
    expect(await theirs.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);
    expect(await theirs.page.getByText("Renders by status").count()).toBe(0);
    expect((await server.api("/v1/admin/users", { headers: standard.auth })).status).toBe(403);
    expect((await server.api("/v1/admin/stats", { headers: standard.auth })).status).toBe(403);
    expect((await server.api(`/v1/admin/users/${member.id}`, { method: "PATCH", headers: standard.auth, body: { role: "admin" } })).status).toBe(403);
  }, 30_000);

  it("lists the signed-in devices, signs another one out, and shows the account's activity", async () => {
    const user = await server.user();
    // A second device: another sign-in, from curl.
    const other = await server.api("/v1/auth/login", { body: { email: user.email, password: user.password }, headers: { "user-agent": "curl/8.5.0" } });
    const otherAuth = { authorization: `Bearer ${other.body.accessToken}` };
    expect((await server.api("/v1/me", { headers: otherAuth })).status).toBe(200);
    const app = await openAs(user, "/settings/security");
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Security");
    await expect.poll(() => page.getByTestId("session").count(), POLL).toBe(2);
    await expect.poll(() => page.getByTestId("audit-event").filter({ hasText: "Signed in" }).count(), POLL).toBe(2);
    expect(await page.getByTestId("audit-event").last().locator("span").first().textContent()).toBe("Account created");
    await expectCleanPage(app, "security");
    const curl = page.getByTestId("session").filter({ hasText: "curl" });
    await curl.getByRole("button", { name: "Sign out curl" }).click();
    await curl.getByRole("button", { name: "Sign it out" }).click();
    await expect.poll(() => page.getByTestId("session").count(), POLL).toBe(1);
    expect(await page.getByTestId("session").getByRole("button", { name: "Sign out this device" }).count()).toBe(1);
    // The other device's token stops working at once; this one's keeps working.
    expect((await server.api("/v1/me", { headers: otherAuth })).status).toBe(401);
    expect((await server.api("/v1/me", { headers: user.auth })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId("audit-event").filter({ hasText: "Signed a device out" }).count(), POLL).toBe(1);
  }, 30_000);

  it("cancels a render from its page, and groups a batch's renders in the list", async () => {
    const user = await server.user();
    const batch = await server.api("/v1/renders/batch", {
      headers: user.auth,
      body: { template: "minidrama", outputs: [{ format: "mp4", resolution: "480p" }], scripts: [shortScript({ title: "One" }), shortScript({ title: "Two" })] },
    });
    expect(batch.status).toBe(202);
    const [first, second] = (batch.body.renders as { id: string }[]).map((r) => r.id);
    const app = await openAs(user, `/renders/${first}`);
    const { page } = app;
    await expect.poll(() => heading(page).textContent(), POLL).toBe("Render");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByRole("button", { name: "Cancel the render" }).click();
    await expect.poll(async () => (await server.api(`/v1/renders/${first}`, { headers: user.auth })).body.status, POLL).toBe("cancelled");
    await expect.poll(() => page.getByText("Nothing to download: the render did not complete.").count(), POLL).toBe(1);
    expect((await server.api(`/v1/renders/${second}/cancel`, { method: "POST", headers: user.auth })).status).toBe(200);

    await page.goto("/renders");
    const group = page.getByRole("region", { name: `Batch ${(batch.body.batchId as string).slice(0, 8)}` });
    await expect.poll(() => group.getByRole("link").filter({ hasText: "minidrama" }).count(), POLL).toBe(2);
    expect(await group.locator(`a[href="/renders/${first}"]`).count()).toBe(1);
    expect(await group.locator(`a[href="/renders/${second}"]`).count()).toBe(1);
    await page.getByRole("button", { name: "Cancelled" }).click();
    await expect.poll(() => group.getByText("cancelled", { exact: true }).count(), POLL).toBe(2);
    await expectCleanPage(app, "renders-batch");
  }, 30_000);
});
