import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkScriptVoices, prepareSpeech, speechProviderFromConfig, speechProviderFromEnv } from "../../renderer/prepare";
import { validateScript, type Script } from "../../script";
import { parseConfig } from "../../server/config";
import { createContext } from "../../server/create-context";
import { ensureLocalServices, REDIS_TEST_URL, uniquePrefix } from "../server/services";
import { startFakeSpeech, type FakeSpeech } from "./fake-speech-server";
import { readPng, runCli, tempDir } from "./fixtures";

const script = (voice: string) => ({
  title: "Configured voices",
  characters: [{ id: "ana", name: "Ana", voice }],
  scenes: [{ id: "a", lines: [{ speaker: "ana", text: "Hello from the endpoint." }, { speaker: "narrator", text: "And the narrator." }] }],
});

const validated = (input: unknown): Script => {
  const result = validateScript(input);
  if (!result.ok) throw new Error("fixture invalid");
  return result.script;
};

describe("the speech engine is chosen by configuration, never by the renderer reading the environment", () => {
  let fake: FakeSpeech;
  let baseUrl: string;
  let requests: FakeSpeech["requests"];
  beforeAll(async () => {
    fake = await startFakeSpeech();
    ({ baseUrl, requests } = fake);
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    requests.length = 0;
  });

  it("speechProviderFromEnv: TTS_BASE_URL picks the endpoint (TTS_VOICES its voices), else the offline voices", async () => {
    expect(speechProviderFromEnv({})).toMatchObject({ id: "offline/2", name: "the offline speech engine" });
    const provider = speechProviderFromEnv({ TTS_BASE_URL: baseUrl, TTS_API_KEY: "sk-env", TTS_MODEL: "kokoro", TTS_VOICES: " alpha, beta ,," });
    expect(provider.name).toBe("the speech endpoint");
    expect(await provider.listVoices({ timeoutMs: 1000, signal: null })).toEqual({ voices: ["alpha", "beta"], variants: [] });
    const voiced = await prepareSpeech({ script: validated(script("beta")), provider, cacheDir: tempDir() });
    expect(voiced.synthesized).toBe(2);
    // The character's voice, and the narrator on the first configured voice ("onyx" is not one).
    expect(requests.map((r) => [r.body.voice, r.body.model, r.auth])).toEqual(
      expect.arrayContaining([
        ["beta", "kokoro", "Bearer sk-env"],
        ["alpha", "kokoro", "Bearer sk-env"],
      ]),
    );
    expect(() => speechProviderFromEnv({ TTS_BASE_URL: baseUrl, TTS_VOICES: "ok,../../etc/passwd" })).toThrow(/voices: each must be/);
  });

  it("the CLI passes TTS_* to the renderer: it speaks through the endpoint, and refuses a voice the endpoint lacks (exit 2)", async () => {
    const dir = tempDir();
    const env = { TTS_BASE_URL: baseUrl, TTS_API_KEY: "sk-cli", TTS_VOICES: "alpha,beta" };
    writeFileSync(path.join(dir, "good.json"), JSON.stringify(script("beta")));
    const { stdout } = await runCli(["still", path.join(dir, "good.json"), "-o", path.join(dir, "good.png"), "-r", "480p"], { cwd: dir, env });
    expect(stdout).toContain("good.png");
    expect(readPng(path.join(dir, "good.png")).height).toBe(854);
    expect(requests.map((r) => r.body.voice).sort()).toEqual(["alpha", "beta"]);
    expect(requests.every((r) => r.auth === "Bearer sk-cli")).toBe(true);

    requests.length = 0;
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify(script("gamma")));
    const bad = await runCli(["still", path.join(dir, "bad.json"), "-o", path.join(dir, "bad.png"), "-r", "480p"], { cwd: dir, env });
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain("characters[0].voice: is not a voice of the speech endpoint; its voices are alpha, beta");
    expect(bad.stderr).not.toContain("127.0.0.1");
    expect(requests).toEqual([]);
    expect(existsSync(path.join(dir, "bad.png"))).toBe(false);
  }, 60_000);

  it("the server builds ctx.speechProvider from TTS_* in its config", async () => {
    await ensureLocalServices();
    expect(() => parseConfig({ TTS_BASE_URL: "not a url" })).toThrow(/TTS_BASE_URL/);
    expect(() => parseConfig({ TTS_VOICES: "alpha,/dev/zero" })).toThrow("TTS_VOICES: each voice must be letters, digits, _ . + or -, at most 80 characters");
    const config = parseConfig({ DATA_DIR: tempDir(), REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: uniquePrefix(), LOG_LEVEL: "silent", TTS_BASE_URL: baseUrl, TTS_VOICES: "alpha,beta", TTS_MODEL: "kokoro" });
    const { ctx, close } = await createContext(config);
    try {
      expect(await checkScriptVoices(validated(script("gamma")), ctx.speechProvider)).toEqual([
        { path: "characters[0].voice", message: "is not a voice of the speech endpoint; its voices are alpha, beta" },
      ]);
      await prepareSpeech({ script: validated(script("beta")), provider: ctx.speechProvider, cacheDir: tempDir() });
      expect(requests.map((r) => r.body.voice).sort()).toEqual(["alpha", "beta"]);
    } finally {
      await close();
    }
    // Without TTS_BASE_URL the server speaks with the offline voices (Festival, flite, espeak-ng).
    const plain = speechProviderFromConfig({ baseUrl: parseConfig({}).TTS_BASE_URL });
    expect(plain.name).toBe("the offline speech engine");
  });
});
