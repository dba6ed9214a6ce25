import { setTimeout as delay } from "node:timers/promises";
import type { ChatMessage, ChatProvider, ChatRequest, ChatResult, ChatUsage, ModerationResult } from "./chat-provider";
import { ReelgenError, type ErrorCode } from "../reelgen-error";

export type StructuredOutputMode = "auto" | "json_schema" | "json_object";

export type OpenAiChatOptions = {
  /** Base URL including `/v1`, e.g. `https://api.openai.com/v1` or a local server. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Per request, not per call: each retry gets a fresh budget. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, network errors and timeouts. Default 3. */
  maxRetries?: number;
  /**
   * How structure is asked for. `auto` (default) tries `json_schema` structured output and, when the
   * endpoint rejects it, falls back to JSON mode with the schema in the prompt for the provider's life.
   */
  structuredOutput?: StructuredOutputMode;
  /** Expose `moderate()` through the endpoint's `/moderations`. */
  moderation?: boolean;
  /** Sent as `model` to `/moderations`; the endpoint's default when unset. */
  moderationModel?: string;
  /** Waits between retries; tests inject a recorder instead of real time. */
  sleep?: (ms: number) => Promise<void>;
};

const FALLBACK_STATUSES = [400, 404, 422];
/** Retried like 5xx, as OpenAI's own SDK does: both are transient on the server side. */
const TRANSIENT_STATUSES = [408, 409];
const RETRY_AFTER_CAP_MS = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

type Answer = { status: number; text: string; latencyMs: number };
type Failure = { code: ErrorCode; message: string; waitMs: number; retryAfterSeconds?: number; cause?: unknown };

/**
 * A `ChatProvider` for any OpenAI-compatible Chat Completions endpoint (OpenAI, or self-hosted
 * servers speaking the same protocol). Asks for JSON through structured output, falls back to JSON
 * mode where that is unsupported, retries rate limits, server errors and timeouts, and reports
 * refusals instead of throwing so the caller can map them to `LLM_REFUSED`.
 */
export const openAiChatProvider = (options: OpenAiChatOptions): ChatProvider => {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 3;
  const configured = options.structuredOutput ?? "auto";
  // Learned per provider so an endpoint without structured output costs one rejected request, not one per call.
  let mode: "json_schema" | "json_object" = configured === "json_object" ? "json_object" : "json_schema";
  // Once structured output has worked, a later 400 is a real error (e.g. too long a prompt), not a missing feature.
  let modeSettled = configured !== "auto";

  const pause = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    if (options.sleep) {
      if (!signal) return options.sleep(ms);
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      });
      try {
        await Promise.race([options.sleep(ms), aborted]);
      } finally {
        signal.removeEventListener("abort", onAbort);
      }
      return;
    }
    try {
      await delay(ms, undefined, { signal });
    } catch (error) {
      // timers/promises wraps the reason in its own AbortError; callers expect their own reason back.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  };

  /**
   * POSTs JSON with retries. Returns 2xx answers and any status in `passThrough`; every other
   * outcome becomes a ReelgenError (or the caller's abort reason).
   */
  const post = async (path: string, payload: unknown, callerSignal: AbortSignal | undefined, passThrough: number[] = []): Promise<Answer> => {
    const url = `${baseUrl}${path}`;
    for (let attempt = 0; ; attempt++) {
      callerSignal?.throwIfAborted();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      const started = performance.now();
      let failure: Failure;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify(payload),
          signal,
        });
        const text = await response.text();
        const latencyMs = performance.now() - started;
        if (response.ok || passThrough.includes(response.status)) return { status: response.status, text, latencyMs };
        const detail = errorDetail(text);
        if (response.status === 429) {
          // An exhausted quota is also a 429, but waiting will not refill it.
          if (detail.code === "insufficient_quota") {
            throw new ReelgenError({ code: "LLM_FAILED", message: `chat endpoint answered 429 (insufficient_quota): ${detail.message}` });
          }
          const waitMs = retryAfterMs(response.headers) ?? backoffMs(attempt);
          failure = { code: "LLM_RATE_LIMITED", message: `chat endpoint rate-limited the request (429): ${detail.message}`, waitMs, retryAfterSeconds: Math.ceil(waitMs / 1000) };
        } else if (response.status >= 500 || TRANSIENT_STATUSES.includes(response.status)) {
          failure = { code: "LLM_FAILED", message: `chat endpoint answered ${response.status}: ${detail.message}`, waitMs: backoffMs(attempt) };
        } else {
          throw new ReelgenError({ code: "LLM_FAILED", message: `chat endpoint answered ${response.status}: ${detail.message}` });
        }
      } catch (error) {
        if (error instanceof ReelgenError) throw error;
        // The caller's abort is not a failure of the endpoint: stop now, with their reason.
        if (callerSignal?.aborted) throw callerSignal.reason;
        failure = timeout.aborted
          ? { code: "LLM_TIMEOUT", message: `chat endpoint gave no answer within ${timeoutMs} ms`, waitMs: backoffMs(attempt), cause: error }
          : { code: "LLM_FAILED", message: `could not reach the chat endpoint at ${url}: ${describeError(error)}`, waitMs: backoffMs(attempt), cause: error };
      }
      if (attempt >= maxRetries) {
        throw new ReelgenError({
          code: failure.code,
          message: `${failure.message} (after ${attempt + 1} attempt${attempt === 0 ? "" : "s"})`,
          retryAfterSeconds: failure.retryAfterSeconds ?? null,
          cause: failure.cause,
        });
      }
      await pause(failure.waitMs, callerSignal);
    }
  };

  const chatBody = (request: ChatRequest, as: "json_schema" | "json_object") => ({
    model: options.model,
    messages: as === "json_schema" ? request.messages : withSchemaInPrompt(request.messages, request.jsonSchema.schema),
    temperature: 0.8,
    response_format:
      as === "json_schema"
        ? // strict: false because strict mode rejects common JSON Schema (optional properties, formats); we validate ourselves.
          { type: "json_schema", json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: false } }
        : { type: "json_object" },
  });

  const complete = async (request: ChatRequest): Promise<ChatResult> => {
    const probing = !modeSettled && mode === "json_schema";
    let used = mode;
    let answer = await post("/chat/completions", chatBody(request, used), request.signal, probing ? FALLBACK_STATUSES : []);
    if (probing && !isOk(answer.status)) {
      // The endpoint refused the request shape; the status code alone decides, since error texts vary by server.
      used = "json_object";
      answer = await post("/chat/completions", chatBody(request, used), request.signal);
      mode = "json_object";
    }
    modeSettled = true;
    return { ...parseChatAnswer(answer.text, options.model), latencyMs: Math.round(answer.latencyMs), mode: used };
  };

  const moderate = async (text: string, signal?: AbortSignal): Promise<ModerationResult> => {
    const answer = await post("/moderations", { input: text, ...(options.moderationModel ? { model: options.moderationModel } : {}) }, signal);
    const result = (parseJson(answer.text, "moderation") as { results?: { flagged?: unknown; categories?: Record<string, unknown> }[] }).results?.[0];
    if (!result || typeof result.flagged !== "boolean") {
      throw new ReelgenError({ code: "LLM_FAILED", message: `moderation endpoint answered without results[0].flagged: ${answer.text.slice(0, 200)}` });
    }
    return {
      flagged: result.flagged,
      categories: Object.entries(result.categories ?? {})
        .filter(([, on]) => on === true)
        .map(([name]) => name),
    };
  };

  return {
    name: `openai:${baseUrl}`,
    model: options.model,
    complete,
    ...(options.moderation ? { moderate } : {}),
  };
};

const isOk = (status: number) => status >= 200 && status < 300;

const backoffMs = (attempt: number) => Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);

/** `retry-after-ms` (OpenAI's own) or `Retry-After` in seconds or as an HTTP date, capped. */
const retryAfterMs = (headers: Headers): number | null => {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, RETRY_AFTER_CAP_MS);
  const value = headers.get("retry-after")?.trim();
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(Math.max(0, seconds * 1000), RETRY_AFTER_CAP_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - Date.now()), RETRY_AFTER_CAP_MS);
};

const errorDetail = (text: string): { message: string; code: string | null } => {
  try {
    const error = (JSON.parse(text) as { error?: { message?: unknown; code?: unknown } }).error;
    if (error && typeof error.message === "string") return { message: error.message.slice(0, 300), code: typeof error.code === "string" ? error.code : null };
  } catch {
    // Not JSON: quote the raw text below.
  }
  return { message: text.slice(0, 300) || "(empty body)", code: null };
};

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // undici reports "fetch failed" and hides the useful part (ECONNREFUSED, DNS) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
};

const withSchemaInPrompt = (messages: ChatMessage[], schema: Record<string, unknown>): ChatMessage[] => {
  const instruction = `Answer with one JSON object that follows this JSON Schema: ${JSON.stringify(schema)}`;
  const [first, ...rest] = messages;
  if (first?.role === "system") return [{ role: "system", content: `${first.content}\n\n${instruction}` }, ...rest];
  return [{ role: "system", content: instruction }, ...messages];
};

const parseJson = (text: string, what: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new ReelgenError({ code: "LLM_FAILED", message: `${what} endpoint answered with a body that is not JSON: ${text.slice(0, 200)}` });
  }
};

type Completion = {
  model?: unknown;
  choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown };
};

const parseChatAnswer = (text: string, configuredModel: string): Omit<ChatResult, "latencyMs" | "mode"> => {
  const body = parseJson(text, "chat") as Completion | null;
  const choice = body?.choices?.[0];
  if (!choice?.message) {
    throw new ReelgenError({ code: "LLM_FAILED", message: `chat endpoint answered without choices[0].message: ${text.slice(0, 200)}` });
  }
  const model = typeof body!.model === "string" && body!.model ? body!.model : configuredModel;
  const usage = parseUsage(body!.usage);
  const { content, refusal } = choice.message;
  if (typeof refusal === "string" && refusal) return { content: "", refusal, usage, model };
  if (choice.finish_reason === "content_filter") {
    return { content: "", refusal: "The endpoint's content filter stopped the answer (finish_reason content_filter).", usage, model };
  }
  const textContent = typeof content === "string" ? content : Array.isArray(content) ? joinParts(content) : null;
  if (textContent === null) {
    throw new ReelgenError({ code: "LLM_FAILED", message: `chat endpoint answered without message content (finish_reason ${String(choice.finish_reason)})` });
  }
  return { content: textContent, refusal: null, usage, model };
};

/** Some compatible servers answer content as parts, `[{ type: "text", text }]`. */
const joinParts = (parts: unknown[]): string | null => {
  const texts = parts.map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : null));
  return texts.every((t) => t !== null) ? texts.join("") : null;
};

const parseUsage = (usage: Completion["usage"]): ChatUsage | null => {
  if (!usage || typeof usage.prompt_tokens !== "number" || typeof usage.completion_tokens !== "number") return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: typeof usage.total_tokens === "number" ? usage.total_tokens : usage.prompt_tokens + usage.completion_tokens,
  };
};

/**
 * The chat model the environment asks for: an OpenAI-compatible endpoint when `LLM_BASE_URL` is set
 * (with `LLM_MODEL` required, `LLM_API_KEY`, `LLM_TIMEOUT_MS`, `LLM_STRUCTURED_OUTPUT`,
 * `LLM_MODERATION=1`), else null. Throws on a setting it cannot use rather than guessing.
 */
export const chatProviderFromEnv = (env: NodeJS.ProcessEnv = process.env): ChatProvider | null => {
  const baseUrl = env.LLM_BASE_URL?.trim();
  if (!baseUrl) return null;
  const model = env.LLM_MODEL?.trim();
  if (!model) throw new Error("LLM_MODEL must be set when LLM_BASE_URL is (the model the endpoint serves, e.g. gpt-4o-mini)");
  let timeoutMs: number | undefined;
  if (env.LLM_TIMEOUT_MS?.trim()) {
    timeoutMs = Number(env.LLM_TIMEOUT_MS);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`LLM_TIMEOUT_MS must be a positive whole number of milliseconds, got "${env.LLM_TIMEOUT_MS}"`);
  }
  const structured = env.LLM_STRUCTURED_OUTPUT?.trim() || undefined;
  if (structured !== undefined && !["auto", "json_schema", "json_object"].includes(structured)) {
    throw new Error(`LLM_STRUCTURED_OUTPUT must be auto, json_schema or json_object, got "${structured}"`);
  }
  return openAiChatProvider({
    baseUrl,
    model,
    ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(structured ? { structuredOutput: structured as StructuredOutputMode } : {}),
    moderation: env.LLM_MODERATION === "1" || env.LLM_MODERATION?.toLowerCase() === "true",
  });
};
