/**
 * Writes `web/src/api/openapi.d.ts`, the web app's typed view of the API, from the server's
 * OpenAPI document built straight from the route list (no server started).
 *
 *   npx tsx bin/write-api-types.ts           # regenerate after changing a route
 *   npx tsx bin/write-api-types.ts --check   # exit 1 when the committed file is out of date
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { buildOpenApi } from "../server/openapi/build-openapi";
import { ALL_ROUTES } from "../server/routes/all-routes";

export const API_TYPES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web/src/api/openapi.d.ts");
export const API_TYPES_COMMAND = "npx tsx bin/write-api-types.ts";

/** The text `openapi.d.ts` should hold for the current routes. */
export const apiTypesSource = async (): Promise<string> => {
  const document = buildOpenApi(ALL_ROUTES);
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  return `/**\n * Generated from the server's routes by \`${API_TYPES_COMMAND}\`: do not edit by hand.\n */\n\n${astToString(ast)}`;
};

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const want = await apiTypesSource();
  if (process.argv.includes("--check")) {
    const have = await readFile(API_TYPES_FILE, "utf8").catch(() => "");
    if (have !== want) {
      process.stderr.write(`${path.relative(process.cwd(), API_TYPES_FILE)} is out of date with the server's routes: run ${API_TYPES_COMMAND}\n`);
      process.exit(1);
    }
  } else {
    await writeFile(API_TYPES_FILE, want);
    process.stderr.write(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)}\n`);
  }
}
