// Used by `npm run studio` (the Remotion CLI). The renderer library and the reelgen CLI pass
// their options directly and do not read this file.
import { Config } from "@remotion/cli/config";

Config.setEntryPoint("studio/index.ts");
Config.setVideoImageFormat("jpeg");
Config.setHardwareAcceleration("disable");
if (process.env.REELGEN_BROWSER) Config.setBrowserExecutable(process.env.REELGEN_BROWSER);
