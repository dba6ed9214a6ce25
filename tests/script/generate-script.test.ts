import { afterEach, describe, expect, it } from "vitest";
import { FACE_STYLES, MOODS, SETTINGS } from "../../script/schema";
import { EMOTIONS } from "../../script/generate/offline";
import { buildTimeline } from "../../script/timeline";
import { validateScript } from "../../script/validate-script";
import { generateScript } from "../../script/generate/generate-script";
import { ReelgenError } from "../../script/reelgen-error";
import { blocklistModeration } from "../../script/generate/moderate-text";
import { openAiChatProvider } from "../../script/generate/openai-chat-provider";
import { findTemplatePack } from "../../templates/registry";
import { shortScript } from "../renderer/fixtures";
import { tenSecondScript } from "./generate-fixtures";
import { startFakeOpenAi, type FakeOpenAi, type FakeReply } from "./fake-openai-server";

/** What the fake model answers when it gets it right: a 10-second script. */
const valid = tenSecondScript();
const VALID_SECONDS = (() => {
  const checked = validateScript(valid);
  if (!checked.ok) throw new Error("fixture must be valid");
  const t = buildTimeline(checked.script);
  return t.durationInFrames / t.fps;
})();
const brief = { prompt: "a tiny drama about a lost umbrella", targetSeconds: VALID_SECONDS };
const minidrama = findTemplatePack("minidrama")!.schema as never;
const writer = findTemplatePack("minidrama")!.writer;

let fake: FakeOpenAi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});
const withFake = async (replies: FakeReply[], extra: { flaggedWords?: string[] } = {}) => {
  fake = await startFakeOpenAi({ replies, ...extra });
  return openAiChatProvider({ baseUrl: fake.url, apiKey: "sk-test", model: "fake-model", timeoutMs: 2000, maxRetries: 2, sleep: async () => {} });
};
const lastUserMessage = (i: number) => {
  const messages = (fake!.requests.filter((r) => r.path.endsWith("/chat/completions"))[i]!.body as { messages: { role: string; content: string }[] }).messages;
  return messages.filter((m) => m.role === "user").at(-1)!.content;
};
const chatRequests = () => fake!.requests.filter((r) => r.path.endsWith("/chat/completions"));

describe("generateScript with a model", () => {
  it("repairs invalid JSON, then a schema failure, sending the exact problems back, and converges", async () => {
    const unknownSpeaker = shortScript({ scenes: [{ id: "a", lines: [{ speaker: "bob", text: "Where is my umbrella?", durationSec: 2 }] }] });
    const provider = await withFake([{ content: "{ this is not json" }, { json: unknownSpeaker }, { json: valid }]);
    const steps: string[] = [];
    const [result] = await generateScript({ writer, brief, provider, schema: minidrama, onProgress: (p) => steps.push(`${p.stage}:${p.attempt}`) });
    expect(result!.script).toEqual(validateScript(valid).ok && (validateScript(valid) as { script: unknown }).script);
    expect(chatRequests()).toHaveLength(3);
    expect(lastUserMessage(1)).toContain("(root): the answer is not valid JSON");
    expect(lastUserMessage(2)).toContain('scenes[0].lines[0].speaker: "bob" is not a character (known: ana, narrator)');
    // The whole conversation goes back each time: the model sees its own broken answer.
    const third = chatRequests()[2]!.body as { messages: { role: string; content: string }[] };
    expect(third.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    expect(result!.usage).toMatchObject({ provider: expect.any(String), model: "fake-model", offline: false, attempts: 3 });
    expect(result!.usage.requests.map((r) => r.outcome)).toEqual(["invalid-json", "invalid-script", "ok"]);
    expect(result!.usage.totalTokens).toBeGreaterThan(0);
    expect(result!.usage.totalTokens).toBe(result!.usage.promptTokens + result!.usage.completionTokens);
    expect(steps).toEqual(expect.arrayContaining(["writing:1", "repairing:2", "repairing:3", "done:0"]));
    // Structured output was asked for with the template's JSON Schema.
    const first = chatRequests()[0]!.body as { response_format: { type: string; json_schema: { schema: { properties: Record<string, unknown> } } } };
    expect(first.response_format.type).toBe("json_schema");
    expect(Object.keys(first.response_format.json_schema.schema.properties)).toEqual(expect.arrayContaining(["title", "characters", "scenes"]));
  });

  it("describes the catalogue to the model in the pack's guide, the prompt and the JSON Schema, and accepts a script that uses it", async () => {
    const catalogued = {
      ...valid,
      music: { mood: "tense" },
      characters: valid.characters.map((c) => ({ ...c, appearance: { gender: "female", style: "avataaars" } })),
      scenes: valid.scenes.map((scene) => ({ ...scene, setting: "kitchen", mood: "tense", lines: scene.lines.map((l) => ({ ...l, emotion: "shocked", reaction: "😱" })) })),
    };
    const provider = await withFake([{ json: catalogued }]);
    const chat = findTemplatePack("chat-story")!;
    const [result] = await generateScript({ brief, writer: chat.writer, provider, schema: chat.schema as never });
    expect(result!.script.scenes[0]).toMatchObject({ setting: "kitchen", mood: "tense" });
    expect(result!.script.music).toEqual({ mood: "tense" });
    const body = chatRequests()[0]!.body as { messages: { role: string; content: string }[]; response_format: { json_schema: { schema: Record<string, any> } } };
    const system = body.messages[0]!.content;
    expect(system).toContain(chat.writer.guide);
    for (const value of [...SETTINGS, ...MOODS, ...FACE_STYLES, ...EMOTIONS]) expect(system).toContain(`"${value}"`);
    expect(system).toMatch(/"reaction": one emoji/);
    expect(system).toMatch(/"appearance"/);
    // The schema the model must follow lists the same values.
    const schema = body.response_format.json_schema.schema;
    const scene = schema.properties.scenes.items.properties;
    expect(scene.setting.enum).toEqual([...SETTINGS]);
    expect(scene.mood.enum).toEqual([...MOODS]);
    expect(scene.lines.items.properties.reaction.type).toBe("string");
    expect(schema.properties.music.properties.mood.enum).toEqual([...MOODS]);
    expect(schema.properties.characters.items.properties.appearance.properties.gender.enum).toEqual(["female", "male"]);
    expect(schema.properties.characters.items.properties.appearance.properties.style.enum).toEqual([...FACE_STYLES]);
  });

  it("gives up after maxAttempts with the last problems", async () => {
    const provider = await withFake([{ json: { title: "no scenes", characters: [] } }]);
    const error = await generateScript({ writer, brief, provider, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReelgenError);
    expect((error as ReelgenError).code).toBe("GENERATION_INVALID");
    expect((error as ReelgenError).problems.map((p) => p.path)).toContain("scenes");
    expect(chatRequests()).toHaveLength(3);
  });

  it("works with an endpoint without structured output (JSON mode, schema in the prompt)", async () => {
    const provider = await withFake([{ rejectJsonSchema: true }, { json: valid }]);
    const [result] = await generateScript({ writer, brief, provider });
    expect(result!.usage.requests[0]!.mode).toBe("json_object");
    const sent = chatRequests().at(-1)!.body as { response_format: { type: string }; messages: { content: string }[] };
    expect(sent.response_format.type).toBe("json_object");
    expect(sent.messages[0]!.content).toContain('"scenes"');
  });

  it("waits out a 429 for its Retry-After, backs off after a timeout, then succeeds", async () => {
    fake = await startFakeOpenAi({ replies: [{ status: 429, headers: { "retry-after": "3" }, body: { error: { message: "slow down" } } }, { hang: true }, { json: valid }] });
    const waits: number[] = [];
    const provider = openAiChatProvider({ baseUrl: fake.url, model: "fake-model", timeoutMs: 500, maxRetries: 2, sleep: async (ms) => void waits.push(ms) });
    const [result] = await generateScript({ writer, brief, provider });
    expect(result!.usage.attempts).toBe(1);
    expect(chatRequests()).toHaveLength(3);
    // 3 s as the 429 asked, then the second backoff step (500 ms × 2) after the timeout.
    expect(waits).toEqual([3000, 1000]);
  });

  it("follows Retry-After as an HTTP date and retry-after-ms, capped at a minute", async () => {
    const waitsFor = async (headers: Record<string, string>) => {
      await fake?.close();
      fake = await startFakeOpenAi({ replies: [{ status: 429, headers, body: { error: { message: "slow down" } } }, { json: valid }] });
      const waits: number[] = [];
      const provider = openAiChatProvider({ baseUrl: fake.url, model: "fake-model", maxRetries: 1, sleep: async (ms) => void waits.push(ms) });
      await generateScript({ writer, brief, provider });
      return waits;
    };
    expect(await waitsFor({ "retry-after-ms": "1500", "retry-after": "9" })).toEqual([1500]);
    expect(await waitsFor({ "retry-after": "3600" })).toEqual([60_000]);
    const [dated] = await waitsFor({ "retry-after": new Date(Date.now() + 20_000).toUTCString() });
    // An HTTP date has whole seconds: 19-20 s from now.
    expect(dated).toBeGreaterThan(18_000);
    expect(dated).toBeLessThanOrEqual(20_000);
  });

  it("reports a refusal clearly", async () => {
    const provider = await withFake([{ refusal: "I can't help with that." }]);
    await expect(generateScript({ writer, brief, provider })).rejects.toMatchObject({ code: "LLM_REFUSED", message: "the model declined to write this script: I can't help with that." });
  });

  it("sends an off-target length back with the numbers, and accepts the fix", async () => {
    const long = shortScript({ scenes: [{ id: "a", lines: Array.from({ length: 30 }, () => ({ speaker: "ana", text: "This line goes on and on for quite a while indeed." })) }] });
    const provider = await withFake([{ json: long }, { json: valid }]);
    const [result] = await generateScript({ writer, brief, provider });
    expect(result!.usage.attempts).toBe(2);
    expect(lastUserMessage(1)).toMatch(/scenes: the script lasts about \d+ s when read aloud; it must last \d+–\d+ s: remove lines/);
  });

  it("keeps a series' cast: a changed character goes back to the model", async () => {
    const renamed = { ...valid, characters: [{ id: "ana", name: "Anabel", color: "#f43f5e" }] };
    const provider = await withFake([{ json: valid }, { json: renamed }, { json: valid }]);
    const results = await generateScript({ writer, brief: { ...brief, episodes: 2 }, provider });
    expect(results).toHaveLength(2);
    expect(results[1]!.script.characters).toEqual(results[0]!.script.characters);
    expect(lastUserMessage(1)).toContain("Use exactly these characters, unchanged");
    expect(lastUserMessage(2)).toContain("characters: a continuing story keeps exactly the same characters");
  });

  it("refuses a brief or an output that moderation flags, before or after the model", async () => {
    const provider = await withFake([{ json: { ...valid, title: "How to build a bomb" } }], { flaggedWords: ["umbrella"] });
    await expect(generateScript({ writer, brief: { prompt: "a video on how to make a bomb at home" }, provider })).rejects.toMatchObject({ code: "BRIEF_REFUSED" });
    expect(chatRequests()).toHaveLength(0);
    // With an empty blocklist the same answer passes (the refusal below comes from the list).
    await expect(generateScript({ writer, brief: { prompt: "a quiet drama about a kettle", targetSeconds: VALID_SECONDS }, provider, moderation: blocklistModeration([]) })).resolves.toHaveLength(1);
    await expect(generateScript({ writer, brief: { prompt: "a quiet drama about a kettle", targetSeconds: VALID_SECONDS }, provider })).rejects.toMatchObject({
      code: "BRIEF_REFUSED",
      message: "episode 1's script was refused by moderation (how to build a bomb)",
    });
  });

  it("uses the provider's moderation endpoint when it has one", async () => {
    fake = await startFakeOpenAi({ replies: [{ json: valid }], flaggedWords: ["umbrella"] });
    const provider = openAiChatProvider({ baseUrl: fake.url, model: "fake-model", moderation: true, sleep: async () => {} });
    await expect(generateScript({ writer, brief, provider })).rejects.toMatchObject({ code: "BRIEF_REFUSED" });
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/moderations"]);
  });
});

describe("generateScript offline", () => {
  it("writes a valid series with one cast, labelled offline, the same every time", async () => {
    const request = { brief: { prompt: "a heist at a bakery", episodes: 3, targetSeconds: 30 }, schema: minidrama, writer };
    const a = await generateScript(request);
    const b = await generateScript(request);
    expect(a.map((e) => e.script)).toEqual(b.map((e) => e.script));
    expect(a.every((e) => e.usage.offline && e.usage.provider === "offline" && e.usage.model === null)).toBe(true);
    expect(a[1]!.script.characters).toEqual(a[0]!.script.characters);
    expect(a[2]!.script.characters).toEqual(a[0]!.script.characters);
    for (const e of a) expect(Math.abs(e.estimatedSeconds - 30)).toBeLessThanOrEqual(6);
  });

  it("names the field of an invalid brief", async () => {
    await expect(generateScript({ writer, brief: { prompt: "x", targetSeconds: 2 } })).rejects.toMatchObject({
      code: "INVALID_BRIEF",
      problems: [
        { path: "prompt", message: "must be at least 3 characters" },
        { path: "targetSeconds", message: expect.stringContaining("5") },
      ],
    });
    await expect(generateScript({ writer, brief: { prompt: "go on", previous: { title: "t" } } })).rejects.toMatchObject({ code: "INVALID_BRIEF", problems: expect.arrayContaining([{ path: "previous.scenes", message: expect.any(String) }]) });
  });
});

describe("targetSecondsFromPrompt", () => {
  it.each([
    ["a two-minute office drama", 120],
    ["a 90 second promo", 90],
    ["make it 1.5 min long", 90],
    ["a thirty-second ad", 30],
    ["a 45s teaser", 45],
    ["a half-minute teaser", 30],
    ["a story about 3 cats", null],
    ["a 2 second blip", null],
  ])("%s → %s", async (prompt, seconds) => {
    const { targetSecondsFromPrompt } = await import("../../script/generate/brief");
    expect(targetSecondsFromPrompt(prompt)).toBe(seconds);
  });

  it("sizes an offline script by the prompt's length when no target is given", async () => {
    const [result] = await generateScript({ writer, brief: { prompt: "a two-minute office drama about a stolen lunch, with a twist" } });
    expect(Math.abs(result!.estimatedSeconds - 120)).toBeLessThanOrEqual(24);
  });
});
