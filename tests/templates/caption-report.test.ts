import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAPTION_BOX_LOG } from "../../script/timeline";
import { runCli, shortScript, tempDir } from "../renderer/fixtures";

describe("captions report their boxes to the renderer without eval, and without echoing them", () => {
  it("`reelgen render --json` prints one JSON summary; the quality report still got every caption's box", async () => {
    const dir = tempDir();
    const script = shortScript();
    const lines = script.scenes.flatMap((s: { lines: unknown[] }) => s.lines).length;
    const file = path.join(dir, "short.json");
    writeFileSync(file, JSON.stringify(script));
    const r = await runCli(["render", file, "--resolution", "480p", "--no-voice", "--json", "--out", path.join(dir, "short.mp4")]);
    expect(r.code, r.stderr).toBe(0);
    // Nothing but the summary on stdout, and no caption line echoed anywhere.
    expect(JSON.parse(r.stdout)).toMatchObject({ outputPath: path.join(dir, "short.mp4"), durationInFrames: 75 });
    expect(r.stdout + r.stderr).not.toContain(CAPTION_BOX_LOG.trim());
    const report = JSON.parse(readFileSync(path.join(dir, "short.quality.json"), "utf8"));
    const safeZone = report.checks.find((c: { id: string }) => c.id === "safe-zone");
    // Measured in the browser and received through onBrowserLog: one box per line.
    expect(safeZone).toMatchObject({ status: "pass", message: `all ${lines} captions inside the platform safe zone` });
  });
});
