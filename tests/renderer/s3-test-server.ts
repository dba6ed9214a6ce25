import { rmSync } from "node:fs";
import S3rver from "s3rver";
import { S3Storage } from "../../renderer/index";
import { tempDir } from "./fixtures";

export type S3TestServer = {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  bucket: string;
  /** The environment a server or worker needs to use the bucket. */
  env: Record<string, string>;
  /** A storage on the bucket (for asserting on what the server stored). */
  storage(options?: { partSize?: number }): S3Storage;
  close(): Promise<void>;
};

/** A real S3-protocol server (s3rver) on loopback, port 0, with one empty bucket in a temp folder. */
export const startS3TestServer = async (bucket = "reelgen-test"): Promise<S3TestServer> => {
  const directory = tempDir();
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const opened: S3Storage[] = [];
  return {
    endpoint,
    bucket,
    env: { STORAGE_DRIVER: "s3", S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_REGION: "us-east-1", S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER", S3_FORCE_PATH_STYLE: "1" },
    storage(options = {}) {
      const storage = new S3Storage({ bucket, endpoint, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, forcePathStyle: true, ...options });
      opened.push(storage);
      return storage;
    },
    async close() {
      for (const s of opened) s.close();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
