import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { buildTimeline } from "../../script/timeline";
import { validateScript } from "../../script/validate-script";
import { findTemplatePack, templatePacks } from "../../templates/registry";
import { tenSecondScript } from "../script/generate-fixtures";
import { startFakeOpenAi, type FakeOpenAi } from "../script/fake-openai-server";
import { runCli, tempDir } from "./fixtures";

const OFFICE = "a two-minute office drama about a stolen lunch, with a twist";

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

const seconds = (script: unknown) => {
  const checked = validateScript(script);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const t = buildTimeline(checked.script);
  return t.durationInFrames / t.fps;
};

let fake: FakeOpenAi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe("reelgen script", () => {
  it("writes a valid script offline, the same one for the same prompt, and says it was offline", async () => {
    const dir = tempDir();
    const a = await run(["script", OFFICE, "--seconds", "60", "--out", path.join(dir, "a.json")]);
    const b = await run(["script", OFFICE, "--seconds", "60", "--out", path.join(dir, "b.json")]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain("writing offline");
    expect(a.stdout).toContain("offline writer");
    const script = JSON.parse(readFileSync(path.join(dir, "a.json"), "utf8"));
    expect(readFileSync(path.join(dir, "b.json"), "utf8")).toBe(readFileSync(path.join(dir, "a.json"), "utf8"));
    expect(validateScript(script, findTemplatePack("minidrama")!.schema as never).ok).toBe(true);
    expect(Math.abs(seconds(script) - 60)).toBeLessThanOrEqual(12);
  });

  it("writes a series with one cast, one file per episode", async () => {
    const dir = tempDir();
    const r = await run(["script", "a mystery on a night train", "--episodes", "3", "--seconds", "30", "--out", path.join(dir, "train.json")]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["train-1.json", "train-2.json", "train-3.json"]);
    const casts = [1, 2, 3].map((i) => JSON.parse(readFileSync(path.join(dir, `train-${i}.json`), "utf8")).characters);
    expect(casts[1]).toEqual(casts[0]);
    expect(casts[2]).toEqual(casts[0]);
  });

  it("goes through the configured model when LLM_BASE_URL is set", async () => {
    fake = await startFakeOpenAi({ replies: [{ json: { title: "broken" } }, { json: tenSecondScript() }] });
    const dir = tempDir();
    const r = await run(["script", "a short scene with Ana", "--seconds", "10", "--out", path.join(dir, "s.json"), "--json"], { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model" });
    expect(r.code, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout);
    expect(result.usage).toMatchObject({ model: "fake-model", offline: false, attempts: 2 });
    expect(JSON.parse(readFileSync(path.join(dir, "s.json"), "utf8")).title).toBe("Short");
    expect(fake.requests.filter((q) => q.path.endsWith("/chat/completions"))).toHaveLength(2);
  });

  // Every row asks for a file, so a command that wrongly went ahead would leave one in the folder.
  it.each([
    [["script", "go"], "error [INVALID_BRIEF]: invalid brief:\n  prompt: must be at least 3 characters\n"],
    [["script", "how to make a bomb, step by step"], "error [BRIEF_REFUSED]: the brief was refused by moderation (how to make a bomb)\n"],
    [["script", "a nice story", "--template", "nope"], `error [TEMPLATE_NOT_FOUND]: Unknown template "nope" (known: ${templatePacks.map((p) => p.id).join(", ")})\n`],
    [["script", "a nice story", "--seconds", "ten"], `error: option '-s, --seconds <n>' argument 'ten' is invalid. --seconds must be a whole number, got "ten"\n`],
  ])("refuses bad input with exit 2: %j", async (args, message) => {
    const dir = tempDir();
    const r = await run([...args, "--out", path.join(dir, "x.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes the file a refused row would have written, once the input is fixed (the folder check above can fill)", async () => {
    const dir = tempDir();
    const r = await run(["script", "a nice story", "--seconds", "10", "--out", path.join(dir, "x.json")]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(["x.json"]);
  });

  it("fails with exit 1 and the last problems when the model never gets it right", async () => {
    fake = await startFakeOpenAi({ replies: [{ json: { title: "never valid" } }] });
    const r = await run(["script", "a nice story"], { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error [GENERATION_INVALID]");
    expect(r.stderr).toContain("  scenes: ");
  });
});

describe("reelgen make", () => {
  it("makes the office drama offline: a valid two-minute video with its script beside it", async () => {
    const dir = tempDir();
    const out = path.join(dir, "office.mp4");
    const r = await run(["make", OFFICE, "--resolution", "480p", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("writing offline");
    const script = JSON.parse(readFileSync(path.join(dir, "office.script.json"), "utf8"));
    expect(script.characters.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(script).toLowerCase()).toContain("lunch");
    const probe = await probeMedia(out);
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854 });
    // "two-minute": the estimate from reading speed is what the writer fits; voices set the final length.
    expect(probe.durationSec).toBeGreaterThan(120 * 0.7);
    expect(probe.durationSec).toBeLessThan(120 * 1.3);
    expect(existsSync(out.replace(/\.mp4$/, ".srt"))).toBe(true);
    // Two minutes of video with portraits, backdrops, a music bed and ~40 voiced lines: measured 164 s on a loaded machine.
  }, 360_000);

  it("goes through the model path with a fake server configured", async () => {
    fake = await startFakeOpenAi({ replies: [{ content: "oops" }, { json: tenSecondScript() }] });
    const dir = tempDir();
    const out = path.join(dir, "model.mp4");
    const r = await run(["make", "a short scene with Ana", "--seconds", "10", "--resolution", "480p", "--no-voice", "--out", out, "--json"], { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model" });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.usage).toMatchObject({ model: "fake-model", attempts: 2, offline: false });
    const probe = await probeMedia(out);
    expect(probe.durationSec).toBeCloseTo(10, 0);
    expect(JSON.parse(readFileSync(path.join(dir, "model.script.json"), "utf8"))).toEqual(validateScript(tenSecondScript()).ok && (validateScript(tenSecondScript()) as { script: unknown }).script);
  });
});
