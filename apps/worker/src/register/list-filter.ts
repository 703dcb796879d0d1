import type { Db } from "../db/client.js";
import { refreshRegisterStatuses } from "./check-clients.js";

/**
 * Before `GET /v1/clients?register=differs` filters on stored statuses, checks the clients whose
 * status is missing or stale (changed since, or a newer register). Usually none or a few; the
 * first request after a register load re-checks the office (capped, see refreshRegisterStatuses:
 * `complete` is false when the cap left some for the next request).
 */
export async function currentRegisterStatuses(db: Db, officeId: string, now: number) {
  const r = await refreshRegisterStatuses(db, officeId, now);
  return { version: r.version, complete: r.complete };
}
