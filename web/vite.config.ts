import path from "node:path";
import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
/** The API `npm run web` forwards to; `REELGEN_API_URL` points it at another server. */
const apiUrl = process.env.REELGEN_API_URL ?? "http://127.0.0.1:3000";

/**
 * The web app: `web/index.html` → `web/src/main.tsx`, built into `web/dist` by `bin/build-web.ts`
 * (through `bin/setup.sh`), served by `npm run server`. `npm run web` runs this config's dev server,
 * which forwards everything that is not the app to the API.
 */
export default defineConfig({
  root: webRoot,
  // The app imports `script/` and `templates/` from the checkout, outside `web/`.
  server: {
    host: "127.0.0.1",
    port: 5173,
    fs: { allow: [path.resolve(webRoot, "..")] },
    proxy: Object.fromEntries(["/v1", "/docs", "/openapi.json", "/healthz", "/embed", "/oembed"].map((prefix) => [prefix, { target: apiUrl, changeOrigin: false }])),
  },
  plugins: [react(), tailwindcss()],
  build: {
    outDir: path.join(webRoot, "dist"),
    emptyOutDir: true,
    // Modern evergreen browsers only: smaller output, no legacy polyfills.
    target: "es2022",
    reportCompressedSize: true,
  },
});
