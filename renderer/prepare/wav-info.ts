export type WavInfo = {
  durationSec: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Audio format tag: 1 is integer PCM. */
  format: number;
  dataOffset: number;
  dataLength: number;
};

/** Duration and layout of a WAV file from its header. */
export const wavInfo = (wav: Buffer): WavInfo => {
  if (wav.toString("ascii", 0, 4) !== "RIFF" || wav.toString("ascii", 8, 12) !== "WAVE") {
    throw new Error("not a WAV file");
  }
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let byteRate = 0;
  let bitsPerSample = 0;
  let format = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("ascii", offset, offset + 4);
    let size = wav.readUInt32LE(offset + 4);
    if (id === "fmt ") {
      format = wav.readUInt16LE(offset + 8);
      bitsPerSample = wav.readUInt16LE(offset + 22);
      channels = wav.readUInt16LE(offset + 10);
      sampleRate = wav.readUInt32LE(offset + 12);
      byteRate = wav.readUInt32LE(offset + 16);
    } else if (id === "data") {
      // Streamed WAVs (espeak-ng --stdout) leave the size at 0 or 0xFFFFFFFF: use what is there.
      if (size === 0 || size === 0xffffffff || offset + 8 + size > wav.length) size = wav.length - offset - 8;
      if (!byteRate) throw new Error("WAV data before its fmt chunk");
      return { durationSec: size / byteRate, sampleRate, channels, bitsPerSample, format, dataOffset: offset + 8, dataLength: size };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error("WAV file has no data chunk");
};

/**
 * Cuts leading and trailing silence (below about -50 dBFS) from 16-bit PCM audio, so a line's
 * voice starts on its first frame and its length is what is heard. Other encodings pass through.
 */
export const trimWavSilence = (wav: Buffer): Buffer => trimWavSilenceAt(wav).wav;

/** `trimWavSilence`, also saying how much was cut from the start (so word timings can follow). */
export const trimWavSilenceAt = (wav: Buffer): { wav: Buffer; startSec: number } => {
  const info = wavInfo(wav);
  if (info.format !== 1 || info.bitsPerSample !== 16) return { wav, startSec: 0 };
  const frameBytes = 2 * info.channels;
  const frames = Math.floor(info.dataLength / frameBytes);
  const threshold = 32768 * 10 ** (-50 / 20);
  const loud = (i: number) => {
    for (let c = 0; c < info.channels; c++) {
      if (Math.abs(wav.readInt16LE(info.dataOffset + i * frameBytes + c * 2)) > threshold) return true;
    }
    return false;
  };
  let first = 0;
  while (first < frames && !loud(first)) first++;
  let last = frames - 1;
  while (last > first && !loud(last)) last--;
  if (first >= frames) return { wav, startSec: 0 };
  // Keep 10 ms either side so consonants are not clipped.
  const margin = Math.round(info.sampleRate * 0.01);
  first = Math.max(0, first - margin);
  last = Math.min(frames - 1, last + margin);
  const data = wav.subarray(info.dataOffset + first * frameBytes, info.dataOffset + (last + 1) * frameBytes);
  return { wav: pcmWav(info.sampleRate, info.channels, data), startSec: first / info.sampleRate };
};

/** A 16-bit PCM WAV file of `data` (interleaved samples). */
export const pcmWav = (sampleRate: number, channels: number, data: Buffer): Buffer => {
  const frameBytes = 2 * channels;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * frameBytes, 28);
  header.writeUInt16LE(frameBytes, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
};
