import { sql } from "drizzle-orm";
import type { SQLitePreparedQuery } from "drizzle-orm/sqlite-core";
import type { Db } from "./client.js";

/**
 * Statements built and prepared once per database, then bound per request (issue 17). Building a
 * Drizzle query (SQL text from the column list) and SQLite compiling it cost more than running it:
 * on Bun a one-client read spent ~40% of its time there, where the floor reuses one statement.
 * Keyed by name (for the list also by which filters it uses and its page size); values go in
 * through `sql.placeholder`. The least recently used go past `maxStatements` per database, so a
 * caller cycling through page sizes costs a compile per request, as before, and no memory.
 */
const byDb = new WeakMap<Db, Map<string, unknown>>();
const maxStatements = 200;

export function prepared<Q>(db: Db, name: string, build: () => Q): Q {
  let statements = byDb.get(db);
  if (!statements) {
    statements = new Map();
    byDb.set(db, statements);
  }
  let q = statements.get(name) as Q | undefined;
  if (q === undefined) {
    q = build();
    if (statements.size >= maxStatements) {
      // Map iterates in insertion order: the first key is the least recently used.
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
  } else statements.delete(name);
  statements.set(name, q);
  return q;
}

/**
 * A LIMIT written into the statement's text instead of bound. SQLite (3.46 on: Bun's 3.54, D1's)
 * reads a bound LIMIT when it compiles and marks the statement to be compiled again whenever that
 * parameter is bound again — on every run of a prepared statement, undoing what preparing saves
 * (a one-client read on Bun: ~150 µs instead of ~20). Drizzle's `.limit()` binds a number; an SQL
 * chunk it writes as is. `n` is our own integer, never request text.
 */
export function literalLimit(n: number): number {
  return sql.raw(String(Math.max(0, Math.trunc(n)))) as unknown as number;
}

/**
 * A placeholder wrapped in a `cast` (issue 17): a bare `?` compared with an indexed column in a
 * statement with an ORDER BY made SQLite 3.54 (Bun) compile the statement again every time it was
 * bound again (the query planner had read the bound value), so a prepared statement cost what an
 * unprepared one does: by-enterprise (`= ? … order by id limit 1`) 96 µs a call instead of 9, the
 * change feed's page ~100 µs more. A `cast(? as …)` is an expression whose value the planner does
 * not look at; it binds the same value with the column's own type, so the index, the plan and the
 * answer are the same (measured on Bun, same plan by EXPLAIN QUERY PLAN; D1 is unaffected by it).
 */
export const textParam = (name: string) => sql`cast(${sql.placeholder(name)} as text)`;
export const intParam = (name: string) => sql`cast(${sql.placeholder(name)} as integer)`;

// biome-ignore lint/suspicious/noExplicitAny: any prepared select; its rows are typed by `RowsOf`.
export type PreparedSelect = SQLitePreparedQuery<any>;
type RowsOf<Q> = Q extends { all(values?: Record<string, unknown>): Promise<infer R> } ? R : never;

/** A prepared read with the values of its placeholders, for `db.$reads` (one round trip on D1). */
export interface BoundRead<R> {
  readonly query: PreparedSelect;
  readonly values: Record<string, unknown>;
  /** Type only: what `db.$reads` returns for this item. */
  readonly rows?: R;
}

export function bound<Q extends PreparedSelect>(
  query: Q,
  values: Record<string, unknown>,
): BoundRead<RowsOf<Q>> {
  return { query, values };
}
