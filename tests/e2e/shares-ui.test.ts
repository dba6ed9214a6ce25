import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortScript } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "../server/harness";
import { inspectPage, launchBrowser, openApp, type AppPage } from "./browser";

/** How long a page may take to show something (vitest's default of 1 s is short on a loaded machine). */
const POLL = { timeout: 10_000, interval: 100 };
const TITLE = "Lighthouse keeper";
const ORIGIN_MESSAGE = "must be an origin such as https://example.com";

/**
 * Sharing from the web app, in a real browser against the real server and its worker: the
 * editor's Share dialog publishes the saved version (refusing a bad origin with the API's own
 * message), follows it to ready, and its link opens the embeddable player; the /shares page
 * counts that view and revokes the share, after which the player and the public JSON say it is gone.
 */
describe("sharing in the web app (real browser, real server, real worker)", () => {
  let server: TestServer;
  let browser: Browser;
  let user: TestUser;
  const opened: AppPage[] = [];

  beforeAll(async () => {
    // With a worker: publishing a share voices its lines and renders its poster.
    [server, browser] = await Promise.all([startTestServer({ worker: true }), launchBrowser()]);
    // The install's first account becomes its admin; the test's user is a standard one.
    await server.user("admin");
    user = await server.user();
  });
  afterAll(async () => {
    for (const app of opened) await app.context.close();
    await browser?.close();
    await server?.close();
  });

  const openAs = async (pathname: string): Promise<AppPage> => {
    const app = await openApp(browser, { url: server.url, width: 1280 });
    opened.push(app);
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await app.context.addInitScript((tokens) => localStorage.setItem("reelgen.session", JSON.stringify(tokens)), { accessToken: user.accessToken, refreshToken: user.refreshToken });
    await app.page.goto(pathname);
    return app;
  };
  const expectClean = async (app: AppPage, name: string) => {
    const { violations, overflow } = await inspectPage(app.page, name);
    expect(violations, `${name}: axe serious/critical violations`).toEqual([]);
    expect(overflow, `${name}: scrolls sideways at 390 px`).toEqual({ pixels: 0, culprits: [] });
    expect(app.errors, `${name}: console errors or CSP refusals`).toEqual([]);
  };
  /** A dialog is fixed in place, so the page cannot scroll sideways: its own body must not either, at 390 px. */
  const dialogOverflowAt390 = async (page: Page) => {
    const original = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      return await page.getByRole("dialog").evaluate((dialog) => {
        const edge = dialog.getBoundingClientRect().right;
        return [...dialog.querySelectorAll("*")]
          .filter((el) => {
            const box = el.getBoundingClientRect();
            const scrolls = ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
            // Screen-reader-only text is a clipped 1 px box: not something anyone scrolls to.
            return scrolls || (box.width > 1 && box.right > edge + 0.5);
          })
          .map((el) => `${el.tagName}.${String(el.className).slice(0, 40)}`);
      });
    } finally {
      await page.setViewportSize(original);
    }
  };

  it("publishes a saved project from the editor, plays its link, counts the view on /shares and revokes it there", async () => {
    const project = await server.api("/v1/projects", { headers: user.auth, body: { name: TITLE, template: "minidrama", script: shortScript({ title: TITLE }) } });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const projectId: string = project.body.id;
    const app = await openAs(`/projects/${projectId}`);
    const { page } = app;
    await expect.poll(() => page.getByTestId("editor-version").textContent(), POLL).toBe("Version 1");

    // The header's Share opens the dialog for the saved version.
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Share" });
    await expect.poll(() => dialog.getByText("Publishes version 1, as saved.").count(), POLL).toBe(1);
    await expect.poll(() => dialog.getByText("None yet.").count(), POLL).toBe(1);

    // A bad origin: the API's message, at its line, and nothing published.
    const origins = dialog.getByLabel("Allowed websites");
    await origins.fill("https://good.example\nhttps://bad.example/page");
    await dialog.getByRole("button", { name: "Share version 1" }).click();
    await expect.poll(() => dialog.getByText(`Line 2 (https://bad.example/page): ${ORIGIN_MESSAGE}`, { exact: false }).count(), POLL).toBe(1);
    expect(await origins.getAttribute("aria-invalid")).toBe("true");
    expect((await server.api(`/v1/shares?projectId=${projectId}`, { headers: user.auth })).body.shares).toEqual([]);
    expect(await dialogOverflowAt390(page)).toEqual([]);
    await expectClean(app, "share-dialog-invalid");

    // Any website may embed it: preparing, then ready with its link, poster and embed code.
    await origins.fill("");
    await dialog.getByRole("button", { name: "Share version 1" }).click();
    await expect.poll(() => dialog.getByRole("link", { name: "Open the player" }).count(), { timeout: 60_000, interval: 250 }).toBe(1);
    const embedUrl = (await dialog.getByRole("link", { name: "Open the player" }).getAttribute("href"))!;
    expect(embedUrl).toMatch(new RegExp(`^${server.url}/embed/[A-Za-z0-9_-]{24}$`));
    const shareId = embedUrl.split("/").at(-1)!;
    const stored = await server.api(`/v1/shares/${shareId}`, { headers: user.auth });
    expect(stored.body).toMatchObject({ status: "ready", kind: "project", projectId, projectVersion: 1, allowedOrigins: [], views: 0 });
    await expect.poll(() => dialog.getByTestId("share-views").textContent(), POLL).toMatch(/^0 views/);
    // The poster is the share's own and has loaded.
    const poster = dialog.getByRole("img", { name: `Poster of ${TITLE}` });
    expect(await poster.getAttribute("src")).toBe(stored.body.urls.poster);
    await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), POLL).toBe(true);
    // The snippets are the API's, and Copy puts the link on the clipboard.
    await expect.poll(() => dialog.getByText(stored.body.snippets.iframe, { exact: true }).count(), POLL).toBe(1);
    await expect.poll(() => dialog.getByText(stored.body.snippets.script, { exact: true }).count(), POLL).toBe(1);
    await dialog.getByRole("button", { name: "Copy link", exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), POLL).toBe(embedUrl);
    // The project's shares below list it, version and status.
    const listed = dialog.locator(`li[data-share-id="${shareId}"]`);
    await expect.poll(() => listed.textContent(), POLL).toContain("Project · version 1");
    await expect.poll(() => listed.textContent(), POLL).toContain("ready");
    expect(await dialogOverflowAt390(page)).toEqual([]);
    await expectClean(app, "share-dialog-ready");

    // The link opens the embeddable player, which shows the poster until played.
    const [player] = await Promise.all([page.waitForEvent("popup"), dialog.getByRole("link", { name: "Open the player" }).click()]);
    await player.waitForURL(embedUrl);
    await player.locator("[data-ready]").waitFor({ timeout: 20_000 });
    await expect.poll(() => player.getByRole("region", { name: `Video player: ${TITLE}` }).count(), POLL).toBe(1);
    expect(await player.locator("img.rg-poster").getAttribute("src")).toBe(stored.body.urls.poster);
    await player.getByRole("button", { name: "Play" }).first().click();
    await expect.poll(async () => Number(await player.getByRole("slider", { name: "Seek" }).inputValue()), POLL).toBeGreaterThan(0.2);

    // /shares lists it, newest first, with that view counted.
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.getByRole("link", { name: "Shares", exact: true }).first().click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), POLL).toBe("Shares");
    const row = page.locator(`li[data-share-id="${shareId}"]`);
    await expect.poll(() => row.textContent(), POLL).toMatch(/Project · version 1 · [1-9]\d* views?/);
    expect(await row.textContent()).toContain(TITLE);
    expect(await row.getByRole("link", { name: `Open ${TITLE} in its player` }).getAttribute("href")).toBe(embedUrl);
    await expectClean(app, "shares");

    // Revoked there (after confirming): the list empties and the link stops working.
    await row.getByRole("button", { name: `Revoke share of ${TITLE}` }).click();
    await row.getByRole("button", { name: "Revoke: the link stops working" }).click();
    await expect.poll(() => page.getByText("Nothing shared yet").count(), POLL).toBe(1);
    expect((await server.api(`/v1/shares/${shareId}/public`)).status).toBe(404);
    await player.reload();
    await expect.poll(() => player.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("This video is no longer available");
    await expectClean(app, "shares-empty");

    // Unsaved changes: the dialog says a share plays a saved version, and "Save and share" saves them first.
    await page.goto(`/projects/${projectId}`);
    await expect.poll(() => page.getByTestId("editor-version").textContent(), POLL).toBe("Version 1");
    await page.getByLabel("Title", { exact: true }).fill(`${TITLE}, again`);
    await page.getByRole("button", { name: "Share", exact: true }).click();
    await expect.poll(() => dialog.getByText("You have unsaved changes.").count(), POLL).toBe(1);
    expect(await dialog.getByRole("button", { name: "Share version 1 (last saved)" }).count()).toBe(1);
    await dialog.getByRole("button", { name: "Save and share" }).click();
    await expect.poll(() => dialog.getByRole("link", { name: "Open the player" }).count(), { timeout: 60_000, interval: 250 }).toBe(1);
    await expect.poll(() => page.getByTestId("editor-version").textContent(), POLL).toBe("Version 2");
    const after = (await server.api(`/v1/shares?projectId=${projectId}`, { headers: user.auth })).body.shares as { id: string; projectVersion: number; title: string; status: string }[];
    expect(after.map((s) => [s.projectVersion, s.title, s.status])).toEqual([[2, `${TITLE}, again`, "ready"]]);
    expect(after[0]!.id).not.toBe(shareId);
    expect(app.errors).toEqual([]);
  }, 90_000);
});
