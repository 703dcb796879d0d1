import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { jsonUtf8Bytes } from "../../lib/json-bytes.js";
import type { Db } from "../client.js";
import { importRows, imports } from "../schema/index.js";
import { emitStatement } from "./webhooks.js";

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
  status?: ImportHeader["status"] | "withdrawn",
) {
  return db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.officeId, officeId),
        status === "withdrawn"
          ? sql`${imports.withdrawnAt} is not null`
          : status
            ? and(eq(imports.status, status), sql`${imports.withdrawnAt} is null`)
            : undefined,
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

/**
 * A row as stored. `fields`, `client` and `issues` are values, not JSON text: the chunk's JSON
 * carries them nested and json_extract stores each as its JSON text, so every row is serialised
 * once (issue 11: they were serialised per column, then again in the chunk: +42 MB twice).
 */
export interface ImportRowWrite {
  idx: number;
  ref: string;
  action: ImportRowRecord["action"];
  clientId: string | null;
  fields: readonly string[];
  client: object | null;
  issues: unknown;
  /** Staged rows only: the client's identity key, checked across parts on commit. */
  identityKey?: string | null;
}

/**
 * ~1.5 MB of UTF-8 per statement: under D1's 2 MB cap on one value (a bound parameter), counted in
 * bytes, not UTF-16 units (issue 11: long typographic or 4-byte names made 3.3 MB statements).
 */
export const maxChunkBytes = 1_500_000;

/** UTF-8 length without encoding (the payloads are large): 1–4 bytes per code point. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair: one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}

/** A chunk of stored rows: one bound JSON array for a json_each insert. */
export interface RowChunk {
  payload: string;
  rows: number;
  /** UTF-8 bytes its rows take stored (each row's JSON and a separator). */
  bytes: number;
}

/**
 * What the rows take stored, for the quota: each row's JSON counted without being written (its
 * serialisation for the count alone grew the worst push's isolate heap by ~40 MB, issue 11/17).
 */
export function storedRowBytes(rows: Iterable<ImportRowWrite>): number {
  let bytes = 0;
  for (const r of rows) bytes += jsonUtf8Bytes(r) + 1;
  return bytes;
}

/**
 * Import rows as json_each inserts of at most `maxBytes` each (one bound JSON array each), not one
 * per row. A chunk's rows are measured without being written (jsonUtf8Bytes) and the chunk is
 * serialised in one JSON.stringify when the caller takes it: no string per row, no join of them,
 * no copy to add the brackets (issue 11/17: each was a chunk-sized string in V8's large-object
 * space, freed only by a full collection, three per batch). A push writes its chunks one D1 batch
 * at a time, so the isolate never holds every row's JSON at once.
 */
export function* rowChunks(
  rows: Iterable<ImportRowWrite>,
  maxBytes = maxChunkBytes,
): Generator<RowChunk> {
  let current: ImportRowWrite[] = [];
  let size = 0;
  for (const r of rows) {
    const b = jsonUtf8Bytes(r) + 1;
    if (size + b > maxBytes && current.length > 0) {
      yield { payload: JSON.stringify(current), rows: current.length, bytes: size };
      current = [];
      size = 0;
    }
    current.push(r);
    size += b;
  }
  if (current.length > 0)
    yield { payload: JSON.stringify(current), rows: current.length, bytes: size };
}

export function insertImportRowsStatements(
  db: Db,
  officeId: string,
  importId: string,
  chunks: string[],
) {
  const f = (key: string) => sql.raw(`json_extract(j.value, '$.${key}')`);
  return chunks.map((payload) =>
    db.run(sql`
      insert into import_rows (office_id, import_id, idx, ref, action, client_id, fields, client, issues)
      select ${officeId}, ${importId}, ${f("idx")}, ${f("ref")}, ${f("action")}, ${f("clientId")},
        ${f("fields")}, ${f("client")}, ${f("issues")}
      from json_each(${payload}) as j`),
  );
}

/** Bytes the office's stored imports hold, for its quota. */
export async function importStorageBytes(db: Db, officeId: string): Promise<number> {
  const rows = await db
    .select({ total: sql<number>`coalesce(sum(${imports.storedBytes}), 0)` })
    .from(imports)
    .where(eq(imports.officeId, officeId));
  return Number(rows[0]?.total ?? 0);
}

export function listImportRows(
  db: Db,
  officeId: string,
  importId: string,
  afterIdx: number,
  limit: number,
  action?: ImportRowRecord["action"],
) {
  return db
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.officeId, officeId),
        eq(importRows.importId, importId),
        sql`${importRows.idx} > ${afterIdx}`,
        action ? eq(importRows.action, action) : undefined,
      ),
    )
    .orderBy(importRows.idx)
    .limit(limit + 1);
}

/**
 * Withdraws an import once: the update only takes an import not yet withdrawn, and the audit event
 * is written only if this request's key is the one that took it (a batch cannot branch).
 */
export function withdrawImportStatements(
  db: Db,
  w: {
    officeId: string;
    id: string;
    at: number;
    by: string;
    reason: string | null;
    key: string;
    audit: { id: string; actorKeyId: string; actorName: string | null; details: string };
  },
) {
  return [
    db
      .update(imports)
      .set({ withdrawnAt: w.at, withdrawnBy: w.by, withdrawReason: w.reason, withdrawKey: w.key })
      .where(
        and(
          eq(imports.officeId, w.officeId),
          eq(imports.id, w.id),
          sql`${imports.withdrawnAt} is null`,
        ),
      ),
    db.run(sql`
      insert into audit_events
        (id, office_id, at, actor_key_id, actor_name, actor_person, action, target, details)
      select ${w.audit.id}, ${w.officeId}, ${w.at}, ${w.audit.actorKeyId}, ${w.audit.actorName},
        ${w.by}, 'import.withdrawn', ${w.id}, ${w.audit.details}
      where exists (select 1 from imports where office_id = ${w.officeId} and id = ${w.id}
        and withdraw_key = ${w.key} and withdrawn_at = ${w.at})`),
    // The webhook, like the audit entry, only for the request whose withdrawal took effect.
    emitStatement(db, {
      officeId: w.officeId,
      type: "import.withdrawn",
      now: w.at,
      data: { importId: w.id, by: w.by, reason: w.reason },
      onlyIf: sql`exists (select 1 from imports where office_id = ${w.officeId} and id = ${w.id}
        and withdraw_key = ${w.key} and withdrawn_at = ${w.at})`,
    }),
  ];
}
