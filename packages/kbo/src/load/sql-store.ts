import type { KeyedTable, RegisterRows, RegisterTable, SnapshotMeta } from "../format/schemas.js";
import { kboDataTableNames, kboTables } from "./schema-sql.js";
import type { Checkpoint, RegisterStore } from "./store.js";

export type SqlValue = string | number | null;
export interface SqlStatement {
  sql: string;
  params: SqlValue[];
}
/** Runs the statements in order as one transaction (D1 `batch()`, or BEGIN…COMMIT on SQLite). */
export type ExecBatch = (statements: SqlStatement[]) => Promise<void>;
/** Runs one read query and returns its rows as objects keyed by column name. */
export type QueryAll = (sql: string, params: SqlValue[]) => Promise<Record<string, unknown>[]>;

/** D1 refuses a statement with more than 100 bound parameters. */
export const D1_MAX_PARAMS = 100;

/** Multi-row upserts of `rows`, each statement within `maxParams` bound parameters. */
export function upsertStatements<T extends RegisterTable>(
  table: T,
  rows: RegisterRows[T][],
  maxParams = D1_MAX_PARAMS,
): SqlStatement[] {
  const def = kboTables[table];
  const cols = def.columns.map(([c]) => c);
  const perStatement = Math.max(1, Math.floor(maxParams / cols.length));
  const keySet = new Set<string>(def.primaryKey);
  const others = cols.filter((c) => !keySet.has(c));
  const conflict =
    others.length === 0
      ? `ON CONFLICT (${def.primaryKey.join(", ")}) DO NOTHING`
      : `ON CONFLICT (${def.primaryKey.join(", ")}) DO UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(", ")}`;
  const tuple = `(${cols.map(() => "?").join(", ")})`;
  const out: SqlStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: SqlValue[] = [];
    for (const row of chunk) {
      const r = row as unknown as Record<string, SqlValue>;
      for (const [, field] of def.columns) params.push(r[field] ?? null);
    }
    out.push({
      sql: `INSERT INTO ${def.name} (${cols.join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")} ${conflict}`,
      params,
    });
  }
  return out;
}

export function deleteStatements(
  table: KeyedTable,
  keys: string[],
  maxParams = D1_MAX_PARAMS,
): SqlStatement[] {
  const def = kboTables[table];
  const out: SqlStatement[] = [];
  for (let i = 0; i < keys.length; i += maxParams) {
    const chunk = keys.slice(i, i + maxParams);
    out.push({
      sql: `DELETE FROM ${def.name} WHERE ${def.deleteKey} IN (${chunk.map(() => "?").join(", ")})`,
      params: chunk,
    });
  }
  return out;
}

export interface SqlStoreOptions {
  execBatch: ExecBatch;
  queryAll: QueryAll;
  maxParams?: number;
  /** Clock for started_at/finished_at (tests pin it). */
  now?: () => Date;
}

/**
 * A `RegisterStore` that turns every write into SQL and hands it to `execBatch`. Writes are
 * buffered until `setCheckpoint`, which sends them and the checkpoint row in one batch: the
 * unit D1 makes atomic.
 */
export function createSqlStore(options: SqlStoreOptions): RegisterStore {
  const { execBatch, queryAll } = options;
  const maxParams = options.maxParams ?? D1_MAX_PARAMS;
  const now = options.now ?? (() => new Date());
  let pending: SqlStatement[] = [];
  let current: SnapshotMeta | null = null;

  const flush = async (extra: SqlStatement[]) => {
    const statements = [...pending, ...extra];
    pending = [];
    if (statements.length > 0) await execBatch(statements);
  };

  return {
    async begin(meta) {
      current = meta;
      const statements: SqlStatement[] = [];
      if (meta.extractType === "full") {
        for (const name of kboDataTableNames)
          statements.push({ sql: `DELETE FROM ${name}`, params: [] });
      }
      statements.push(
        {
          sql: `INSERT INTO kbo_meta (extract_number, extract_type, snapshot_date, extract_timestamp, version, started_at, finished_at)
VALUES (?, ?, ?, ?, ?, ?, NULL)
ON CONFLICT (extract_number, extract_type) DO UPDATE SET snapshot_date = excluded.snapshot_date,
  extract_timestamp = excluded.extract_timestamp, version = excluded.version, started_at = excluded.started_at, finished_at = NULL`,
          params: [
            meta.extractNumber,
            meta.extractType,
            meta.snapshotDate,
            meta.extractTimestamp,
            meta.version,
            now().toISOString(),
          ],
        },
        checkpointStatement(meta, "", 0, now()),
      );
      pending = [];
      await flush(statements);
    },
    async upsert(table, rows) {
      pending.push(...upsertStatements(table, rows, maxParams));
    },
    async deleteByKeys(table, keys) {
      pending.push(...deleteStatements(table, keys, maxParams));
    },
    async clearCodes() {
      pending.push({ sql: "DELETE FROM kbo_codes", params: [] });
    },
    async setCheckpoint(file, line) {
      if (!current) throw new Error("setCheckpoint before begin");
      await flush([checkpointStatement(current, file, line, now())]);
    },
    async getCheckpoint() {
      const rows = await queryAll(
        "SELECT extract_number, extract_type, file, line FROM kbo_load_checkpoints WHERE id = 1",
        [],
      );
      const r = rows[0];
      if (!r) return null;
      const cp: Checkpoint = {
        extractNumber: Number(r.extract_number),
        extractType: r.extract_type === "full" ? "full" : "update",
        file: String(r.file),
        line: Number(r.line),
      };
      return cp;
    },
    async lastApplied() {
      const rows = await queryAll(
        `SELECT extract_number, extract_type, snapshot_date, extract_timestamp, version FROM kbo_meta
WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, extract_number DESC LIMIT 1`,
        [],
      );
      const r = rows[0];
      return r ? metaFromRow(r) : null;
    },
    async finish(meta) {
      await flush([
        {
          sql: "UPDATE kbo_meta SET finished_at = ? WHERE extract_number = ? AND extract_type = ?",
          params: [now().toISOString(), meta.extractNumber, meta.extractType],
        },
        { sql: "DELETE FROM kbo_load_checkpoints WHERE id = 1", params: [] },
      ]);
      current = null;
    },
  };
}

function checkpointStatement(
  meta: SnapshotMeta,
  file: string,
  line: number,
  at: Date,
): SqlStatement {
  return {
    sql: `INSERT INTO kbo_load_checkpoints (id, extract_number, extract_type, file, line, updated_at) VALUES (1, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET extract_number = excluded.extract_number, extract_type = excluded.extract_type,
  file = excluded.file, line = excluded.line, updated_at = excluded.updated_at`,
    params: [meta.extractNumber, meta.extractType, file, line, at.toISOString()],
  };
}

export function metaFromRow(r: Record<string, unknown>): SnapshotMeta {
  return {
    extractNumber: Number(r.extract_number),
    extractType: r.extract_type === "full" ? "full" : "update",
    snapshotDate: String(r.snapshot_date),
    extractTimestamp: String(r.extract_timestamp),
    version: String(r.version),
  };
}

/** A statement as one line of literal SQL (for `--emit-sql` and `wrangler d1 execute --file`). */
export function inlineSql(statement: SqlStatement): string {
  let i = 0;
  const sql = statement.sql.replace(/\?/g, () => {
    const v = statement.params[i++];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number") return String(v);
    return `'${v.replaceAll("'", "''")}'`;
  });
  return `${sql.replace(/\s*\n\s*/g, " ")};`;
}
