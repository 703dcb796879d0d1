import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { auditEvents } from "../schema/index.js";

export type AuditRow = typeof auditEvents.$inferSelect;

export interface AuditInput {
  id: string;
  officeId: string;
  at: number;
  actorKeyId: string | null;
  actorName: string | null;
  /** The person behind the key, when the request named one (imports, withdrawals). */
  actorPerson?: string | null;
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

/** Who ran a sync step: an API key, or the cron (key null, name "cron"). */
export interface SyncActor {
  keyId: string | null;
  name: string;
}

/**
 * A sync run's start, end or failure (issue 11: runs were not audited), in the batch that records
 * it. The run's counters are read from its row in the same statement, so the event states what the
 * run really did up to that batch (whatever earlier steps, by whichever actor, added).
 */
export function syncRunAuditStatement(
  db: Db,
  e: {
    officeId: string;
    runId: string;
    at: number;
    actor: SyncActor;
    action: "sync.started" | "sync.finished" | "sync.failed";
    details: Record<string, string>;
  },
) {
  return db.run(sql`
    insert into audit_events (id, office_id, at, actor_key_id, actor_name, action, target, details)
    select ${crypto.randomUUID()}, ${e.officeId}, ${e.at}, ${e.actor.keyId},
      ${e.actor.name}, ${e.action}, ${e.runId},
      json_patch(${JSON.stringify(e.details)}, json_object('trigger', trigger, 'pages', pages,
        'added', added, 'updated', updated, 'deleted', deleted))
    from sync_runs where id = ${e.runId} and office_id = ${e.officeId}`);
}
