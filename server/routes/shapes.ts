import { z } from "zod";
import { BrandSchema, FORMATS } from "../../script/schema";
import { ErrorCode, ReelgenError } from "../../script/reelgen-error";
import { Scope } from "../auth/principal";
import type { User } from "../db/tables";

/** Response shapes shared by several routes (documented in the OpenAPI document). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      requestId: z.string(),
      problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

export const Role = z.enum(["admin", "premium", "standard"]);

const preference = {
  defaultTemplate: z.string().max(100),
  defaultFormat: z.enum(FORMATS),
  voice: z.string().max(100),
  brand: BrandSchema.describe("A brand kit as a script's `brand` takes it (logo, colours, font)"),
};

export const Preferences = z.object(preference).partial().meta({ id: "Preferences" });

/** A change to the preferences: keys given replace, null removes one, keys left out stay. */
export const PreferencesPatch = z
  .object({
    defaultTemplate: preference.defaultTemplate.nullable(),
    defaultFormat: preference.defaultFormat.nullable(),
    voice: preference.voice.nullable(),
    brand: preference.brand.nullable(),
  })
  .partial()
  .meta({ id: "PreferencesPatch" });

export const UserBody = z
  .object({ id: z.uuid(), email: z.string(), role: Role, preferences: Preferences, createdAt: z.string() })
  .meta({ id: "User" });

export const userView = (user: User): z.infer<typeof UserBody> => ({
  id: user.id,
  email: user.email,
  role: user.role,
  preferences: user.preferences,
  createdAt: user.created_at.toISOString(),
});

export const TokenPairBody = z
  .object({ accessToken: z.string(), refreshToken: z.string(), tokenType: z.literal("Bearer"), expiresIn: z.number() })
  .meta({ id: "TokenPair" });

export const ApiKeyBody = z
  .object({ id: z.uuid(), name: z.string(), start: z.string(), scopes: z.array(Scope), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .meta({ id: "ApiKey" });

export const IdParam = z.object({ id: z.uuid() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id; anything that is not a UUID cannot name a resource, so it is a 404 like any unknown id. */
export const uuidParam = (params: Record<string, string>, name: string, what: string): string => {
  const value = params[name] ?? "";
  if (!UUID.test(value)) throw new ReelgenError({ code: "NOT_FOUND", message: `${what} ${value} not found` });
  return value.toLowerCase();
};
