import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { RequireSession } from "../auth/require-session";
import { Spinner } from "../ui/spinner";
import { AppLayout } from "./app-layout";
import { RouteError } from "./route-error";

/** A route's page, loaded on first visit (each page is its own chunk, so heavy pages do not slow the others). */
const page =
  <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType): RouteObject["lazy"] =>
  async () => ({ Component: pick(await load()) });

/**
 * Every page of the app. To add one: create `web/src/pages/<name>.tsx` exporting `<Name>Page`,
 * add a route below (inside the signed-in layout unless it is public), and a `NAV_ITEMS` entry
 * (`nav-items.ts`) if it belongs in the main navigation.
 */
export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <Spinner label="Loading…" className="p-6" />,
    children: [
      { path: "/sign-in", lazy: page(() => import("../pages/sign-in"), (m) => m.SignInPage) },
      { path: "/sign-up", lazy: page(() => import("../pages/sign-up"), (m) => m.SignUpPage) },
      { path: "/reset-password", lazy: page(() => import("../pages/reset-password"), (m) => m.ResetPasswordPage) },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, lazy: page(() => import("../pages/home"), (m) => m.HomePage) },
              { path: "templates", lazy: page(() => import("../pages/templates"), (m) => m.TemplatesPage) },
              { path: "projects", lazy: page(() => import("../pages/projects"), (m) => m.ProjectsPage) },
              { path: "projects/:id", lazy: page(() => import("../pages/project-editor"), (m) => m.ProjectEditorPage) },
              { path: "renders", lazy: page(() => import("../pages/renders"), (m) => m.RendersPage) },
              { path: "renders/new", lazy: page(() => import("../pages/render-new"), (m) => m.RenderNewPage) },
              { path: "renders/:id", lazy: page(() => import("../pages/render-detail"), (m) => m.RenderDetailPage) },
              { path: "shares", lazy: page(() => import("../pages/shares"), (m) => m.SharesPage) },
              { path: "media", lazy: page(() => import("../pages/media"), (m) => m.MediaPage) },
              { path: "developers", lazy: page(() => import("../pages/developers"), (m) => m.DevelopersPage) },
              { path: "usage", lazy: page(() => import("../pages/usage"), (m) => m.UsagePage) },
              { path: "settings", lazy: page(() => import("../pages/settings"), (m) => m.SettingsPage) },
              { path: "settings/security", lazy: page(() => import("../pages/security"), (m) => m.SecurityPage) },
              {
                path: "admin",
                element: <RequireSession admin />,
                children: [{ index: true, lazy: page(() => import("../pages/admin"), (m) => m.AdminPage) }],
              },
              { path: "*", lazy: page(() => import("../pages/not-found"), (m) => m.NotFoundPage) },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
