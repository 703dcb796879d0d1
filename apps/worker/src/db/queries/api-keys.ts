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

/**
 * Revoke, unless it is the office's last live admin key (issue 11: an admin could lock everyone
 * out). Checked inside the statement, so two admins revoking each other at once leave one.
 */
export function revokeKeyStatement(db: Db, officeId: string, id: string, now: number) {
  return db.run(sql`
    update ${apiKeys} set revoked_at = ${now}
    where office_id = ${officeId} and id = ${id} and revoked_at is null
      and (role != 'admin' or exists (select 1 from ${apiKeys} other
        where other.office_id = ${officeId} and other.role = 'admin'
          and other.revoked_at is null and other.id != ${id}))`);
}

/** The key's audit event, only if this revoke happened (`revoked_at` is this request's `now`). */
export function auditRevokeStatement(
  db: Db,
  e: {
    id: string;
    officeId: string;
    keyId: string;
    now: number;
    actorKeyId: string | null;
    actorName: string;
    details: Record<string, unknown>;
  },
) {
  return db.run(sql`
    insert into ${auditEvents} (id, office_id, at, actor_key_id, actor_name, action, target, details)
    select ${e.id}, ${e.officeId}, ${e.now}, ${e.actorKeyId}, ${e.actorName}, 'key.revoked', ${e.keyId},
      ${JSON.stringify(e.details)}
    where exists (select 1 from ${apiKeys}
      where office_id = ${e.officeId} and id = ${e.keyId} and revoked_at = ${e.now})`);
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
