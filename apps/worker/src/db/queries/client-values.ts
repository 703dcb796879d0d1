/**
 * The office's live clients as plain value arrays, a keyset page at a time (review/cache.ts reads
 * the whole cache this way for a review or a push): not mapped to an object per row by the ORM,
 * which allocated ~5 KB per client (51 MB of garbage for 10,000) in a 128 MB isolate (issue 11/17).
 */
import { storedColumns } from "@pulsebridge/core";
import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { clients } from "../schema/index.js";

/** The columns of each array, in order: ids, version, responsible user, address and links JSON… */
export const clientValueColumns = [
  "id",
  "change_seq",
  "adminpulse_id",
  "unique_identifier",
  "code",
  "responsible_user_id",
  "responsible_user_name",
  "address",
  "links",
] as const;

/** …then each stored field's column, in `storedColumns` order (the SQL name the table declares). */
const storedColumnNames = storedColumns.map(
  (c) => (clients as unknown as Record<string, { name: string }>)[c.key]?.name ?? c.column,
);

/** …then, when asked for, one extra column (`task_templates` or `search_text`, for a scope). */
export type ExtraClientColumn = "task_templates" | "search_text";

export function liveClientValues(
  db: Db,
  officeId: string,
  afterId: string,
  limit: number,
  extra: ExtraClientColumn | null,
): Promise<unknown[][]> {
  const columns = sql.raw(
    [...clientValueColumns, ...storedColumnNames, ...(extra ? [extra] : [])]
      .map((c) => `"${c}"`)
      .join(", "),
  );
  // Keyset pages by id on the primary key (office_id, id); the limit is a literal (db/prepared.ts:
  // a bound LIMIT makes SQLite recompile).
  return db.values<unknown[]>(sql`
    select ${columns} from ${clients}
    where ${clients.officeId} = ${officeId} and ${clients.deletedAt} is null and ${clients.id} > ${afterId}
    order by ${clients.id} limit ${sql.raw(String(Math.max(1, Math.trunc(limit))))}`);
}
