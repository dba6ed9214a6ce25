import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { templatePacks } from "../../templates/registry";
import { runCli, tempDir } from "./fixtures";

const PROMPT = "a forgotten birthday that turns into a surprise party";

/**
 * What a new user sees first: an offline `reelgen make` with each pack. Every one must come out
 * with backdrops from the catalogue, a music bed and voices, and pass its own quality gate.
 */
describe("reelgen make with every pack", () => {
  for (const pack of templatePacks) {
    it(`${pack.id}: scenes on catalogue backdrops, a music bed, voices; the quality gate passes`, async () => {
      const dir = tempDir();
      const out = path.join(dir, `${pack.id}.mp4`);
      const r = await runCli(["make", PROMPT, "--template", pack.id, "--seconds", "15", "--resolution", "480p", "--out", out, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const script = JSON.parse(readFileSync(path.join(dir, `${pack.id}.script.json`), "utf8"));
      // The writer used the catalogue: a setting for every scene without its own background, a mood for the music.
      for (const scene of script.scenes) expect(scene.setting ?? scene.background, `scene ${scene.id}`).toBeDefined();
      expect(script.scenes.some((s: { setting?: string }) => s.setting)).toBe(true);
      expect(script.music?.mood).toBeDefined();
      const report = JSON.parse(readFileSync(out.replace(/\.mp4$/, ".quality.json"), "utf8"));
      const failing = report.checks.filter((c: { status: string }) => c.status === "warn");
      expect(failing, JSON.stringify(failing)).toEqual([]);
      expect(report.ok).toBe(true);
      const probe = await probeMedia(out);
      expect(probe.audio).not.toBeNull();
    });
  }
});
