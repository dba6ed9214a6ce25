import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness";
import { readEvents, renderBody } from "./render-helpers";

describe("a render's event stream (no worker: progress sent by hand)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends `status` first even while progress events arrive as the stream opens", async () => {
    const user = await server.user();
    const id: string = (await server.api("/v1/renders", { headers: user.auth, body: renderBody() })).body.id;
    const job = (await server.services.renderQueue.queue.getJob(id))!;
    // A worker reporting every few milliseconds, as one does when a render starts right as a client connects.
    let progress = 0;
    const ticker = setInterval(() => void job.updateProgress({ progress: (progress = Math.min(0.99, progress + 0.01)), stage: "voicing" }), 3);
    try {
      for (let i = 0; i < 5; i++) {
        const events = await readEvents(`${server.url}/v1/renders/${id}/events`, user.auth, (e) => e.event === "progress", 10_000);
        // One read may carry several progress events; what matters is that none comes before `status`.
        const names = events.map((e) => e.event);
        expect(names[0]).toBe("status");
        expect(names.slice(1).length).toBeGreaterThan(0);
        expect(names.slice(1).every((name) => name === "progress"), names.join(",")).toBe(true);
      }
    } finally {
      clearInterval(ticker);
    }
  });
});
