#!/usr/bin/env node
// The reelgen CLI. Sources are TypeScript; tsx compiles them on the fly with the project's tsconfig.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../renderer/cli/main.ts");
