import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type InlineConfig, type Plugin } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
/** The API `npm run web` forwards to; `REELGEN_API_URL` points it at another server. */
const apiUrl = process.env.REELGEN_API_URL ?? "http://127.0.0.1:3000";

/**
 * Takes the Function constructor out of zod's code generation (its JIT's probe, `Doc.compile`),
 * so nothing the app or the embed ships can build code from a string: the player runs on pages
 * whose Content-Security-Policy has no 'unsafe-eval'. `web/src/player/zod-jitless.ts` already
 * keeps zod from trying; this makes it impossible, and lets `tests/e2e/embed.test.ts` grep the
 * build for any `eval(`, `new Function` or alias of `Function`.
 */
const noCodeFromStrings = (): Plugin => ({
  name: "reelgen:no-code-from-strings",
  enforce: "pre",
  transform(code, id) {
    if (!/[\\/]zod[\\/]v4[\\/]core[\\/][\w-]+\.js$/.test(id) || !code.includes("= Function;")) return null;
    return code.replaceAll("= Function;", '= function () { throw new EvalError("code generation is disabled in reelgen\'s web build"); };');
  },
});

/**
 * Font files as files beside the module, fetched when the player loads its fonts: a library
 * build would otherwise inline them as base64 (a third larger, and in a chunk).
 */
const fontFiles = (): Plugin => ({
  name: "reelgen:font-files",
  enforce: "pre",
  async load(id) {
    if (!id.endsWith(".woff2")) return null;
    const ref = this.emitFile({ type: "asset", name: path.basename(id), source: await readFile(id) });
    return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
  },
});

/**
 * The web app: `web/index.html` → `web/src/main.tsx`, built into `web/dist` by `bin/build-web.ts`
 * (through `bin/setup.sh`), served by `npm run server`. `npm run web` runs this config's dev server,
 * which forwards everything that is not the app to the API (it serves `web/embed.html` too).
 * `embedBuilds` below adds the embeddable player's files to the same folder.
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
  plugins: [noCodeFromStrings(), react(), tailwindcss()],
  build: {
    outDir: path.join(webRoot, "dist"),
    emptyOutDir: true,
    // Modern evergreen browsers only: smaller output, no legacy polyfills.
    target: "es2022",
    reportCompressedSize: true,
  },
});

/**
 * The builds beside the app's, into the same `outDir` (run after it by `bin/build-web.ts`):
 * - `embed.html`: the page in the embed's iframe (`/embed/<id>`), built on its own so that its
 *   chunks hold what the player needs and nothing the app happens to share with it (its first
 *   load is a budget); its files go to `assets/` with the app's, content-hashed.
 * - `embed.js`: the loader host pages include. A classic script (IIFE, no imports, no React)
 *   under a stable name, since other people's pages link to it.
 * - `player/reelgen-player.js`: `<ReelgenPlayer>` for React sites, an ES module with react and
 *   react-dom left to the site (peers); each pack and the fonts are chunks of their own, loaded
 *   when a video needs them, from `player/` next to it.
 */
export const embedBuilds = (outDir: string): InlineConfig[] => {
  const common = { root: webRoot, configFile: false as const, logLevel: "warn" as const, publicDir: false as const };
  return [
    {
      ...common,
      plugins: [noCodeFromStrings(), react()],
      build: { outDir, emptyOutDir: false, target: "es2022", rollupOptions: { input: path.join(webRoot, "embed.html") } },
    },
    {
      ...common,
      build: {
        outDir,
        emptyOutDir: false,
        target: "es2019",
        lib: { entry: path.join(webRoot, "src/embed/embed-loader.ts"), formats: ["iife"], name: "reelgenEmbed", fileName: () => "embed.js" },
        minify: true,
      },
    },
    {
      ...common,
      plugins: [noCodeFromStrings(), fontFiles(), react()],
      // Files are found relative to the module (`new URL(…, import.meta.url)`), wherever it is served from.
      base: "./",
      // The module runs as shipped in browsers too (an import map supplies react), so nothing may read `process`.
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: {
        outDir: path.join(outDir, "player"),
        emptyOutDir: false,
        target: "es2022",
        lib: { entry: path.join(webRoot, "src/player/reelgen-player.tsx"), formats: ["es"], fileName: () => "reelgen-player.js" },
        rollupOptions: {
          external: [/^react(\/.*)?$/, /^react-dom(\/.*)?$/],
          output: { chunkFileNames: "chunks/[name]-[hash].js", assetFileNames: "assets/[name]-[hash][extname]" },
        },
      },
    },
  ];
};
