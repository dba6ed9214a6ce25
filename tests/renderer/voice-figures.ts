import { readFileSync } from "node:fs";
import { wavInfo } from "../../renderer/prepare";

// Figures of a voice decoded from its WAV file: level, pitch and timbre, for the voice tests.

/** 16-bit samples of a WAV file as numbers (mono, or the first channel). */
export const pcm = (file: string) => {
  const wav = readFileSync(file);
  const info = wavInfo(wav);
  const step = 2 * info.channels;
  const out = new Float64Array(Math.floor(info.dataLength / step));
  for (let i = 0; i < out.length; i++) out[i] = wav.readInt16LE(info.dataOffset + i * step);
  return { samples: out, rate: info.sampleRate };
};

/** RMS level (dB of full scale) of each 10 ms of the audio. */
export const envelope = ({ samples, rate }: { samples: Float64Array; rate: number }) => {
  const hop = Math.round(rate / 100);
  const levels: number[] = [];
  for (let start = 0; start + hop <= samples.length; start += hop) {
    let energy = 0;
    for (let i = 0; i < hop; i++) energy += samples[start + i]! ** 2;
    levels.push(10 * Math.log10(energy / hop / 32768 ** 2 + 1e-12));
  }
  return levels;
};

/** Median fundamental frequency (Hz) of the voiced 40 ms frames, by normalised autocorrelation over 60–400 Hz. */
export const medianPitch = ({ samples, rate }: { samples: Float64Array; rate: number }) => {
  const size = Math.round(rate * 0.04);
  const f0: number[] = [];
  for (let start = 0; start + size + Math.round(rate / 60) < samples.length; start += Math.round(rate * 0.01)) {
    let energy = 0;
    for (let i = 0; i < size; i++) energy += samples[start + i]! ** 2;
    if (Math.sqrt(energy / size) < 1000) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = Math.round(rate / 400); lag <= Math.round(rate / 60); lag++) {
      let dot = 0;
      let e1 = 0;
      let e2 = 0;
      for (let i = 0; i < size; i++) {
        const a = samples[start + i]!;
        const b = samples[start + i + lag]!;
        dot += a * b;
        e1 += a * a;
        e2 += b * b;
      }
      const r = dot / Math.sqrt(e1 * e2 + 1e-9);
      if (r > best) [best, bestLag] = [r, lag];
    }
    if (best > 0.6) f0.push(rate / bestLag);
  }
  return f0.sort((a, b) => a - b)[Math.floor(f0.length / 2)]!;
};

/** The long-term spectrum of the loud 32 ms frames in 16 bands from 0 to 4 kHz, in dB of its total: the voice's timbre, comparable across sample rates. */
export const spectrumDb = ({ samples, rate }: { samples: Float64Array; rate: number }) => {
  const n = Math.round(rate * 0.032);
  const bands = new Float64Array(16);
  for (let start = 0; start + n < samples.length; start += Math.round(n / 2)) {
    let energy = 0;
    for (let i = 0; i < n; i++) energy += samples[start + i]! ** 2;
    if (Math.sqrt(energy / n) < 1000) continue;
    for (let k = 1; (k * rate) / n < 4000; k++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        const x = samples[start + i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
        re += x * Math.cos((2 * Math.PI * k * i) / n);
        im -= x * Math.sin((2 * Math.PI * k * i) / n);
      }
      bands[Math.floor(((k * rate) / n / 4000) * 16)]! += re * re + im * im;
    }
  }
  const total = bands.reduce((a, b) => a + b, 0);
  return [...bands].map((e) => 10 * Math.log10(e / total));
};

export const spectrumDistance = (a: number[], b: number[]) => Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0) / a.length);
