import { spawn } from "node:child_process";
import path from "node:path";
import { ReelgenError, type ErrorCode } from "../script/reelgen-error";

/** Output one run may print (stdout and stderr each) before it is stopped: what the old `maxBuffer` allowed. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * The parent's environment variables a tool sees. Everything else (secrets such as API keys,
 * `DATABASE_URL`, `JWT_SECRET`) stays out of the child, where `/proc/<pid>/environ` would show it.
 */
const INHERITED_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_DIRS", "FONTCONFIG_PATH", "FONTCONFIG_FILE"];

export type RunToolOptions = {
  /** The program: a path, or a name found on `PATH`. Never run through a shell. */
  command: string;
  /** Arguments, each passed to the program as it is. */
  args: readonly string[];
  /** Bytes written to the program's standard input; without it, stdin reads as empty. */
  stdin?: string | Buffer | null;
  /** After this long the program and everything it started are killed (SIGKILL) and the run fails with `TIMED_OUT`. */
  timeoutMs: number;
  /** Aborting kills the program the same way; the run fails with `ABORTED`. */
  signal?: AbortSignal | null;
  /** Bytes kept of stdout and of stderr each; printing more kills the program (a failure with `code`). */
  maxOutputBytes?: number;
  /** Variables added to the small inherited environment (see `INHERITED_ENV`). */
  env?: Record<string, string>;
  /** The error code of any other failure (a non-zero exit, a missing program, too much output). */
  code: ErrorCode;
  /** What the run is, for messages: `Text-to-speech`, `ffprobe`. Messages never hold the program's output. */
  what: string;
};

export type ToolOutput = { stdout: Buffer; stderr: Buffer };

/** Process groups of runs still going, killed if this process exits first (Remotion's Ctrl-C handler exits at once). */
const running = new Set<number>();
let exitHookInstalled = false;

const killGroup = (pid: number) => {
  try {
    // Negative: the whole group, so a shell script's own children die with it.
    process.kill(-pid, "SIGKILL");
  } catch (err) {
    // ESRCH: everything in the group had already gone.
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
};

/**
 * Runs an external program with an argument array (no shell), an optional stdin, a time limit
 * and a cap on what it prints. The program runs in its own process group, so a time limit, an
 * abort or this process exiting kills it and every process it started. Failures become a
 * `ReelgenError` whose message names the program and the exit status only; what it printed is
 * kept in the error's `cause` for logs, never in the message.
 */
export const runTool = (options: RunToolOptions): Promise<ToolOutput> => {
  const { command, what } = options;
  const name = path.basename(command);
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (options.signal?.aborted) return Promise.reject(new ReelgenError({ code: "ABORTED", message: `${what} cancelled`, cause: options.signal.reason }));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const pid of running) killGroup(pid);
    });
  }
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key]!;
  Object.assign(env, options.env);

  return new Promise<ToolOutput>((resolve, reject) => {
    const child = spawn(command, [...options.args], {
      env,
      detached: true,
      stdio: [options.stdin == null ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    // Why the run was stopped, if it was; the error is made once the program is gone.
    let failure: { code: ErrorCode; message: string; cause?: unknown } | null = null;
    let spawnError: Error | null = null;
    const detail = () => {
      const stderr = Buffer.concat(err).toString("utf8").trim();
      return stderr.length > 4000 ? `…${stderr.slice(-4000)}` : stderr;
    };
    const stop = (reason: { code: ErrorCode; message: string; cause?: unknown }) => {
      failure ??= reason;
      if (child.pid !== undefined) killGroup(child.pid);
    };

    if (child.pid !== undefined) running.add(child.pid);
    const timer = setTimeout(() => {
      stop({ code: "TIMED_OUT", message: `${what} took longer than ${formatMs(options.timeoutMs)} and was stopped` });
    }, options.timeoutMs);
    const onAbort = () => stop({ code: "ABORTED", message: `${what} cancelled`, cause: options.signal?.reason });
    options.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout!.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > max) return stop({ code: options.code, message: `${what} printed more than ${formatBytes(max)} and was stopped` });
      out.push(chunk);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      errBytes += chunk.length;
      if (errBytes > max) return stop({ code: options.code, message: `${what} printed more than ${formatBytes(max)} and was stopped` });
      err.push(chunk);
    });
    if (child.stdin) {
      // A program may exit without reading its input (a bad option, a crash): its exit status
      // says what happened, so a broken pipe here is not the error to report.
      child.stdin.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE" && error.code !== "ECONNRESET") stop({ code: options.code, message: `${what} failed`, cause: error });
      });
      child.stdin.end(options.stdin);
    }
    child.on("error", (error) => {
      // Spawning failed (ENOENT, EACCES): there is no process to wait for; "close" still follows.
      spawnError = error;
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (child.pid !== undefined) running.delete(child.pid);
      if (spawnError) {
        const missing = (spawnError as NodeJS.ErrnoException).code === "ENOENT";
        return reject(new ReelgenError({ code: options.code, message: missing ? `${what} failed: ${name} is not installed` : `${what} failed: ${name} could not be started`, cause: spawnError }));
      }
      if (failure) return reject(new ReelgenError({ ...failure, cause: failure.cause ?? new Error(`${name} was stopped; its stderr: ${detail()}`) }));
      if (exitCode !== 0) {
        return reject(
          new ReelgenError({
            code: options.code,
            message: `${what} failed (${name} ${exitCode === null ? `was killed by ${signal}` : `exited with code ${exitCode}`})`,
            cause: new Error(`${name} ${exitCode === null ? `killed by ${signal}` : `exited ${exitCode}`}: ${detail()}`),
          }),
        );
      }
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
};

const formatMs = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);
const formatBytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
