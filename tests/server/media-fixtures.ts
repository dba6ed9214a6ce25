import { crc32 } from "node:zlib";
import { runFf } from "../../renderer/ffmpeg-binaries.ts";

/**
 * Media fixtures made on the fly. Remotion's own ffmpeg writes them (its build has no lavfi
 * demuxer, so sources go in a filtergraph); the rest are built byte by byte.
 */
export const ffmpegFixture = async (file: string, args: string[]): Promise<string> => {
  await runFf("ffmpeg", ["-v", "error", "-y", ...args, file]);
  return file;
};

/** ffmpeg arguments for a black picture of `size` (e.g. `64x48`); add `-frames:v 1` for a still. */
export const picture = (size: string) => ["-filter_complex", `nullsrc=size=${size}:rate=10,format=yuv420p[v]`, "-map", "[v]"];

/** ffmpeg arguments for a 440 Hz tone lasting `seconds`. */
export const tone = (seconds: number) => ["-filter_complex", `sine=frequency=440:duration=${seconds}[a]`, "-map", "[a]"];

/** ffmpeg arguments for a black picture with a tone, lasting `seconds`. */
export const movie = (size: string, seconds: number) => [
  "-filter_complex", `nullsrc=size=${size}:rate=10,format=yuv420p[v];sine=duration=${seconds}[a]`, "-map", "[v]", "-map", "[a]", "-t", String(seconds),
];

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A well-formed PNG header declaring `width`×`height` RGBA, followed by a token IDAT and IEND (a decompression bomb when large). */
export const pngDeclaring = (width: number, height: number): Buffer => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
};

/** A one-entry stored ZIP archive. */
export const zipOf = (name: string, content: string): Buffer => {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
};

/** A 1×1 lossless WebP (Remotion's ffmpeg has no WebP encoder). */
export const WEBP_1X1 = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");

/** An HLS playlist that would make a lenient demuxer open a local file. */
export const HLS_PLAYLIST = "#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n";
