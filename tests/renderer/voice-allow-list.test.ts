import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkScriptVoices, espeakSpeechProvider, openAiSpeechProvider } from "../../renderer/prepare";
import { probeMedia } from "../../renderer/probe-media";
import { renderVideo } from "../../renderer/render-video";
import { validateScript, type Script } from "../../script";
import { tempDir } from "./fixtures";

/**
 * Voices an attacker sent. espeak-ng's `-v` takes a path, relative to its voices folder: the deep
 * ones reach `/` and made it print /etc/passwd and its own environment, or read /dev/zero forever.
 */
const HOSTILE = [
  "../../../../../../../etc/passwd",
  "../../../../../../../proc/self/environ",
  "../../../../../../../dev/zero",
  "../../../../etc/passwd",
  "/proc/self/environ",
  "/dev/zero",
];

const scriptWithVoices = (voices: (string | undefined)[], extra: Record<string, unknown> = {}) => ({
  title: "Voices",
  characters: voices.map((voice, i) => ({ id: `c${i}`, name: `C${i}`, ...(voice === undefined ? {} : { voice }) })),
  scenes: [{ id: "a", lines: voices.map((_, i) => ({ speaker: `c${i}`, text: "Hello there." })) }],
  ...extra,
});

const validated = (input: unknown): Script => {
  const result = validateScript(input);
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems)}`);
  return result.script;
};

/** espeak-ng behind a wrapper that records every command line it is given. */
const loggingEspeak = (dir: string) => {
  const log = path.join(dir, "espeak.log");
  const binary = path.join(dir, "espeak-logged");
  writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec espeak-ng "$@"\n`);
  chmodSync(binary, 0o755);
  return { binary, calls: () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : []) };
};

describe("voices come from the engine's own list", () => {
  for (const voice of HOSTILE) {
    it(`refuses "${voice}" before any speech runs, naming characters[0].voice and the known voices`, async () => {
      const dir = tempDir();
      const espeak = loggingEspeak(dir);
      const out = path.join(dir, "x.mp4");
      const started = performance.now();
      const err = await renderVideo({
        script: scriptWithVoices([voice]),
        template: "minidrama",
        outputPath: out,
        resolution: "480p",
        speechProvider: espeakSpeechProvider({ binary: espeak.binary }),
      }).catch((e: unknown) => e);
      // An input error (exit code 2 in the CLI), before the browser opens.
      expect(err).toMatchObject({ code: "INVALID_SCRIPT", exitCode: 2, problems: [{ path: "characters[0].voice" }] });
      expect(performance.now() - started).toBeLessThan(10_000);
      const { message, problems } = err as { message: string; problems: { message: string }[] };
      expect(message).toContain("characters[0].voice: is not a voice of espeak-ng");
      expect(problems[0]!.message).toMatch(/it offers \d{2,} voices, e\.g\. en-/);
      expect(problems[0]!.message).toContain('e.g. "en-');
      // Nothing read from the file, and the value given is not echoed.
      for (const text of [message, problems[0]!.message]) {
        for (const leaked of ["root:", "Bad voice", "PATH=", "HOME=", voice, "passwd", "environ", "/dev/"]) expect(text).not.toContain(leaked);
      }
      // espeak-ng only listed its voices: it never got the voice, so never opened the file.
      expect(espeak.calls().length).toBeGreaterThan(0);
      expect(espeak.calls().filter((c) => !c.startsWith("--voices"))).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }, 30_000);
  }

  it("takes espeak-ng's languages (and their other names) with its variants, and nothing else", async () => {
    const provider = espeakSpeechProvider();
    const voices = ["en-us", "en-us+m3", "en", "fr-fr+f2", "pt-br+Alex", "en-us+nonexistent", "gmw/en-US", "en-us+../../../etc/passwd", "en-us+", "+f3", "en-us+f3+m3", "mb-en1"];
    const problems = await checkScriptVoices(validated(scriptWithVoices(voices)), provider);
    expect(problems.map((p) => p.path)).toEqual([5, 6, 7, 8, 9, 10, 11].map((i) => `characters[${i}].voice`));
    // The message lists a sample of what espeak-ng itself lists, with the counts.
    const listed = execFileSync("espeak-ng", ["--voices=variant"], { encoding: "utf8" }).trim().split("\n").length - 1;
    expect(problems[0]!.message).toMatch(new RegExp(`^is not a voice of espeak-ng; it offers \\d+ voices, e\\.g\\. en-[^;]* and \\d+ more; each may take a variant after "\\+" \\(${listed}: f3, m3, f2, m1, `));
    // The listing is read once per provider.
    const log = loggingEspeak(tempDir());
    const counted = espeakSpeechProvider({ binary: log.binary });
    await checkScriptVoices(validated(scriptWithVoices(["en-us"])), counted);
    await checkScriptVoices(validated(scriptWithVoices(["de"])), counted);
    expect(log.calls().sort()).toEqual(["--voices", "--voices=variant"]);
  });

  it("needs a voice for the script's language when a speaker has none", async () => {
    const provider = espeakSpeechProvider();
    // Klingon: a valid BCP-47 tag espeak-ng has no voice for.
    expect(await checkScriptVoices(validated(scriptWithVoices([undefined], { language: "tlh" })), provider)).toEqual([
      { path: "language", message: expect.stringMatching(/^espeak-ng has no voice for this language; give every character a voice \(it offers \d+ voices/) },
    ]);
    expect(await checkScriptVoices(validated(scriptWithVoices(["en-us"], { language: "tlh" })), provider)).toEqual([]);
    // pt-PT has no voice of its own: the default is Portuguese.
    expect(await checkScriptVoices(validated(scriptWithVoices([undefined], { language: "pt-PT" })), provider)).toEqual([]);
  });

  it("takes an OpenAI-compatible endpoint's documented voices, or the configured ones", async () => {
    const documented = openAiSpeechProvider({ baseUrl: "http://127.0.0.1:9/v1", apiKey: null, model: "tts-1" });
    const problems = await checkScriptVoices(validated(scriptWithVoices(["nova", "en-us+m1", "../../etc/passwd"])), documented);
    expect(problems).toEqual([
      { path: "characters[1].voice", message: "is not a voice of the speech endpoint; it offers 13 voices, e.g. alloy, echo, fable, onyx, nova, shimmer, coral, sage and 5 more" },
      { path: "characters[2].voice", message: "is not a voice of the speech endpoint; it offers 13 voices, e.g. alloy, echo, fable, onyx, nova, shimmer, coral, sage and 5 more" },
    ]);
    const configured = openAiSpeechProvider({ baseUrl: "http://127.0.0.1:9/v1", apiKey: null, model: "kokoro", voices: ["af_bella", "am_adam"] });
    expect(await checkScriptVoices(validated(scriptWithVoices(["am_adam", "nova"])), configured)).toEqual([
      { path: "characters[1].voice", message: "is not a voice of the speech endpoint; its voices are af_bella, am_adam" },
    ]);
    expect(() => openAiSpeechProvider({ baseUrl: "http://127.0.0.1:9/v1", apiKey: null, model: "m", voices: ["../x"] })).toThrow(/voices: each must be/);
  });

  it("still renders with a valid custom voice, speaking through it", async () => {
    const dir = tempDir();
    const espeak = loggingEspeak(dir);
    const out = path.join(dir, "custom.mp4");
    // Text of its own, so the audio cache cannot answer for espeak-ng.
    const text = `My own voice, take ${Date.now() % 100_000}.`;
    const script = { ...scriptWithVoices(["en-us+m3"]), scenes: [{ id: "a", lines: [{ speaker: "c0", text }] }] };
    const result = await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", speechProvider: espeakSpeechProvider({ binary: espeak.binary }) });
    expect(result.speech).toEqual({ synthesized: 1, cached: 0 });
    expect(espeak.calls().filter((c) => c.startsWith("-v "))).toEqual([expect.stringMatching(/^-v en-us\+m3 -s 170 -p 50 --stdout$/), expect.stringMatching(/^-v en-us\+m3 -s 170 -p 50 -q -x$/)]);
    expect((await probeMedia(out)).audio).toMatchObject({ codec: "aac" });
    expect(result.loudness).toMatchObject({ normalized: true });
  });
});
