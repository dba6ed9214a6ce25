import { Command, InvalidArgumentError } from "commander";
import type { AwsRegion } from "@remotion/lambda-client";
import { ensureBundle } from "../bundle-cache";
import { LAMBDA_DEFAULTS } from "../lambda/lambda-defaults";
import { requireAwsCredentials } from "../lambda/require-aws-credentials";

const wholeNumber = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
};

/** The region flags fall back to, as Remotion reads it: `REMOTION_AWS_REGION`, `AWS_REGION`, then us-east-1. */
const defaultRegion = () => process.env.REMOTION_AWS_REGION || process.env.AWS_REGION || LAMBDA_DEFAULTS.region;

type AwsFlags = { region: AwsRegion; bucket?: string; forcePathStyle?: boolean; json?: boolean };

const addAwsFlags = (command: Command) =>
  command
    .option("--region <region>", "AWS region (default: REMOTION_AWS_REGION, AWS_REGION, else us-east-1)")
    .option("--bucket <name>", "the S3 bucket for sites (default: Remotion's remotionlambda-… bucket of the region)")
    .option("--force-path-style", "path-style S3 URLs (S3-compatible stores)")
    .option("--json", "print the result as JSON");

const print = (json: boolean | undefined, value: unknown, human: string) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : human);

/**
 * `reelgen lambda deploy | status | remove`: the Remotion Lambda function and the project's site.
 * Every subcommand checks for AWS credentials first (`UNAUTHENTICATED`, exit 2, naming the variables).
 */
export const addLambdaCommand = (program: Command): void => {
  const lambda = program.command("lambda").description("Render on AWS Lambda: deploy, inspect and remove the Remotion Lambda function and site");

  addAwsFlags(
    lambda
      .command("deploy")
      .description("Deploy the render function and upload the project's bundle as a site (both reused when unchanged)")
      .option("--memory <mb>", `function memory in MB (512-10240)`, wholeNumber("--memory"), LAMBDA_DEFAULTS.memoryMb)
      .option("--timeout <s>", `function timeout in seconds (15-900)`, wholeNumber("--timeout"), LAMBDA_DEFAULTS.timeoutSeconds)
      .option("--disk <mb>", `function disk in MB (512-10240)`, wholeNumber("--disk"), LAMBDA_DEFAULTS.diskMb)
      .option("--site <name>", "site name in the bucket", LAMBDA_DEFAULTS.siteName),
  ).action(async (opts: AwsFlags & { memory: number; timeout: number; disk: number; site: string }) => {
    requireAwsCredentials();
    const region = (opts.region ?? defaultRegion()) as AwsRegion;
    const bundle = await ensureBundle({ cacheDir: process.env.REELGEN_CACHE_DIR || undefined });
    // Remotion Lambda and the AWS SDK take over a second to load: only the lambda commands load them.
    const { deployLambda } = await import("../lambda/lambda-site");
    const result = await deployLambda({
      region,
      memoryMb: opts.memory,
      timeoutSeconds: opts.timeout,
      diskMb: opts.disk,
      siteName: opts.site,
      bundleDir: bundle.serveUrl,
      bucketName: opts.bucket ?? null,
      forcePathStyle: opts.forcePathStyle,
      onProgress: (step, detail) => {
        if (!opts.json) process.stderr.write(`lambda: ${step}: ${detail}\n`);
      },
    });
    print(
      opts.json,
      { ...result, bundleHash: bundle.hash },
      [
        `✔ function ${result.functionName} (${result.functionAlreadyExisted ? "already deployed" : "deployed"}) in ${result.region}`,
        `✔ site ${result.siteName} in ${result.bucketName}: ${result.uploadedFiles} files uploaded, ${result.untouchedFiles} unchanged, ${result.deletedFiles} removed`,
        `  serve URL: ${result.serveUrl}`,
        "",
      ].join("\n"),
    );
  });

  addAwsFlags(lambda.command("status").description("List the render functions and sites in a region")).action(async (opts: AwsFlags) => {
    requireAwsCredentials();
    const region = (opts.region ?? defaultRegion()) as AwsRegion;
    const { lambdaStatus } = await import("../lambda/lambda-site");
    const status = await lambdaStatus({ region, bucketName: opts.bucket ?? null, forcePathStyle: opts.forcePathStyle });
    const lines = [
      `functions in ${region}: ${status.functions.length || "none"}`,
      ...status.functions.map((f) => `  ${f.functionName} · Remotion ${f.version ?? "?"}${f.compatible ? "" : " (incompatible: redeploy)"} · ${f.memoryMb} MB · ${f.diskMb} MB disk · ${f.timeoutSeconds} s`),
      `sites: ${status.sites.length || "none"}`,
      ...status.sites.map((s) => `  ${s.siteName} · ${s.bucketName} · ${(s.sizeBytes / 1e6).toFixed(1)} MB · ${s.serveUrl}`),
      "",
    ];
    print(opts.json, status, lines.join("\n"));
  });

  addAwsFlags(
    lambda
      .command("remove")
      .description("Delete a render function and/or a site")
      .option("--function <name>", 'function to delete, or "all" for every Remotion render function in the region')
      .option("--site <name>", "site to delete"),
  ).action(async (opts: AwsFlags & { function?: string; site?: string }) => {
    requireAwsCredentials();
    const region = (opts.region ?? defaultRegion()) as AwsRegion;
    const { removeLambda } = await import("../lambda/lambda-site");
    const result = await removeLambda({ region, functionName: opts.function ?? null, siteName: opts.site ?? null, bucketName: opts.bucket ?? null, forcePathStyle: opts.forcePathStyle });
    const lines = [...result.deletedFunctions.map((f) => `✔ deleted function ${f}`), ...result.deletedSites.map((s) => `✔ deleted site ${s.siteName} from ${s.bucketName} (${(s.sizeBytes / 1e6).toFixed(1)} MB)`), ""];
    print(opts.json, result, lines.join("\n"));
  });
};
