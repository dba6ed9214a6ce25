import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ReelgenError } from "../../script/reelgen-error";
import { checkByteRange, checkStorageKey, storageNotFound, type ByteRange, type PutFileOptions, type PutOptions, type Storage, type StoredObject } from "./storage";

export type S3StorageOptions = {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, R2, s3rver…); AWS's own without it. */
  endpoint: string | null;
  region: string;
  /** Without them, the AWS SDK's default chain (environment, profile, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (most self-hosted servers need it). */
  forcePathStyle: boolean;
  /** Multipart part size for large uploads (S3's minimum is 5 MiB). */
  partSize?: number;
};

/** How long one request may wait for a connection or an answer before it fails (and is retried). */
const CONNECTION_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 120_000;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const isNotFound = (error: unknown) => statusOf(error) === 404 || (error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound"));

/** `attachment; filename="…"` with an RFC 5987 `filename*` for names beyond ASCII. */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Storage in an S3-compatible bucket, through the AWS SDK v3: large files go up in parts
 * (`@aws-sdk/lib-storage`'s `Upload`), reads may ask for a byte range, and objects can be handed
 * out as presigned GET URLs. An object appears whole or not at all (S3 commits a PUT or a
 * multipart upload at once), so writes need no temp names.
 */
export class S3Storage implements Storage {
  readonly driver = "s3" as const;
  readonly location: string;
  readonly client: S3Client;
  readonly #bucket: string;
  readonly #partSize: number;
  readonly #endpoint: string;

  constructor(options: S3StorageOptions) {
    this.#bucket = options.bucket;
    this.#partSize = options.partSize ?? DEFAULT_PART_SIZE;
    this.#endpoint = options.endpoint ?? `AWS S3 (${options.region})`;
    this.location = `s3://${options.bucket}`;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint ?? undefined,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials ?? undefined,
      // Checksums only where S3 requires them: S3-compatible servers often reject the SDK's default trailing checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    });
  }

  async putFile(key: string, file: string, options: PutFileOptions = {}): Promise<void> {
    checkStorageKey(key);
    const { size } = await stat(file);
    if (size <= this.#partSize) {
      await this.client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: options.contentType }));
    } else {
      await this.#upload(key, createReadStream(file), options);
    }
    if (options.move) await rm(file, { force: true });
  }

  async put(key: string, body: Uint8Array | string | Readable, options: PutOptions = {}): Promise<void> {
    checkStorageKey(key);
    if (body instanceof Readable) return this.#upload(key, body, options);
    await this.client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentType: options.contentType }));
  }

  async #upload(key: string, body: Readable, options: PutOptions): Promise<void> {
    // A failed multipart upload is aborted (leavePartsOnError: false), so no parts linger in the bucket.
    await new Upload({ client: this.client, params: { Bucket: this.#bucket, Key: key, Body: body, ContentType: options.contentType }, partSize: this.#partSize, queueSize: 2, leavePartsOnError: false }).done();
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    checkStorageKey(key);
    if (range) checkByteRange(range, key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      return answer.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw storageNotFound(key, this.location);
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    checkStorageKey(key);
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return { key, size: answer.ContentLength ?? 0, modifiedAt: answer.LastModified ?? new Date(0), etag: answer.ETag ?? `"${key}"` };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    checkStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }

  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    // DeleteObjects takes at most 1000 keys.
    for (let i = 0; i < objects.length; i += 1000) {
      const batch = objects.slice(i, i + 1000);
      const answer = await this.client.send(new DeleteObjectsCommand({ Bucket: this.#bucket, Delete: { Objects: batch.map((o) => ({ Key: o.key })), Quiet: true } }));
      const failed = answer.Errors ?? [];
      if (failed.length) throw new Error(`could not delete ${failed.length} of ${batch.length} objects under ${prefix}/ in ${this.location}: ${failed[0]!.Key}: ${failed[0]!.Message}`);
    }
    return objects.length;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    checkStorageKey(prefix, "prefix");
    const found: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: `${prefix}/`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key) found.push({ key: o.Key, size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0), etag: o.ETag ?? `"${o.Key}"` });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async downloadTo(key: string, file: string): Promise<void> {
    const body = await this.read(key);
    const temp = `${file}.${randomUUID()}.partial`;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await pipeline(body, createWriteStream(temp, { flags: "wx" }));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async presignedUrl(key: string, options: { expiresInSeconds: number; downloadName?: string; contentType?: string }): Promise<string> {
    checkStorageKey(key);
    const command = new GetObjectCommand({
      Bucket: this.#bucket,
      Key: key,
      ResponseContentDisposition: options.downloadName ? attachment(options.downloadName) : undefined,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (error) {
      const status = statusOf(error);
      const why = status === 404 ? "the bucket does not exist" : status === 403 ? "access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY)" : (error as Error).message || (error as Error).name;
      throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: `cannot reach the bucket ${this.#bucket} at ${this.#endpoint}: ${why}`, cause: error });
    }
  }

  close(): void {
    this.client.destroy();
  }
}
