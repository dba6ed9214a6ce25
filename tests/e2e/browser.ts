import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../renderer/index";

/** Debian's Chromium (`bin/setup.sh` installs it); nothing downloads a browser. */
export const TEST_BROWSER = process.env.REELGEN_TEST_BROWSER ?? "/usr/bin/chromium";
/** The two widths every page must work at: a phone and a desktop. */
export const WIDTHS = [390, 1280] as const;
const HEIGHT: Record<number, number> = { 390: 844, 1280: 800 };
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, ".cache", "screenshots");

/**
 * Launches headless Chromium with a fresh profile (Playwright gives each launch its own temporary
 * user-data-dir, deleted on close). One per test file: open a context per user with `openApp`.
 */
export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(TEST_BROWSER)) throw new Error(`no browser at ${TEST_BROWSER}: run bin/setup.sh (it installs Debian's chromium)`);
  return chromium.launch({
    executablePath: TEST_BROWSER,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
};

export type AppPage = {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and Content-Security-Policy refusals seen so far (a page should have none). */
  errors: string[];
};

/**
 * A new browser context (its own storage, so its own session) with one page at `width` on the
 * server's origin, recording the page's errors. `path` is opened when given.
 */
export const openApp = async (browser: Browser, options: { url: string; width?: number; path?: string }): Promise<AppPage> => {
  const width = options.width ?? 1280;
  const context = await browser.newContext({ baseURL: options.url, viewport: { width, height: HEIGHT[width] ?? 800 }, deviceScaleFactor: 1, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (options.path) await page.goto(options.path);
  return { page, context, errors };
};

/**
 * Records a page's console errors, uncaught exceptions (a CSP refusal is a console error) and
 * failed loads of anything but the API: the API's 4xx answers are the app's to show (Chromium logs
 * each as "Failed to load resource"), so tests assert on what the page shows instead.
 */
export const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith("/v1/")) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("requestfailed", (request) => {
    // A navigation away cancels requests under way; that is not an error of the page.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on("pageerror", (error) => errors.push(`exception: ${error.message}`));
  return errors;
};

/** Waits until web fonts are in and nothing is animating in, so screenshots and scans see the settled page. */
const settle = async (page: Page) => {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
};

/**
 * Writes `.cache/screenshots/<name>-390.png` and `<name>-1280.png` (full page), resizing the
 * page to each width and back. Returns the files written.
 */
export const screenshot = async (page: Page, name: string): Promise<string[]> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT[width]! });
      // From the top: a full-page capture of a scrolled page draws the sticky bar and side bar mid-page.
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
      files.push(file);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return files;
};

export type AxeViolation = { id: string; impact: string; help: string; targets: string[] };

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

/**
 * Runs axe-core on the page and returns its serious and critical violations (rule id, what to
 * fix, and the elements). axe is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the page keeps its real policy during the scan.
 */
export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await settle(page);
  const already = await page.evaluate(() => "axe" in window);
  if (!already) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => ({ id: v.id, impact: v.impact ?? "unknown", help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(" ")) }));
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
};

/**
 * How far the page scrolls sideways at 390 px (0 when it does not), with the elements sticking
 * out past the right edge, for the failure message. The viewport is put back afterwards.
 */
export const horizontalOverflow = async (page: Page, width = 390): Promise<{ pixels: number; culprits: string[] }> => {
  const original = page.viewportSize();
  try {
    await page.setViewportSize({ width, height: HEIGHT[width] ?? 844 });
    await settle(page);
    return await page.evaluate(() => {
      const pixels = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      const culprits: string[] = [];
      if (pixels > 0) {
        for (const el of document.querySelectorAll("body *")) {
          const box = el.getBoundingClientRect();
          if (box.right > document.documentElement.clientWidth + 0.5 && box.width > 0) {
            culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).split(" ").slice(0, 3).join(".")} right=${Math.round(box.right)}`);
            if (culprits.length >= 8) break;
          }
        }
      }
      return { pixels, culprits };
    });
  } finally {
    if (original) await page.setViewportSize(original);
  }
};

/**
 * The checks every page gets: screenshots at both widths, an axe scan at both widths (serious
 * and critical violations only), and sideways scrolling at 390 px.
 */
export const inspectPage = async (page: Page, name: string): Promise<{ screenshots: string[]; violations: AxeViolation[]; overflow: { pixels: number; culprits: string[] } }> => {
  const screenshots = await screenshot(page, name);
  const original = page.viewportSize();
  const violations: AxeViolation[] = [];
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT[width]! });
      for (const v of await axeViolations(page)) violations.push({ ...v, id: `${v.id} @${width}px` });
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return { screenshots, violations, overflow: await horizontalOverflow(page) };
};
