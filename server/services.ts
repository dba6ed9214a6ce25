import { createAnalyticsService } from "./analytics/analytics-service";
import { createApiKeyService } from "./api-keys/api-key-service";
import { createAuthService } from "./auth/auth-service";
import { createLoginThrottle } from "./auth/login-throttle";
import { createMediaService } from "./media/media-service";
import type { ServerContext } from "./context";
import { createProjectService } from "./projects/project-service";
import { createEventStreamSlots } from "./quotas/event-stream-slots";
import { createRenderQueue } from "./renders/render-queue";
import { createRenderService } from "./renders/render-service";
import { createBatchService } from "./renders/batch-service";
import { createWebhookService } from "./webhooks/webhook-service";
import { createScriptGenerationService } from "./scripts/script-generation-service";
import { createVoiceService } from "./voices/voice-service";
import { createShareQueue } from "./shares/share-queue";
import { createShareService } from "./shares/share-service";

/** Every service, built once per process from the context. */
export const createServices = (ctx: ServerContext) => {
  const renderQueue = createRenderQueue(ctx);
  const renders = createRenderService(ctx, renderQueue);
  const shareQueue = createShareQueue(ctx);
  return {
    auth: createAuthService(ctx, createLoginThrottle(ctx.redis, ctx.config.REDIS_PREFIX)),
    apiKeys: createApiKeyService(ctx.db, ctx.config),
    media: createMediaService(ctx),
    projects: createProjectService(ctx),
    renderQueue,
    analytics: createAnalyticsService(ctx, renderQueue),
    renders,
    batches: createBatchService(ctx, renders),
    webhooks: createWebhookService(ctx),
    eventStreams: createEventStreamSlots({ redis: ctx.redis, config: ctx.config }),
    scripts: createScriptGenerationService(ctx, renders),
    voices: createVoiceService(ctx),
    shareQueue,
    shares: createShareService(ctx, shareQueue),
  };
};

export type Services = ReturnType<typeof createServices>;
