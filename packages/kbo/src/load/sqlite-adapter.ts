import type { ExecBatch, QueryAll, SqlValue } from "./sql-store.js";

/**
 * The part of a synchronous SQLite driver we use. better-sqlite3 and bun:sqlite both fit, so this
 * package never imports a driver: the caller opens the database and passes it in.
 */
export interface SqliteLike {
  // `never[]` so each driver's own parameter types fit; we bind plain SQL values.
  prepare(sql: string): { run(...params: never[]): unknown; all(...params: never[]): unknown[] };
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  exec(sql: string): unknown;
}

/** `execBatch` and `queryAll` over a synchronous SQLite handle; a batch is one transaction. */
export function sqliteAdapter(db: SqliteLike): { execBatch: ExecBatch; queryAll: QueryAll } {
  // Multi-row statements repeat with the same text, so preparing each text once matters.
  type Prepared = { run(...p: SqlValue[]): unknown; all(...p: SqlValue[]): unknown[] };
  const cache = new Map<string, Prepared>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql) as unknown as Prepared;
      if (cache.size > 500) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  const run = db.transaction((statements: { sql: string; params: SqlValue[] }[]) => {
    for (const st of statements) prepared(st.sql).run(...st.params);
  });
  return {
    execBatch: async (statements) => run(statements),
    queryAll: async (sql, params) => prepared(sql).all(...params) as Record<string, unknown>[],
  };
}
