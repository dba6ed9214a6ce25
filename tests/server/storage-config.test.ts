import { describe, expect, it } from "vitest";
import { parseConfig } from "../../server/config";
import { storageFromConfig } from "../../server/create-context";

const S3 = { STORAGE_DRIVER: "s3", S3_BUCKET: "renders", S3_ENDPOINT: "http://127.0.0.1:9000", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };

describe("storage configuration", () => {
  it.each([
    ["s3 without a bucket", { STORAGE_DRIVER: "s3" }, "  S3_BUCKET: required when STORAGE_DRIVER=s3"],
    ["an unknown driver", { STORAGE_DRIVER: "ftp" }, '  STORAGE_DRIVER: Invalid option: expected one of "local"|"s3"'],
    ["a bucket name S3 refuses", { ...S3, S3_BUCKET: "Not_A_Bucket" }, "  S3_BUCKET: must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)"],
    ["an endpoint that is not a URL", { ...S3, S3_ENDPOINT: "not a url" }, "  S3_ENDPOINT: must be an http:// or https:// URL"],
    ["an endpoint without its scheme", { ...S3, S3_ENDPOINT: "minio:9000" }, "  S3_ENDPOINT: must be an http:// or https:// URL"],
    ["a key id without its secret", { ...S3, S3_SECRET_ACCESS_KEY: "" }, "  S3_SECRET_ACCESS_KEY: required with S3_ACCESS_KEY_ID (set both, or neither for the AWS SDK's default credentials)"],
    ["a secret without its key id", { ...S3, S3_ACCESS_KEY_ID: "" }, "  S3_ACCESS_KEY_ID: required with S3_SECRET_ACCESS_KEY (set both, or neither for the AWS SDK's default credentials)"],
  ])("refuses %s, naming the variable", (_what, env, line) => {
    expect(() => parseConfig({ DATA_DIR: "/tmp/reelgen-config-test", ...env })).toThrow(`invalid configuration:\n${line}`);
  });

  it("is a local folder by default, and the bucket with STORAGE_DRIVER=s3", () => {
    const local = storageFromConfig(parseConfig({ DATA_DIR: "/tmp/reelgen-config-test" }));
    expect([local.driver, local.location]).toEqual(["local", "the folder /tmp/reelgen-config-test/storage"]);
    const bucket = storageFromConfig(parseConfig({ DATA_DIR: "/tmp/reelgen-config-test", ...S3, S3_FORCE_PATH_STYLE: "1" }));
    expect([bucket.driver, bucket.location]).toEqual(["s3", "s3://renders"]);
    bucket.close();
  });
});
