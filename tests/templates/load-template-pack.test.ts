import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { loadTemplatePack, templatePackInfos } from "../../templates/load-template-pack";
import { templatePacks } from "../../templates/registry";

describe("the lazy pack registry (what the player loads packs through)", () => {
  it("lists exactly the packs of registry.ts, in its order, with their own id, title, description, formats and fps", () => {
    expect(templatePackInfos).toEqual(templatePacks.map((p) => ({ id: p.id, title: p.title, description: p.description, formats: p.formats, fps: p.fps })));
  });

  it("loads each pack's code on demand: the very pack the registry holds", async () => {
    for (const pack of templatePacks) expect(await loadTemplatePack(pack.id)).toBe(pack);
  });

  it("refuses an unknown id with TEMPLATE_NOT_FOUND naming the known ones", async () => {
    await expect(loadTemplatePack("soap-opera")).rejects.toMatchObject({
      code: "TEMPLATE_NOT_FOUND",
      message: `Unknown template "soap-opera" (known: ${templatePacks.map((p) => p.id).join(", ")})`,
    });
  });

  it("imports no pack statically, so a bundler splits each into its own chunk", () => {
    const source = readFileSync(path.join(PROJECT_ROOT, "templates", "load-template-pack.ts"), "utf8");
    const staticImports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)].filter((m) => !/^import\s+type\s/.test(m[0])).map((m) => m[1]);
    expect(staticImports.sort()).toEqual(["../script/reelgen-error", "../script/timeline"]);
    for (const pack of templatePacks) expect(source).toContain(`import("./${pack.id}")`);
  });
});
