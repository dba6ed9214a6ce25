import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStorageKey, LocalStorage, ReelgenError, type Storage } from "../../renderer/index";
import { tempDir } from "./fixtures";
import { startS3TestServer, type S3TestServer } from "./s3-test-server";

const text = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
};

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const BAD_KEYS: [string, string][] = [
  ["", "must not be empty"],
  ["/etc/passwd", "must be relative (no leading /)"],
  ["renders/../secret", "must not contain a .. segment"],
  ["..", "must not contain a .. segment"],
  ["a/./b", "must not contain a . segment"],
  ["a//b", "must not contain an empty segment (// or a trailing /)"],
  ["a/b/", "must not contain an empty segment (// or a trailing /)"],
  ["a\0b", "must not contain a NUL character"],
  ["a\\..\\b", "must use / between segments, not \\"],
];

describe("storage keys", () => {
  it.each(BAD_KEYS)("refuses %j: %s", (key, message) => {
    let error: unknown;
    try {
      checkStorageKey(key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReelgenError);
    expect((error as ReelgenError).code).toBe("INVALID_ARGUMENT");
    expect((error as ReelgenError).message).toBe(`storage key ${JSON.stringify(key)} ${message}`);
    expect((error as ReelgenError).problems).toEqual([{ path: "key", message }]);
  });

  it.each(["renders/7f/mp4.mp4", "media/u/x.thumb.jpg", "a", "shares/abc/voice-1.wav", "..a/b..", ".hidden"])("accepts %j", (key) => {
    expect(checkStorageKey(key)).toBe(key);
  });
});

type Subject = { storage: Storage; partSize: number; cleanup(): Promise<void> };

/** One contract, two drivers: whatever a caller may rely on holds for a local folder and for a bucket. */
const contract = (name: string, open: () => Promise<Subject>) =>
  describe(`${name} storage`, () => {
    let subject: Subject;
    let storage: Storage;
    let work: string;
    beforeAll(async () => {
      subject = await open();
      storage = subject.storage;
      work = tempDir();
    });
    afterAll(async () => {
      await subject?.cleanup();
      rmSync(work, { recursive: true, force: true });
    });

    it("is reachable", async () => {
      await expect(storage.check()).resolves.toBeUndefined();
    });

    it("puts bytes and reads them back, whole and in ranges", async () => {
      await storage.put("t/bytes/hello.txt", "hello, storage", { contentType: "text/plain" });
      expect((await text(await storage.read("t/bytes/hello.txt"))).toString()).toBe("hello, storage");
      expect((await text(await storage.read("t/bytes/hello.txt", { start: 0, end: 4 }))).toString()).toBe("hello");
      expect((await text(await storage.read("t/bytes/hello.txt", { start: 7, end: 13 }))).toString()).toBe("storage");
      const head = await storage.head("t/bytes/hello.txt");
      expect(head).toMatchObject({ key: "t/bytes/hello.txt", size: 14 });
      expect(head!.etag).toMatch(/^(W\/)?".+"$/);
      expect(Math.abs(head!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it("replaces an object, with a new validator", async () => {
      await storage.put("t/replace/x", new Uint8Array([1, 2, 3]));
      const first = await storage.head("t/replace/x");
      await new Promise((r) => setTimeout(r, 1100));
      await storage.put("t/replace/x", new Uint8Array([4, 5, 6, 7]));
      const second = await storage.head("t/replace/x");
      expect(second!.size).toBe(4);
      expect(second!.etag).not.toBe(first!.etag);
      expect([...(await text(await storage.read("t/replace/x")))]).toEqual([4, 5, 6, 7]);
    });

    it("puts a stream", async () => {
      const bytes = randomBytes(300_000);
      await storage.put("t/stream/blob.bin", Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]));
      expect(sha(await text(await storage.read("t/stream/blob.bin")))).toBe(sha(bytes));
    });

    it("puts a local file (copied, or moved when asked) and downloads it to a local file", async () => {
      const file = path.join(work, "in.bin");
      const bytes = randomBytes(50_000);
      writeFileSync(file, bytes);
      await storage.putFile("t/files/in.bin", file);
      expect(existsSync(file)).toBe(true);
      await storage.putFile("t/files/moved.bin", file, { move: true });
      expect(existsSync(file)).toBe(false);
      const out = path.join(work, "deep", "out.bin");
      await storage.downloadTo("t/files/moved.bin", out);
      expect(sha(readFileSync(out))).toBe(sha(bytes));
      // Nothing but the file itself is left beside it.
      expect(readdirSync(path.dirname(out))).toEqual(["out.bin"]);
    });

    it("stores a large file in parts (multipart upload) and reads any range of it", async () => {
      const file = path.join(work, "large.bin");
      const bytes = randomBytes(subject.partSize * 2 + 12_345);
      writeFileSync(file, bytes);
      await storage.putFile("t/large/large.bin", file);
      expect((await storage.head("t/large/large.bin"))!.size).toBe(bytes.length);
      expect(sha(await text(await storage.read("t/large/large.bin")))).toBe(sha(bytes));
      const start = subject.partSize - 10;
      const part = await text(await storage.read("t/large/large.bin", { start, end: start + 19 }));
      expect(sha(part)).toBe(sha(bytes.subarray(start, start + 20)));
    });

    it("lists a folder at every depth, sorted, and nothing beside it", async () => {
      await storage.put("t/list/b.txt", "b");
      await storage.put("t/list/a/one.txt", "1");
      await storage.put("t/list/a/two.txt", "22");
      await storage.put("t/listed-not/x.txt", "no");
      const listed = await storage.list("t/list");
      expect(listed.map((o) => [o.key, o.size])).toEqual([
        ["t/list/a/one.txt", 1],
        ["t/list/a/two.txt", 2],
        ["t/list/b.txt", 1],
      ]);
      expect(await storage.list("t/nothing-here")).toEqual([]);
    });

    it("deletes one object, and a whole folder", async () => {
      await storage.put("t/del/keep.txt", "k");
      await storage.put("t/del/gone/one.txt", "1");
      await storage.put("t/del/gone/sub/two.txt", "2");
      await storage.put("t/del/gone-not.txt", "3");
      await storage.delete("t/del/keep.txt");
      expect(await storage.head("t/del/keep.txt")).toBeNull();
      // Deleting what is not there is fine.
      await storage.delete("t/del/keep.txt");
      expect(await storage.deletePrefix("t/del/gone")).toBe(2);
      expect(await storage.list("t/del/gone")).toEqual([]);
      expect((await storage.list("t/del")).map((o) => o.key)).toEqual(["t/del/gone-not.txt"]);
      expect(await storage.deletePrefix("t/del/gone")).toBe(0);
    });

    it("says clearly when an object is missing", async () => {
      expect(await storage.head("t/missing/nothing.txt")).toBeNull();
      for (const attempt of [() => storage.read("t/missing/nothing.txt"), () => storage.read("t/missing/nothing.txt", { start: 0, end: 1 }), () => storage.downloadTo("t/missing/nothing.txt", path.join(work, "nothing.txt"))]) {
        const error = await attempt().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ReelgenError);
        expect((error as ReelgenError).code).toBe("NOT_FOUND");
        expect((error as ReelgenError).message).toBe(`no stored object "t/missing/nothing.txt" in ${storage.location}`);
      }
      expect(existsSync(path.join(work, "nothing.txt"))).toBe(false);
      // A folder is not an object.
      await storage.put("t/missing/folder/x", "x");
      expect(await storage.head("t/missing/folder")).toBeNull();
    });

    it("refuses bad keys in every operation, before touching anything", async () => {
      const file = path.join(work, "bad.txt");
      writeFileSync(file, "x");
      const calls: [string, () => Promise<unknown>][] = [
        ["put", () => storage.put("../escape.txt", "x")],
        ["putFile", () => storage.putFile("/abs.txt", file)],
        ["read", () => storage.read("a/../../b")],
        ["head", () => storage.head("a\0b")],
        ["delete", () => storage.delete("")],
        ["deletePrefix", () => storage.deletePrefix("..")],
        ["list", () => storage.list("a//b")],
        ["downloadTo", () => storage.downloadTo("../x", path.join(work, "x"))],
        ["presignedUrl", () => storage.presignedUrl("/x", { expiresInSeconds: 60 })],
      ];
      for (const [name, call] of calls) {
        const error = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, name).toBeInstanceOf(ReelgenError);
        expect((error as ReelgenError).code, name).toBe("INVALID_ARGUMENT");
        expect((error as ReelgenError).message, name).toMatch(/^storage (key|prefix) ".*" must /);
      }
      expect(existsSync(path.join(work, "..", "escape.txt"))).toBe(false);
    });

    it("hands out a presigned URL where it has them (a bucket), null otherwise", async () => {
      await storage.put("t/presigned/clip.mp4", "not really a video");
      const url = await storage.presignedUrl("t/presigned/clip.mp4", { expiresInSeconds: 60, downloadName: "clip.mp4", contentType: "video/mp4" });
      if (storage.driver === "local") {
        expect(url).toBeNull();
        return;
      }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+X-Amz-Signature=/);
      const res = await fetch(url!);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("not really a video");
      expect(res.headers.get("content-disposition")).toContain('filename="clip.mp4"');
      const ranged = await fetch(url!, { headers: { range: "bytes=4-9" } });
      expect(ranged.status).toBe(206);
      expect(await ranged.text()).toBe("really");
      // s3rver does not check query signatures, so only the expiry is asserted; the signature is the SDK's own.
      expect(new URL(url!).searchParams.get("X-Amz-Expires")).toBe("60");
    });
  });

describe("local storage's check", () => {
  it("removes temp files a killed writer left over an hour ago, and only those", async () => {
    const root = tempDir();
    try {
      const storage = new LocalStorage({ root });
      await storage.check();
      const old = path.join(root, ".tmp", "old.partial");
      const fresh = path.join(root, ".tmp", "fresh.partial");
      writeFileSync(old, "half");
      writeFileSync(fresh, "being written");
      const longAgo = new Date(Date.now() - 2 * 3600_000);
      utimesSync(old, longAgo, longAgo);
      await storage.check();
      expect(readdirSync(path.join(root, ".tmp"))).toEqual(["fresh.partial"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

contract("local", async () => {
  const root = tempDir();
  return {
    storage: new LocalStorage({ root }),
    partSize: 5 * 1024 * 1024,
    async cleanup() {
      // Every write went through the temp folder and was renamed away: nothing is left half-written.
      expect(readdirSync(path.join(root, ".tmp"))).toEqual([]);
      rmSync(root, { recursive: true, force: true });
    },
  };
});

let s3: S3TestServer;
contract("s3 (s3rver on loopback)", async () => {
  s3 = await startS3TestServer();
  const partSize = 5 * 1024 * 1024;
  return { storage: s3.storage({ partSize }), partSize, cleanup: () => s3.close() };
});

describe("s3 storage that cannot be reached", () => {
  it("fails its check naming the bucket, the endpoint and why", async () => {
    const server = await startS3TestServer("present");
    try {
      const missing = new (await import("../../renderer/index")).S3Storage({ bucket: "absent", endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, forcePathStyle: true });
      await expect(missing.check()).rejects.toThrow(`cannot reach the bucket absent at ${server.endpoint}: the bucket does not exist`);
      missing.close();
    } finally {
      await server.close();
    }
    const down = server.storage();
    const error = await down.check().then(
      () => null,
      (e: unknown) => e as ReelgenError,
    );
    expect(error?.code).toBe("SERVICE_UNAVAILABLE");
    expect(error?.message).toMatch(new RegExp(`^cannot reach the bucket present at ${server.endpoint.replace(/\./g, "\\.")}: .*ECONNREFUSED`));
    down.close();
  });
});
