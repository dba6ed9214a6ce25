import path from "node:path";
import { ReelgenError, renderPlanOnLambda, S3Storage, type LambdaClient, type PlanOnLambdaResult, type RenderPlan, type RenderProgress } from "../../renderer/index";
import type { Config } from "../config";

const MISCONFIGURED = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);

/** What a render's result records of a Lambda output: Remotion's cost estimate (USD, from billed Lambda time) and its functions. */
export type LambdaOutputCost = { costUsd: number; lambdasInvoked: number; renderId: string };

/**
 * One video output of a plan on Remotion Lambda (`RENDER_BACKEND=lambda`): the plan's speech and
 * media go into the Lambda bucket under content-hash keys (shared by every render), the functions
 * fetch them by presigned URL, and the finished file comes back into `plan.outputs[output]`'s
 * path, finalised as a local render is. The bucket's copy of the output is removed afterwards,
 * also when finishing it failed: the worker stores the one copy the API serves.
 */
export const renderOutputOnLambda = async (
  config: Config,
  o: { renderId: string; plan: RenderPlan; output: number; signal: AbortSignal; onProgress: (p: RenderProgress) => void },
): Promise<Omit<PlanOnLambdaResult, "lambda"> & { lambda: LambdaOutputCost }> => {
  const region = config.LAMBDA_REGION as LambdaClient["region"];
  const bucket = config.LAMBDA_BUCKET!;
  const endpoint = config.LAMBDA_S3_ENDPOINT ?? null;
  const forcePathStyle = config.LAMBDA_FORCE_PATH_STYLE;
  const storage = new S3Storage({ bucket, endpoint, region, credentials: null, forcePathStyle });
  const outputKey = `reelgen/outputs/${o.renderId}/${path.basename(o.plan.outputs[o.output]!.outputPath)}`;
  try {
    const result = await renderPlanOnLambda(o.plan, o.output, {
      client: { region, functionName: config.LAMBDA_FUNCTION!, bucketName: bucket, s3: storage.client, forcePathStyle },
      storage,
      serveUrl: config.LAMBDA_SERVE_URL!,
      assetPrefix: "reelgen/assets",
      outputKey,
      framesPerLambda: config.LAMBDA_FRAMES_PER_LAMBDA ?? null,
      signal: o.signal,
      onProgress: o.onProgress,
    });
    const { lambda, ...video } = result;
    return { ...video, lambda: { costUsd: lambda.costs.accruedSoFar, lambdasInvoked: lambda.lambdasInvoked, renderId: lambda.renderId } };
  } catch (error) {
    // AWS refusing the server's credentials, permissions or function is the operator's to fix, not the
    // caller's input: the caller sees a safe message (the log has AWS's words) and the render is retried.
    if (error instanceof ReelgenError && MISCONFIGURED.has(error.code)) {
      throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: `the Lambda backend refused the render (${error.code}): ${error.message}`, cause: error });
    }
    throw error;
  } finally {
    // The bucket's copy goes whether the render finished here or not: the worker stores the one copy the API serves.
    await storage.delete(outputKey).catch(() => {});
    storage.close();
  }
};
