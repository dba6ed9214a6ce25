import { ConfigError } from "./config";
import { startServer } from "./start-server";

/** `npm run server`: the API with an in-process worker, on embedded defaults unless configured. */
const main = async () => {
  const server = await startServer();
  process.stdout.write(`reelgen server listening on ${server.url} (docs: ${server.url}/docs)\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.ctx.logger.info({ signal }, "server stopping");
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
};

main().catch((error: unknown) => {
  process.stderr.write(`reelgen server: ${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
