/**
 * Remotion Lambda without AWS: Remotion's real serverless handlers (`innerHandler` of
 * @remotion/serverless: start, launch, renderer, progress, merge) run in this process, the way
 * Remotion's own tests do (packages/lambda/src/test/mock-implementation.ts), with two differences:
 * the bucket is a real S3-protocol server (s3rver on loopback, spoken to with @aws-sdk/client-s3),
 * and the AWS APIs the client side calls (Lambda, STS, CloudWatch Logs) are a fake HTTP server on
 * loopback that speaks their wire protocols, reached through the SDK's own endpoint override
 * (`AWS_ENDPOINT_URL_<SERVICE>`). What is recorded there is what would have gone to AWS.
 *
 * PINNED: this uses internal APIs of @remotion/serverless 4.0.527 (`innerHandler`,
 * `ProviderSpecifics`, `InsideFunctionSpecifics`, the streaming message format). They change
 * between Remotion versions without notice; re-check this file when upgrading Remotion.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { LambdaClientInternals, type AwsProvider, type AwsRegion } from "@remotion/lambda-client";
import { openBrowser } from "@remotion/renderer";
import {
  binaryPayloadSinkForStreamer,
  formatMap,
  innerHandler,
  invokeWebhook,
  messageTypeIdToMessageType,
  type InsideFunctionSpecifics,
  type MessageTypeId,
  type ProviderSpecifics,
  type ServerlessPayload,
  type StreamingMessage,
} from "@remotion/serverless";
import { makeStreamer } from "@remotion/streaming";
import S3rver from "s3rver";
import { VERSION } from "remotion/version";
import { ensureBundle } from "../../renderer/bundle-cache";
import { deployLambda } from "../../renderer/lambda/lambda-site";

export const REGION: AwsRegion = "us-east-1";
export const ACCOUNT_ID = "123456789012";
/** s3rver's default key pair. */
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** One request the fake AWS received: the operation and what the SDK sent. */
export type RecordedCall = {
  service: "lambda" | "sts" | "logs";
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
};

export type DeployedFunction = { functionName: string; memoryMb: number; timeoutSeconds: number; diskMb: number; role: string; runtime: string; zipBytes: number };

export type LambdaHarness = {
  region: AwsRegion;
  s3: S3Client;
  s3Endpoint: string;
  /** Environment for the AWS SDK (in this process it is applied to `process.env`; pass it to a CLI child). */
  env: Record<string, string>;
  calls: RecordedCall[];
  /** Every function invocation run in-process, in order: the routine and how it was invoked. */
  invocations: { functionName: string; type: string; mode: "sync" | "event" | "streaming" }[];
  /** Errors thrown by invocations nobody awaited (async launches). */
  functionErrors: unknown[];
  functions: Map<string, DeployedFunction>;
  /** Most renderer functions running at once (Lambda's concurrency, here held to `maxConcurrency`). */
  peakConcurrency: () => number;
  /** Resolves when every async invocation (launches) has ended. */
  idle: () => Promise<void>;
  /** Adds a function as `deployFunction` would have (for render tests that skip deploying). */
  addFunction: (fn: Omit<DeployedFunction, "role" | "runtime" | "zipBytes">) => void;
  close: () => Promise<void>;
};

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Starts s3rver and the fake AWS endpoint on loopback and points the AWS SDK at them through
 * `process.env`. `chromium` is the browser the functions render with (never downloaded).
 */
export const startLambdaHarness = async (options: { chromium: string; maxConcurrency?: number; logLevel?: "error" | "info" | "verbose" }): Promise<LambdaHarness> => {
  const maxConcurrency = options.maxConcurrency ?? 2;
  const s3Dir = mkdtempSync(path.join(os.tmpdir(), "reelgen-s3rver-"));
  const s3rver = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir });
  const s3Address = (await s3rver.run()) as AddressInfo;
  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;
  const s3 = new S3Client({ region: REGION, endpoint: s3Endpoint, forcePathStyle: true, credentials: CREDENTIALS });

  const calls: RecordedCall[] = [];
  const invocations: LambdaHarness["invocations"] = [];
  const functionErrors: unknown[] = [];
  const functions = new Map<string, DeployedFunction>();
  const pending = new Set<Promise<unknown>>();
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    while (running >= maxConcurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    peak = Math.max(peak, running);
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  // s3rver writes an object in place, so a read during an overwrite sees parts of both (S3 swaps
  // whole objects). Remotion rewrites progress.json while the status routine reads it: every
  // read and write of one key takes its turn, as S3's atomic PUT would make them look.
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(bucket: string, key: string, work: () => Promise<T>): Promise<T> => {
    const id = `${bucket}/${key}`;
    const mine = (turns.get(id) ?? Promise.resolve()).catch(() => {}).then(work);
    turns.set(id, mine);
    void mine.finally(() => {
      if (turns.get(id) === mine) turns.delete(id);
    }).catch(() => {});
    return mine;
  };

  // --- Inside the functions: Remotion's provider interface, bucket operations on s3rver. ---
  const aws = LambdaClientInternals.awsImplementation;
  const provider: ProviderSpecifics<AwsProvider> = {
    ...aws,
    getChromiumPath: () => options.chromium,
    getAccountId: () => Promise.resolve(ACCOUNT_ID),
    checkCredentials: () => {},
    applyLifeCycle: () => Promise.resolve(),
    getBuckets: async ({ region }) => {
      const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
      return Buckets.filter((b) => b.Name?.startsWith(aws.getBucketPrefix())).map((b) => ({ name: b.Name!, creationDate: b.CreationDate?.getTime() ?? 0, region }));
    },
    createBucket: async ({ bucketName }) => {
      await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
    },
    bucketExists: async ({ bucketName }) => {
      try {
        await s3.send(new HeadBucketCommand({ Bucket: bucketName }));
        return true;
      } catch (err) {
        if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw err;
      }
    },
    listObjects: async ({ bucketName, prefix }) => {
      const out: { Key: string; LastModified: Date; ETag: string; Size: number }[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucketName, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) out.push({ Key: o.Key!, LastModified: o.LastModified!, ETag: o.ETag!, Size: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },
    deleteFile: async ({ bucketName, key }) => {
      await s3.send(new DeleteObjectCommand({ Bucket: bucketName, Key: key }));
    },
    readFile: async ({ bucketName, key }) => {
      // Read whole, with a retry: a keep-alive socket s3rver closes mid-body fails the stream
      // after the SDK's own retries are over.
      for (let attempt = 1; ; attempt++) {
        try {
          const bytes = await inTurn(bucketName, key, async () => {
            const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
            return Buffer.from(await object.Body!.transformToByteArray());
          });
          return Readable.from(bytes);
        } catch (err) {
          if (attempt >= 3 || (err as { name?: string }).name === "NoSuchKey") throw err;
        }
      }
    },
    writeFile: async ({ bucketName, key, body }) => {
      // s3rver needs a length; Remotion hands over streams for chunks and outputs.
      const bytes = body instanceof Readable ? Buffer.concat(await body.toArray()) : typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
      await inTurn(bucketName, key, () => s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: bytes, ContentLength: bytes.length })));
    },
    supportsConditionalOutput: () => false,
    writeFileIfNotExists: null,
    headFile: async ({ bucketName, key }) => {
      const head = await inTurn(bucketName, key, () => s3.send(new HeadObjectCommand({ Bucket: bucketName, Key: key })));
      return { ContentLength: head.ContentLength, LastModified: head.LastModified };
    },
    // Launch → renderers: in this process, through Remotion's streaming message format.
    callFunctionStreaming: async (params) => {
      await acquire();
      try {
        invocations.push({ functionName: params.functionName, type: params.type, mode: "streaming" });
        const { onData, clear } = makeStreamer(
          (status, messageTypeId, data) => {
            const type = messageTypeIdToMessageType(messageTypeId as MessageTypeId);
            const payload = formatMap[type] === "json" ? JSON.parse(new TextDecoder().decode(data)) : data;
            params.receivedStreamingPayload({ successType: status, message: { type, payload } } as StreamingMessage<AwsProvider>);
          },
          params.getBinaryPayloadSink ? binaryPayloadSinkForStreamer(params.getBinaryPayloadSink) : null,
        );
        try {
          await runFunction(params.functionName, { ...params.payload, type: params.type } as ServerlessPayload<AwsProvider>, {
            write: async (message) => {
              await onData(message);
            },
            end: () => Promise.resolve(),
          });
        } finally {
          clear();
        }
      } finally {
        release();
      }
    },
  };

  const browsers = new Set<Awaited<ReturnType<typeof openBrowser>>>();
  const inside = (functionName: string, opened: Set<Awaited<ReturnType<typeof openBrowser>>>): InsideFunctionSpecifics<AwsProvider> => ({
    defaultX264Preset: null,
    // One browser per invocation, as on Lambda where each function is its own machine.
    getBrowserInstance: async ({ chromiumOptions, logLevel }) => {
      const instance = await openBrowser("chrome", { browserExecutable: options.chromium, chromiumOptions, logLevel });
      browsers.add(instance);
      opened.add(instance);
      return { instance, configurationString: "reelgen-test" };
    },
    forgetBrowserEventLoop: () => {},
    closeBrowserInstance: async ({ launchedBrowser }) => {
      browsers.delete(launchedBrowser.instance);
      await launchedBrowser.instance.close({ silent: true });
    },
    timer: () => ({ end: () => {} }),
    generateRandomId: ({ deleteAfter, randomHashFn }) => LambdaClientInternals.generateRandomHashWithLifeCycleRule({ deleteAfter, randomHashFn }),
    // Lambda wipes its own /tmp; here that would be the machine's.
    deleteTmpDir: () => Promise.resolve(),
    getCurrentFunctionName: () => functionName,
    getCurrentMemorySizeInMb: () => functions.get(functionName)?.memoryMb ?? 2048,
    invokeWebhook,
    getCurrentRegionInFunction: () => REGION,
    makeArtifactWithDetails: ({ region, renderBucketName, storageKey, artifact }) => ({
      filename: artifact.filename,
      sizeInBytes: artifact.content.length,
      s3Url: `${s3Endpoint}/${renderBucketName}/${storageKey}`,
      s3Key: storageKey,
      region,
    } as never),
    normalizeChromiumOptions: null,
    getTmpDirState: null,
    startRendererDiagnostics: null,
  });

  const runFunction = async (functionName: string, params: ServerlessPayload<AwsProvider>, responseWriter: { write: (m: Uint8Array) => Promise<void>; end: () => Promise<void> }) => {
    const fn = functions.get(functionName);
    const timeoutMs = (fn?.timeoutSeconds ?? 120) * 1000;
    const started = Date.now();
    const opened = new Set<Awaited<ReturnType<typeof openBrowser>>>();
    try {
      await innerHandler<AwsProvider>({
        params,
        responseWriter,
        context: { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started), requestId: `req-${invocations.length}`, expectedBucketOwner: null } as never,
        providerSpecifics: provider,
        insideFunctionSpecifics: inside(functionName, opened),
      });
    } finally {
      // The invocation's machine goes away: close any browser it left open.
      for (const b of opened) {
        if (!browsers.has(b)) continue;
        browsers.delete(b);
        await b.close({ silent: true }).catch((err: unknown) => functionErrors.push(err));
      }
    }
  };

  // --- The fake AWS endpoint (Lambda REST-JSON, STS query, CloudWatch Logs JSON 1.1). ---
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...extra });
      res.end(body === null ? "" : JSON.stringify(body));
    };
    const target = headers["x-amz-target"];
    try {
      if (target?.startsWith("Logs_20140328.")) {
        calls.push({ service: "logs", operation: target.slice("Logs_20140328.".length), method: req.method!, path: url.pathname, headers, body: JSON.parse(raw.toString() || "{}") });
        return json(200, {}, { "content-type": "application/x-amz-json-1.1" });
      }
      const form = new URLSearchParams(raw.toString());
      if (form.get("Action") === "GetCallerIdentity") {
        calls.push({ service: "sts", operation: "GetCallerIdentity", method: req.method!, path: url.pathname, headers, body: Object.fromEntries(form) });
        res.writeHead(200, { "content-type": "text/xml" });
        return res.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT_ID}:user/reelgen-test</Arn><UserId>AIDATEST</UserId><Account>${ACCOUNT_ID}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      }
      const record = (operation: string, body: unknown) => calls.push({ service: "lambda", operation, method: req.method!, path: url.pathname, headers, body });
      const notFound = (name: string) => json(404, { Type: "User", message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}` }, { "x-amzn-errortype": "ResourceNotFoundException" });
      const configuration = (f: DeployedFunction) => ({
        FunctionName: f.functionName,
        FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${f.functionName}`,
        MemorySize: f.memoryMb,
        Timeout: f.timeoutSeconds,
        EphemeralStorage: { Size: f.diskMb },
        Role: f.role,
        Runtime: f.runtime,
        State: "Active",
        LastUpdateStatus: "Successful",
        Version: "$LATEST",
      });
      let m: RegExpMatchArray | null;
      if ((m = url.pathname.match(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/)) && req.method === "POST") {
        const name = decodeURIComponent(m[1]!);
        const payload = JSON.parse(raw.toString()) as ServerlessPayload<AwsProvider>;
        const mode = headers["x-amz-invocation-type"] === "Event" ? "event" : "sync";
        record("Invoke", payload);
        if (!functions.has(name)) return notFound(name);
        invocations.push({ functionName: name, type: payload.type, mode });
        if (mode === "event") {
          // Event invocations answer 202 at once; the function runs on, and its failure is kept.
          const run = runFunction(name, payload, { write: () => Promise.resolve(), end: () => Promise.resolve() }).catch((err: unknown) => {
            functionErrors.push(err);
          });
          pending.add(run);
          void run.finally(() => pending.delete(run));
          res.writeHead(202);
          return res.end();
        }
        const chunks: Uint8Array[] = [];
        await runFunction(name, payload, {
          write: (message) => {
            chunks.push(message);
            return Promise.resolve();
          },
          end: () => Promise.resolve(),
        });
        res.writeHead(200, { "content-type": "application/json", "x-amz-executed-version": "$LATEST" });
        return res.end(Buffer.concat(chunks));
      }
      if (/^\/2015-03-31\/functions\/?$/.test(url.pathname) && req.method === "GET") {
        record("ListFunctions", Object.fromEntries(url.searchParams));
        return json(200, { Functions: [...functions.values()].map(configuration) });
      }
      if (/^\/2015-03-31\/functions\/?$/.test(url.pathname) && req.method === "POST") {
        const body = JSON.parse(raw.toString()) as { FunctionName: string; MemorySize: number; Timeout: number; EphemeralStorage?: { Size: number }; Role: string; Runtime: string; Code: { ZipFile: string } };
        const zipBytes = Buffer.from(body.Code.ZipFile, "base64").length;
        record("CreateFunction", { ...body, Code: { ZipFile: `<${zipBytes} bytes>` } });
        const f: DeployedFunction = { functionName: body.FunctionName, memoryMb: body.MemorySize, timeoutSeconds: body.Timeout, diskMb: body.EphemeralStorage?.Size ?? 512, role: body.Role, runtime: body.Runtime, zipBytes };
        functions.set(f.functionName, f);
        return json(201, configuration(f));
      }
      if ((m = url.pathname.match(/^\/2015-03-31\/functions\/([^/]+)$/))) {
        const name = decodeURIComponent(m[1]!);
        const f = functions.get(name);
        if (req.method === "GET") {
          record("GetFunction", { FunctionName: name });
          return f ? json(200, { Configuration: configuration(f) }) : notFound(name);
        }
        if (req.method === "DELETE") {
          record("DeleteFunction", { FunctionName: name });
          if (!f) return notFound(name);
          functions.delete(name);
          return json(204, null);
        }
      }
      if ((m = url.pathname.match(/^\/2017-03-31\/tags\/(.+)$/)) && req.method === "POST") {
        record("TagResource", { Resource: decodeURIComponent(m[1]!), ...(JSON.parse(raw.toString()) as object) });
        return json(204, null);
      }
      if ((m = url.pathname.match(/^\/2019-09-25\/functions\/([^/]+)\/event-invoke-config$/))) {
        record("PutFunctionEventInvokeConfig", { FunctionName: decodeURIComponent(m[1]!), ...(JSON.parse(raw.toString()) as object) });
        return json(200, { FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${decodeURIComponent(m[1]!)}`, MaximumRetryAttempts: 0 });
      }
      if ((m = url.pathname.match(/^\/2021-07-20\/functions\/([^/]+)\/runtime-management-config$/))) {
        record("PutRuntimeManagementConfig", { FunctionName: decodeURIComponent(m[1]!), ...(JSON.parse(raw.toString()) as object) });
        return json(200, { UpdateRuntimeOn: "Manual" });
      }
      record(`Unknown ${req.method} ${url.pathname}`, raw.toString());
      return json(400, { message: `fake AWS: no operation for ${req.method} ${url.pathname}` }, { "x-amzn-errortype": "InvalidRequestContentException" });
    } catch (err) {
      functionErrors.push(err);
      process.stderr.write(`fake AWS: ${url.pathname} failed: ${(err as Error).stack}\n`);
      return json(500, { message: (err as Error).message }, { "x-amzn-errortype": "ServiceException" });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const awsEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL_LAMBDA: awsEndpoint,
    AWS_ENDPOINT_URL_STS: awsEndpoint,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: awsEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
  };
  const previous = Object.fromEntries([...Object.keys(env), "NODE_ENV"].map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  // Remotion's handlers rethrow instead of recording a failure in the bucket when NODE_ENV is
  // "test" (vitest sets it); Lambda leaves it unset, so a failed launch reaches getRenderProgress.
  delete process.env.NODE_ENV;

  return {
    region: REGION,
    s3,
    s3Endpoint,
    env,
    calls,
    invocations,
    functionErrors,
    functions,
    peakConcurrency: () => peak,
    idle: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    addFunction: (fn) => functions.set(fn.functionName, { ...fn, role: "test", runtime: "nodejs24.x", zipBytes: 0 }),
    close: async () => {
      await Promise.allSettled([...pending]);
      for (const b of browsers) await b.close({ silent: true });
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await s3rver.close();
      s3.destroy();
      rmSync(s3Dir, { recursive: true, force: true });
    },
  };
};

export { VERSION };

export type WebhookReceiver = {
  url: string;
  /** The last POST: its raw body and headers, as `verifyLambdaWebhook` takes them; null before one came. */
  last: () => { raw: string; headers: Record<string, string | string[] | undefined> } | null;
  close: () => Promise<void>;
};

/** A loopback endpoint for Remotion's webhook: keeps what was POSTed. */
export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  let last: ReturnType<WebhookReceiver["last"]> = null;
  const server = createServer(async (req, res) => {
    last = { raw: (await readBody(req)).toString(), headers: req.headers };
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    last: () => last,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/**
 * A bucket with the render function deployed and this checkout's bundle as a site (the bundle a
 * local render uses, so both draw with the same code): what `reelgen lambda deploy` sets up.
 */
export const deployTestSite = async (h: LambdaHarness, o: { bucket: string; siteName: string }): Promise<{ functionName: string; serveUrl: string }> => {
  await h.s3.send(new CreateBucketCommand({ Bucket: o.bucket }));
  const bundle = await ensureBundle({ cacheDir: process.env.REELGEN_CACHE_DIR || undefined });
  const { functionName } = await deployLambda({ region: h.region, memoryMb: 2048, timeoutSeconds: 120, diskMb: 2048, bundleDir: bundle.serveUrl, siteName: o.siteName, bucketName: o.bucket, forcePathStyle: true });
  return { functionName, serveUrl: `${h.s3Endpoint}/${o.bucket}/sites/${o.siteName}/index.html` };
};
