import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TYPES_COMMAND, API_TYPES_FILE, apiTypesSource } from "../../bin/write-api-types";
import { startTestServer, type TestServer } from "../server/harness";
import { inspectPage, launchBrowser, openApp, screenshot, type AppPage } from "./browser";

/** Short-lived access tokens, so the test can watch the app refresh one (the server's minimum). */
const ACCESS_TOKEN_SECONDS = 10;
const PASSWORD = "plum kettle orbit lantern";

describe("web app API types", () => {
  it("web/src/api/openapi.d.ts matches the server's routes", async () => {
    const committed = await readFile(API_TYPES_FILE, "utf8");
    expect(committed === (await apiTypesSource()), `web/src/api/openapi.d.ts is out of date with the server's routes: run ${API_TYPES_COMMAND}`).toBe(true);
  });
});

describe("web app shell (real browser, real server)", () => {
  let server: TestServer;
  let browser: Browser;
  const opened: AppPage[] = [];
  const open = async (options: { width?: number; path?: string } = {}) => {
    const app = await openApp(browser, { url: server.url, ...options });
    opened.push(app);
    return app;
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { ACCESS_TOKEN_SECONDS: String(ACCESS_TOKEN_SECONDS) } });
    browser = await launchBrowser();
    // The install's first account becomes its admin: take that place, so sign-ups below are standard users.
    await server.user("admin");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The session the page holds in localStorage. */
  const storedTokens = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem("reelgen.session") ?? "null") as { accessToken: string; refreshToken: string } | null);
  const outboxTokenFor = (email: string): string => {
    const outbox = path.join(server.dataDir, "outbox");
    const mails = readdirSync(outbox)
      .map((f) => JSON.parse(readFileSync(path.join(outbox, f), "utf8")) as { to: string; text: string })
      .filter((m) => m.to === email);
    return /(pr_[A-Za-z0-9_-]{40,})/.exec(mails.at(-1)?.text ?? "")![1]!;
  };
  const expectCleanPage = async (page: Page, name: string, errors: string[]) => {
    const { violations, overflow } = await inspectPage(page, name);
    expect(violations, `${name}: axe serious/critical violations`).toEqual([]);
    expect(overflow, `${name}: scrolls sideways at 390 px`).toEqual({ pixels: 0, culprits: [] });
    expect(errors, `${name}: console errors or CSP refusals`).toEqual([]);
  };

  it("serves the app with its headers, and leaves the API's answers alone", async () => {
    const page = await fetch(`${server.url}/projects/some/deep/route?x=1`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toBe("no-cache");

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");

    // Misses outside the app stay the API's JSON 404s; files that are not there are not the app's page.
    for (const miss of ["/v1/nothing-here", "/assets/missing.js", "/metrics", "/robots.txt", "/.build.json"]) {
      const res = await server.api(miss);
      expect(res.status, miss).toBe(404);
      expect(res.body.error.code, miss).toBe("NOT_FOUND");
    }
    expect((await server.api("/", { method: "POST", body: {} })).status).toBe(404);
    expect((await server.api("/healthz")).status).toBe(200);
    expect((await server.api("/openapi.json")).body.openapi).toBe("3.1.0");
    // index.html by name is the app's page too, with its headers.
    expect((await fetch(`${server.url}/index.html`)).headers.get("content-security-policy")).toBe(csp);
  });

  it("signs up, signs out, signs in, and sends signed-out visitors to sign in and back", async () => {
    const { page, errors } = await open({ path: "/projects" });
    // The guard sends a signed-out visitor to sign in, remembering where they were going.
    await page.waitForURL("**/sign-in?next=%2Fprojects");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await expectCleanPage(page, "sign-in", errors);

    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL("**/sign-up?next=%2Fprojects");
    await expectCleanPage(page, "sign-up", errors);

    // Bad input is shown at its field, from the server's own check.
    const email = `shell-${Date.now()}@example.com`;
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByText("password is too common").isVisible()).toBe(true);
    expect(await page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");
    await screenshotOnly(page, "sign-up-error");

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/projects");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Projects");
    // A standard user: the navigation has no Admin, and /admin refuses.
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect.poll(() => nav.getByRole("link", { name: "Home" }).isVisible()).toBe(true);
    expect(await nav.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await nav.getByRole("link", { name: "Home" }).click();
    await expect.poll(() => page.getByText(`Welcome, ${email}.`).isVisible()).toBe(true);
    await expectCleanPage(page, "home", errors);
    await page.goto("/admin");
    await expect.poll(() => page.getByRole("heading", { name: "Admins only" }).isVisible()).toBe(true);

    // Sign out from the account menu.
    await page.getByRole("button", { name: `Account menu, ${email}` }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await page.waitForURL("**/sign-in");
    await expect.poll(() => page.getByText("You are signed out.").isVisible()).toBe(true);
    expect(await storedTokens(page)).toBeNull();

    // A wrong password is refused in place; the right one signs in.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("email or password is wrong");
    await screenshotOnly(page, "sign-in-error");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.getByText(`Welcome, ${email}.`).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  /** Signs up a new account in `page` (from /sign-up) and waits for Home. */
  const signUp = async (page: Page, email: string, password = PASSWORD) => {
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.getByText(`Welcome, ${email}.`).isVisible()).toBe(true);
  };
  const signIn = async (page: Page, email: string, password: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
  };
  const goTo = async (page: Page, link: string, heading: string) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
  };
  /** Lets the access token the page holds expire (the server's minimum lifetime, set above). */
  const outlive = (page: Page) => page.waitForTimeout((ACCESS_TOKEN_SECONDS + 1.5) * 1000);

  it("refreshes an expired access token silently, and signs out when the refresh token was used elsewhere", async () => {
    const { page, errors } = await open();
    const email = `refresh-${Date.now()}@example.com`;
    await signUp(page, email);
    const first = (await storedTokens(page))!;

    // Past the access token's lifetime the next page's API calls refresh it and go through.
    await outlive(page);
    await goTo(page, "Projects", "Projects");
    await expect.poll(async () => (await storedTokens(page))?.refreshToken).not.toBe(first.refreshToken);
    await expect.poll(() => page.getByRole("button", { name: "New project" }).first().isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/projects");
    const second = (await storedTokens(page))!;
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${second.accessToken}` } })).status).toBe(200);

    // Someone else uses the app's refresh token first (a stolen copy): when the app then presents
    // it, the server sees it reused, ends the session, and the app signs out saying why.
    const thief = await server.api("/v1/auth/refresh", { body: { refreshToken: second.refreshToken } });
    expect(thief.status).toBe(200);
    await outlive(page);
    await page.reload();
    await page.waitForURL("**/sign-in**");
    await expect.poll(() => page.getByText("your sign-in was used somewhere else").isVisible()).toBe(true);
    expect(await storedTokens(page)).toBeNull();
    // The thief's tokens died with the session.
    expect((await server.api("/v1/auth/refresh", { body: { refreshToken: thief.body.refreshToken } })).status).toBe(401);
    expect(errors).toEqual([]);
  });

  it("resets a forgotten password through the emailed link, changes it in settings, and signs out everywhere", async () => {
    const { page, errors } = await open();
    const email = `reset-${Date.now()}@example.com`;
    await signUp(page, email);
    // A second device, signed in too.
    const other = await open();
    await other.page.goto("/sign-in");
    await signIn(other.page, email, PASSWORD);

    // Forgot the password: the reset mail's link opens the app's page to choose a new one.
    await page.getByRole("button", { name: `Account menu, ${email}` }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await page.waitForURL("**/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("we sent it a link to reset the password");
    await expectCleanPage(page, "reset-sent", errors);
    const token = outboxTokenFor(email);
    const outbox = readdirSync(path.join(server.dataDir, "outbox")).map((f) => JSON.parse(readFileSync(path.join(server.dataDir, "outbox", f), "utf8")) as { to: string; text: string });
    const link = /(http\S+\/reset-password\?token=\S+)/.exec(outbox.filter((m) => m.to === email).at(-1)!.text)![1]!;
    expect(link).toBe(`${server.url}/reset-password?token=${token}`);
    await page.goto(link);
    await expectCleanPage(page, "reset-choose", errors);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect.poll(() => page.getByLabel("New password").getAttribute("aria-invalid")).toBe("true");
    const renewed = "copper violin meadow sparrow";
    await page.getByLabel("New password").fill(renewed);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL("**/sign-in?reset=done");
    await expect.poll(() => page.getByText("Your password was changed. Sign in with the new one.").isVisible()).toBe(true);
    // The link is spent.
    expect((await server.api("/v1/auth/password-reset/confirm", { body: { token, newPassword: "yet another passphrase" } })).status).toBe(401);
    // The reset ended the other device's session: its next call finds itself signed out.
    await other.page.reload();
    await other.page.waitForURL("**/sign-in**");
    await signIn(page, email, renewed);

    // Change the password in settings: a wrong current password is refused in place, the right one works.
    await other.page.goto("/sign-in");
    await signIn(other.page, email, renewed);
    await page.goto("/settings");
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("orchid lantern basalt river");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByText("This is not your current password.").isVisible()).toBe(true);
    await page.getByLabel("Current password").fill(renewed);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByText("Every other device was signed out.").first().isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/settings");
    expect((await server.api("/v1/auth/login", { body: { email, password: "orchid lantern basalt river" } })).status).toBe(200);
    await other.page.reload();
    await other.page.waitForURL("**/sign-in**");

    // Sign out everywhere: this tab and every other session end.
    const elsewhere = await server.api("/v1/auth/login", { body: { email, password: "orchid lantern basalt river" } });
    await page.getByRole("button", { name: `Account menu, ${email}` }).click();
    await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await page.waitForURL("**/sign-in");
    await expect.poll(() => page.getByText("You are signed out on every device.").isVisible()).toBe(true);
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${elsewhere.body.accessToken}` } })).status).toBe(401);
    expect(errors).toEqual([]);
  });
});

/** A screenshot at both widths without the scans (states the test passes through). */
const screenshotOnly = async (page: Page, name: string) => {
  await screenshot(page, name);
};

