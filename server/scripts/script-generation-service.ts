import { z } from "zod";
import { BriefSchema } from "../../script/generate/brief";
import { generateScript, type GeneratedScript } from "../../script/generate/generate-script";
import type { ChatProvider } from "../../script/generate/chat-provider";
import { moderationFromEnv } from "../../script/generate/moderate-text";
import { chatProviderFromEnv } from "../../script/generate/openai-chat-provider";
import type { Script } from "../../script/schema";
import { requireTemplatePack } from "../../templates/registry";
import { scriptInputError } from "../http/script-input-error";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { Principal } from "../auth/principal";
import { createGenerationQuota } from "../quotas/generation-quota";
import { OutputList } from "../renders/render-request";
import type { RenderService } from "../renders/render-service";
import { renderView, type RenderBody } from "../renders/render-view";

export const GenerateRequest = BriefSchema.extend({
  template: z.string().min(1).max(100).default("minidrama"),
  render: z.object({ outputs: OutputList }).optional().describe("Also order a render of each generated script (an API key needs renders:write too)"),
}).meta({ id: "GenerateScriptRequest" });
export type GenerateRequest = z.infer<typeof GenerateRequest>;

/**
 * `POST /v1/scripts/generate`: the same generator as `reelgen script`, counted against the
 * tier's daily generations, optionally chained into render jobs.
 */
export const createScriptGenerationService = (ctx: ServerContext, renders: RenderService) => {
  const llmEnv = ctx.config as unknown as Record<string, string | undefined>;
  const provider: ChatProvider | null = chatProviderFromEnv(llmEnv);
  const moderation = moderationFromEnv(llmEnv);
  const generations = createGenerationQuota(ctx);

  return {
    async generate(principal: Principal, request: GenerateRequest, signal: AbortSignal): Promise<{ scripts: { script: Script; estimatedSeconds: number }[]; usage: GeneratedScript["usage"][]; quota: { used: number; limit: number; resetsAt: string }; renders: RenderBody[] }> {
      const { user } = principal;
      // Ordering renders needs what any render order needs, known before a generation is spent.
      if (request.render) renders.requireCreate(principal);
      let pack;
      try {
        pack = requireTemplatePack(request.template);
      } catch (error) {
        throw scriptInputError(error) ?? error;
      }
      const quota = await generations.count(user);
      let generated: GeneratedScript[];
      try {
        const { render: _render, ...brief } = request;
        generated = await generateScript({ brief, writer: pack.writer, provider, schema: pack.schema as never, moderation, signal });
      } catch (error) {
        // Nothing was produced: the attempt does not count against the day's generations.
        await quota.refund();
        throw briefProblemsUnderBody(error);
      }
      const orders: RenderBody[] = [];
      if (request.render) {
        const { outputs } = request.render;
        // Every episode is checked before the first is queued: one that cannot render leaves no half-ordered series.
        const checked = [];
        for (const [i, g] of generated.entries()) checked.push(await renders.check(principal, { template: request.template, script: g.script, outputs }, `scripts[${i}]`));
        for (const c of checked) orders.push(renderView(await renders.create(user, c, {})));
      }
      return { scripts: generated.map((g) => ({ script: g.script, estimatedSeconds: g.estimatedSeconds })), usage: generated.map((g) => g.usage), quota: { used: quota.used, limit: quota.limit, resetsAt: quota.resetsAt }, renders: orders };
    },
  };
};

/** Generation errors keep their own codes; only a brief's problems move under `body`. */
const briefProblemsUnderBody = (error: unknown): unknown =>
  error instanceof ReelgenError && error.code === "INVALID_BRIEF"
    ? new ReelgenError({ code: "INVALID_BRIEF", message: error.message, problems: error.problems.map((p) => ({ path: `body.${p.path}`, message: p.message })) })
    : error;

export type ScriptGenerationService = ReturnType<typeof createScriptGenerationService>;
