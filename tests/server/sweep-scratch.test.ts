import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { sweepScratch } from "../../server/renders/sweep-scratch";
import { tempDir } from "../renderer/fixtures";

describe("sweepScratch", () => {
  it("removes the folders killed jobs left, older than the limit, and keeps younger ones", async () => {
    const dir = tempDir();
    try {
      for (const name of ["killed", "running"]) {
        mkdirSync(path.join(dir, name, "attempt-1", "outputs"), { recursive: true });
        writeFileSync(path.join(dir, name, "attempt-1", "outputs", "mp4.mp4"), "half a video");
      }
      const longAgo = new Date(Date.now() - 3 * 3600_000);
      utimesSync(path.join(dir, "killed"), longAgo, longAgo);
      expect(await sweepScratch({ dir, olderThanMs: 2 * 3600_000, logger: pino({ level: "silent" }) })).toBe(1);
      expect(readdirSync(dir)).toEqual(["running"]);
      // No scratch folder yet is fine.
      expect(await sweepScratch({ dir: path.join(dir, "absent"), olderThanMs: 0, logger: pino({ level: "silent" }) })).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
