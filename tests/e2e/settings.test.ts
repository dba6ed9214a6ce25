import { PNG } from "pngjs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../server/harness";
import { inspectPage, launchBrowser, openApp, type AppPage } from "./browser";

/** `expect.poll` with room for a loaded machine (its own default is one second). */
const poll = <T,>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 10_000, ...options });
const BRAND = "#10b981";

/**
 * Preferences in a real browser against the real server: the settings form saves them
 * (PATCH /v1/me/preferences), shows the server's problems at their fields, and what it saved
 * is where new scripts start: "New project" and the home prompt box use the preferred template
 * and brand kit, and the prompt card shows the day's generations left from GET /v1/usage.
 */
describe("settings: preferences (real browser, real server)", () => {
  let server: TestServer;
  let browser: Browser;
  let user: TestUser;
  let app: AppPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    // The install's first account becomes its admin; the test's user is a standard one.
    await server.user("admin");
    user = await server.user();
    app = await openApp(browser, { url: server.url });
    // Signed in once: later reloads keep the session the app holds (a refreshed pair stays).
    await app.context.addInitScript((tokens) => {
      if (!localStorage.getItem("reelgen.session")) localStorage.setItem("reelgen.session", JSON.stringify(tokens));
    }, { accessToken: user.accessToken, refreshToken: user.refreshToken });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const preferences = async () => (await server.api("/v1/me", { headers: user.auth })).body.preferences;

  it("saves the default template and a brand kit, shows a bad colour at its field, and new projects and generations start from them", async () => {
    const { page } = app;
    // A logo for the brand kit, in the media library.
    const png = new PNG({ width: 32, height: 32 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([16, 185, 129, 255], i);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(PNG.sync.write(png))], { type: "image/png" }), "logo.png");
    const uploaded = await server.api("/v1/media", { method: "POST", headers: user.auth, body: form });
    expect(uploaded.status).toBe(201);
    const logoRef: string = uploaded.body.ref;

    await page.goto("/settings");
    const prefs = page.getByRole("form", { name: "Preferences" });
    await poll(() => prefs.getByLabel("Logo").locator("option").count()).toBe(2);
    expect(await prefs.getByLabel("Default template").inputValue()).toBe("");
    await prefs.getByLabel("Default template").selectOption("chat-story");
    await prefs.getByLabel("Primary colour", { exact: true }).fill(BRAND);
    await prefs.getByLabel("Logo").selectOption(logoRef);
    await prefs.getByRole("button", { name: "Save preferences" }).click();
    await poll(() => page.getByText("Preferences saved").count()).toBe(1);
    expect(await preferences()).toEqual({
      defaultTemplate: "chat-story",
      brand: { colors: { primary: BRAND }, logo: { src: logoRef, position: "top-right", size: 0.16, opacity: 0.85 } },
    });

    // After a reload the form shows what the server keeps.
    await page.reload();
    await poll(() => prefs.getByLabel("Default template").inputValue()).toBe("chat-story");
    expect(await prefs.getByLabel("Primary colour", { exact: true }).inputValue()).toBe(BRAND);
    expect(await prefs.getByLabel("Logo").inputValue()).toBe(logoRef);

    // A colour the server refuses: its problem (body.brand.colors.primary) is shown under that field, and nothing changes.
    const primary = prefs.getByLabel("Primary colour", { exact: true });
    await primary.fill("not a colour!");
    await prefs.getByRole("button", { name: "Save preferences" }).click();
    await poll(() => primary.getAttribute("aria-invalid")).toBe("true");
    const note = await primary.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${note}"]`).textContent()).toMatch(/must be a CSS colour/);
    expect(await prefs.getByLabel("Default template").getAttribute("aria-invalid")).toBeNull();
    expect((await preferences()).brand.colors).toEqual({ primary: BRAND });

    const { violations, overflow } = await inspectPage(page, "settings-preferences");
    expect(violations, "settings: axe serious/critical violations").toEqual([]);
    expect(overflow, "settings: scrolls sideways at 390 px").toEqual({ pixels: 0, culprits: [] });
    expect(app.errors, "settings: console errors or CSP refusals").toEqual([]);

    // "New project" starts from the preferred template, with the brand kit in its script.
    await page.goto("/projects");
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await poll(() => dialog.getByLabel("Template").inputValue()).toBe("chat-story");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const created = await server.api(`/v1/projects/${page.url().split("/").pop()!}`, { headers: user.auth });
    expect(created.body.template).toBe("chat-story");
    expect(created.body.latest.script.brand).toEqual({ colors: { primary: BRAND }, logo: { src: logoRef, position: "top-right", size: 0.16, opacity: 0.85 } });

    // The home prompt card tells the day's generations before the first one (from GET /v1/usage), generates with the preferred template, and counts it.
    await page.goto("/");
    const card = page.getByRole("form", { name: "Make a video" });
    await poll(() => card.textContent()).toContain("50 of 50 generations left today");
    await card.getByLabel("Make a video about…").fill("two friends argue about the best pizza topping");
    await card.getByRole("button", { name: "Generate", exact: true }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const generated = await server.api(`/v1/projects/${page.url().split("/").pop()!}`, { headers: user.auth });
    expect(generated.body.template).toBe("chat-story");
    expect(generated.body.latest.script.brand.colors).toEqual({ primary: BRAND });
    await page.goto("/");
    await poll(() => card.textContent()).toContain("49 of 50 generations left today");
    expect((await server.api("/v1/usage", { headers: user.auth })).body.generations).toMatchObject({ used: 1, limit: 50 });
    expect(app.errors).toEqual([]);
  });
});
