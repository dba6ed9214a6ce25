import { deleteFunction, deleteSite, deployFunction, deploySiteFromBundle, getFunctions, getOrCreateBucket, getRegions, getSites, type AwsRegion } from "@remotion/lambda";
import { VERSION } from "remotion/version";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import { lambdaError } from "./lambda-error";
import { requireAwsCredentials } from "./require-aws-credentials";

/** Lambda's limits, as Remotion validates them (memory and disk in MB, timeout in seconds). */
export const LAMBDA_LIMITS = { memoryMb: [512, 10240], diskMb: [512, 10240], timeoutSeconds: [15, 900] } as const;
export { LAMBDA_DEFAULTS } from "./lambda-defaults";
import { LAMBDA_DEFAULTS } from "./lambda-defaults";

export type LambdaAwsOptions = {
  region: AwsRegion;
  /** Path-style S3 URLs (S3-compatible stores). */
  forcePathStyle?: boolean;
  /** Environment the credentials are read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
};

export type DeployLambdaOptions = LambdaAwsOptions & {
  memoryMb: number;
  timeoutSeconds: number;
  diskMb: number;
  /** The project's bundle folder (`ensureBundle().serveUrl`): uploaded as is, not rebuilt. */
  bundleDir: string;
  siteName: string;
  /** Null: Remotion's bucket for the region (`remotionlambda-…`), created when missing. */
  bucketName: string | null;
  onProgress?: (step: "function" | "bucket" | "site", detail: string) => void;
};

export type DeployLambdaResult = {
  region: AwsRegion;
  functionName: string;
  functionAlreadyExisted: boolean;
  bucketName: string;
  siteName: string;
  serveUrl: string;
  uploadedFiles: number;
  deletedFiles: number;
  untouchedFiles: number;
};

const checkDeployOptions = (o: DeployLambdaOptions): Problem[] => {
  const problems: Problem[] = [];
  const range = (field: "memoryMb" | "diskMb" | "timeoutSeconds", value: number) => {
    const [min, max] = LAMBDA_LIMITS[field];
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ path: field, message: `must be a whole number from ${min} to ${max}, got ${value}` });
  };
  range("memoryMb", o.memoryMb);
  range("diskMb", o.diskMb);
  range("timeoutSeconds", o.timeoutSeconds);
  if (!/^[a-z0-9-]+$/.test(o.siteName)) problems.push({ path: "siteName", message: "must be lowercase letters, digits and dashes" });
  problems.push(...regionProblems(o.region));
  return problems;
};

const regionProblems = (region: string): Problem[] =>
  (getRegions() as string[]).includes(region) ? [] : [{ path: "region", message: `must be a region Remotion Lambda runs in (${getRegions().join(", ")}), got "${region}"` }];

/** Region first (Remotion would throw a plain error), then credentials: both before any AWS call. */
const checkAwsOptions = (o: LambdaAwsOptions) => {
  const problems = regionProblems(o.region);
  if (problems.length) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Invalid Lambda options: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });
  requireAwsCredentials(o.env);
};

/**
 * Deploys what Lambda renders need: the render function (`deployFunction`: memory, timeout,
 * disk; reused when one with the same settings and Remotion version exists) and the project's
 * bundle as a site in the bucket (`deploySiteFromBundle`: the bundle reelgen renders locally with,
 * uploaded without re-bundling; unchanged files are skipped).
 */
export const deployLambda = async (o: DeployLambdaOptions): Promise<DeployLambdaResult> => {
  const problems = checkDeployOptions(o);
  if (problems.length) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Invalid Lambda deployment: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });
  requireAwsCredentials(o.env);
  const forcePathStyle = o.forcePathStyle ?? false;
  o.onProgress?.("function", "deploying the render function");
  const fn = await deployFunction({
    region: o.region,
    memorySizeInMb: o.memoryMb,
    timeoutInSeconds: o.timeoutSeconds,
    diskSizeInMb: o.diskMb,
    createCloudWatchLogGroup: true,
    logLevel: "error",
  }).catch((err: unknown) => {
    throw lambdaError(err, "Deploying the Lambda function", "SERVICE_UNAVAILABLE");
  });
  o.onProgress?.("bucket", o.bucketName ?? "finding Remotion's bucket");
  const bucketName =
    o.bucketName ??
    (
      await getOrCreateBucket({ region: o.region, forcePathStyle }).catch((err: unknown) => {
        throw lambdaError(err, "Creating the Lambda bucket", "SERVICE_UNAVAILABLE");
      })
    ).bucketName;
  o.onProgress?.("site", `uploading ${o.bundleDir}`);
  const site = await deploySiteFromBundle({ region: o.region, bucketName, bundleDir: o.bundleDir, siteName: o.siteName, forcePathStyle, logLevel: "error" }).catch((err: unknown) => {
    throw lambdaError(err, "Uploading the site", "SERVICE_UNAVAILABLE");
  });
  return {
    region: o.region,
    functionName: fn.functionName,
    functionAlreadyExisted: fn.alreadyExisted,
    bucketName,
    siteName: site.siteName,
    serveUrl: site.serveUrl,
    uploadedFiles: site.stats.uploadedFiles,
    deletedFiles: site.stats.deletedFiles,
    untouchedFiles: site.stats.untouchedFiles,
  };
};

export type LambdaStatus = {
  region: AwsRegion;
  functions: { functionName: string; version: string | null; memoryMb: number; diskMb: number; timeoutSeconds: number; compatible: boolean }[];
  sites: { siteName: string; bucketName: string; serveUrl: string; sizeBytes: number; lastModified: string | null }[];
};

/** The render functions (`getFunctions`) and sites (`getSites`) deployed in a region. */
export const lambdaStatus = async (o: LambdaAwsOptions & { bucketName: string | null }): Promise<LambdaStatus> => {
  checkAwsOptions(o);
  const [functions, sites] = await Promise.all([
    getFunctions({ region: o.region, compatibleOnly: false, logLevel: "error" }),
    getSites({ region: o.region, forceBucketName: o.bucketName ?? undefined, forcePathStyle: o.forcePathStyle ?? false }),
  ]).catch((err: unknown) => {
    throw lambdaError(err, "Listing Lambda functions and sites", "SERVICE_UNAVAILABLE");
  });
  return {
    region: o.region,
    functions: functions.map((f) => ({ functionName: f.functionName, version: f.version, memoryMb: f.memorySizeInMb, diskMb: f.diskSizeInMb, timeoutSeconds: f.timeoutInSeconds, compatible: f.version === VERSION })),
    sites: sites.sites.map((s) => ({ siteName: s.id, bucketName: s.bucketName, serveUrl: s.serveUrl, sizeBytes: s.sizeInBytes, lastModified: s.lastModified === null ? null : new Date(s.lastModified).toISOString() })),
  };
};

export type RemoveLambdaResult = { deletedFunctions: string[]; deletedSites: { siteName: string; bucketName: string; sizeBytes: number }[] };

/**
 * Deletes render functions (`deleteFunction`) and sites (`deleteSite`). `functionName: "all"`
 * deletes every Remotion render function in the region. Names that do not exist are `NOT_FOUND`
 * before anything is deleted.
 */
export const removeLambda = async (o: LambdaAwsOptions & { functionName: string | null; siteName: string | null; bucketName: string | null }): Promise<RemoveLambdaResult> => {
  checkAwsOptions(o);
  if (!o.functionName && !o.siteName) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "Nothing to remove: name a function (--function <name>|all) or a site (--site <name>)" });
  }
  const status = await lambdaStatus({ ...o, bucketName: o.bucketName });
  const functions = o.functionName === "all" ? status.functions.map((f) => f.functionName) : o.functionName ? [o.functionName] : [];
  if (o.functionName && o.functionName !== "all" && !status.functions.some((f) => f.functionName === o.functionName)) {
    throw new ReelgenError({ code: "NOT_FOUND", message: `function: no Remotion render function "${o.functionName}" in ${o.region}` });
  }
  const sites = o.siteName ? status.sites.filter((s) => s.siteName === o.siteName) : [];
  if (o.siteName && sites.length === 0) throw new ReelgenError({ code: "NOT_FOUND", message: `site: no site "${o.siteName}" in ${o.region}${o.bucketName ? ` (bucket ${o.bucketName})` : ""}` });
  const deletedFunctions: string[] = [];
  const deletedSites: RemoveLambdaResult["deletedSites"] = [];
  try {
    for (const functionName of functions) {
      await deleteFunction({ region: o.region, functionName });
      deletedFunctions.push(functionName);
    }
    for (const site of sites) {
      const { totalSizeInBytes } = await deleteSite({ region: o.region, bucketName: site.bucketName, siteName: site.siteName, forcePathStyle: o.forcePathStyle ?? false });
      deletedSites.push({ siteName: site.siteName, bucketName: site.bucketName, sizeBytes: totalSizeInBytes });
    }
  } catch (err) {
    throw lambdaError(err, "Removing from Lambda", "SERVICE_UNAVAILABLE");
  }
  return { deletedFunctions, deletedSites };
};
