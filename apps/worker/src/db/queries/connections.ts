import { and, eq, sql } from "drizzle-orm";
import type { SealedSecret } from "../../crypto/credential-cipher.js";
import { runBatch } from "../batch.js";
import type { Db } from "../client.js";
import { auditEvents, connections } from "../schema/index.js";

export type ConnectionRow = typeof connections.$inferSelect;

export function upsertConnectionStatement(db: Db, row: typeof connections.$inferInsert) {
  const { officeId: _o, createdAt: _c, ...update } = row;
  return db
    .insert(connections)
    .values(row)
    .onConflictDoUpdate({ target: connections.officeId, set: update });
}

export async function getConnection(db: Db, officeId: string): Promise<ConnectionRow | null> {
  return (
    (await db.select().from(connections).where(eq(connections.officeId, officeId)).limit(1))[0] ??
    null
  );
}

export function deleteConnectionStatement(db: Db, officeId: string) {
  return db.delete(connections).where(eq(connections.officeId, officeId));
}

/** `reason`: a stable code, then a short text for people (never a credential). */
export async function markConnectionInvalid(db: Db, officeId: string, now: number, reason: string) {
  await db
    .update(connections)
    .set({ status: "invalid", statusReason: reason, updatedAt: now })
    .where(eq(connections.officeId, officeId));
}

export interface SystemAudit {
  action: string;
  details: Record<string, unknown>;
}

/**
 * An audit event by the worker itself (no key acted), inserted only when the connection now has
 * `iv` and `status`: so it commits with the change it records, and not when another invocation's
 * write won the race.
 */
function auditIfStatement(
  db: Db,
  officeId: string,
  now: number,
  guard: { iv: string; status: "active" | "invalid" },
  e: SystemAudit,
) {
  return db.run(sql`
    insert into ${auditEvents} (id, office_id, at, actor_key_id, actor_name, action, target, details)
    select ${crypto.randomUUID()}, ${officeId}, ${now}, null, 'pulsebridge', ${e.action}, null,
      ${JSON.stringify(e.details)}
    where exists (select 1 from ${connections}
      where office_id = ${officeId} and iv = ${guard.iv} and status = ${guard.status})`);
}

/**
 * Replace the credential with refreshed tokens — only if it is still the one read before the
 * refresh (compare-and-set on its IV, fresh for every write), so two invocations refreshing at once
 * cannot overwrite each other. True when this write won.
 */
export async function storeRefreshedCredential(
  db: Db,
  officeId: string,
  prevIv: string,
  next: SealedSecret & { expiresAt: number | null },
  now: number,
  audit: SystemAudit,
): Promise<boolean> {
  await runBatch(db, [
    db
      .update(connections)
      .set({ ...next, status: "active", statusReason: null, updatedAt: now })
      .where(and(eq(connections.officeId, officeId), eq(connections.iv, prevIv))),
    auditIfStatement(db, officeId, now, { iv: next.iv, status: "active" }, audit),
  ]);
  return (await getConnection(db, officeId))?.iv === next.iv;
}

/**
 * Flag the connection invalid after AdminPulse refused its refresh token, unless another invocation
 * replaced the credential meanwhile (same compare-and-set). True when the flag was set.
 */
export async function markRefreshRefused(
  db: Db,
  officeId: string,
  prevIv: string,
  reason: string,
  now: number,
  audit: SystemAudit,
): Promise<boolean> {
  await runBatch(db, [
    db
      .update(connections)
      .set({ status: "invalid", statusReason: reason, updatedAt: now })
      .where(
        and(
          eq(connections.officeId, officeId),
          eq(connections.iv, prevIv),
          eq(connections.status, "active"),
        ),
      ),
    auditIfStatement(db, officeId, now, { iv: prevIv, status: "invalid" }, audit),
  ]);
  const row = await getConnection(db, officeId);
  return row?.iv === prevIv && row.status === "invalid";
}
