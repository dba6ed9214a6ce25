import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest } from "../../script/generate/chat-provider";
import { ReelgenError } from "../../script/reelgen-error";
import { chatProviderFromEnv, openAiChatProvider } from "../../script/generate/openai-chat-provider";
import { startFakeOpenAi, type FakeOpenAi, type FakeReply } from "./fake-openai-server";

const SCHEMA = {
  type: "object",
  properties: { title: { type: "string" }, scenes: { type: "array" } },
  required: ["title", "scenes"],
};

const request = (signal?: AbortSignal): ChatRequest => ({
  messages: [
    { role: "system", content: "You write short video scripts." },
    { role: "user", content: "A story about a lunch thief." },
  ],
  jsonSchema: { name: "script", schema: SCHEMA },
  ...(signal ? { signal } : {}),
});

const ANSWER = { title: "Lunch", scenes: [] };

let fake: FakeOpenAi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const start = async (replies: FakeReply[], extra: { flaggedWords?: string[] } = {}) => {
  fake = await startFakeOpenAi({ replies, ...extra });
  return fake;
};

/** Records the waits asked for and returns at once, so retry tests take no real time. */
const recordingSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("expected a rejection"), (e: unknown) => e);

describe("openAiChatProvider", () => {
  it("asks for structured output with our schema, the model and the key", async () => {
    const server = await start([{ json: ANSWER }]);
    const provider = openAiChatProvider({ baseUrl: server.url, apiKey: "sk-test", model: "gpt-4o-mini" });
    const result = await provider.complete(request());

    expect(JSON.parse(result.content)).toEqual(ANSWER);
    expect(result).toMatchObject({ refusal: null, mode: "json_schema", model: "gpt-4o-mini-2024-08-06" });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe("Bearer sk-test");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.body).toEqual({
      model: "gpt-4o-mini",
      messages: request().messages,
      temperature: 0.8,
      response_format: { type: "json_schema", json_schema: { name: "script", schema: SCHEMA, strict: false } },
    });
  });

  it("sends no Authorization header without a key", async () => {
    const server = await start([{ json: ANSWER }]);
    await openAiChatProvider({ baseUrl: `${server.url}/`, model: "local" }).complete(request());
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("records usage, latency and the answering model", async () => {
    const server = await start([{ json: ANSWER }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "gpt-4o-mini" }).complete(request());
    expect(result.usage).toEqual({
      promptTokens: expect.any(Number),
      completionTokens: expect.any(Number),
      totalTokens: result.usage!.promptTokens + result.usage!.completionTokens,
    });
    expect(result.usage!.promptTokens).toBeGreaterThan(0);
    expect(result.usage!.completionTokens).toBe(Math.ceil(JSON.stringify(ANSWER).length / 4));
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(5_000);
    expect(Number.isInteger(result.latencyMs)).toBe(true);
  });

  it("falls back to JSON mode with the schema in the prompt when json_schema is rejected, and remembers it", async () => {
    const server = await start([{ rejectJsonSchema: true }, { json: ANSWER }, { json: { ...ANSWER, title: "Again" } }]);
    const provider = openAiChatProvider({ baseUrl: server.url, model: "llama3" });

    const first = await provider.complete(request());
    expect(first.mode).toBe("json_object");
    expect(JSON.parse(first.content)).toEqual(ANSWER);
    expect(server.requests).toHaveLength(2);
    const [rejected, retried] = server.requests as unknown as [{ body: Record<string, unknown> }, { body: { messages: { role: string; content: string }[]; response_format: unknown } }];
    expect(rejected.body.response_format).toMatchObject({ type: "json_schema" });
    expect(retried.body.response_format).toEqual({ type: "json_object" });
    expect(retried.body.messages).toHaveLength(2);
    expect(retried.body.messages[0]!.role).toBe("system");
    expect(retried.body.messages[0]!.content).toBe(`You write short video scripts.\n\nAnswer with one JSON object that follows this JSON Schema: ${JSON.stringify(SCHEMA)}`);
    expect(retried.body.messages[1]).toEqual(request().messages[1]);

    // The provider learned: the next call goes straight to JSON mode.
    const second = await provider.complete(request());
    expect(second.mode).toBe("json_object");
    expect(JSON.parse(second.content).title).toBe("Again");
    expect(server.requests).toHaveLength(3);
    expect((server.requests[2]!.body as { response_format: unknown }).response_format).toEqual({ type: "json_object" });
  });

  it.each([404, 422])("also falls back when json_schema is answered %i", async (status) => {
    const server = await start([{ status }, { json: ANSWER }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m" }).complete(request());
    expect(result.mode).toBe("json_object");
    expect(server.requests.map((r) => (r.body as { response_format: { type: string } }).response_format.type)).toEqual(["json_schema", "json_object"]);
  });

  it("does not fall back once structured output has worked, nor when json_schema is forced", async () => {
    const server = await start([{ json: ANSWER }, { status: 400, body: { error: { message: "context too long", type: "invalid_request_error" } } }]);
    const provider = openAiChatProvider({ baseUrl: server.url, model: "m" });
    expect((await provider.complete(request())).mode).toBe("json_schema");
    const err = await failure(provider.complete(request()));
    expect(err).toBeInstanceOf(ReelgenError);
    expect(err).toMatchObject({ code: "LLM_FAILED", message: expect.stringContaining("answered 400: context too long") });
    expect(server.requests).toHaveLength(2);

    await fake!.close();
    const forced = await start([{ rejectJsonSchema: true }, { json: ANSWER }]);
    const strict = openAiChatProvider({ baseUrl: forced.url, model: "m", structuredOutput: "json_schema" });
    expect(await failure(strict.complete(request()))).toMatchObject({ code: "LLM_FAILED", message: expect.stringContaining("400") });
    expect(forced.requests).toHaveLength(1);
  });

  it("uses JSON mode from the start when told to", async () => {
    const server = await start([{ json: ANSWER }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m", structuredOutput: "json_object" }).complete(request());
    expect(result.mode).toBe("json_object");
    expect(server.requests).toHaveLength(1);
    expect((server.requests[0]!.body as { response_format: unknown }).response_format).toEqual({ type: "json_object" });
  });

  it("waits as long as Retry-After says on 429, then succeeds", async () => {
    const server = await start([{ status: 429, headers: { "Retry-After": "1" } }, { json: ANSWER }]);
    const { waits, sleep } = recordingSleep();
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m", sleep }).complete(request());
    expect(JSON.parse(result.content)).toEqual(ANSWER);
    expect(waits).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
  });

  it("reads Retry-After as an HTTP date and caps it at 60 s", async () => {
    const soon = new Date(Date.now() + 5_000).toUTCString();
    const server = await start([{ status: 429, headers: { "Retry-After": soon } }, { status: 429, headers: { "Retry-After": "3600" } }, { json: ANSWER }]);
    const { waits, sleep } = recordingSleep();
    await openAiChatProvider({ baseUrl: server.url, model: "m", sleep }).complete(request());
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(3_000);
    expect(waits[0]).toBeLessThanOrEqual(5_000);
    expect(waits[1]).toBe(60_000);
  });

  it("gives up on repeated 429 with LLM_RATE_LIMITED and the wait it was told", async () => {
    const server = await start([{ status: 429, headers: { "Retry-After": "7" }, body: { error: { message: "Rate limit reached", type: "requests" } } }]);
    const { waits, sleep } = recordingSleep();
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", maxRetries: 2, sleep }).complete(request()));
    expect(err).toBeInstanceOf(ReelgenError);
    expect(err).toMatchObject({ code: "LLM_RATE_LIMITED", retryAfterSeconds: 7, message: expect.stringContaining("Rate limit reached") });
    expect(waits).toEqual([7000, 7000]);
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry an exhausted quota", async () => {
    const server = await start([{ status: 429, body: { error: { message: "You exceeded your current quota", type: "insufficient_quota", code: "insufficient_quota" } } }]);
    const { waits, sleep } = recordingSleep();
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", sleep }).complete(request()));
    expect(err).toMatchObject({ code: "LLM_FAILED", message: expect.stringContaining("insufficient_quota") });
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 500 with backoff, then succeeds", async () => {
    const server = await start([{ status: 500 }, { status: 503 }, { json: ANSWER }]);
    const { waits, sleep } = recordingSleep();
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m", sleep }).complete(request());
    expect(JSON.parse(result.content)).toEqual(ANSWER);
    expect(waits).toEqual([500, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it("names the status after the retries run out on 5xx", async () => {
    const server = await start([{ status: 502, body: { error: { message: "upstream down" } } }]);
    const { sleep } = recordingSleep();
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", maxRetries: 1, sleep }).complete(request()));
    expect(err).toMatchObject({ code: "LLM_FAILED", message: "chat endpoint answered 502: upstream down (after 2 attempts)" });
    expect(server.requests).toHaveLength(2);
  });

  it("fails at once on other client errors such as a bad key", async () => {
    const server = await start([{ status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error" } } }]);
    const { waits, sleep } = recordingSleep();
    // Even in auto mode: only 400/404/422 on the first structured request mean "try JSON mode", a 401 never does.
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", sleep }).complete(request()));
    expect(err).toMatchObject({ code: "LLM_FAILED", message: expect.stringContaining("answered 401: Incorrect API key") });
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries network errors, then fails naming the cause", async () => {
    const server = await start([{ json: ANSWER }]);
    const url = server.url;
    await server.close();
    fake = null;
    const { waits, sleep } = recordingSleep();
    const err = await failure(openAiChatProvider({ baseUrl: url, model: "m", maxRetries: 2, sleep }).complete(request()));
    expect(err).toMatchObject({ code: "LLM_FAILED", message: expect.stringMatching(/could not reach .*ECONNREFUSED/) });
    expect(waits).toEqual([500, 1000]);
  });

  it("times out a hanging endpoint per request, retries, then reports LLM_TIMEOUT", async () => {
    const server = await start([{ hang: true }]);
    const { waits, sleep } = recordingSleep();
    const started = Date.now();
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", timeoutMs: 200, maxRetries: 2, sleep }).complete(request()));
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(ReelgenError);
    expect(err).toMatchObject({ code: "LLM_TIMEOUT", message: "chat endpoint gave no answer within 200 ms (after 3 attempts)" });
    expect(server.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(3_000);
  });

  it("stops at once with the caller's reason when the caller aborts, without retrying", async () => {
    const server = await start([{ hang: true }]);
    const { waits, sleep } = recordingSleep();
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", timeoutMs: 10_000, sleep }).complete(request(controller.signal)));
    expect(err).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("does not even send when the caller's signal is already aborted", async () => {
    const server = await start([{ json: ANSWER }]);
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m" }).complete(request(AbortSignal.abort())));
    expect(err).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });

  it("stops waiting between retries when the caller aborts", async () => {
    const server = await start([{ status: 429, headers: { "Retry-After": "30" } }, { json: ANSWER }]);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    // Real sleep: a 30 s Retry-After cut short by the abort.
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m" }).complete(request(controller.signal)));
    expect(err).toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it("returns a refusal instead of content", async () => {
    const server = await start([{ refusal: "I can't help with that." }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m" }).complete(request());
    expect(result).toMatchObject({ content: "", refusal: "I can't help with that.", mode: "json_schema" });
    expect(result.usage).not.toBeNull();
  });

  it("treats finish_reason content_filter as a refusal", async () => {
    const server = await start([{ content: '{"title": "Lun', finishReason: "content_filter" }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m" }).complete(request());
    expect(result.content).toBe("");
    expect(result.refusal).toMatch(/content filter/);
  });

  it("passes invalid JSON content through for the caller to validate", async () => {
    const server = await start([{ content: "Sure! Here is your script: {" }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "m" }).complete(request());
    expect(result).toMatchObject({ content: "Sure! Here is your script: {", refusal: null });
  });

  it.each([
    ["a body that is not JSON", "<html>Bad gateway</html>", /not JSON/],
    ["no choices", { object: "chat.completion", choices: [] }, /without choices\[0\]\.message/],
    ["no message content", { choices: [{ message: { role: "assistant", content: null }, finish_reason: "tool_calls" }] }, /without message content/],
  ])("fails with LLM_FAILED, without retrying, on %s", async (_label, body, message) => {
    const server = await start([{ status: 200, body }]);
    const { waits, sleep } = recordingSleep();
    const err = await failure(openAiChatProvider({ baseUrl: server.url, model: "m", sleep }).complete(request()));
    expect(err).toBeInstanceOf(ReelgenError);
    expect(err).toMatchObject({ code: "LLM_FAILED", message: expect.stringMatching(message) });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("falls back to the configured model when the answer names none", async () => {
    const server = await start([{ status: 200, body: { choices: [{ message: { content: "{}" }, finish_reason: "stop" }] } }]);
    const result = await openAiChatProvider({ baseUrl: server.url, model: "my-model" }).complete(request());
    expect(result).toMatchObject({ model: "my-model", usage: null, content: "{}" });
  });
});

describe("moderation", () => {
  it("is only offered when enabled", async () => {
    const server = await start([{ json: ANSWER }]);
    expect(openAiChatProvider({ baseUrl: server.url, model: "m" }).moderate).toBeUndefined();
  });

  it("flags through /moderations and names the flagged categories", async () => {
    const server = await start([{ json: ANSWER }], { flaggedWords: ["stab"] });
    const provider = openAiChatProvider({ baseUrl: server.url, apiKey: "sk-test", model: "m", moderation: true, moderationModel: "omni-moderation-latest" });
    expect(await provider.moderate!("Ana shares her lunch.")).toEqual({ flagged: false, categories: [] });
    expect(await provider.moderate!("Ben threatens to STAB Ana.")).toEqual({ flagged: true, categories: ["violence"] });
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/moderations", "/v1/moderations"]);
    expect(server.requests[0]!.body).toEqual({ input: "Ana shares her lunch.", model: "omni-moderation-latest" });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-test");
  });
});

describe("chatProviderFromEnv", () => {
  it("is null without LLM_BASE_URL", () => {
    expect(chatProviderFromEnv({})).toBeNull();
    expect(chatProviderFromEnv({ LLM_BASE_URL: "", LLM_MODEL: "gpt-4o-mini" })).toBeNull();
  });

  it("requires LLM_MODEL when LLM_BASE_URL is set", () => {
    expect(() => chatProviderFromEnv({ LLM_BASE_URL: "https://api.openai.com/v1" })).toThrow(/LLM_MODEL/);
  });

  it("rejects settings it cannot use, naming them", () => {
    const base = { LLM_BASE_URL: "https://api.openai.com/v1", LLM_MODEL: "gpt-4o-mini" };
    expect(() => chatProviderFromEnv({ ...base, LLM_TIMEOUT_MS: "soon" })).toThrow(/LLM_TIMEOUT_MS/);
    expect(() => chatProviderFromEnv({ ...base, LLM_STRUCTURED_OUTPUT: "xml" })).toThrow(/LLM_STRUCTURED_OUTPUT/);
  });

  it("builds a working provider from the environment", async () => {
    const server = await start([{ rejectJsonSchema: true }, { json: ANSWER }], { flaggedWords: ["stab"] });
    const provider = chatProviderFromEnv({
      LLM_BASE_URL: server.url,
      LLM_API_KEY: "sk-env",
      LLM_MODEL: "gpt-4o-mini",
      LLM_TIMEOUT_MS: "5000",
      LLM_STRUCTURED_OUTPUT: "json_object",
      LLM_MODERATION: "1",
    })!;
    expect(provider).toMatchObject({ model: "gpt-4o-mini", name: `openai:${server.url}` });
    const result = await provider.complete(request());
    expect(result.mode).toBe("json_object");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-env");
    expect(await provider.moderate!("stab")).toMatchObject({ flagged: true });
    expect(chatProviderFromEnv({ LLM_BASE_URL: server.url, LLM_MODEL: "m" })!.moderate).toBeUndefined();
  });
});
