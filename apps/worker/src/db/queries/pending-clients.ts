import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { syncPendingClients } from "../schema/index.js";

/** One stored part of a page's deferred clients (ADR 0025): records and their names, as JSON text. */
export interface PendingPart {
  page: number;
  part: number;
  records: string;
  names: string;
}

/** The page's deferred clients, in its batch; `or replace`: a page written again replaces them. */
export function stagePendingStatement(db: Db, officeId: string, runId: string, p: PendingPart) {
  return db
    .insert(syncPendingClients)
    .values({ officeId, runId, ...p })
    .onConflictDoUpdate({
      target: [
        syncPendingClients.officeId,
        syncPendingClients.runId,
        syncPendingClients.page,
        syncPendingClients.part,
      ],
      set: { records: p.records, names: p.names },
    });
}

/** Every deferred client's `[uniqueIdentifier, adminpulseId, name]` of the run (no records). */
export async function pendingNames(db: Db, officeId: string, runId: string) {
  const rows = await db
    .select({ names: syncPendingClients.names })
    .from(syncPendingClients)
    .where(and(eq(syncPendingClients.officeId, officeId), eq(syncPendingClients.runId, runId)));
  return rows.flatMap((r) => JSON.parse(r.names) as [string | null, string, string][]);
}

/** The run's first part still to write (pages in order), or null when none is left. */
export async function firstPendingPart(
  db: Db,
  officeId: string,
  runId: string,
): Promise<PendingPart | null> {
  const rows = await db
    .select({
      page: syncPendingClients.page,
      part: syncPendingClients.part,
      records: syncPendingClients.records,
      names: syncPendingClients.names,
    })
    .from(syncPendingClients)
    .where(and(eq(syncPendingClients.officeId, officeId), eq(syncPendingClients.runId, runId)))
    .orderBy(asc(syncPendingClients.page), asc(syncPendingClients.part))
    .limit(1);
  return rows[0] ?? null;
}

export function deletePendingPartStatement(
  db: Db,
  officeId: string,
  runId: string,
  p: Pick<PendingPart, "page" | "part">,
) {
  return db.run(sql`
    delete from ${syncPendingClients}
    where office_id = ${officeId} and run_id = ${runId} and page = ${p.page} and part = ${p.part}`);
}

/** Every deferred client of the office (a finished, failed or abandoned run's leftovers). */
export function clearPendingStatement(db: Db, officeId: string) {
  return db.delete(syncPendingClients).where(eq(syncPendingClients.officeId, officeId));
}
