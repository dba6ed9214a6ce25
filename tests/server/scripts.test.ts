import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateScript } from "../../script/validate-script";
import { findTemplatePack } from "../../templates/registry";
import { tenSecondScript } from "../script/generate-fixtures";
import { startFakeOpenAi, type FakeOpenAi } from "../script/fake-openai-server";
import { startTestServer, type TestServer } from "./harness";

describe("POST /v1/scripts/generate (offline writer)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TIERS: JSON.stringify({ standard: { generationsPerDay: 3 } }) } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("writes a valid script for the template, labelled offline, and can chain a render", async () => {
    const user = await server.user("premium");
    const res = await server.api("/v1/scripts/generate", {
      headers: user.auth,
      body: { prompt: "a chat between two roommates about a missing pizza", template: "chat-story", targetSeconds: 20, render: { outputs: [{ format: "mp4", resolution: "480p" }] } },
    });
    expect(res.status).toBe(200);
    const script = res.body.scripts[0].script;
    expect(validateScript(script, findTemplatePack("chat-story")!.schema as never).ok).toBe(true);
    expect(res.body.usage[0]).toMatchObject({ provider: "offline", offline: true, model: null, totalTokens: 0 });
    expect(res.body.scripts[0].estimatedSeconds).toBeGreaterThanOrEqual(16);
    expect(res.body.scripts[0].estimatedSeconds).toBeLessThanOrEqual(24);
    expect(res.body.renders).toHaveLength(1);
    expect(res.body.renders[0]).toMatchObject({ status: "queued", template: "chat-story" });
    const stored = await server.ctx.db.selectFrom("renders").select("script").where("id", "=", res.body.renders[0].id).executeTakeFirstOrThrow();
    expect((stored.script as { title: string }).title).toBe(script.title);
  });

  it("counts generations per day and refuses past the tier's limit; failures do not count", async () => {
    const user = await server.user("standard");
    const bad = await server.api("/v1/scripts/generate", { headers: user.auth, body: { prompt: "go", targetSeconds: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path)).toEqual(["body.prompt", "body.targetSeconds"]);
    const refused = await server.api("/v1/scripts/generate", { headers: user.auth, body: { prompt: "step by step: how to make a bomb" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("BRIEF_REFUSED");
    const generationsToday = async () => (await server.api("/v1/usage", { headers: user.auth })).body.generations;
    const midnight = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1)).toISOString();
    // Before the first generation of the day (the failures above did not count), GET /v1/usage already tells.
    expect(await generationsToday()).toEqual({ used: 0, limit: 3, resetsAt: midnight });
    const answers: { status: number; quota?: unknown; usage: unknown }[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await server.api("/v1/scripts/generate", { headers: user.auth, body: { prompt: `story number ${i}`, targetSeconds: 10 } });
      answers.push({ status: res.status, quota: res.body.quota, usage: await generationsToday() });
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    // The usage report moves with each generation and agrees with the generation's own answer; the refusal counts nothing.
    expect(answers.map((a) => a.usage)).toEqual([1, 2, 3, 3].map((used) => ({ used, limit: 3, resetsAt: midnight })));
    expect(answers.slice(0, 3).map((a) => a.quota)).toEqual(answers.slice(0, 3).map((a) => a.usage));
  });

  it("needs the scripts:write scope", async () => {
    const user = await server.user();
    const key = await server.api("/v1/api-keys", { headers: user.auth, body: { name: "k", scopes: ["renders:read"] } });
    const res = await server.api("/v1/scripts/generate", { headers: { authorization: `Bearer ${key.body.key}` }, body: { prompt: "anything at all" } });
    expect(res.status).toBe(403);
    expect((await server.api("/v1/scripts/generate", { body: { prompt: "anything at all" } })).status).toBe(401);
  });
});

describe("POST /v1/scripts/generate (a model)", () => {
  let fake: FakeOpenAi;
  let server: TestServer;
  beforeAll(async () => {
    const script = tenSecondScript();
    fake = await startFakeOpenAi({ replies: [{ content: "not json" }, { json: script }] });
    server = await startTestServer({ env: { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model", LLM_API_KEY: "sk-test" } });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("goes through the model, repairs, and reports tokens and latency", async () => {
    const user = await server.user();
    const res = await server.api("/v1/scripts/generate", { headers: user.auth, body: { prompt: "a short scene with Ana", targetSeconds: 10 } });
    expect(res.status).toBe(200);
    expect(res.body.usage[0]).toMatchObject({ model: "fake-model", offline: false, attempts: 2 });
    expect(res.body.usage[0].totalTokens).toBeGreaterThan(0);
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer sk-test");
  });
});
