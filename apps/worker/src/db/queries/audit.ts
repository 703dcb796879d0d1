import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../client.js";
import { auditEvents } from "../schema/index.js";

export interface AuditInput {
  id: string;
  officeId: string;
  at: number;
  actorKeyId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** A statement, so the event commits in the same batch as the change it records. */
export function auditStatement(db: Db, e: AuditInput) {
  return db.insert(auditEvents).values({ ...e, details: JSON.stringify(e.details) });
}

export async function listAudit(
  db: Db,
  officeId: string,
  opts: { limit: number; before?: { at: number; id: string } },
) {
  const b = opts.before;
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.officeId, officeId),
        b
          ? or(lt(auditEvents.at, b.at), and(eq(auditEvents.at, b.at), lt(auditEvents.id, b.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(opts.limit + 1);
}
