import http from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer of the fake to a `/v1/chat/completions` request. */
export type FakeReply =
  /** A normal answer whose message content is this object, serialized. */
  | { json: unknown }
  /** A normal answer with this raw content (e.g. invalid JSON); `finishReason` e.g. "content_filter". */
  | { content: string; finishReason?: string }
  /** A structured-output refusal: `message.refusal` set, `content` null. */
  | { refusal: string }
  /** An HTTP error or any raw answer; a string `body` is sent as-is, anything else as JSON. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answer (the connection stays open until the client gives up or the fake closes). */
  | { hang: true }
  /**
   * From now on the endpoint lacks structured output: every `json_schema` request is answered 400,
   * and this reply is consumed so the next one serves the `json_object` requests.
   */
  | { rejectJsonSchema: true };

export type FakeRequest = { path: string; headers: http.IncomingHttpHeaders; body: unknown };

export type FakeOpenAiOptions = {
  replies: FakeReply[];
  /** Inputs to `/v1/moderations` containing any of these words (case-insensitive) are flagged. */
  flaggedWords?: string[];
  /** The categories a flagged input is flagged for. Default `["violence"]`. */
  flaggedCategories?: string[];
  /** The `model` the fake answers with. Default: the requested model with a dated suffix, like OpenAI. */
  responseModel?: string;
};

export type FakeOpenAi = {
  /** Base URL including `/v1`. */
  url: string;
  /** Every request received, in order, with its parsed JSON body. */
  requests: FakeRequest[];
  close(): Promise<void>;
};

const MODERATION_CATEGORIES = ["harassment", "hate", "self-harm", "sexual", "violence"];

/**
 * A loopback (127.0.0.1, free port) fake of an OpenAI-compatible server: Chat Completions driven
 * by a list of scripted replies (consumed in order, the last one repeats), plus Moderations.
 */
export const startFakeOpenAi = async (options: FakeOpenAiOptions): Promise<FakeOpenAi> => {
  if (options.replies.length === 0) throw new Error("startFakeOpenAi needs at least one reply");
  const requests: FakeRequest[] = [];
  let index = 0;
  let jsonSchemaUnsupported = false;
  let served = 0;

  type ServedReply = Exclude<FakeReply, { rejectJsonSchema: true }>;
  const nextReply = (): ServedReply | null => {
    for (;;) {
      if (index >= options.replies.length) {
        const last = options.replies.at(-1)!;
        // A trailing rejectJsonSchema has nothing after it to serve.
        return "rejectJsonSchema" in last ? null : last;
      }
      const reply = options.replies[index++]!;
      if (!("rejectJsonSchema" in reply)) return reply;
      jsonSchemaUnsupported = true;
    }
  };

  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(typeof body === "string" ? body : JSON.stringify(body));

  const chat = (res: http.ServerResponse, body: { model?: string; messages?: unknown; response_format?: { type?: string } }) => {
    const wantsSchema = body.response_format?.type === "json_schema";
    // Peek: a rejectJsonSchema at the front applies to this very request.
    if (wantsSchema && !jsonSchemaUnsupported && index < options.replies.length && "rejectJsonSchema" in options.replies[index]!) {
      index++;
      jsonSchemaUnsupported = true;
    }
    if (wantsSchema && jsonSchemaUnsupported) {
      return sendJson(res, 400, { error: { message: "response_format json_schema is not supported", type: "invalid_request_error", param: "response_format", code: null } });
    }
    const reply = nextReply();
    if (!reply) return sendJson(res, 500, { error: { message: "fake-openai: no reply left after rejectJsonSchema", type: "server_error" } });
    if ("hang" in reply) return;
    if ("status" in reply) return sendJson(res, reply.status, reply.body ?? { error: { message: `fake status ${reply.status}`, type: "fake_error" } }, reply.headers);

    const message =
      "refusal" in reply
        ? { role: "assistant", content: null, refusal: reply.refusal }
        : { role: "assistant", content: "json" in reply ? JSON.stringify(reply.json) : reply.content, refusal: null };
    const finishReason = "finishReason" in reply && reply.finishReason ? reply.finishReason : "stop";
    // Token counts are a deterministic stand-in (about four characters a token), never zero.
    const promptTokens = Math.max(1, Math.ceil(JSON.stringify(body.messages ?? []).length / 4));
    const completionTokens = Math.max(1, Math.ceil((message.content ?? message.refusal ?? "").length / 4));
    served++;
    sendJson(res, 200, {
      id: `chatcmpl-fake-${served}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: options.responseModel ?? `${body.model ?? "fake"}-2024-08-06`,
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  };

  const moderations = (res: http.ServerResponse, body: { input?: unknown; model?: string }) => {
    const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? "")];
    const flaggedWords = (options.flaggedWords ?? []).map((w) => w.toLowerCase());
    const flaggedCategories = options.flaggedCategories ?? ["violence"];
    sendJson(res, 200, {
      id: `modr-fake-${requests.length}`,
      model: body.model ?? "omni-moderation-latest",
      results: inputs.map((input) => {
        const flagged = flaggedWords.some((w) => input.toLowerCase().includes(w));
        const names = [...new Set([...MODERATION_CATEGORIES, ...flaggedCategories])];
        return {
          flagged,
          categories: Object.fromEntries(names.map((n) => [n, flagged && flaggedCategories.includes(n)])),
          category_scores: Object.fromEntries(names.map((n) => [n, flagged && flaggedCategories.includes(n) ? 0.97 : 0.001])),
        };
      }),
    });
  };

  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        return sendJson(res, 400, { error: { message: "fake-openai: request body is not JSON", type: "invalid_request_error" } });
      }
      requests.push({ path, headers: req.headers, body });
      if (req.method === "POST" && path === "/v1/chat/completions") return chat(res, (body ?? {}) as Parameters<typeof chat>[1]);
      if (req.method === "POST" && path === "/v1/moderations") return moderations(res, (body ?? {}) as Parameters<typeof moderations>[1]);
      sendJson(res, 404, { error: { message: `fake-openai: no route ${req.method} ${path}`, type: "invalid_request_error" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging replies and keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
