import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { rateSlots, rateWindows, syncRuns, syncState } from "../schema/index.js";

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

/**
 * First statement of every sync batch: it fails the whole batch (SQLite raises "malformed JSON" when
 * the guarded select yields a row) unless `owner` still holds an unexpired lease on `runId`. A step
 * that outlived its lease — its invocation stalled while another took over — thus writes nothing.
 * SQL has no RAISE outside triggers; a runtime error in a result column is the portable way to
 * abort a D1 batch (and a bun:sqlite transaction) from inside it.
 */
export function leaseGuardStatement(
  db: Db,
  officeId: string,
  owner: string,
  runId: string | null,
  now: number,
) {
  return db.run(sql`
    select json('lease_lost') where not exists (
      select 1 from ${syncState} where office_id = ${officeId} and lease_owner = ${owner}
        and lease_until >= ${now} and run_id is ${runId})`);
}

export function insertRunStatement(db: Db, row: typeof syncRuns.$inferInsert) {
  return db.insert(syncRuns).values(row);
}

export function addToRunStatement(
  db: Db,
  runId: string,
  d: {
    pages?: number;
    taskPages?: number;
    added?: number;
    updated?: number;
    deleted?: number;
    /** Mapping problems to add to the run's counts, by code. */
    problems?: Record<string, number>;
  },
) {
  const problems = d.problems && Object.keys(d.problems).length > 0 ? d.problems : null;
  return db
    .update(syncRuns)
    .set({
      pages: sql`${syncRuns.pages} + ${d.pages ?? 0}`,
      taskPages: sql`${syncRuns.taskPages} + ${d.taskPages ?? 0}`,
      added: sql`${syncRuns.added} + ${d.added ?? 0}`,
      updated: sql`${syncRuns.updated} + ${d.updated ?? 0}`,
      deleted: sql`${syncRuns.deleted} + ${d.deleted ?? 0}`,
      ...(problems
        ? {
            problemCounts: sql`(select json_group_object(key, n) from (
              select key, sum(value) as n from (
                select key, value from json_each(${syncRuns.problemCounts})
                union all select key, value from json_each(${JSON.stringify(problems)}))
              group by key order by key))`,
          }
        : {}),
    })
    .where(eq(syncRuns.id, runId));
}

/** Adds D1 write time (ms) to the run: its batches' time, measured by the lease writer. */
export function addWriteTimeStatement(db: Db, runId: string, ms: number) {
  return db
    .update(syncRuns)
    .set({ writeMs: sql`${syncRuns.writeMs} + ${ms}` })
    .where(eq(syncRuns.id, runId));
}

/** Errors a run keeps in `errors` (the most recent); `errorCount` counts every one. */
export const runErrorsKept = 20;

/** Where in the run an error happened: the phase and, for pages, the 0-based page. */
export interface RunErrorPlace {
  phase: "paging" | "tasks" | "finalizing" | null;
  page: number | null;
}

/**
 * One error note on the run: counted, kept as `lastError`, and appended to the bounded `errors`
 * list with its stable code (the message's text before the first colon), time and place.
 */
function runErrorSet(message: string, at: number, where: RunErrorPlace) {
  const code = /^[a-z][a-z0-9_.]*(?=:)/.exec(message)?.[0] ?? "error";
  const entry = JSON.stringify({ code, message, at, phase: where.phase, page: where.page });
  return {
    errorCount: sql`${syncRuns.errorCount} + 1`,
    lastError: message,
    // Newest `runErrorsKept` of the list plus this one, oldest first.
    errors: sql`(select json_group_array(json(value)) from (
      select key, value from (
        select key, value from json_each(json_insert(${syncRuns.errors}, '$[#]', json(${entry})))
        order by key desc limit ${runErrorsKept})
      order by key))`,
  };
}

export function finishRunStatement(
  db: Db,
  runId: string,
  status: "completed" | "failed" | "deletions_held",
  now: number,
  /** Why the run ended (failed runs): recorded like any error of the run. */
  end?: { message: string; where: RunErrorPlace },
  deletionsHeld?: number,
) {
  return db
    .update(syncRuns)
    .set({
      status,
      finishedAt: now,
      ...(end ? runErrorSet(end.message, now, end.where) : {}),
      ...(deletionsHeld !== undefined ? { deletionsHeld } : {}),
    })
    .where(eq(syncRuns.id, runId));
}

export function recordRunErrorStatement(
  db: Db,
  runId: string,
  message: string,
  at: number,
  where: RunErrorPlace,
) {
  return db
    .update(syncRuns)
    .set(runErrorSet(message, at, where))
    .where(eq(syncRuns.id, runId));
}

export async function recordRunError(
  db: Db,
  runId: string,
  message: string,
  at: number,
  where: RunErrorPlace,
) {
  await recordRunErrorStatement(db, runId, message, at, where);
}

/** The per-key deletion check committed its answers up to client `after` (its cursor). */
export function deletionCheckCursorStatement(db: Db, runId: string, after: string) {
  return db.update(syncRuns).set({ deletionCheckAfter: after }).where(eq(syncRuns.id, runId));
}

/** Every client the run did not see has been asked for by key. */
export function deletionsCheckedStatement(db: Db, runId: string, now: number) {
  return db.update(syncRuns).set({ deletionsCheckedAt: now }).where(eq(syncRuns.id, runId));
}

export async function getRun(db: Db, officeId: string, runId: string) {
  return (
    (
      await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.officeId, officeId), eq(syncRuns.id, runId)))
        .limit(1)
    )[0] ?? null
  );
}

/** The office's latest full run (to tell whether a held run is still the newest evidence). */
export async function latestFullRun(db: Db, officeId: string) {
  return (
    (
      await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.officeId, officeId), eq(syncRuns.kind, "full")))
        .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
        .limit(1)
    )[0] ?? null
  );
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
 * Take one call from a key's fixed 60 s window (the per-key cap on upstream refreshes). One
 * statement, so concurrent invocations share it exactly. `used` keeps counting refused attempts,
 * which is harmless: granted means "the count including mine is within the limit".
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

/**
 * Reserve the token's next call start: the later of now and the stored next slot, and move the
 * stored slot one `spacingMs` past it. One statement, so concurrent invocations and offices sharing
 * a token get distinct slots, spaced from their starts (ADR 0026). Returns the reserved start.
 */
export async function reserveCallSlot(
  db: Db,
  fingerprint: string,
  now: number,
  spacingMs: number,
): Promise<number> {
  const rows = await db.all<{ next_at: number }>(sql`
    insert into ${rateSlots} (token_fingerprint, next_at) values (${fingerprint}, ${now + spacingMs})
    on conflict (token_fingerprint) do update set next_at = max(next_at, ${now}) + ${spacingMs}
    returning next_at`);
  return rows[0]!.next_at - spacingMs;
}

/** The office's users' names as just read (null: the read failed, the kept list stays). */
export async function storeKnownUsers(
  db: Db,
  officeId: string,
  names: Record<string, string> | null,
  now: number,
) {
  await db
    .update(syncState)
    .set({ ...(names ? { knownUsers: JSON.stringify(names) } : {}), usersReadAt: now })
    .where(eq(syncState.officeId, officeId));
}

export async function updateLightCheck(db: Db, officeId: string, now: number) {
  await db.update(syncState).set({ lastLightAt: now }).where(eq(syncState.officeId, officeId));
}
