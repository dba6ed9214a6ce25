import cluster from "node:cluster";
import pino from "pino";
import { ConfigError, parseConfig } from "./config";
import { serializeError } from "./serialize-error";
import { startApiCluster, type ApiProcessReady } from "./start-api-cluster";
import { startServer } from "./start-server";

/**
 * `npm run server`: the API with an in-process worker, on embedded defaults unless configured;
 * with `API_PROCESSES` > 1, that many API processes on one port (see `startApiCluster`).
 */
const main = async () => {
  const config = parseConfig();
  let stop: (signal: string) => Promise<void>;
  if (config.API_PROCESSES > 1 && cluster.isPrimary) {
    const logger = pino({ level: config.LOG_LEVEL, base: { service: "reelgen" }, serializers: { err: serializeError } });
    const api = await startApiCluster(config, { env: process.env, logger });
    process.stdout.write(`reelgen server listening on ${api.url} (docs: ${api.url}/docs), ${config.API_PROCESSES} API processes\n`);
    stop = async (signal) => {
      logger.info({ signal }, "server stopping");
      await api.stop();
    };
  } else {
    const server = await startServer();
    if (cluster.isWorker) process.send!({ reelgen: "ready", url: server.url } satisfies ApiProcessReady);
    else process.stdout.write(`reelgen server listening on ${server.url} (docs: ${server.url}/docs)\n`);
    stop = async (signal) => {
      server.ctx.logger.info({ signal }, "server stopping");
      await server.close();
    };
  }
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await stop(signal).catch((error: unknown) => process.stderr.write(`reelgen server: stopping after ${signal} failed: ${(error as Error).stack}\n`));
    process.exit(0);
  };
  process.on("SIGTERM", () => void onSignal("SIGTERM"));
  // Ctrl-C reaches every process of a cluster: its primary stops the API processes (with SIGTERM), so that one
  // stopping on its own is not taken for a crash and replaced.
  process.on("SIGINT", () => void (cluster.isWorker ? undefined : onSignal("SIGINT")));
};

main().catch((error: unknown) => {
  process.stderr.write(`reelgen server: ${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
