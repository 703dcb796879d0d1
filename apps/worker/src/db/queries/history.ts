import type { Client } from "@pulsebridge/core";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { changesOf, type Db } from "../client.js";
import { clientHistory } from "../schema/index.js";

export type HistoryRow = typeof clientHistory.$inferSelect;

/** The base key of a (client, version) pair, as `basesFor` answers it. */
export const baseKey = (clientId: string, changeSeq: number) => `${clientId}:${changeSeq}`;

/**
 * The clients as they were at the given versions (one bound JSON array, so any number of pairs is
 * one statement under D1's parameter cap). Missing pairs (pruned, never served) are absent.
 */
export async function basesFor(
  db: Db,
  officeId: string,
  pairs: { clientId: string; changeSeq: number }[],
): Promise<Map<string, Client>> {
  const out = new Map<string, Client>();
  if (pairs.length === 0) return out;
  const rows = await db.all<{ client_id: string; change_seq: number; content: string }>(sql`
    select h.client_id, h.change_seq, h.content
    from json_each(${JSON.stringify(pairs.map((p) => [p.clientId, p.changeSeq]))}) as j
    join ${clientHistory} as h
      on h.office_id = ${officeId}
      and h.client_id = json_extract(j.value, '$[0]')
      and h.change_seq = json_extract(j.value, '$[1]')`);
  for (const r of rows)
    out.set(baseKey(r.client_id, r.change_seq), JSON.parse(r.content) as Client);
  return out;
}

/** One client's versions, newest first, `limit + 1` of them (the extra one is the next's base). */
export function listHistory(
  db: Db,
  officeId: string,
  clientId: string,
  opts: { before?: number; limit: number },
) {
  return db
    .select()
    .from(clientHistory)
    .where(
      and(
        eq(clientHistory.officeId, officeId),
        eq(clientHistory.clientId, clientId),
        opts.before === undefined ? undefined : lt(clientHistory.changeSeq, opts.before),
      ),
    )
    .orderBy(desc(clientHistory.changeSeq))
    .limit(opts.limit + 1);
}

/**
 * Deletes versions older than `cutoff` (ms), at most `limit` per call so one cron step stays small;
 * a client's current version is always kept (a sheet pulled long ago still has its base as long as
 * the client did not change). Returns how many were deleted.
 */
export async function pruneHistory(db: Db, cutoff: number, limit: number): Promise<number> {
  const res = await db.run(sql`
    delete from ${clientHistory} where rowid in (
      select h.rowid from ${clientHistory} as h
      where h.at < ${cutoff}
        and h.change_seq < coalesce((select c.change_seq from clients as c
          where c.office_id = h.office_id and c.id = h.client_id), h.change_seq + 1)
      limit ${limit})`);
  return changesOf(res);
}
