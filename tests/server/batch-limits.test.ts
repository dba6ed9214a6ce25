import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../server/config";
import { startTestServer, type TestServer } from "./harness";
import { renderScript } from "./render-helpers";
import { startServerChild, type ServerChild } from "./server-child";

const OUTPUTS = [{ format: "mp4", resolution: "480p" }];

/** Polls `/healthz` every 100 ms, each answer due within a second, until stopped; reports the slowest answer and every miss. */
const watchHealth = (url: string) => {
  let stopped = false;
  let slowestMs = 0;
  const misses: string[] = [];
  const loop = (async () => {
    while (!stopped) {
      const start = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.status !== 200) misses.push(`status ${res.status}`);
      } catch (error) {
        misses.push((error as Error).message);
      }
      slowestMs = Math.max(slowestMs, performance.now() - start);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { slowestMs, misses };
    },
  };
};

const post = async (url: string, auth: { authorization: string }, body: unknown, timeoutMs: number) => {
  const start = performance.now();
  try {
    const res = await fetch(`${url}/v1/renders/batch`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: (await res.json()) as any, ms: performance.now() - start };
  } catch (error) {
    return { status: 0, body: { failure: (error as Error).message }, ms: performance.now() - start };
  }
};

describe("a batch cannot take the API down (server in a child process, 1 GB heap)", () => {
  let server: ServerChild;
  let premium: { authorization: string };
  beforeAll(async () => {
    server = await startServerChild({ maxOldSpaceMb: 1024 });
    premium = await server.user("premium");
    // Warm up: the first batch loads the template packs and schemas, which is not the request's doing.
    const warm = await post(server.url, premium, { template: "minidrama", outputs: OUTPUTS, scripts: [renderScript()] }, 60_000);
    expect(warm.status, JSON.stringify(warm.body)).toBe(202);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses 4.6 MB of 5,000 rows × a 2.3-million-value template at once, naming the template; memory stays flat and /healthz keeps answering", async () => {
    const before = server.memory()!;
    const health = watchHealth(server.url);
    const scriptTemplate = { ...renderScript(), padding: new Array(2_300_000).fill(0) };
    const body = { template: "minidrama", outputs: OUTPUTS, scriptTemplate, rows: Array.from({ length: 5000 }, () => ({})) };
    expect(JSON.stringify(body).length).toBeGreaterThan(4_600_000);
    const res = await post(server.url, premium, body, 20_000);
    // Keep watching a little after the answer: a server still filling rows in the background would show here.
    await new Promise((r) => setTimeout(r, 1500));
    const { slowestMs, misses } = await health.stop();
    const after = server.memory();
    console.log(`hostile batch: ${res.status} in ${res.ms.toFixed(0)} ms; slowest /healthz ${slowestMs.toFixed(0)} ms; RSS ${before.rssMb.toFixed(0)} → peak ${after?.peakMb.toFixed(0)} MB`);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.body.error.problems).toEqual([{ path: "body.scriptTemplate", message: `holds more than ${REQUEST_LIMITS.batchTemplateValues} JSON values (strings, numbers, arrays, objects); a batch's template may hold at most that many` }]);
    expect(res.ms).toBeLessThan(3000);
    expect(misses).toEqual([]);
    expect(slowestMs).toBeLessThan(1000);
    // Parsing 4.6 MB of JSON costs some memory; filling 5,000 copies of it cost gigabytes.
    expect(after!.peakMb - before.peakMb).toBeLessThan(300);
    const list = await fetch(`${server.url}/v1/renders?limit=100`, { headers: premium });
    expect(((await list.json()) as { renders: unknown[] }).renders).toHaveLength(1);
  });

  it("stops filling a row whose placeholders repeat a long cell at the row size limit; the other rows go through", async () => {
    const before = server.memory()!;
    const scriptTemplate = renderScript({ title: "{{title}}" });
    // 1 MB cell × 300 placeholders: a 300 MB line of text if filled in full.
    scriptTemplate.scenes[0]!.lines[0]!.text = "{{long}}".repeat(300);
    const rows = [
      { title: "Big", long: "x".repeat(1_000_000) },
      { title: "Small", long: "y" },
    ];
    const res = await post(server.url, premium, { template: "minidrama", outputs: OUTPUTS, scriptTemplate, rows }, 20_000);
    const after = server.memory();
    console.log(`placeholder blow-up: ${res.status} in ${res.ms.toFixed(0)} ms; RSS ${before.rssMb.toFixed(0)} → peak ${after?.peakMb.toFixed(0)} MB`);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
    expect(res.body).toMatchObject({ total: 2, accepted: 1, renders: [{ row: 1 }] });
    expect(res.body.rejected).toEqual([
      {
        row: 0,
        code: "PAYLOAD_TOO_LARGE",
        message: `body.scriptTemplate.scenes[0].lines[0].text: filled from this row, the script grows past ${REQUEST_LIMITS.batchRowChars} characters`,
        problems: [{ path: "body.scriptTemplate.scenes[0].lines[0].text", message: `filled from this row, the script grows past ${REQUEST_LIMITS.batchRowChars} characters` }],
      },
    ]);
    expect(after!.peakMb - before.peakMb).toBeLessThan(150);
  });

  it("takes a legitimate batch of 200 rows while /healthz keeps answering within a second", async () => {
    const health = watchHealth(server.url);
    const scriptTemplate = renderScript({ title: "Episode {{n}}" });
    scriptTemplate.scenes[0]!.lines[0]!.text = "Hello {{name}}!";
    const rows = Array.from({ length: 200 }, (_, n) => ({ n, name: `Viewer ${n}` }));
    const res = await post(server.url, premium, { template: "minidrama", outputs: OUTPUTS, scriptTemplate, rows }, 120_000);
    const { slowestMs, misses } = await health.stop();
    console.log(`200-row batch: ${res.status} in ${res.ms.toFixed(0)} ms; slowest /healthz ${slowestMs.toFixed(0)} ms`);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
    expect(res.body).toMatchObject({ total: 200, accepted: 200, rejected: [] });
    expect(res.body.renders.map((r: { row: number }) => r.row)).toEqual(rows.map((_, n) => n));
    expect(misses).toEqual([]);
    expect(slowestMs).toBeLessThan(1000);
  });
});

describe("batch limits (in process)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TIERS: JSON.stringify({ standard: { maxBatchRows: 3 } }) } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const batchesOf = async (userId: string) => (await server.ctx.db.selectFrom("batches").select("id").where("user_id", "=", userId).execute()).length;
  const rendersOf = async (userId: string) => (await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", userId).execute()).length;

  it.each([
    ["rows", { rows: [{}, {}, {}, {}], scriptTemplate: renderScript() }, "body.rows", "has 4 rows"],
    ["csv", { csv: "a\n1\n2\n3\n4\n", scriptTemplate: renderScript() }, "body.csv", "has more than 3 rows"],
    ["scripts", { scripts: [renderScript(), renderScript(), renderScript(), renderScript()] }, "body.scripts", "has 4 scripts"],
  ])("refuses more %s than the tier's maxBatchRows with 413 naming the field; nothing is written", async (_name, source, path, says) => {
    const user = await server.user("standard");
    const res = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, ...source } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.body.error.problems).toEqual([{ path, message: `${says}; the standard tier allows at most 3 renders in one batch` }]);
    expect(await batchesOf(user.id)).toBe(0);
    expect(await rendersOf(user.id)).toBe(0);
    // At the limit it goes through.
    const three = { ...source, ...("rows" in source ? { rows: [{}, {}, {}] } : "csv" in source ? { csv: "a\n1\n2\n3\n" } : { scripts: [renderScript(), renderScript(), renderScript()] }) };
    const ok = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, ...three } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    expect(ok.body.accepted).toBe(3);
  });

  it("refuses rows × template values past batchWork with 413 naming the rows", async () => {
    const user = await server.user("premium");
    // A valid script padded to about 1,000 values, × 2,100 rows: 2.1 million values of work.
    const scriptTemplate = { ...renderScript(), padding: new Array(1000).fill(0) };
    const rows = Array.from({ length: 2100 }, () => ({}));
    const res = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, scriptTemplate, rows } });
    expect(res.status).toBe(413);
    expect(res.body.error.problems).toHaveLength(1);
    expect(res.body.error.problems[0].path).toBe("body.rows");
    const [, values, most] = /^2100 rows × (\d+) template values is more than (?:\d+), the work one batch may create; send at most (\d+) rows with this template$/.exec(res.body.error.problems[0].message) ?? [];
    expect(Number(values)).toBeGreaterThan(1000);
    expect(res.body.error.problems[0].message).toContain(`is more than ${REQUEST_LIMITS.batchWork},`);
    expect(Number(most)).toBe(Math.floor(REQUEST_LIMITS.batchWork / Number(values)));
    expect(await batchesOf(user.id)).toBe(0);
  });

  it("fills placeholders from the row's own values only: {{constructor}} and {{toString}} are missing values", async () => {
    const user = await server.user("premium");
    const scriptTemplate = renderScript({ title: "{{constructor}}" });
    scriptTemplate.scenes[0]!.lines[0]!.text = "say {{toString}} and {{hasOwnProperty}}";
    for (const source of [{ rows: [{ a: "1" }] }, { csv: "a\n1\n" }]) {
      const res = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, scriptTemplate, ...source } });
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(0);
      expect(res.body.rejected[0].problems).toEqual([
        { path: "body.scriptTemplate.title", message: "row has no value for {{constructor}}" },
        { path: "body.scriptTemplate.scenes[0].lines[0].text", message: "row has no value for {{toString}}" },
        { path: "body.scriptTemplate.scenes[0].lines[0].text", message: "row has no value for {{hasOwnProperty}}" },
      ]);
    }
    // Given as columns, they are ordinary values.
    const res = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, scriptTemplate: renderScript({ title: "{{constructor}}" }), rows: [{ constructor: "Built" }] } });
    expect(res.body.accepted).toBe(1);
    const stored = await server.ctx.db.selectFrom("renders").select("script").where("id", "=", res.body.renders[0].id).executeTakeFirstOrThrow();
    expect((stored.script as { title: string }).title).toBe("Built");
  });

  it.each([
    ["a repeated CSV header", "title,name,title\nA,B,C\n", "body.csv", 'the header "title" appears twice (columns 1 and 3)'],
    ["a repeated CSV header after trimming", "name, name\nA,B\n", "body.csv", 'the header "name" appears twice (columns 1 and 2)'],
    ["an empty CSV header", "name,,x\nA,B,C\n", "body.csv", "column 2 has no header"],
    ["__proto__ as a CSV header", "__proto__,name\nA,B\n", "body.csv", 'the header "__proto__" cannot name a column'],
  ])("refuses %s with 400 naming it; nothing is written", async (_name, csv, path, message) => {
    const user = await server.user("premium");
    const res = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, scriptTemplate: renderScript({ title: "{{name}}" }), csv } });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ path, message }]);
    expect(await batchesOf(user.id)).toBe(0);
  });

  it("refuses __proto__ as a row key with 400 naming it, and nothing is polluted", async () => {
    const user = await server.user("premium");
    const body = `{"template":"minidrama","outputs":[{"format":"mp4"}],"scriptTemplate":${JSON.stringify(renderScript({ title: "{{__proto__}}" }))},"rows":[{"name":"a"},{"__proto__":"polluted","name":"b"}]}`;
    const res = await server.api("/v1/renders/batch", { headers: { ...user.auth, "content-type": "application/json" }, body });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ path: "body.rows[1].__proto__", message: '"__proto__" cannot name a column' }]);
    const nested = await server.api("/v1/renders/batch", {
      headers: { ...user.auth, "content-type": "application/json" },
      body: `{"template":"minidrama","outputs":[{"format":"mp4"}],"scriptTemplate":${JSON.stringify(renderScript())},"rows":[{"__proto__":{"polluted":"yes"}}]}`,
    });
    expect(nested.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await batchesOf(user.id)).toBe(0);
  });
});
