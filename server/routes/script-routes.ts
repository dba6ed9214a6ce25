import { z } from "zod";
import { defineRoute } from "../http/define-route";
import { RenderBody } from "../renders/render-view";
import { GenerateRequest } from "../scripts/script-generation-service";
import { ErrorBody } from "./shapes";

const Usage = z
  .object({
    provider: z.string(),
    model: z.string().nullable(),
    offline: z.boolean().describe("true when the embedded offline writer wrote it (no model configured)"),
    attempts: z.number(),
    promptTokens: z.number(),
    completionTokens: z.number(),
    totalTokens: z.number(),
    latencyMs: z.number(),
    requests: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: "GenerationUsage" });

export const scriptRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/scripts/generate",
    summary: "Write a script (or a series) from a brief with the configured model, or offline; optionally order its render",
    tag: "scripts",
    access: { kind: "any", scope: "scripts:write" },
    body: GenerateRequest,
    responses: {
      200: {
        description: "The scripts, with token usage and latency per request",
        schema: z
          .object({
            scripts: z.array(z.object({ script: z.record(z.string(), z.unknown()), estimatedSeconds: z.number() })),
            usage: z.array(Usage),
            quota: z.object({ used: z.number(), limit: z.number(), resetsAt: z.string().describe("The next UTC midnight, when the count starts again") }),
            renders: z.array(RenderBody),
          })
          .meta({ id: "GeneratedScripts" }),
      },
      400: { description: "Invalid brief", schema: ErrorBody },
      403: { description: "An API key without scripts:write, or with `render` but without renders:write (no generation is counted)", schema: ErrorBody },
      422: { description: "Refused by moderation or by the model", schema: ErrorBody },
      429: { description: "Daily generation quota", schema: ErrorBody },
      502: { description: "The model failed or never produced a valid script", schema: ErrorBody },
    },
    handler: async ({ body, principal, services, res }) => {
      // A client that hangs up stops the model calls.
      const controller = new AbortController();
      res.on("close", () => res.writableFinished || controller.abort());
      return { body: await services.scripts.generate(principal!, body, controller.signal) };
    },
  }),
];
