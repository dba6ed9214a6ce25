import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ReelgenError } from "../../script/reelgen-error";

/**
 * Checks that AWS credentials are configured the ways Remotion Lambda reads them, before any
 * AWS call: `REMOTION_AWS_ACCESS_KEY_ID` + `REMOTION_AWS_SECRET_ACCESS_KEY`, `AWS_ACCESS_KEY_ID` +
 * `AWS_SECRET_ACCESS_KEY`, a profile (`REMOTION_AWS_PROFILE`, `AWS_PROFILE`) or `~/.aws/credentials`.
 * Throws `UNAUTHENTICATED` naming the variables; never echoes a value.
 */
export const requireAwsCredentials = (env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): void => {
  if (env.REMOTION_AWS_PROFILE || env.AWS_PROFILE) return;
  const remotionPair = Boolean(env.REMOTION_AWS_ACCESS_KEY_ID) && Boolean(env.REMOTION_AWS_SECRET_ACCESS_KEY);
  const awsPair = Boolean(env.AWS_ACCESS_KEY_ID) && Boolean(env.AWS_SECRET_ACCESS_KEY);
  if (remotionPair || awsPair) return;
  if (!env.AWS_ACCESS_KEY_ID && !env.REMOTION_AWS_ACCESS_KEY_ID && existsSync(path.join(home, ".aws", "credentials"))) return;
  const missing = env.AWS_ACCESS_KEY_ID || env.REMOTION_AWS_ACCESS_KEY_ID
    ? "AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_SECRET_ACCESS_KEY) is not set"
    : "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_ACCESS_KEY_ID and REMOTION_AWS_SECRET_ACCESS_KEY) are not set";
  throw new ReelgenError({
    code: "UNAUTHENTICATED",
    message: `No AWS credentials: ${missing}; or set AWS_PROFILE / REMOTION_AWS_PROFILE. See https://www.remotion.dev/docs/lambda/setup`,
  });
};
