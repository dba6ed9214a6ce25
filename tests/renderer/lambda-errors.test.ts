import { createHmac } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lambdaError } from "../../renderer/lambda/lambda-error";
import { requireAwsCredentials } from "../../renderer/lambda/require-aws-credentials";
import { verifyLambdaWebhook } from "../../renderer/lambda/verify-lambda-webhook";
import { ReelgenError } from "../../script/reelgen-error";
import { tempDir } from "./fixtures";

const awsError = (name: string, message = `${name} from AWS`) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe("lambdaError: AWS error names → codes; AWS's words stay in the cause", () => {
  it.each([
    ["UnrecognizedClientException", "UNAUTHENTICATED", "Rendering failed: AWS rejected the credentials (AWS_ACCESS_KEY_ID / REMOTION_AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY / REMOTION_AWS_SECRET_ACCESS_KEY)"],
    ["CredentialsProviderError", "UNAUTHENTICATED", "Rendering failed: AWS rejected the credentials (AWS_ACCESS_KEY_ID / REMOTION_AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY / REMOTION_AWS_SECRET_ACCESS_KEY)"],
    ["AccessDeniedException", "FORBIDDEN", "Rendering failed: the AWS credentials lack a permission Remotion Lambda needs (npx remotion lambda policies validate)"],
    ["ResourceNotFoundException", "NOT_FOUND", "Rendering failed: not found on AWS (deploy it first: reelgen lambda deploy)"],
    ["NoSuchBucket", "NOT_FOUND", "Rendering failed: not found on AWS (deploy it first: reelgen lambda deploy)"],
    ["TooManyRequestsException", "SERVICE_UNAVAILABLE", "Rendering failed: AWS is unavailable or throttling; try again"],
    ["SomethingElse", "RENDER_FAILED", "Rendering failed"],
  ])("%s → %s", (name, code, message) => {
    const cause = awsError(name);
    const err = lambdaError(cause, "Rendering");
    expect(err).toMatchObject({ code, message });
    expect(err.cause).toBe(cause);
  });

  it("network failures are SERVICE_UNAVAILABLE; aborts are ABORTED; ReelgenErrors pass through", () => {
    expect(lambdaError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }), "Listing")).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(lambdaError(Object.assign(new Error("x"), { name: "AbortError" }), "Listing")).toMatchObject({ code: "ABORTED" });
    const own = new ReelgenError({ code: "INVALID_ARGUMENT", message: "m" });
    expect(lambdaError(own, "Listing")).toBe(own);
  });
});

describe("requireAwsCredentials", () => {
  const home = tempDir();
  it.each([
    [{ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" }],
    [{ REMOTION_AWS_ACCESS_KEY_ID: "a", REMOTION_AWS_SECRET_ACCESS_KEY: "b" }],
    [{ AWS_PROFILE: "p" }],
    [{ REMOTION_AWS_PROFILE: "p" }],
  ])("accepts %j", (env) => {
    expect(() => requireAwsCredentials(env, home)).not.toThrow();
  });

  it.each([
    [{}, "No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_ACCESS_KEY_ID and REMOTION_AWS_SECRET_ACCESS_KEY) are not set; or set AWS_PROFILE / REMOTION_AWS_PROFILE. See https://www.remotion.dev/docs/lambda/setup"],
    [{ AWS_ACCESS_KEY_ID: "a" }, "No AWS credentials: AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_SECRET_ACCESS_KEY) is not set; or set AWS_PROFILE / REMOTION_AWS_PROFILE. See https://www.remotion.dev/docs/lambda/setup"],
  ])("rejects %j as UNAUTHENTICATED, never echoing a value", (env, message) => {
    expect(() => requireAwsCredentials(env, home)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED", message }));
  });

  it("accepts ~/.aws/credentials when no key is in the environment", () => {
    const withFile = tempDir();
    mkdirSync(path.join(withFile, ".aws"));
    writeFileSync(path.join(withFile, ".aws", "credentials"), "[default]\n");
    expect(() => requireAwsCredentials({}, withFile)).not.toThrow();
  });
});

describe("verifyLambdaWebhook", () => {
  const sign = (body: string, secret = "s") => `sha512=${createHmac("sha512", secret).update(body).digest("hex")}`;
  it("checks the body's type after the signature", () => {
    const notJson = "not json";
    expect(() => verifyLambdaWebhook({ secret: "s", rawBody: notJson, headers: { "X-Remotion-Signature": sign(notJson) } })).toThrow(expect.objectContaining({ code: "INVALID_JSON", message: "Lambda webhook: the body is not JSON" }));
    const wrongType = JSON.stringify({ type: "progress" });
    expect(() => verifyLambdaWebhook({ secret: "s", rawBody: wrongType, headers: { "x-remotion-signature": sign(wrongType) } })).toThrow(expect.objectContaining({ code: "INVALID_JSON" }));
    const ok = JSON.stringify({ type: "timeout", renderId: "r", expectedBucketOwner: "1", bucketName: "b", customData: null });
    expect(verifyLambdaWebhook({ secret: "s", rawBody: Buffer.from(ok), headers: { "x-remotion-signature": [sign(ok)] } })).toMatchObject({ type: "timeout", renderId: "r" });
    expect(() => verifyLambdaWebhook({ secret: "s", rawBody: ok, headers: { "x-remotion-signature": "NO_SECRET_PROVIDED" } })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });
});
