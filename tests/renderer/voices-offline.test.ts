import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseWords, transcribe, wordErrors } from "../../bench/voice-wer";
import { checkScriptVoices, DELIVERY, deliveryOf, ENGLISH_VOICES, offlineSpeechProvider, prepareSpeech, speechProviderFromConfig, wavInfo } from "../../renderer/prepare";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { validateScript, type Script } from "../../script";
import { runCli, tempDir } from "./fixtures";
import { envelope, medianPitch, pcm, spectrumDb, spectrumDistance } from "./voice-figures";

const FRAME = 1 / 30;
const provider = offlineSpeechProvider();

const validated = (input: unknown): Script => {
  const result = validateScript(input);
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems)}`);
  return result.script;
};

/** Four characters without a voice and the narrator, each saying `lines` in turn. */
const cast = (lines: { speaker: string; text: string; emotion?: string }[], extra: Record<string, unknown> = {}) =>
  validated({
    title: "Cast",
    characters: ["ana", "ben", "cleo", "dev"].map((id) => ({ id, name: id })),
    scenes: [{ id: "one", lines }],
    ...extra,
  });


describe("the offline voices (Festival HTS and flite for English)", () => {
  it("gives each of four characters and the narrator its own voice: same words, different pitch or timbre (decoded)", async () => {
    const words = "Did you take my lunch again?";
    const speakers = ["ana", "ben", "cleo", "dev", "narrator"];
    const voiced = await prepareSpeech({ script: cast(speakers.map((speaker) => ({ speaker, text: words }))), provider, cacheDir: tempDir() });
    const catalog = await provider.listVoices({ timeoutMs: 30_000, signal: null });
    const voices = [0, 1, 2, 3].map((i) => provider.defaultVoice(i, "en", catalog)).concat(provider.narratorVoice("en", catalog));
    expect(new Set(voices).size).toBe(5);
    for (const v of voices) expect(ENGLISH_VOICES.map((e) => e.id)).toContain(v);
    const audio = voiced.script.scenes[0]!.lines.map((l) => pcm(l.speech!.src));
    const pitch = audio.map(medianPitch);
    const spectra = audio.map(spectrumDb);
    const genders = voices.map((v) => ENGLISH_VOICES.find((e) => e.id === v)!.gender);
    // Women's voices are well above men's.
    for (const [i, g] of genders.entries()) expect(pitch[i]!, `${voices[i]} at ${pitch[i]} Hz`).toSatisfy((hz: number) => (g === "female" ? hz > 135 : hz < 125));
    // Every pair differs by at least 1.5 semitones of pitch or clearly in timbre.
    for (let a = 0; a < 5; a++) {
      for (let b = a + 1; b < 5; b++) {
        const semitones = Math.abs(12 * Math.log2(pitch[a]! / pitch[b]!));
        const timbre = spectrumDistance(spectra[a]!, spectra[b]!);
        expect(semitones >= 1.5 || timbre >= 2, `${voices[a]} vs ${voices[b]}: ${semitones.toFixed(2)} semitones, ${timbre.toFixed(2)} dB`).toBe(true);
      }
    }
  }, 60_000);

  it("times words from the engines: in order, inside the audio, and each voice's first, paused and last word within a frame of its sound", async () => {
    const text = "Wait. Nobody left the lights on in the kitchen.";
    const voiced = await prepareSpeech({ script: cast(["ana", "ben", "narrator"].map((speaker) => ({ speaker, text }))), provider, cacheDir: tempDir() });
    for (const line of voiced.script.scenes[0]!.lines) {
      const { words, durationSec, src } = line.speech!;
      expect(words!.map((w) => w.text)).toEqual(text.split(" "));
      let last = 0;
      for (const w of words!) {
        expect(w.startSec).toBeGreaterThanOrEqual(last);
        expect(w.endSec).toBeGreaterThanOrEqual(w.startSec);
        expect(w.endSec).toBeLessThanOrEqual(durationSec + 1e-6);
        last = w.endSec;
      }
      // Where the voice is heard: 10 ms frames within 30 dB of the loudest.
      const levels = envelope(pcm(src));
      const loudest = Math.max(...levels);
      const heard = levels.map((db) => db > loudest - 30);
      const onset = heard.indexOf(true) / 100;
      const offset = (heard.lastIndexOf(true) + 1) / 100;
      expect(Math.abs(words![0]!.startSec - onset), `${line.speaker}: first word at ${words![0]!.startSec}, sound at ${onset}`).toBeLessThanOrEqual(FRAME);
      expect(Math.abs(words!.at(-1)!.endSec - offset), `${line.speaker}: last word ends ${words!.at(-1)!.endSec}, sound ${offset}`).toBeLessThanOrEqual(FRAME);
      // The pause after "Wait.": quiet between the two words' timings, and "Nobody" starts with its sound.
      const [wait, who] = words!;
      expect(who!.startSec - wait!.endSec).toBeGreaterThan(0.05);
      const resumes = heard.findIndex((h, i) => h && i / 100 > wait!.endSec + 0.02) / 100;
      expect(Math.abs(who!.startSec - resumes), `${line.speaker}: "Nobody" at ${who!.startSec}, sound again at ${resumes}`).toBeLessThanOrEqual(FRAME);
    }
  }, 60_000);

  it("steers the default voice by appearance.gender, keeps characters apart, and takes espeak-ng's voices too", async () => {
    const script = validated({
      title: "Gender",
      characters: [
        { id: "a", name: "A", appearance: { gender: "male" } },
        { id: "b", name: "B", appearance: { gender: "male" } },
        { id: "c", name: "C", appearance: { gender: "female" } },
        { id: "d", name: "D", voice: "en-us+f3" },
      ],
      scenes: [{ id: "one", lines: ["a", "b", "c", "d"].map((speaker) => ({ speaker, text: "Hello there." })) }],
    });
    const voiced = await prepareSpeech({ script, provider, cacheDir: tempDir() });
    const [a, b, c, d] = voiced.script.scenes[0]!.lines.map((l) => pcm(l.speech!.src));
    expect(medianPitch(a!)).toBeLessThan(135);
    expect(medianPitch(b!)).toBeLessThan(135);
    expect(medianPitch(c!)).toBeGreaterThan(135);
    // espeak-ng's own voice, at its own sample rate.
    expect(d!.rate).toBe(22050);
    expect(spectrumDistance(spectrumDb(a!), spectrumDb(b!))).toBeGreaterThan(1);
  }, 60_000);

  it("refuses an unknown voice (or a variant on an English voice) with INVALID_SCRIPT naming its path, before anything is spoken", async () => {
    for (const voice of ["../../../../etc/passwd", "hts-slt+f3", "flite-nobody"]) {
      const script = validated({ title: "Bad", characters: [{ id: "a", name: "A", voice }], scenes: [{ id: "one", lines: [{ speaker: "a", text: "Hello." }] }] });
      const err = await prepareSpeech({ script, provider, cacheDir: tempDir() }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "INVALID_SCRIPT", problems: [{ path: "characters[0].voice" }] });
      const { message } = err as Error;
      expect(message).toContain("characters[0].voice: is not a voice of the offline speech engine; it offers ");
      expect(message).toContain("e.g. hts-slt, ");
      expect(message).not.toContain(voice);
    }
    const good = ["hts-slt", "flite-awb", "en-us+f3", "en", "fr-fr+m3"];
    expect(await checkScriptVoices(validated({ title: "Good", characters: good.map((voice, i) => ({ id: `c${i}`, name: `C${i}`, voice })), scenes: [{ id: "one", lines: [{ speaker: "c0", text: "Hi." }] }] }), provider)).toEqual([]);
  });

  it("speaks other languages with espeak-ng", async () => {
    const script = validated({ title: "Fr", language: "fr", characters: [{ id: "a", name: "A" }], scenes: [{ id: "one", lines: [{ speaker: "a", text: "Bonjour, tu as pris mon déjeuner ?" }, { speaker: "narrator", text: "Il mentait." }] }] });
    const catalog = await provider.listVoices({ timeoutMs: 30_000, signal: null });
    expect(provider.defaultVoice(0, "fr", catalog)).toBe("fr+f3");
    expect(provider.narratorVoice("fr", catalog)).toBe("fr+m2");
    expect(catalog.details?.fr?.engine).toBe("espeak-ng");
    const voiced = await prepareSpeech({ script, provider, cacheDir: tempDir() });
    for (const line of voiced.script.scenes[0]!.lines) expect(wavInfo(readFileSync(line.speech!.src)).sampleRate).toBe(22050);
    // The configured default is this provider, with an id of its own (a new audio cache key).
    expect(speechProviderFromConfig({})).toMatchObject({ id: "offline/2", name: "the offline speech engine" });
  }, 30_000);

  it("gives every emotion the writers use a delivery, and a shocked line is faster than a calm one", async () => {
    const sources = ["script", "templates"].flatMap((dir) =>
      (readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f)).map((f) => readFileSync(path.join(PROJECT_ROOT, dir, f), "utf8")),
    );
    const used = new Set(sources.flatMap((s) => [...s.matchAll(/emotion: "([a-z]+)"/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(8);
    for (const emotion of [...used, "shocked", "suspicious", "annoyed", "determined"]) {
      expect(DELIVERY[emotion], emotion).toBeDefined();
      expect(deliveryOf(emotion), emotion).not.toEqual({ rate: 1, pitch: 1 });
    }
    expect(deliveryOf(" Shocked! ")).toEqual(DELIVERY.shocked);
    const text = "You did what with my car?";
    const voiced = await prepareSpeech({ script: cast([{ speaker: "ben", text, emotion: "shocked" }, { speaker: "ben", text, emotion: "calm" }]), provider, cacheDir: tempDir() });
    const [shocked, calm] = voiced.script.scenes[0]!.lines.map((l) => l.speech!.durationSec);
    expect(calm! / shocked!).toBeGreaterThan(1.1);
  }, 30_000);

  it("stays understandable: an independent recogniser (pocketsphinx) gets most words of the default voices", async () => {
    const sentences = ["Could you pass me the salt, please?", "I left my phone in the car last night.", "We are going to be late for the train.", "Tell your brother that dinner is ready."];
    const dir = tempDir();
    const voiced = await prepareSpeech({ script: cast([...sentences.map((text) => ({ speaker: "ana", text })), ...sentences.map((text) => ({ speaker: "ben", text }))]), provider, cacheDir: dir });
    const lines = voiced.script.scenes[0]!.lines;
    const reference = normaliseWords(sentences.join(" "));
    for (const speaker of ["ana", "ben"]) {
      const transcript = await transcribe(lines.filter((l) => l.speaker === speaker).map((l) => l.speech!.src), dir);
      const wer = wordErrors(reference, normaliseWords(transcript)) / reference.length;
      expect(wer, `${speaker}: "${transcript.trim()}"`).toBeLessThanOrEqual(0.35);
    }
  }, 120_000);

  it("reelgen voices lists the voices with engine, gender and language, and --samples writes a WAV of each that decodes", async () => {
    const dir = tempDir();
    const listed = await runCli(["voices", "--language", "en", "--json", "--samples", dir, "--text", "Hello there."]);
    expect(listed.code, listed.stderr).toBe(0);
    const body = JSON.parse(listed.stdout) as { provider: string; voices: { id: string; engine: string; gender: string | null; language: string | null }[]; defaults: { characters: string[]; narrator: string }; samples: { voice: string; file: string; seconds: number }[] };
    expect(body.provider).toBe("the offline speech engine");
    expect(body.voices).toContainEqual({ id: "hts-slt", name: "American English, female (Festival HTS slt)", engine: "festival", gender: "female", language: "en-us" });
    expect(body.voices).toContainEqual({ id: "flite-rms", name: "American English, male (flite rms)", engine: "flite", gender: "male", language: "en-us" });
    expect(body.voices).toContainEqual(expect.objectContaining({ id: "en-us", engine: "espeak-ng" }));
    expect(body.voices.every((v) => v.language?.startsWith("en"))).toBe(true);
    expect(body.defaults).toEqual({ language: "en", characters: ["hts-slt", "flite-rms", "flite-slt", "flite-kal16"], narrator: "hts-slt-low" });
    expect(body.samples.map((s) => s.voice)).toEqual(body.voices.map((v) => v.id));
    for (const sample of body.samples) {
      const audio = pcm(sample.file);
      expect(audio.samples.length / audio.rate).toBeCloseTo(sample.seconds, 2);
      expect(Math.max(...envelope(audio)), sample.voice).toBeGreaterThan(-20);
    }
    const table = await runCli(["voices", "--language", "en"]);
    expect(table.stdout).toMatch(/^voice\s+engine\s+gender\s+language\s+name$/m);
    expect(table.stdout).toMatch(/^flite-kal16\s+flite\s+male\s+en-us\s+American English, male \(flite kal16\)$/m);
  }, 60_000);
});
