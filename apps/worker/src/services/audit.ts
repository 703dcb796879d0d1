/** The office's audit log (ADR 0024: every change writes its event with `auditEntry`). */
import { listAudit } from "../db/queries/audit.js";
import { newestFirstPage } from "../lib/cursor.js";
import type { ServiceContext } from "./context.js";

/** A page of the office's events, newest first; `nextCursor` continues with older ones. */
export function listAuditEvents(
  ctx: ServiceContext,
  page: { cursor?: string | undefined; limit: number },
) {
  return newestFirstPage(
    page,
    (limit, before) => listAudit(ctx.db, ctx.officeId, { limit, ...(before ? { before } : {}) }),
    (e) => e.at,
  );
}
