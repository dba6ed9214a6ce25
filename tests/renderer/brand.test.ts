import { writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderStill } from "../../renderer/render-still";
import { pixel, readPng, shortScript, tempDir } from "./fixtures";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../renderer/project-paths";

const solidPng = (file: string, rgb: [number, number, number]) => {
  const png = new PNG({ width: 64, height: 64 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([...rgb, 255], i);
  writeFileSync(file, PNG.sync.write(png));
};

describe("brand kit", () => {
  it("puts the logo in its corner inside the safe zone and uses the brand colour", async () => {
    const dir = tempDir();
    solidPng(path.join(dir, "logo.png"), [0, 200, 0]);
    const script = shortScript({ brand: { logo: { src: "logo.png", position: "top-left", size: 0.2, opacity: 1 }, colors: { primary: "#ffcc00" } } }) as any;
    script.scenes[0].heading = "Brand time";
    const out = path.join(dir, "brand.png");
    // Frame 20: the heading card with its accent bar is up.
    await renderStill({ script, template: "minidrama", outputPath: out, frame: 20, resolution: "480p", voice: false, assetBaseDir: dir });
    const png = readPng(out);
    // 9:16 at 480p: safe left inset is 6% of 480 ≈ 29 px, logo 96 px wide.
    expect(pixel(png, 29 + 48, 43 + 48)).toEqual([expect.closeTo(0, -1.5), expect.closeTo(200, -1.5), expect.closeTo(0, -1.5)]);
    expect(pixel(png, 10, 10)).not.toEqual(pixel(png, 29 + 48, 43 + 48)); // not stuck to the very edge
    let accent = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 200 && png.data[i + 1]! > 170 && png.data[i + 2]! < 60) accent++;
    expect(accent).toBeGreaterThan(100);
  });

  it("loads the brand's font file and sets text in it", async () => {
    const dir = tempDir();
    const heading = (brand?: unknown) => {
      const script = shortScript({ brand }) as any;
      script.scenes[0].heading = "Brand type";
      return script;
    };
    const render = async (brand?: unknown) => {
      const out = path.join(dir, `font-${brand ? "brand" : "plain"}.png`);
      await renderStill({ script: heading(brand), template: "minidrama", outputPath: out, frame: 20, resolution: "480p", voice: false, assetBaseDir: dir });
      return readPng(out);
    };
    // Inter 800 italic as a stand-in brand face: the heading is otherwise upright.
    const font = path.join(PROJECT_ROOT, "node_modules", "@fontsource", "inter", "files", "inter-latin-800-italic.woff2");
    const plain = await render();
    const branded = await render({ font: { family: "Brandface", src: font } });
    let differing = 0;
    for (let i = 0; i < plain.data.length; i += 4) if (Math.abs(plain.data[i]! - branded.data[i]!) > 60) differing++;
    expect(differing).toBeGreaterThan(300);
  });

  it("--brand checks the kit with the script and names the bad field", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "s.json"), JSON.stringify(shortScript()));
    writeFileSync(path.join(dir, "brand.json"), JSON.stringify({ logo: { src: "logo.png", opacity: 3 } }));
    const r = await promisify(execFile)("node", [path.join(PROJECT_ROOT, "bin", "reelgen.js"), "render", path.join(dir, "s.json"), "--brand", path.join(dir, "brand.json"), "--out", path.join(dir, "x.mp4")]).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("brand.logo.opacity: must be between 0 and 1");
  });
});
