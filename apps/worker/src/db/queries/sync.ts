import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { rateWindows, syncRuns, syncState } from "../schema/index.js";

export type SyncStateRow = typeof syncState.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;

/**
 * Take the office's lease if it is free or expired: a single conditional UPDATE, so two
 * invocations can never both get it.
 */
export async function acquireLease(
  db: Db,
  officeId: string,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<SyncStateRow | null> {
  const rows = await db
    .update(syncState)
    .set({ leaseOwner: owner, leaseUntil: now + leaseMs })
    .where(
      and(
        eq(syncState.officeId, officeId),
        or(isNull(syncState.leaseUntil), lt(syncState.leaseUntil, now)),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

export function releaseLeaseStatement(db: Db, officeId: string, owner: string) {
  return db
    .update(syncState)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(syncState.officeId, officeId), eq(syncState.leaseOwner, owner)));
}

export async function getSyncState(db: Db, officeId: string) {
  return (
    (await db.select().from(syncState).where(eq(syncState.officeId, officeId)).limit(1))[0] ?? null
  );
}

/** Checkpoint writes are guarded by the lease owner: a step whose lease was lost writes nothing. */
export function updateStateStatement(
  db: Db,
  officeId: string,
  owner: string,
  set: Partial<typeof syncState.$inferInsert>,
) {
  return db
    .update(syncState)
    .set(set)
    .where(and(eq(syncState.officeId, officeId), eq(syncState.leaseOwner, owner)));
}

export function insertRunStatement(db: Db, row: typeof syncRuns.$inferInsert) {
  return db.insert(syncRuns).values(row);
}

export function addToRunStatement(
  db: Db,
  runId: string,
  d: { pages?: number; taskPages?: number; added?: number; updated?: number; deleted?: number },
) {
  return db
    .update(syncRuns)
    .set({
      pages: sql`${syncRuns.pages} + ${d.pages ?? 0}`,
      taskPages: sql`${syncRuns.taskPages} + ${d.taskPages ?? 0}`,
      added: sql`${syncRuns.added} + ${d.added ?? 0}`,
      updated: sql`${syncRuns.updated} + ${d.updated ?? 0}`,
      deleted: sql`${syncRuns.deleted} + ${d.deleted ?? 0}`,
    })
    .where(eq(syncRuns.id, runId));
}

export function finishRunStatement(
  db: Db,
  runId: string,
  status: "completed" | "failed",
  now: number,
  lastError?: string,
) {
  return db
    .update(syncRuns)
    .set({ status, finishedAt: now, ...(lastError ? { lastError } : {}) })
    .where(eq(syncRuns.id, runId));
}

export async function recordRunError(db: Db, runId: string, message: string) {
  await db
    .update(syncRuns)
    .set({ errorCount: sql`${syncRuns.errorCount} + 1`, lastError: message })
    .where(eq(syncRuns.id, runId));
}

export function listRuns(db: Db, officeId: string, limit: number) {
  return db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.officeId, officeId))
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(limit);
}

/**
 * Take one call from the token's fixed 60 s window. One statement, so concurrent invocations and
 * offices sharing a token share the budget exactly. `used` keeps counting refused attempts, which
 * is harmless: granted means "the count including mine is within the limit".
 */
export async function takeRateSlot(
  db: Db,
  fingerprint: string,
  now: number,
  windowMs: number,
  limit: number,
): Promise<{ granted: boolean; windowEnd: number }> {
  const rows = await db.all<{ window_start: number; used: number }>(sql`
    insert into ${rateWindows} (token_fingerprint, window_start, used) values (${fingerprint}, ${now}, 1)
    on conflict (token_fingerprint) do update set
      window_start = case when window_start <= ${now - windowMs} then ${now} else window_start end,
      used = case when window_start <= ${now - windowMs} then 1 else used + 1 end
    returning window_start, used`);
  const r = rows[0]!;
  return { granted: r.used <= limit, windowEnd: r.window_start + windowMs };
}

export async function updateLightCheck(db: Db, officeId: string, now: number) {
  await db.update(syncState).set({ lastLightAt: now }).where(eq(syncState.officeId, officeId));
}
