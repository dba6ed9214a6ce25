import type { Readable } from "node:stream";
import { ReelgenError } from "../../script/reelgen-error";

/** What storage knows of one object. */
export type StoredObject = {
  key: string;
  size: number;
  modifiedAt: Date;
  /** A validator for HTTP caching (quoted, `W/"…"` when weak); changes whenever the content does. */
  etag: string;
};

/** Bytes `start` to `end`, both included (HTTP's `Range: bytes=start-end`). */
export type ByteRange = { start: number; end: number };

export type PutOptions = { contentType?: string };
/** `move`: the caller is done with the file, so it may be moved rather than copied (it is gone afterwards either way). */
export type PutFileOptions = PutOptions & { move?: boolean };

/**
 * Where render outputs, media and shares live: a local folder (`LocalStorage`) or an
 * S3-compatible bucket (`S3Storage`). Keys are relative POSIX paths (`renders/<id>/mp4.mp4`);
 * a folder is a key prefix ending before a `/`. Every write is whole or not at all: a reader
 * never sees half an object.
 */
export interface Storage {
  readonly driver: "local" | "s3";
  /** Where the objects are, for logs and errors: the folder, or `s3://bucket`. */
  readonly location: string;
  /** Stores a local file under `key` (replacing what was there). */
  putFile(key: string, file: string, options?: PutFileOptions): Promise<void>;
  /** Stores bytes or a stream under `key`. */
  put(key: string, body: Uint8Array | string | Readable, options?: PutOptions): Promise<void>;
  /** The object's bytes (or `range` of them) as a stream. @throws ReelgenError `NOT_FOUND` when there is none. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Size, date and validator of the object, or null when there is none. */
  head(key: string): Promise<StoredObject | null>;
  /** Removes the object; a missing one is fine. */
  delete(key: string): Promise<void>;
  /** Removes every object under the folder `prefix` (`renders/<id>` removes `renders/<id>/…`); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every object under the folder `prefix`, at any depth, sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Copies the object into the local file `file` (written whole, then renamed into place). @throws ReelgenError `NOT_FOUND` */
  downloadTo(key: string, file: string): Promise<void>;
  /** A URL that fetches the object without credentials until it expires, or null when this storage has none (a local folder). */
  presignedUrl(key: string, options: { expiresInSeconds: number; downloadName?: string; contentType?: string }): Promise<string | null>;
  /** Proves the storage is reachable and usable. @throws ReelgenError `SERVICE_UNAVAILABLE` naming where and why */
  check(): Promise<void>;
  /** Releases connections (a no-op for a folder). */
  close(): void;
}

const keyProblem = (key: string): string | null => {
  if (key === "") return "must not be empty";
  if (key.includes("\0")) return "must not contain a NUL character";
  if (key.startsWith("/")) return "must be relative (no leading /)";
  if (key.includes("\\")) return "must use / between segments, not \\";
  if (key.length > 1024) return "must be at most 1024 characters";
  for (const segment of key.split("/")) {
    if (segment === "..") return "must not contain a .. segment";
    if (segment === ".") return "must not contain a . segment";
    if (segment === "") return "must not contain an empty segment (// or a trailing /)";
  }
  return null;
};

/**
 * Checks a storage key: a relative POSIX path of non-empty segments, no `.` or `..`, no leading
 * `/`, no backslash, no NUL. Returns the key.
 * @throws ReelgenError `INVALID_ARGUMENT` naming the key and what is wrong
 */
export const checkStorageKey = (key: string, what = "key"): string => {
  const problem = typeof key === "string" ? keyProblem(key) : "must be a string";
  if (problem) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `storage ${what} ${JSON.stringify(key)} ${problem}`, problems: [{ path: what, message: problem }] });
  return key;
};

/** A checked range against an object's size; ends past the end are clamped. */
export const checkByteRange = (range: ByteRange, key: string): ByteRange => {
  if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `storage range ${range.start}-${range.end} of ${JSON.stringify(key)} is not a valid byte range`, problems: [{ path: "range", message: "start and end must be whole numbers with 0 ≤ start ≤ end" }] });
  }
  return range;
};

/** The one not-found error every storage throws. */
export const storageNotFound = (key: string, location: string) => new ReelgenError({ code: "NOT_FOUND", message: `no stored object ${JSON.stringify(key)} in ${location}` });
