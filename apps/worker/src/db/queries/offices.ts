import { eq } from "drizzle-orm";
import { runBatch } from "../batch.js";
import type { Db } from "../client.js";
import { bound, literalLimit, prepared, textParam } from "../prepared.js";
import { offices, syncState } from "../schema/index.js";

/**
 * The rows that make an office, for the caller's batch; an office that exists already is left as it
 * is (re-running create-office changes nothing). The one place an office is made: the Bun entry
 * and scripts/create-office.mjs (through services/office.ts) and the tests.
 */
export function newOfficeStatements(db: Db, office: { id: string; name: string; now: number }) {
  return [
    db
      .insert(offices)
      .values({ id: office.id, name: office.name, changeSeq: 0, createdAt: office.now })
      .onConflictDoNothing(),
    db.insert(syncState).values({ officeId: office.id }).onConflictDoNothing(),
  ];
}

export async function createOffice(db: Db, office: { id: string; name: string; now: number }) {
  // runBatch, not db.batch: the one atomic batch both runtimes have (bun-sqlite has no batch).
  await runBatch(db, newOfficeStatements(db, office));
}

export async function getOffice(db: Db, officeId: string) {
  return (await db.select().from(offices).where(eq(offices.id, officeId)).limit(1))[0] ?? null;
}

/**
 * What a list read needs besides its rows: when the office's last sync completed (for the cache
 * age). A prepared read (db/prepared.ts), to go in the same `$reads` as the rows.
 */
export function officeReadState(db: Db, officeId: string) {
  const query = prepared(db, "offices.readState", () =>
    db
      .select({ lastSyncedAt: syncState.lastCompletedAt })
      .from(offices)
      .leftJoin(syncState, eq(syncState.officeId, offices.id))
      .where(eq(offices.id, textParam("officeId")))
      .limit(literalLimit(1))
      .prepare(),
  );
  return bound(query, { officeId });
}

export async function listOfficeIds(db: Db): Promise<string[]> {
  return (await db.select({ id: offices.id }).from(offices)).map((r) => r.id);
}

/** Offices that never started a new feed epoch are in epoch "0". */
export const initialFeedEpoch = "0";

/** The end of the office's change feed and its epoch (ADR 0020), for the same `$reads` as a page. */
export function officeFeedState(db: Db, officeId: string) {
  const query = prepared(db, "offices.feedState", () =>
    db
      .select({ changeSeq: offices.changeSeq, feedEpoch: offices.feedEpoch })
      .from(offices)
      .where(eq(offices.id, textParam("officeId")))
      .limit(literalLimit(1))
      .prepare(),
  );
  return bound(query, { officeId });
}

/** A new epoch for the office's feed: every cursor handed out before is refused with a 410. */
export function startFeedEpochStatement(db: Db, officeId: string, epoch: string) {
  return db.update(offices).set({ feedEpoch: epoch }).where(eq(offices.id, officeId));
}
