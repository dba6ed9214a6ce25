import { z } from "zod";
import type { User } from "../db/tables";

/** What an API key may be allowed to do. A signed-in user (access token) may do all of it. */
export const Scope = z.enum([
  "templates:read",
  "projects:read",
  "projects:write",
  "media:read",
  "media:write",
  "renders:read",
  "renders:write",
  "webhooks:read",
  "webhooks:write",
  "usage:read",
  "scripts:write",
  "shares:read",
  "shares:write",
]);
export type Scope = z.infer<typeof Scope>;

/** Who is calling: a user signed in with an access token, or a program holding an API key. */
export type Principal =
  | { kind: "session"; user: User; sessionId: string }
  | { kind: "api-key"; user: User; keyId: string; scopes: Scope[] };
