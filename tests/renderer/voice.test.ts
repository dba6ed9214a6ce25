import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { espeakSpeechProvider, openAiSpeechProvider, prepareSpeech, speechProviderFromConfig, wavInfo } from "../../renderer/prepare";
import { probeMedia } from "../../renderer/probe-media";
import { renderVideo } from "../../renderer/render-video";
import { buildTimeline, PAUSE_SECONDS, validateScript, type Script } from "../../script";
import { startFakeSpeech, type FakeSpeech } from "./fake-speech-server";
import { decodeMono8k, ffmpegStderr, locate, measureLoudness, rmsDb, tempDir, writeToneWav } from "./fixtures";
import { medianPitch, pcm, spectrumDb, spectrumDistance } from "./voice-figures";

const FRAME = 1 / 30;

const dialogue = (benVoice = "en-us+m1"): Script => {
  const result = validateScript({
    title: "Voices",
    characters: [
      { id: "ana", name: "Ana", color: "#f43f5e" },
      { id: "ben", name: "Ben", voice: benVoice },
    ],
    scenes: [
      {
        id: "one",
        lines: [
          { speaker: "ana", text: "Did you take my lunch again?", emotion: "angry" },
          { speaker: "ben", text: "Only the dessert, I promise." },
          { speaker: "narrator", text: "He was lying." },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error("fixture invalid");
  return result.script;
};

describe("prepareSpeech with espeak-ng", () => {
  it("voices every line, times its words, and reuses cached audio", async () => {
    const cacheDir = tempDir();
    const first = await prepareSpeech({ script: dialogue(), provider: espeakSpeechProvider(), cacheDir });
    expect(first).toMatchObject({ synthesized: 3, cached: 0 });
    const lines = first.script.scenes[0]!.lines;
    for (const line of lines) {
      const wav = readFileSync(line.speech!.src);
      // The duration recorded is the WAV's own, and leading silence is trimmed away.
      expect(line.speech!.durationSec).toBeCloseTo(wavInfo(wav).durationSec, 3);
      expect(line.speech!.durationSec).toBeGreaterThan(0.5);
      const words = line.text.split(/\s+/);
      expect(line.speech!.words!.map((w) => w.text)).toEqual(words);
      expect(line.speech!.words!.at(-1)!.endSec).toBeCloseTo(line.speech!.durationSec, 2);
    }

    const second = await prepareSpeech({ script: dialogue(), provider: espeakSpeechProvider(), cacheDir });
    expect(second).toMatchObject({ synthesized: 0, cached: 3 });
    expect(second.script.scenes[0]!.lines.map((l) => l.speech!.src)).toEqual(lines.map((l) => l.speech!.src));

    const changed = dialogue();
    changed.scenes[0]!.lines[0]!.emotion = "sad";
    const third = await prepareSpeech({ script: changed, provider: espeakSpeechProvider(), cacheDir });
    expect(third).toMatchObject({ synthesized: 1, cached: 2 });
    // Sad speech is slower than angry speech of the same words.
    expect(third.script.scenes[0]!.lines[0]!.speech!.durationSec).toBeGreaterThan(lines[0]!.speech!.durationSec);
  });
});


describe("each character speaks with its own voice", () => {
  it("same words in different voices sound different: pitch and timbre, decoded", async () => {
    const words = "Did you take my lunch again?";
    const script = dialogue();
    // Ana (a default voice), Ben (en-us+m1) and the narrator say the same words; Ben once more, angry.
    script.scenes[0]!.lines = [
      { speaker: "ana", text: words },
      { speaker: "ben", text: words },
      { speaker: "narrator", text: words },
      { speaker: "ben", text: words, emotion: "angry" },
    ];
    const voiced = await prepareSpeech({ script, provider: espeakSpeechProvider(), cacheDir: tempDir() });
    const [ana, ben, narrator, benAngry] = voiced.script.scenes[0]!.lines.map((l) => pcm(l.speech!.src));
    const pitch = [ana, ben, narrator].map((v) => medianPitch(v!));
    // Ana's default voice is a woman's: about an octave above both men.
    expect(pitch[0]! / pitch[1]!).toBeGreaterThan(1.6);
    expect(pitch[0]! / pitch[2]!).toBeGreaterThan(1.6);
    // Ben and the narrator are both men, with their own timbre: their spectra differ several
    // times more than Ben's own voice does between a calm and an angry delivery.
    const [sAna, sBen, sNarrator, sBenAngry] = [ana, ben, narrator, benAngry].map((v) => spectrumDb(v!));
    const sameVoice = spectrumDistance(sBen!, sBenAngry!);
    expect(sameVoice).toBeLessThan(1.5);
    for (const [a, b] of [[sAna, sBen], [sAna, sNarrator], [sBen, sNarrator]] as const) {
      expect(spectrumDistance(a!, b!)).toBeGreaterThan(Math.max(2, 3 * sameVoice));
    }
  });
});

describe("voiced render", () => {
  it("times lines by their speech, keeps captions within a frame of the voice, and hits -14 LUFS", async () => {
    const dir = tempDir();
    const out = path.join(dir, "voiced.mp4");
    const result = await renderVideo({ script: dialogue(), template: "minidrama", outputPath: out, resolution: "480p" });

    // Line timing follows the audio (the default voices renderVideo speaks with): each line is its speech plus the pause.
    const voiced = await prepareSpeech({ script: dialogue(), provider: speechProviderFromConfig({}), cacheDir: path.join(dir, "cache") });
    const timeline = buildTimeline(voiced.script);
    for (const line of timeline.scenes[0]!.lines) {
      expect(line.durationInFrames).toBe(Math.round((line.speech!.durationSec + PAUSE_SECONDS) * 30));
    }
    const probe = await probeMedia(out);
    expect(probe.video!.frames).toBe(timeline.durationInFrames);
    expect(probe.audio).toMatchObject({ codec: "aac", sampleRate: 48000 });

    const loudness = await measureLoudness(out);
    expect(Math.abs(loudness.integratedLufs - -14)).toBeLessThanOrEqual(1);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(result.loudness).toMatchObject({ normalized: true });

    // Sidecars: UTF-8, readable by ffmpeg, one cue per line, each starting where its voice starts.
    expect(result.captions).toEqual({ srt: path.join(dir, "voiced.srt"), vtt: path.join(dir, "voiced.vtt") });
    const srt = readFileSync(result.captions!.srt, "utf8");
    const cueStarts = [...srt.matchAll(/(\d\d):(\d\d):(\d\d),(\d\d\d) -->/g)].map((m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000);
    expect(cueStarts).toHaveLength(3);
    expect(srt).toContain("Ana: Did you take my lunch again?");
    // Each line's voice is found in the soundtrack by cross-correlation; its cue starts with it.
    const mix = await decodeMono8k(out);
    const lines = voiced.script.scenes[0]!.lines;
    for (const [i, start] of cueStarts.entries()) {
      const at = locate(mix, await decodeMono8k(lines[i]!.speech!.src), start);
      expect(Math.abs(at - start), `cue ${i + 1} at ${start} s, voice at ${at} s`).toBeLessThanOrEqual(FRAME);
    }
    for (const file of [result.captions!.srt, result.captions!.vtt]) {
      const read = await ffmpegStderr(["-i", file, "-f", "webvtt", "-"]);
      expect(read).toMatch(/Stream #0:0: Subtitle: (subrip|webvtt)/);
    }
    expect(readFileSync(result.captions!.vtt, "utf8")).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
  });

  it("ducks music under speech and fades it at the ends", async () => {
    const dir = tempDir();
    writeToneWav(path.join(dir, "music.wav"), 8, 220);
    // Silent "speech" isolates the music: ducking must still follow the line.
    writeToneWav(path.join(dir, "hush.wav"), 1.5, 0);
    const script = {
      title: "Duck",
      scenes: [
        {
          id: "a",
          lines: [
            { speaker: "narrator", text: "music alone", durationSec: 2 },
            { speaker: "narrator", text: "someone talks", durationSec: 2, speech: { src: "hush.wav", durationSec: 1.5 } },
            { speaker: "narrator", text: "music again", durationSec: 2 },
          ],
        },
      ],
      music: { src: "music.wav", volume: 0.8 },
    };
    const out = path.join(dir, "duck.webm");
    await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", voice: false, assetBaseDir: dir });
    const open = await rmsDb(out, 1.2, 1.8);
    const ducked = await rmsDb(out, 2.4, 3.3);
    const after = await rmsDb(out, 4.0, 4.4);
    expect(open - ducked).toBeGreaterThan(8); // 0.3x is about -10.5 dB
    expect(Math.abs(open - after)).toBeLessThan(1.5);
    expect(await rmsDb(out, 0, 0.15)).toBeLessThan(open - 10); // fading in
  });

  it("renders silent, captions-only videos with voice off", async () => {
    const dir = tempDir();
    const out = path.join(dir, "silent.mp4");
    const result = await renderVideo({ script: dialogue(), template: "minidrama", outputPath: out, resolution: "480p", voice: false });
    expect(result.speech).toBeNull();
    expect((await probeMedia(out)).audio).toBeNull();
    expect(readFileSync(result.captions!.srt, "utf8")).toContain("Ben: Only the dessert, I promise.");
  });
});

describe("OpenAI-compatible speech endpoint", () => {
  let fake: FakeSpeech;
  let baseUrl: string;
  let requests: FakeSpeech["requests"];
  beforeAll(async () => {
    fake = await startFakeSpeech();
    ({ baseUrl, requests } = fake);
  });
  afterAll(() => fake?.close());

  it("voices every line through the endpoint with the character's voice", async () => {
    const provider = openAiSpeechProvider({ baseUrl, apiKey: "sk-test", model: "tts-1" });
    const result = await prepareSpeech({ script: dialogue("echo"), provider, cacheDir: tempDir() });
    expect(result.synthesized).toBe(3);
    const lines = result.script.scenes[0]!.lines;
    expect(lines.map((l) => l.speech!.durationSec)).toEqual([0.6, 0.5, 0.3].map((s) => expect.closeTo(s, 2)));
    expect(requests.map((r) => r.auth)).toEqual(["Bearer sk-test", "Bearer sk-test", "Bearer sk-test"]);
    const byInput = new Map(requests.map((r) => [r.body.input, r.body]));
    expect(byInput.get("Did you take my lunch again?")).toMatchObject({ model: "tts-1", voice: "alloy", response_format: "wav", speed: 1.1 });
    expect(byInput.get("Only the dessert, I promise.")).toMatchObject({ voice: "echo", speed: 1 });
    expect(byInput.get("He was lying.")).toMatchObject({ voice: "onyx" });
  });

  it("turns an endpoint failure into SPEECH_FAILED with its status and leaves no file", async () => {
    const dir = tempDir();
    const script = dialogue("echo");
    script.scenes[0]!.lines[0]!.text = "FAIL now";
    const provider = openAiSpeechProvider({ baseUrl, apiKey: null, model: "tts-1" });
    const err = await renderVideo({ script, template: "minidrama", outputPath: path.join(dir, "x.mp4"), speechProvider: provider }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "SPEECH_FAILED", message: "Text-to-speech failed: the speech endpoint answered 500" });
    // Neither the endpoint's body nor its address reaches the message; the body stays in the cause.
    expect((err as Error).message).not.toMatch(/engine down|127\.0\.0\.1/);
    expect(((err as Error).cause as Error).message).toContain("engine down");
    expect(readdirSync(dir)).toEqual([]);
  });
});
