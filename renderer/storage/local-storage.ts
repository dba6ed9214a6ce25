import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { copyFile, link, mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ReelgenError } from "../../script/reelgen-error";
import { checkByteRange, checkStorageKey, storageNotFound, type ByteRange, type PutFileOptions, type PutOptions, type Storage, type StoredObject } from "./storage";

/** Where writes are assembled before they are renamed into place: inside the root, so the rename stays on one file system. */
const TEMP_FOLDER = ".tmp";
/** A temp file untouched this long was left by a process killed mid-write (a write in progress keeps touching its file). */
const ABANDONED_AFTER_MS = 60 * 60_000;

const isMissing = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
};

/**
 * Storage in a local folder (`DATA_DIR/storage` for the server): the object `a/b.mp4` is the
 * file `<root>/a/b.mp4`, the layout the server has always used, so existing data keeps working.
 * Writes go to `<root>/.tmp` first and are renamed into place, so a reader (or a crash) never
 * sees half a file. The only code that joins paths under the root.
 */
export class LocalStorage implements Storage {
  readonly driver = "local" as const;
  readonly location: string;
  readonly #root: string;

  constructor(options: { root: string }) {
    this.#root = path.resolve(options.root);
    this.location = `the folder ${this.#root}`;
  }

  #file(key: string): string {
    return path.join(this.#root, ...checkStorageKey(key).split("/"));
  }

  #folder(prefix: string): string {
    return path.join(this.#root, ...checkStorageKey(prefix, "prefix").split("/"));
  }

  /** Writes through a temp file: `write(temp)` fills it, then it is renamed over `key`'s file. */
  async #atomically(key: string, write: (temp: string) => Promise<void>): Promise<void> {
    const target = this.#file(key);
    const tempDir = path.join(this.#root, TEMP_FOLDER);
    const temp = path.join(tempDir, `${randomUUID()}.partial`);
    await mkdir(tempDir, { recursive: true });
    try {
      await write(temp);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async putFile(key: string, file: string, options: PutFileOptions = {}): Promise<void> {
    await this.#atomically(key, async (temp) => {
      if (options.move) {
        try {
          await rename(file, temp);
          return;
        } catch (error) {
          // Another file system: copy, then remove the source below.
          if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        }
      }
      await copyFile(file, temp);
    });
    if (options.move) await rm(file, { force: true });
  }

  async put(key: string, body: Uint8Array | string | Readable, _options: PutOptions = {}): Promise<void> {
    await this.#atomically(key, async (temp) => {
      if (body instanceof Readable) await pipeline(body, createWriteStream(temp, { flags: "wx" }));
      else await writeFile(temp, body, { flag: "wx" });
    });
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.#file(key);
    if (range) checkByteRange(range, key);
    let handle;
    try {
      handle = await open(file, "r");
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") throw storageNotFound(key, this.location);
      throw error;
    }
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw storageNotFound(key, this.location);
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.#file(key));
      return s.isFile() ? described(key, s) : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#file(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    const count = (await this.list(prefix)).length;
    await rm(this.#folder(prefix), { recursive: true, force: true });
    return count;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const folder = this.#folder(prefix);
    let entries;
    try {
      entries = await readdir(folder, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const found: StoredObject[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      // Node 20 names the entry's folder `path` (later also `parentPath`).
      const parent = (entry as unknown as { parentPath?: string; path: string }).parentPath ?? (entry as unknown as { path: string }).path;
      const file = path.join(parent, entry.name);
      const key = path.relative(this.#root, file).split(path.sep).join("/");
      try {
        found.push(described(key, await stat(file)));
      } catch (error) {
        // Deleted while listing.
        if (!isMissing(error)) throw error;
      }
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async downloadTo(key: string, file: string): Promise<void> {
    const source = this.#file(key);
    const temp = `${file}.${randomUUID()}.partial`;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      // A hard link costs nothing; stored files are only ever replaced by rename, never changed in place.
      await link(source, temp).catch(async (error: NodeJS.ErrnoException) => {
        if (isMissing(error)) throw storageNotFound(key, this.location);
        if (error.code !== "EXDEV" && error.code !== "EPERM" && error.code !== "ENOTSUP" && error.code !== "EMLINK") throw error;
        await copyFile(source, temp);
      });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async presignedUrl(key: string): Promise<string | null> {
    checkStorageKey(key);
    return null;
  }

  /** Proves the folder is writable, and removes temp files that processes killed mid-write left behind. */
  async check(): Promise<void> {
    const probe = `${TEMP_FOLDER}/check-${randomUUID()}`;
    try {
      await this.put(probe, "ok");
      await this.delete(probe);
      const tempDir = path.join(this.#root, TEMP_FOLDER);
      for (const name of await readdir(tempDir)) {
        const file = path.join(tempDir, name);
        const s = await stat(file).catch(() => null);
        if (s && Date.now() - s.mtimeMs > ABANDONED_AFTER_MS) await rm(file, { force: true });
      }
    } catch (error) {
      throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: `cannot write to storage in ${this.location}: ${(error as Error).message}`, cause: error });
    }
  }

  close(): void {}
}

/** The validator `send` (Express's `res.sendFile`) gives a file, so cached copies stay valid across the change to Storage. */
const described = (key: string, s: { size: number; mtime: Date }): StoredObject => ({
  key,
  size: s.size,
  modifiedAt: s.mtime,
  etag: `W/"${s.size.toString(16)}-${s.mtime.getTime().toString(16)}"`,
});
