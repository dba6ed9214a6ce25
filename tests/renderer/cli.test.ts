import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { templatePacks } from "../../templates/registry";
import { descendants, isAlive } from "../process-tree";
import { CLI, runCli, shortScript, tempDir } from "./fixtures";

const run = (args: string[], cwd?: string) => runCli(args, { cwd });

const writeJson = (dir: string, name: string, value: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return file;
};

describe("reelgen CLI: bad input exits 2, names the problem, writes nothing", () => {
  it("validate accepts the sample script", async () => {
    const r = await run(["validate", "examples/lunch-thief.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("is a valid script: 3 scenes, 9 lines");
  });

  it("lists every problem of a malformed script with its JSON path", async () => {
    const dir = tempDir();
    const bad = shortScript({ format: "2:3" }) as any;
    bad.scenes[0].lines[0].speaker = "bob";
    bad.scenes[1].lines[0].durationSec = 0;
    const file = writeJson(dir, "bad.json", bad);
    for (const command of [["validate", file], ["render", file, "--out", path.join(dir, "out", "x.mp4")]]) {
      const r = await run(command);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('format: expected one of "9:16", "16:9", "1:1", "4:5", got "2:3"');
      expect(r.stderr).toContain('scenes[0].lines[0].speaker: "bob" is not a character (known: ana, narrator)');
      expect(r.stderr).toContain("scenes[1].lines[0].durationSec: must be greater than 0");
    }
    expect(readdirSync(dir)).toEqual(["bad.json"]);
  });

  it("points at broken JSON by line and column", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "broken.json", '{\n  "title": "x",\n  "scenes": [,]\n}');
    const r = await run(["render", file, "--out", path.join(dir, "x.mp4")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[INVALID_JSON\]: .*broken\.json is not valid JSON \(line 3, column 14\): ValueExpected/);
    expect(readdirSync(dir)).toEqual(["broken.json"]);
  });

  it.each([
    ["an unknown template", (f: string, d: string) => ["render", f, "--template", "sitcom", "--out", path.join(d, "x.mp4")], new RegExp(`Unknown template "sitcom" \\(known: ${templatePacks.map((p) => p.id).join(", ")}\\)`)],
    ["a missing script file", (_f: string, d: string) => ["render", path.join(d, "nope.json")], /Cannot read script .*nope\.json: no such file/],
    ["an unwritable output", (f: string) => ["render", f, "--out", "/etc/hostname/x.mp4"], /\[OUTPUT_NOT_WRITABLE\]: Cannot write \/etc\/hostname\/x\.mp4: a part of its folder path is a file/],
    ["an unknown resolution", (f: string, d: string) => ["render", f, "--resolution", "8k", "--out", path.join(d, "x.mp4")], /argument '8k' is invalid/],
    ["a still past the last frame", (f: string, d: string) => ["still", f, "--frame", "500", "--out", path.join(d, "x.png")], /frame: this script has frames 0 to 74, got 500/],
    ["a missing local asset", (f: string, d: string) => ["render", writeJson(d, "asset.json", shortScript({ music: { src: "gone.mp3" } })), "--out", path.join(d, "new", "deeper", "x.mp4")], /music\.src: file not found: .*gone\.mp3/],
  ])("rejects %s", async (_name, args, message) => {
    const dir = tempDir();
    const file = writeJson(dir, "ok.json", shortScript());
    const before = readdirSync(dir);
    const r = await run(args(file, dir));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dir).filter((f) => !before.includes(f) && f !== "asset.json")).toEqual([]);
  });
});

describe("reelgen CLI: commands", () => {
  it("templates lists the registry", async () => {
    const r = await run(["templates", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((t: { id: string }) => t.id)).toContain("minidrama");
  });

  it("previews writes a thumbnail of every pack", async () => {
    const dir = tempDir();
    const r = await run(["previews", "--out", dir]);
    expect(r.code).toBe(0);
    const ids = JSON.parse((await run(["templates", "--json"])).stdout).map((t: { id: string }) => t.id);
    expect(readdirSync(dir).sort()).toEqual(ids.map((id: string) => `${id}.png`).sort());
    for (const id of ids) expect(readFileSync(path.join(dir, `${id}.png`)).subarray(1, 4).toString()).toBe("PNG");
  });

  it("schema prints the Script JSON Schema", async () => {
    const r = await run(["schema"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: "object", required: ["title", "scenes"] });
  });

  it("render writes the video and a summary that says bundling was skipped", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "short.json", shortScript());
    const r = await run(["render", file, "--resolution", "480p", "--out", path.join(dir, "out", "short.mp4")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ .*short\.mp4/);
    expect(r.stdout).toMatch(/480×854 h264 · 2\.50 s \(75 frames at 30 fps\)/);
    expect(r.stdout).toMatch(/wall time [\d.]+ s · [\d.]+ frames\/s · bundle cached \(skipped bundling\)/);
    const probe = await probeMedia(path.join(dir, "out", "short.mp4"));
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 75 });
  });

  it("one request, several outputs: each preset laid out for its frame, plus a cover", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "multi.json", shortScript());
    const r = await run(["render", file, "--preset", "tiktok,instagram-square,youtube", "--resolution", "480p", "--no-voice", "--thumbnail", "--out", path.join(dir, "x.mp4")]);
    expect(r.code).toBe(0);
    const sizes = await Promise.all(
      ["x-tiktok.mp4", "x-instagram-square.mp4", "x-youtube.mp4"].map(async (f) => {
        const probe = await probeMedia(path.join(dir, f));
        return [probe.video!.width, probe.video!.height, probe.video!.frames];
      }),
    );
    expect(sizes).toEqual([[480, 854, 75], [480, 480, 75], [854, 480, 75]]);
    expect(r.stdout).toContain("cover at frame 22");
    expect(readFileSync(path.join(dir, "x.png")).subarray(1, 4).toString()).toBe("PNG");
  });

  it("rejects an unknown preset", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "p.json", shortScript());
    const started = performance.now();
    const r = await run(["render", file, "--preset", "tiktok,myspace", "--out", path.join(dir, "x.mp4")]);
    const seconds = (performance.now() - started) / 1000;
    expect(r.code).toBe(2);
    // The error alone: no voicing, bundling or rendering progress came before it.
    expect(r.stderr).toBe('error [INVALID_ARGUMENT]: preset: expected one of tiktok, reels, shorts, youtube, instagram-square, instagram-portrait, got "myspace"\n');
    // Checked before anything renders: not even the valid first preset was written.
    expect(readdirSync(dir)).toEqual(["p.json"]);
    // Node's start-up takes about a second; rendering the first preset would take several.
    expect(seconds).toBeLessThan(4);
  });

  it("still writes a PNG of the chosen frame", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "short.json", shortScript({ format: "1:1" }));
    const r = await run(["still", file, "--frame", "40", "--resolution", "480p", "--out", path.join(dir, "t.png"), "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ frame: 40, width: 480, height: 480 });
    expect(readFileSync(path.join(dir, "t.png")).subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("reelgen CLI: Ctrl-C", () => {
  it("stops Chrome and FFmpeg, exits 130 and leaves no file", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "long.json", shortScript({ scenes: [{ id: "a", lines: [{ speaker: "ana", text: "A long line.", durationSec: 30 }] }] }));
    const out = path.join(dir, "out");
    const child = spawn("node", [CLI, "render", file, "--resolution", "480p", "--out", path.join(out, "long.mp4")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const seen = new Set<number>();
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        // Wait until frames are being rendered, so Chrome and the encoder are both running.
        if (/rendering [1-9]0%/.test(stderr)) resolve();
      });
      void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
    });
    for (const { pid } of descendants(child.pid!)) seen.add(pid);
    expect(seen.size).toBeGreaterThan(1); // Chrome and its helpers, the compositor and ffmpeg
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("Cancelled; no output was written.");
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // Chrome's helpers exit on their own once their parent is gone; on a loaded machine that can
    // take more than a moment, so wait up to 5 s (an orphan that lives on still fails).
    for (let i = 0; i < 50 && [...seen].some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    expect([...seen].filter(isAlive)).toEqual([]);
  });
});
