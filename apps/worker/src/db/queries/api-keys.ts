import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { apiKeys, auditEvents } from "../schema/index.js";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export function insertKeyStatement(db: Db, row: typeof apiKeys.$inferInsert) {
  return db.insert(apiKeys).values(row);
}

export async function findKeyByPrefix(db: Db, prefix: string): Promise<ApiKeyRow | null> {
  return (await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1))[0] ?? null;
}

export function listKeys(db: Db, officeId: string) {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.officeId, officeId))
    .orderBy(desc(apiKeys.createdAt), apiKeys.id);
}

export function getKey(db: Db, officeId: string, id: string) {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.officeId, officeId), eq(apiKeys.id, id)))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function revokeKeyStatement(db: Db, officeId: string, id: string, now: number) {
  return db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.officeId, officeId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}

/** At most one write a minute per key: last-used is for humans, not an access log. */
export async function touchKey(db: Db, id: string, now: number) {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - 60_000))),
    );
}

/**
 * Audit a refused key whose prefix is real (wrong secret, or revoked): at most one event per key
 * per minute, so a flood of bad guesses cannot flood the audit log. Never the secret sent.
 */
export async function auditFailedLogin(
  db: Db,
  key: { id: string; officeId: string; prefix: string; revoked: boolean },
  now: number,
) {
  const action = "key.auth_failed";
  await db.run(sql`
    insert into ${auditEvents} (id, office_id, at, actor_key_id, actor_name, action, target, details)
    select ${crypto.randomUUID()}, ${key.officeId}, ${now}, null, 'pulsebridge', ${action}, ${key.id},
      ${JSON.stringify({ prefix: key.prefix, reason: key.revoked ? "revoked" : "wrong_secret" })}
    where not exists (select 1 from ${auditEvents}
      where office_id = ${key.officeId} and at > ${now - 60_000} and action = ${action}
        and target = ${key.id})`);
}
