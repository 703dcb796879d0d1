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
};

export function createD1Db(d1: D1Database): Db {
  return Object.assign(drizzle(d1, { schema }), {
    // D1's only transaction: every statement commits, or none does (platform-limits §2.2).
    $atomic: async (queries: BuiltQuery[]) => {
      await d1.batch(queries.map((q) => d1.prepare(q.sql).bind(...q.params)));
    },
  });
}
