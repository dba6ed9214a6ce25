// Used by `npm run studio` (the Remotion CLI). The renderer library and the reelgen CLI pass
// their options directly and do not read this file.
import { Config } from "@remotion/cli/config";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

Config.setEntryPoint("studio/index.ts");
Config.setVideoImageFormat("jpeg");
Config.setHardwareAcceleration("disable");

// Studio's Render button uses the same browser as the reelgen CLI: REELGEN_BROWSER, else the
// headless shell the renderer unpacked into .cache (never a download).
const unpacked = existsSync(".cache")
  ? readdirSync(".cache").filter((d) => d.startsWith("chromium-")).map((d) => path.resolve(".cache", d, "chromium")).find((f) => existsSync(f))
  : undefined;
const browser = process.env.REELGEN_BROWSER ?? unpacked;
if (browser) Config.setBrowserExecutable(browser);
