import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import type { ServiceContext } from "../services/context.js";

/** The service context of an authenticated request: its office, its key as the actor (ADR 0024). */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const { officeId, keyId, name } = c.var.auth;
  return { officeId, actor: { keyId, name }, db: c.var.db, runtime: c.var.services };
}
