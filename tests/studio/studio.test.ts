import { getCompositions } from "@remotion/renderer";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBrowserExecutable } from "../../renderer/browser";
import { ensureBundle } from "../../renderer/bundle-cache";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { templatePacks } from "../../templates/registry";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe("Studio entry", () => {
  it("registers every pack of the registry with its schema and default props", async () => {
    const { serveUrl } = await ensureBundle();
    const compositions = await getCompositions(serveUrl, { browserExecutable: await resolveBrowserExecutable(), logLevel: "error" });
    expect(compositions.map((c) => c.id).sort()).toEqual(templatePacks.map((p) => p.id).sort());
    for (const pack of templatePacks) {
      const composition = compositions.find((c) => c.id === pack.id)!;
      expect(composition.defaultProps).toMatchObject({ title: pack.defaultProps.title });
      expect(composition.durationInFrames).toBeGreaterThan(30);
    }
  });

  it("`remotion studio` serves the Studio", async () => {
    const port = await freePort();
    const studio = spawn(path.join(PROJECT_ROOT, "node_modules", ".bin", "remotion"), ["studio", "studio/index.ts", "--port", String(port), "--no-open", "--ipv4"], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      let html = "";
      for (let i = 0; i < 120 && !html; i++) {
        await new Promise((r) => setTimeout(r, 500));
        html = await fetch(`http://127.0.0.1:${port}/`).then((r) => (r.ok ? r.text() : ""), () => "");
      }
      expect(html).toContain("window.remotion_renderDefaults");
      // The dev bundle it serves is built from our entry and holds every registered pack.
      const bundle = await fetch(`http://127.0.0.1:${port}/bundle.js`).then((r) => r.text());
      for (const pack of templatePacks) expect(bundle).toContain(`id: "${pack.id}"`);
    } finally {
      process.kill(-studio.pid!, "SIGTERM");
    }
  });
});
