import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { refreshRegisterStatuses } from "./check-clients.js";

/**
 * Before `GET /v1/clients?register=differs` filters on stored statuses, checks the clients whose
 * status is missing or stale (changed since, or a newer register). Usually none or a few; the
 * first request after a register load re-checks the office (capped, see refreshRegisterStatuses).
 */
export async function currentRegisterStatuses(c: Context<AppEnv>) {
  const { db, now } = c.var.services;
  const r = await refreshRegisterStatuses(db, c.var.auth.officeId, now());
  if (!r.complete) c.header("X-Register-Check", "partial");
  return { version: r.version };
}
