import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { importRows, imports } from "../schema/index.js";

export type ImportRowRecord = typeof importRows.$inferSelect;
export type ImportHeader = typeof imports.$inferSelect;

export async function findImportByKey(db: Db, officeId: string, key: string) {
  return (
    (
      await db
        .select()
        .from(imports)
        .where(and(eq(imports.officeId, officeId), eq(imports.idempotencyKey, key)))
        .limit(1)
    )[0] ?? null
  );
}

export async function getImport(db: Db, officeId: string, id: string) {
  return (
    (
      await db
        .select()
        .from(imports)
        .where(and(eq(imports.officeId, officeId), eq(imports.id, id)))
        .limit(1)
    )[0] ?? null
  );
}

export function listImports(
  db: Db,
  officeId: string,
  limit: number,
  before?: { createdAt: number; id: string },
) {
  return db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.officeId, officeId),
        before
          ? or(
              lt(imports.createdAt, before.createdAt),
              and(eq(imports.createdAt, before.createdAt), lt(imports.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit + 1);
}

export function insertImportStatement(db: Db, row: typeof imports.$inferInsert) {
  return db.insert(imports).values(row);
}

export interface ImportRowWrite {
  idx: number;
  ref: string;
  action: ImportRowRecord["action"];
  clientId: string | null;
  fields: string;
  client: string | null;
  issues: string;
}

/** ~1.5 MB of JSON per statement: under D1's 2 MB value cap, one bound parameter each. */
const maxChunkChars = 1_500_000;

/** Import rows as a few json_each inserts (one bound JSON array each), not one per row. */
export function insertImportRowsStatements(
  db: Db,
  officeId: string,
  importId: string,
  rows: ImportRowWrite[],
) {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const r of rows) {
    const s = JSON.stringify(r);
    if (size + s.length > maxChunkChars && current.length > 0) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 0;
    }
    current.push(s);
    size += s.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  const f = (key: string) => sql.raw(`json_extract(j.value, '$.${key}')`);
  return chunks.map((payload) =>
    db.run(sql`
      insert into import_rows (office_id, import_id, idx, ref, action, client_id, fields, client, issues)
      select ${officeId}, ${importId}, ${f("idx")}, ${f("ref")}, ${f("action")}, ${f("clientId")},
        ${f("fields")}, ${f("client")}, ${f("issues")}
      from json_each(${payload}) as j`),
  );
}

export function listImportRows(
  db: Db,
  officeId: string,
  importId: string,
  afterIdx: number,
  limit: number,
) {
  return db
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.officeId, officeId),
        eq(importRows.importId, importId),
        sql`${importRows.idx} > ${afterIdx}`,
      ),
    )
    .orderBy(importRows.idx)
    .limit(limit + 1);
}
