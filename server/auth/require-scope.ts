import { ReelgenError } from "../../script/reelgen-error";
import type { Principal, Scope } from "./principal";

/**
 * Refuses (403 FORBIDDEN) an API key that lacks `scope`; a signed-in user holds every scope.
 * Routes declare the scope they need, but a service whose work needs a scope whatever route led
 * there (creating renders: from `/v1/renders`, a batch, or a generated script) calls this itself.
 */
export const requireScope = (principal: Principal, scope: Scope): void => {
  if (principal.kind === "api-key" && !principal.scopes.includes(scope)) {
    throw new ReelgenError({ code: "FORBIDDEN", message: `this API key lacks the scope ${scope}` });
  }
};
