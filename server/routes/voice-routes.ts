import { z } from "zod";
import { LanguageSchema } from "../../script/schema";
import { defineRoute } from "../http/define-route";
import { ErrorBody } from "./shapes";

/** A BCP-47 tag as scripts take it (`en`, `pt-BR`, `zh-Hant`), no longer than any real one. */
const Language = LanguageSchema.max(35);

const VoiceListBody = z
  .object({
    provider: z.string().describe("The speech engine's name (the offline voices: Festival, flite and espeak-ng; or the configured OpenAI-compatible endpoint)"),
    voices: z.array(z.object({ id: z.string(), name: z.string().nullable(), language: z.string().nullable().describe("Null for multilingual voices") })),
    variants: z
      .array(z.object({ id: z.string(), name: z.string().nullable(), gender: z.enum(["female", "male"]).nullable() }))
      .describe('A voice may take one variant after "+" (espeak-ng: `en-us+f3`); empty when the engine has none'),
    defaults: z
      .object({ language: z.string(), characters: z.array(z.string()).describe("Character i without a voice speaks with characters[i % length]"), narrator: z.string().nullable() })
      .nullable()
      .describe("With `?language=`: the voices a script in that language gets by default"),
  })
  .meta({ id: "VoiceList" });

const VoicePreviewRequest = z
  .object({
    voice: z.string().min(1).max(100).describe("A voice of GET /v1/voices, optionally with a variant (`en-us+f3`)"),
    text: z
      .string()
      .max(500, { error: "must be at most 500 characters" })
      .refine((s) => s.trim().length > 0, { error: "must not be empty" })
      .describe("The line, exactly as in the script (the cache is keyed on it)"),
    emotion: z.string().max(40).optional().describe("The line's emotion: sets rate and pitch as in a render"),
    language: Language.default("en").describe("The script's language"),
  })
  .meta({ id: "VoicePreviewRequest" });

export const voiceRoutes = [
  defineRoute({
    method: "get",
    path: "/v1/voices",
    summary: "The speech engine's voices and variants, for voice pickers; with `?language=` also the default voices for that language",
    tag: "voices",
    access: { kind: "any", scope: "templates:read" },
    query: z.object({ language: Language.optional() }),
    responses: {
      200: { description: "The voices", schema: VoiceListBody },
      400: { description: "Invalid language", schema: ErrorBody },
      502: { description: "The speech engine could not list its voices", schema: ErrorBody },
    },
    handler: async ({ query, services }) => ({ body: await services.voices.list(query.language ?? null) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/voices/preview",
    summary: "Speak one line as a render would (the renderer's speech step and cache) and return it as WAV; new lines count against voicePreviewsPerDay, cached ones are free",
    tag: "voices",
    access: { kind: "any", scope: "renders:write" },
    body: VoicePreviewRequest,
    responses: {
      200: {
        description:
          "The line as WAV. Headers: `X-Speech-Duration` (seconds), `X-Speech-Cache` (`hit`: served from the cache, not counted; `miss`), `X-Speech-Words` (base64url of JSON `[{ text, startSec, endSec }]`, the word timings captions use), `X-Voice-Previews-Used` and `X-Voice-Previews-Limit` (today, UTC)",
        contentType: "audio/wav",
      },
      400: { description: "Invalid body; an unknown voice is named at body.voice", schema: ErrorBody },
      429: { description: "The day's voice previews are used up (QUOTA_EXCEEDED, voicePreviewsPerDay); lines already in the cache are still served", schema: ErrorBody },
      502: { description: "The speech engine failed", schema: ErrorBody },
    },
    handler: async ({ body, principal, services, res }) => {
      // A client that hangs up mid-synthesis stops the engine.
      const gone = new AbortController();
      const onClose = () => {
        if (!res.writableFinished) gone.abort();
      };
      res.once("close", onClose);
      try {
        const preview = await services.voices.preview(principal!.user, body, gone.signal);
        res.set({
          "Content-Type": "audio/wav",
          "Cache-Control": "private, no-cache",
          "X-Content-Type-Options": "nosniff",
          "X-Speech-Duration": String(preview.durationSec),
          "X-Speech-Cache": preview.cached ? "hit" : "miss",
          "X-Speech-Words": Buffer.from(JSON.stringify(preview.words)).toString("base64url"),
          "X-Voice-Previews-Used": String(preview.quota.used),
          "X-Voice-Previews-Limit": String(preview.quota.limit),
        });
        res.status(200).end(preview.wav);
        return undefined;
      } finally {
        res.off("close", onClose);
      }
    },
  }),
];
