import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ForeignSite = {
  /** `http://127.0.0.1:<port>`: another origin than the reelgen server's. */
  url: string;
  /** Serves `body` at `path` (HTML pages get `csp` as their Content-Security-Policy). */
  page(path: string, body: string | Buffer, options?: { type?: string; csp?: string; status?: number }): string;
  close(): Promise<void>;
};

/**
 * Somebody else's website on another loopback port: the pages a test puts there, each under the
 * Content-Security-Policy it names, nothing else (404).
 */
export const startForeignSite = async (): Promise<ForeignSite> => {
  const pages = new Map<string, { body: string | Buffer; type: string; csp: string | null; status: number }>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(page.status, { "content-type": page.type, "cache-control": "no-store", ...(page.csp ? { "content-security-policy": page.csp } : {}) }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(path, body, options = {}) {
      pages.set(path, { body, type: options.type ?? "text/html; charset=utf-8", csp: options.csp ?? null, status: options.status ?? 200 });
      return `${url}${path}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
