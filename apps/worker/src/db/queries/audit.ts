import { and, desc, eq, lt, or, sql } from "drizzle-orm";
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

/**
 * A worker's own audit event (no key acted), written once per `action` and stored credential
 * (`credential`: its IV, fresh on every PUT /v1/connection, never secret): one conditional insert,
 * so two callers at once still write one.
 */
export async function auditOncePerCredential(
  db: Db,
  officeId: string,
  now: number,
  action: string,
  credential: string,
  details: Record<string, unknown>,
) {
  const body = JSON.stringify({ credential, ...details });
  await db.run(sql`
    insert into ${auditEvents} (id, office_id, at, actor_key_id, actor_name, action, target, details)
    select ${crypto.randomUUID()}, ${officeId}, ${now}, null, 'pulsebridge', ${action}, null, ${body}
    where not exists (select 1 from ${auditEvents}
      where office_id = ${officeId} and action = ${action}
        and json_extract(details, '$.credential') = ${credential})`);
}
