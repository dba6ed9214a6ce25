/** One message of an OpenAI-style chat. */
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatUsage = { promptTokens: number; completionTokens: number; totalTokens: number };

export type ChatRequest = {
  messages: ChatMessage[];
  /** The JSON Schema the answer must follow (sent as structured output, or inside the prompt as a fallback). */
  jsonSchema: { name: string; schema: Record<string, unknown> };
  signal?: AbortSignal;
};

export type ChatResult = {
  /** The answer text (JSON expected); "" when the model refused. */
  content: string;
  /** The model's refusal message, when it declined to answer. */
  refusal: string | null;
  usage: ChatUsage | null;
  latencyMs: number;
  model: string;
  /** How structure was asked for: real structured output, or JSON mode with the schema in the prompt. */
  mode: "json_schema" | "json_object";
};

export type ModerationResult = { flagged: boolean; categories: string[] };

/** A chat-completions model that answers in JSON; an OpenAI-compatible endpoint implements it. */
export type ChatProvider = {
  name: string;
  model: string;
  complete(request: ChatRequest): Promise<ChatResult>;
  /** The provider's moderation endpoint, when it has one and it is enabled. */
  moderate?(text: string, signal?: AbortSignal): Promise<ModerationResult>;
};
