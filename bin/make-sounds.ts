/**
 * Makes the sound effects in compositions/sounds/ offline, the same bytes every run:
 *   whoosh.wav  a band of noise sweeping up and back down (scene transitions)
 *   pop.wav     a short bubble pop (a chat message appearing)
 *   typing.wav  a few soft key taps (before a chat message)
 *   sting.wav   an orchestral hit over timpani and a crash (a shocked reveal), played by
 *               FluidSynth with Debian's FluidR3_GM soundfont (MIT)
 * All mono 16-bit 48 kHz WAV. Noise comes from a seeded generator, so nothing is random.
 * Run: npx tsx bin/make-sounds.ts  (needs fluidsynth and fluid-soundfont-gm from bin/setup.sh)
 */
import tonejsMidi from "@tonejs/midi";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { wavInfo } from "../renderer/prepare/wav-info";

const { Midi } = tonejsMidi;
const RATE = 48_000;
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "compositions", "sounds");
const SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

/** Mulberry32: a small seeded generator, so the noise is the same on every machine. */
const noise = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
};

/** A state-variable band-pass filter whose centre may change every sample. */
const bandPass = () => {
  let low = 0;
  let band = 0;
  return (x: number, hz: number, q: number) => {
    const f = 2 * Math.sin((Math.PI * Math.min(hz, RATE / 6)) / RATE);
    low += f * band;
    const high = x - low - band / q;
    band += f * high;
    return band;
  };
};

/** A one-pole low-pass filter (6 dB per octave) whose corner may change every sample. */
const lowPass = () => {
  let y = 0;
  return (x: number, hz: number) => (y += (1 - Math.exp((-2 * Math.PI * hz) / RATE)) * (x - y));
};

/** Scales to `peakDb` dBFS and writes a mono 16-bit WAV. */
const writeWav = (name: string, samples: Float64Array, peakDb: number) => {
  const peak = samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0) || 1;
  const gain = 10 ** (peakDb / 20) / peak;
  const data = Buffer.alloc(44 + samples.length * 2);
  data.write("RIFF", 0);
  data.writeUInt32LE(36 + samples.length * 2, 4);
  data.write("WAVEfmt ", 8);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(RATE, 24);
  data.writeUInt32LE(RATE * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write("data", 36);
  data.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s * gain)) * 32767), 44 + i * 2));
  writeFileSync(path.join(OUT, name), data);
  console.log(`${name}: ${(samples.length / RATE).toFixed(2)} s, ${data.length} bytes`);
};

const whoosh = () => {
  const seconds = 0.8;
  const out = new Float64Array(Math.round(seconds * RATE));
  const rand = noise(1);
  const [a, b] = [bandPass(), bandPass()];
  const [l1, l2] = [lowPass(), lowPass()];
  for (let i = 0; i < out.length; i++) {
    const t = i / out.length;
    // Rises to its loudest and brightest just past the middle, then falls away faster.
    const shape = t < 0.55 ? Math.sin(((t / 0.55) * Math.PI) / 2) ** 2 : Math.cos((((t - 0.55) / 0.45) * Math.PI) / 2) ** 1.5;
    const hz = 250 + 2200 * shape;
    const x = rand();
    // Twice low-passed just above the band: air moving, not hiss.
    out[i] = l2(l1((a(x, hz, 1.4) + 0.5 * b(x, hz * 2.1, 2)) * shape, hz * 1.6), hz * 1.6);
  }
  writeWav("whoosh.wav", out, -3);
};

const pop = () => {
  const seconds = 0.09;
  const out = new Float64Array(Math.round(seconds * RATE));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    // A quick downward glide with a fast decay: a bubble, not a beep.
    const hz = 380 + 900 * Math.exp(-t / 0.012);
    phase += (2 * Math.PI * hz) / RATE;
    const attack = Math.min(1, t / 0.0015);
    out[i] = Math.sin(phase) * attack * Math.exp(-t / 0.022);
  }
  writeWav("pop.wav", out, -4);
};

const typing = () => {
  const seconds = 0.46;
  const out = new Float64Array(Math.round(seconds * RATE));
  const rand = noise(7);
  const filter = bandPass();
  const soften = lowPass();
  // Five taps, unevenly spaced and weighted like fingers on glass.
  const taps = [0.0, 0.085, 0.19, 0.265, 0.37].map((at, k) => ({ at: Math.round(at * RATE), level: [1, 0.7, 0.85, 0.6, 0.9][k]! }));
  for (let i = 0; i < out.length; i++) {
    let env = 0;
    for (const tap of taps) if (i >= tap.at) env += tap.level * Math.exp(-(i - tap.at) / (0.004 * RATE));
    out[i] = soften(filter(rand() * env, 2600, 2.5), 5000);
  }
  writeWav("typing.wav", out, -9);
};

const sting = () => {
  const midi = new Midi();
  midi.header.setTempo(90);
  const add = (channel: number, program: number, notes: { midi: number; time: number; duration: number; velocity: number }[]) => {
    const track = midi.addTrack();
    track.channel = channel;
    if (channel !== 9) track.instrument.number = program;
    for (const n of notes) track.addNote(n);
  };
  // A diminished hit: orchestra hit and brass on C, E♭, F♯, strings holding it, timpani and a crash under it.
  add(0, 55, [48, 51, 54, 60].map((m) => ({ midi: m, time: 0, duration: 0.4, velocity: 0.85 })));
  add(1, 61, [48, 54, 60, 63].map((m) => ({ midi: m, time: 0, duration: 0.9, velocity: 0.75 })));
  add(2, 48, [36, 48, 51, 54].map((m) => ({ midi: m, time: 0, duration: 1.3, velocity: 0.7 })));
  add(3, 47, [{ midi: 36, time: 0, duration: 1, velocity: 0.9 }]);
  add(9, 0, [{ midi: 49, time: 0, duration: 1, velocity: 0.6 }, { midi: 36, time: 0, duration: 0.3, velocity: 0.9 }]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "reelgen-sting-"));
  try {
    writeFileSync(path.join(dir, "sting.mid"), midi.toArray());
    execFileSync("fluidsynth", ["-ni", "-q", "-R", "1", "-C", "0", "-g", "0.6", "-O", "float", "-T", "wav", "-r", String(RATE), "-F", path.join(dir, "sting.wav"), SOUNDFONT, path.join(dir, "sting.mid")]);
    const raw = readFileSync(path.join(dir, "sting.wav"));
    const info = wavInfo(raw);
    const seconds = 1.7;
    const out = new Float64Array(Math.round(seconds * RATE));
    const fade = 0.5 * RATE;
    for (let i = 0; i < out.length && (i * 2 + 1) * 4 < info.dataLength; i++) {
      const mono = (raw.readFloatLE(info.dataOffset + i * 8) + raw.readFloatLE(info.dataOffset + i * 8 + 4)) / 2;
      out[i] = mono * Math.min(1, (out.length - i) / fade);
    }
    writeWav("sting.wav", out, -2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

whoosh();
pop();
typing();
sting();
