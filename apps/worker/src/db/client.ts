import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema/index.js";

/** One built statement: SQL text and its bound values (what `runBatch` hands to `$atomic`). */
export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/**
 * The app's database, whichever runtime serves it (issue 7): async Drizzle over SQLite — D1 on
 * Workers (below), a SQLite file on Bun (`bun-client.ts`). The run-result type is left open because
 * it differs per driver and nothing reads it. `$atomic` runs built statements all-or-nothing: D1's
 * batch here, one SQLite transaction on Bun; `runBatch` (batch.ts) is its only caller.
 */
export type Db = BaseSQLiteDatabase<"async", unknown, typeof schema> & {
  $atomic(queries: BuiltQuery[]): Promise<void>;
  /**
   * Several reads in ONE round trip to D1 (issue 17: the read path's sequential queries were most of
   * its latency); on Bun, where SQLite is in-process, they simply run in order.
   */
  $batch<U extends BatchItem<"sqlite">, T extends Readonly<[U, ...U[]]>>(
    items: T,
  ): Promise<BatchResponse<T>>;
};

export function createD1Db(d1: D1Database): Db {
  const db = drizzle(d1, { schema });
  return Object.assign(db, {
    $batch: db.batch.bind(db),
    // D1's only transaction: every statement commits, or none does (platform-limits §2.2).
    $atomic: async (queries: BuiltQuery[]) => {
      await d1.batch(queries.map((q) => d1.prepare(q.sql).bind(...q.params)));
    },
  });
}

/** Rows a `db.run` changed: D1 reports `meta.changes`, bun:sqlite `changes`. */
export function changesOf(res: unknown): number {
  const r = res as { meta?: { changes?: number }; changes?: number };
  return r.meta?.changes ?? r.changes ?? 0;
}
