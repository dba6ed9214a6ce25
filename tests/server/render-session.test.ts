import { afterEach, describe, expect, it } from "vitest";
import { descendants } from "../process-tree";
import { startTestServer } from "./harness";
import { renderBody, waitFor } from "./render-helpers";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** The main processes of the browsers this test process started (Chrome's own helpers have --type=). */
const browsers = () => descendants(process.pid).filter((p) => /chrom/i.test(p.cmd) && !p.cmd.includes("--type="));

describe("the worker's browser", () => {
  it("is opened once and reused by the next render and its thumbnail; a killed one is replaced", async () => {
    const server = await startTestServer({ worker: true });
    cleanups.push(() => server.close());
    const user = await server.user();
    const render = async () => {
      const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ outputs: [{ format: "mp4", resolution: "480p" }, { format: "png", resolution: "480p" }] }) });
      expect(order.status).toBe(202);
      return waitFor("the render", async () => {
        const r = await server.api(`/v1/renders/${order.body.id}`, { headers: user.auth });
        if (r.body.status === "failed") throw new Error(JSON.stringify(r.body.error));
        return r.body.status === "completed" && r.body;
      });
    };
    const before = new Set(browsers().map((p) => p.pid));
    await render();
    const first = browsers().filter((p) => !before.has(p.pid));
    expect(first).toHaveLength(1);
    await render();
    // The same browser, still running; no other one started for the second render or its still.
    expect(browsers().filter((p) => !before.has(p.pid)).map((p) => p.pid)).toEqual(first.map((p) => p.pid));

    // A crashed browser (killed with everything it started) is noticed and replaced.
    for (const p of descendants(first[0]!.pid)) process.kill(p.pid, "SIGKILL");
    process.kill(first[0]!.pid, "SIGKILL");
    const done = await render();
    expect(done.outputs.map((o: { format: string }) => o.format)).toEqual(["mp4", "png"]);
    const now = browsers().filter((p) => !before.has(p.pid));
    expect(now).toHaveLength(1);
    expect(now[0]!.pid).not.toBe(first[0]!.pid);
  }, 240_000);
});
