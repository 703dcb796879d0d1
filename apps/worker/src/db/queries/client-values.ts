/**
 * The office's live clients as plain value arrays, a keyset page at a time (review/cache.ts reads
 * the whole cache this way for a review or a push): not mapped to an object per row by the ORM,
 * which allocated ~5 KB per client (51 MB of garbage for 10,000) in a 128 MB isolate (issue 11/17).
 */
import { type Candidates, storedColumns } from "@pulsebridge/core";
import { type SQL, sql } from "drizzle-orm";
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

/** What a review's `onlyInTarget` lists of a client, in its order (the review's pages of them). */
export const summaryColumns = [
  "id",
  "kind",
  "name",
  "enterprise_number",
  "national_number",
  "code",
  "adminpulse_id",
] as const;

/** `columns`: a client's (the default) or its summary's, then the extra column if any. */
export function liveClientValues(
  db: Db,
  officeId: string,
  afterId: string,
  limit: number,
  extra: ExtraClientColumn | null,
  only?: SQL,
  of: "client" | "summary" = "client",
): Promise<unknown[][]> {
  const names = of === "client" ? [...clientValueColumns, ...storedColumnNames] : summaryColumns;
  const columns = sql.raw([...names, ...(extra ? [extra] : [])].map((c) => `"${c}"`).join(", "));
  // Keyset pages by id on the primary key (office_id, id); the limit is a literal (db/prepared.ts:
  // a bound LIMIT makes SQLite recompile).
  return db.values<unknown[]>(sql`
    select ${columns} from ${clients}
    where ${clients.officeId} = ${officeId} and ${clients.deletedAt} is null and ${clients.id} > ${afterId}
      ${only ? sql`and (${only})` : sql``}
    order by ${clients.id} limit ${sql.raw(String(Math.max(1, Math.trunc(limit))))}`);
}

/**
 * The cached clients reconcile's `candidatesOf` names, as a condition for `liveClientValues`
 * (built once: its lists are bound as JSON, one array each, json_each: D1 binds at most 100
 * parameters). The postcode is the one in the address JSON, as
 * reconcile compares it; a client lacks its own identifier as core's `primaryIdOf` says.
 */
export function candidateFilter(c: Candidates): SQL {
  const inList = (column: SQL, values: string[]) =>
    values.length > 0
      ? sql`${column} in (select value from json_each(${JSON.stringify(values)}))`
      : sql`0`;
  const postcode = sql`json_extract(${clients.address}, '$.postalCode')`;
  const primaryId = sql`(case when ${clients.kind} = 'person' then ${clients.nationalNumber} else ${clients.enterpriseNumber} end)`;
  return sql.join(
    [
      inList(sql`${clients.id}`, c.ids),
      inList(sql`${clients.adminpulseId}`, c.adminpulseIds),
      inList(sql`${clients.enterpriseNumber}`, c.enterpriseNumbers),
      inList(sql`${clients.nationalNumber}`, c.nationalNumbers),
      inList(postcode, c.anyPostcodes),
      sql`(${inList(postcode, c.idlessPostcodes)} and ${primaryId} is null)`,
    ],
    sql` or `,
  );
}
