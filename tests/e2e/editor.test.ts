import path from "node:path";
import { PNG } from "pngjs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer } from "../server/harness";
import { inspectPage, launchBrowser, openApp, type AppPage } from "./browser";

const PASSWORD = "plum kettle orbit lantern";
/** `expect.poll` with room for a loaded machine (its own default is one second). */
const poll = <T,>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 10_000, ...options });
const NEW_LINE = "Zebras never queue for coffee";

/**
 * The creative half of the web app, in a real browser against the real server: the home prompt
 * box generates a script (the offline writer: no model is configured in tests) into a new
 * project; the form edits it and the preview follows; the JSON view shows validation problems
 * at their paths; saves make versions, history shows them in words, and a stale save offers
 * the choice; the saved project renders at 480p from the editor's Render button to a downloaded
 * H.264 MP4 (the journey, end to end).
 */
describe("editor (real browser, real server)", () => {
  let server: TestServer;
  let browser: Browser;
  let app: AppPage;

  beforeAll(async () => {
    server = await startTestServer({ worker: true });
    browser = await launchBrowser();
    // The install's first account becomes its admin; the test's user is a standard one.
    await server.user("admin");
    app = await openApp(browser, { url: server.url, path: "/sign-up" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const expectClean = async (page: Page, name: string) => {
    const { violations, overflow } = await inspectPage(page, name);
    expect(violations, `${name}: axe serious/critical violations`).toEqual([]);
    expect(overflow, `${name}: scrolls sideways at 390 px`).toEqual({ pixels: 0, culprits: [] });
    expect(app.errors, `${name}: console errors or CSP refusals`).toEqual([]);
  };
  const accessToken = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem("reelgen.session") ?? "null") as { accessToken: string }).accessToken);
  /** Replaces the whole CodeMirror document (typed in as one input, as a paste would be). */
  const replaceJson = async (page: Page, text: string) => {
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(text);
  };
  const previewText = (page: Page) => page.getByTestId("preview").innerText();

  it("generates from the home prompt, edits with a live preview, validates JSON at its paths, saves, shows history and resolves a stale save", async () => {
    const { page } = app;
    const email = `editor-${Date.now()}@example.com`;
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await poll(() => page.getByText("render-minutes").first().isVisible()).toBe(true);
    await expectClean(page, "home");

    // An image in the media library, to use as a background below.
    const png = new PNG({ width: 64, height: 96 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([250, 120, 20, 255], i);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(PNG.sync.write(png))], { type: "image/png" }), "orange.png");
    const uploaded = await server.api("/v1/media", { method: "POST", headers: { authorization: `Bearer ${await accessToken(page)}` }, body: form });
    expect(uploaded.status).toBe(201);
    const mediaRef: string = uploaded.body.ref;

    // The home prompt box → POST /v1/scripts/generate → a new project, opened in the editor. Before the first generation of the day the card already tells what is left (GET /v1/usage).
    await poll(() => page.getByRole("form", { name: "Make a video" }).textContent()).toContain("50 of 50 generations left today");
    await page.getByLabel("Make a video about…").fill("a lighthouse keeper who befriends a seagull");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const projectId = page.url().split("/").pop()!;
    await poll(() => page.getByTestId("editor-version").textContent(), { timeout: 20_000 }).toBe("Version 1");
    const token = await accessToken(page);
    const auth = { authorization: `Bearer ${token}` };
    const v1 = await server.api(`/v1/projects/${projectId}`, { headers: auth });
    expect(v1.status).toBe(200);
    expect(v1.body.latest.version).toBe(1);
    const firstText: string = v1.body.latest.script.scenes[0].lines[0].text;

    // The voice picker lists the speech engine's voices (GET /v1/voices).
    const voicePicker = page.getByLabel("Voice", { exact: true }).first();
    await poll(() => voicePicker.evaluate((el) => el.tagName)).toBe("SELECT");
    expect(await voicePicker.locator("option").count()).toBeGreaterThan(2);

    // The preview plays the pack's component: "play from this line" shows the line's words.
    const preview = page.getByTestId("preview");
    await poll(() => preview.locator(".__remotion-player, [class*=remotion]").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const playFirst = page.getByRole("button", { name: "Play from here: line 1 of scene 1" });
    await playFirst.click();
    const firstWord = firstText.split(/\s+/)[0]!;
    await poll(() => previewText(page), { timeout: 10_000 }).toContain(firstWord);
    expect(await previewText(page)).not.toContain("Zebras");
    await poll(() => page.getByTestId("duration-estimate").textContent()).toMatch(/^About \d+ s · \d+ scenes · \d+ lines$/);

    // Change the line in the form: the preview follows (debounced) and plays the new words.
    const lineText = page.getByLabel("Line 1 text").first();
    await lineText.fill(NEW_LINE);
    await poll(() => page.getByText("Unsaved changes").isVisible()).toBe(true);
    await page.waitForTimeout(400);
    await playFirst.click();
    await poll(() => previewText(page), { timeout: 10_000 }).toContain("Zebras");
    await expectClean(page, "editor");

    // The raw JSON view: a speaker who is not a character is marked at its path, with the server's message.
    await page.getByRole("tab", { name: "JSON" }).click();
    await poll(() => page.locator(".cm-content").isVisible()).toBe(true);
    // CodeMirror draws only the lines in view, so the form's edit is read from the visible start.
    await poll(() => page.locator(".cm-content").innerText()).toContain(`"title"`);
    const good = structuredClone(v1.body.latest.script) as { scenes: { lines: { speaker: string; text: string }[] }[] };
    good.scenes[0]!.lines[0]!.text = NEW_LINE;
    const broken = structuredClone(good);
    broken.scenes[0]!.lines[0]!.speaker = "nobody-here";
    await replaceJson(page, JSON.stringify(broken, null, 2));
    const marks = page.locator(".cm-lintRange-error");
    await poll(() => marks.count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect((await marks.allInnerTexts()).join("")).toContain("nobody-here");
    await marks.first().hover();
    await poll(() => page.locator(".cm-tooltip-lint").textContent(), { timeout: 5_000 }).toContain('scenes[0].lines[0].speaker: "nobody-here" is not a character');
    expect(await page.getByRole("button", { name: "Save" }).isEnabled()).toBe(true);
    // Broken syntax is marked too, and turns the form off until fixed.
    await replaceJson(page, JSON.stringify(good, null, 2).slice(0, -2));
    await poll(() => page.locator(".cm-lintRange-error, .cm-lint-marker-error").count()).toBeGreaterThan(0);
    await page.getByRole("tab", { name: "Form" }).click();
    await poll(() => page.getByText("The JSON does not parse").isVisible()).toBe(true);
    await page.getByRole("tab", { name: "JSON" }).click();
    await replaceJson(page, JSON.stringify(good, null, 2));
    await poll(() => page.locator(".cm-lintRange-error").count(), { timeout: 5_000 }).toBe(0);

    // Save → version 2 on the server, with the edited line.
    await page.getByRole("button", { name: "Save" }).click();
    await poll(() => page.getByTestId("editor-version").textContent()).toBe("Version 2");
    const v2 = await server.api(`/v1/projects/${projectId}`, { headers: auth });
    expect(v2.body.latest.version).toBe(2);
    expect(v2.body.latest.script.scenes[0].lines[0].text).toBe(NEW_LINE);

    // History: version 2's change in words, at its path, old → new.
    await page.getByRole("button", { name: "History" }).click();
    const changes = page.getByRole("list", { name: "Changes from version 1 to 2" });
    await poll(() => changes.textContent(), { timeout: 10_000 }).toContain("script.scenes[0].lines[0].text");
    expect(await changes.textContent()).toContain(`changedscript.scenes[0].lines[0].text${JSON.stringify(firstText).slice(0, 40)}`);
    expect(await changes.textContent()).toContain(`→ ${JSON.stringify(NEW_LINE)}`);
    await page.keyboard.press("Escape");

    // Someone else saves version 3; this editor's save on version 2 is refused and offers the choice.
    const other = await server.api(`/v1/projects/${projectId}`, { method: "PUT", headers: auth, body: { script: { ...v2.body.latest.script, title: "Their title" }, baseVersion: 2 } });
    expect(other.status).toBe(201);
    await page.getByRole("tab", { name: "Form" }).click();
    await page.getByLabel("Title", { exact: true }).fill("My title");
    await page.getByRole("button", { name: "Save" }).click();
    const dialog = page.getByRole("dialog", { name: "Someone saved a newer version" });
    await poll(() => dialog.isVisible()).toBe(true);
    // The draft against theirs: the title changed from theirs to mine.
    expect(await dialog.textContent()).toContain('title"Their title" → "My title"');
    await page.getByRole("button", { name: "Keep mine" }).click();
    await poll(() => page.getByTestId("editor-version").textContent()).toBe("Version 4");
    const v4 = await server.api(`/v1/projects/${projectId}`, { headers: auth });
    expect(v4.body.latest.script.title).toBe("My title");

    // Reorder by keyboard: the first line's handle, Space to pick up, ArrowDown, Space to drop.
    const secondText: string = v4.body.latest.script.scenes[0].lines[1].text;
    await page.getByRole("button", { name: "Reorder line 1 of scene 1" }).focus();
    // dnd-kit measures the list after the pick-up and moves after the arrow: give each step a frame or two.
    for (const key of ["Space", "ArrowDown", "Space"]) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250);
    }
    await poll(() => page.getByLabel("Line 1 text").first().inputValue()).toBe(secondText);
    expect(await page.getByLabel("Line 2 text").first().inputValue()).toBe(NEW_LINE);
    // Reorder by dragging: line 3's handle onto line 1's place.
    const thirdText: string = v4.body.latest.script.scenes[0].lines[2].text;
    const from = (await page.getByRole("button", { name: "Reorder line 3 of scene 1" }).boundingBox())!;
    const to = (await page.getByRole("button", { name: "Reorder line 1 of scene 1" }).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + from.width / 2, from.y + ((to.y - 20 - from.y) * step) / 10, { steps: 2 });
    await page.mouse.up();
    await poll(() => page.getByLabel("Line 1 text").first().inputValue()).toBe(thirdText);

    // A background from the media library: the script keeps the media: ref, the preview loads its signed URL.
    await page.getByLabel("Background", { exact: true }).first().selectOption("image");
    expect(await page.getByLabel("Background image").first().inputValue()).toBe(mediaRef);
    // The chosen file's thumbnail shows beside the picker.
    await poll(() => page.locator(`img[src*="/v1/files/media/${mediaRef.slice("media:".length)}"]`).count()).toBeGreaterThan(1);
    await poll(() => page.getByTestId("preview").locator(`img[src*="/v1/files/media/${mediaRef.slice("media:".length)}"]`).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // A voice preview per line: the server speaks it and the browser gets WAV.
    const spoken = page.waitForResponse((r) => r.url().endsWith("/v1/voices/preview"));
    await page.getByRole("button", { name: "Preview the voice of line 1 of scene 1" }).click();
    const voiceAnswer = await spoken;
    expect(voiceAnswer.status()).toBe(200);
    expect(voiceAnswer.headers()["content-type"]).toBe("audio/wav");

    // Ctrl+S saves.
    await page.keyboard.press("Control+s");
    await poll(() => page.getByTestId("editor-version").textContent()).toBe("Version 5");
    const v5 = await server.api(`/v1/projects/${projectId}`, { headers: auth });
    expect(v5.body.latest.script.scenes[0].lines.map((l: { text: string }) => l.text).slice(0, 3)).toEqual([thirdText, secondText, NEW_LINE]);
    expect(v5.body.latest.script.scenes[0].background).toEqual({ type: "image", src: mediaRef });

    // Rollback from the history: version 1's content comes back as version 6.
    await page.getByRole("button", { name: "History" }).click();
    await page.getByRole("button", { name: /^Version 1/ }).click();
    await page.getByRole("button", { name: "Restore version 1" }).click();
    await poll(() => page.getByTestId("editor-version").textContent()).toBe("Version 6");
    const v6 = await server.api(`/v1/projects/${projectId}`, { headers: auth });
    expect(v6.body.latest.script).toEqual(v1.body.latest.script);
    expect(await page.getByLabel("Line 1 text").first().inputValue()).toBe(firstText);

    // Render goes to the render page for this project's saved version.
    await page.getByRole("link", { name: "Render", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/renders/new" && url.searchParams.get("project") === projectId && url.searchParams.get("version") === "6");
    // The journey goes on: 480p with a thumbnail, followed to 100%, downloaded, a valid H.264 MP4.
    await page.getByLabel("Resolution").selectOption("480p");
    await poll(() => page.getByLabel("Also make a thumbnail").isChecked()).toBe(true);
    await page.getByRole("button", { name: "Render", exact: true }).click();
    await page.waitForURL(/\/renders\/[0-9a-f-]{36}$/);
    await poll(() => page.getByRole("progressbar", { name: "Render progress" }).getAttribute("aria-valuenow"), { timeout: 240_000 }).toBe("100");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download mp4" }).click()]);
    const video = path.join(tempDir(), "journey.mp4");
    await download.saveAs(video);
    const probe = await probeMedia(video, { countFrames: false });
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854 });
    expect(probe.durationSec).toBeGreaterThan(5);

    // The other pages of this half of the app.
    await page.goto("/projects");
    await poll(() => page.getByRole("link", { name: v1.body.name }).count()).toBeGreaterThan(0);
    await expectClean(page, "projects");

    // Generate with AI from the projects page: a bad brief is shown at its path; a good one, as a
    // two-episode chat story, makes two projects and opens the first.
    await page.getByRole("button", { name: "Generate with AI" }).first().click();
    const generateDialog = page.getByRole("dialog", { name: "Generate with AI" });
    await generateDialog.getByLabel("What is the video about?").fill("ab");
    await generateDialog.getByRole("button", { name: "Generate" }).click();
    await poll(() => generateDialog.getByRole("alert").textContent()).toContain("body.prompt");
    expect(await generateDialog.getByRole("alert").textContent()).toContain("must be at least 3 characters");
    await generateDialog.getByLabel("What is the video about?").fill("two friends plan a surprise party by text");
    await generateDialog.getByLabel("Template").selectOption("chat-story");
    await generateDialog.getByLabel("Episodes").fill("2");
    await generateDialog.getByRole("button", { name: "Generate" }).click();
    await page.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(projectId), { timeout: 30_000 });
    await poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 }).toMatch(/\(episode 1\)$/);
    await poll(() => page.getByText("Chat story ·").count()).toBe(1);
    // Leaving with unsaved changes asks first; Stay keeps the draft, Leave goes.
    await page.getByLabel("Title", { exact: true }).fill("A draft nobody saves");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    const leave = page.getByRole("dialog", { name: "Leave without saving?" });
    await poll(() => leave.isVisible()).toBe(true);
    await leave.getByRole("button", { name: "Stay" }).click();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("A draft nobody saves");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    await leave.getByRole("button", { name: "Leave" }).click();
    // The day's generations are the server's (GET /v1/usage), after a reload too: 2 of the standard tier's 50 used.
    await page.reload();
    await poll(() => page.getByRole("link", { name: /\(episode 2\)$/ }).count()).toBe(1);
    await page.getByRole("button", { name: "Generate with AI" }).first().click();
    await poll(() => page.getByRole("dialog", { name: "Generate with AI" }).textContent()).toContain("48 of 50 generations left today");
    await page.keyboard.press("Escape");

    // Search narrows the list; delete asks, then the project is gone (here and on the server).
    const list = page.getByRole("list", { name: "Projects" });
    await page.getByLabel("Search projects").fill("episode");
    await poll(() => list.getByRole("listitem").count()).toBe(2);
    const episode2 = (await list.getByRole("link", { name: /\(episode 2\)$/ }).textContent())!;
    const episode2Id = (await list.getByRole("link", { name: episode2 }).getAttribute("href"))!.split("/").pop()!;
    await page.getByRole("button", { name: `Delete ${episode2}` }).click();
    await page.getByRole("dialog", { name: `Delete “${episode2}”?` }).getByRole("button", { name: "Delete project" }).click();
    await poll(() => list.getByRole("listitem").count()).toBe(1);
    expect((await server.api(`/v1/projects/${episode2Id}`, { headers: auth })).status).toBe(404);
    await page.getByLabel("Search projects").fill("");

    await page.goto("/templates");
    await poll(() => page.getByTestId("template-preview-minidrama").count(), { timeout: 20_000 }).toBe(1);
    await expectClean(page, "templates");

    // "Use this template": a new project from the pack's sample script; the form has the pack's own fields, from its JSON Schema.
    await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Promo" }) }).getByRole("button", { name: "Use this template" }).click();
    const newProject = page.getByRole("dialog", { name: "New project" });
    await newProject.getByLabel("Name").fill("Lunch promo");
    await newProject.getByRole("button", { name: "Create project" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 }).toBe("Lunch promo");
    await poll(() => page.getByRole("heading", { name: "Template: promo" }).isVisible(), { timeout: 10_000 }).toBe(true);
    const cta = page.getByLabel("cta", { exact: true });
    await cta.fill("Order now");
    await page.getByRole("tab", { name: "JSON" }).click();
    await poll(() => page.locator(".cm-content").innerText()).toContain('"cta": "Order now"');
  }, 300_000);
});
