import type { Route } from "../http/define-route";
import { adminRoutes } from "./admin-routes";
import { analyticsRoutes } from "./analytics-routes";
import { apiKeyRoutes } from "./api-key-routes";
import { authRoutes } from "./auth-routes";
import { mediaRoutes } from "./media-routes";
import { meRoutes } from "./me-routes";
import { projectRoutes } from "./project-routes";
import { renderRoutes } from "./render-routes";
import { scriptRoutes } from "./script-routes";
import { shareRoutes } from "./share-routes";
import { templateRoutes } from "./template-routes";
import { voiceRoutes } from "./voice-routes";
import { webhookRoutes } from "./webhook-routes";

/** Every API route; the app and the OpenAPI document are both built from this list. */
export const ALL_ROUTES: Route[] = [...authRoutes, ...meRoutes, ...apiKeyRoutes, ...templateRoutes, ...projectRoutes, ...mediaRoutes, ...renderRoutes, ...webhookRoutes, ...analyticsRoutes, ...scriptRoutes, ...shareRoutes, ...adminRoutes, ...voiceRoutes];
