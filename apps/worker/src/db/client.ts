import { fillPlaceholders } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { Awaitable } from "../lib/awaitable.js";
import type { BoundRead, PreparedSelect } from "./prepared.js";
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
  /**
   * `$batch` for prepared statements (db/prepared.ts): each item's rows, in one round trip to D1;
   * on Bun the statements simply run in order.
   */
  $reads<const T extends readonly BoundRead<unknown>[]>(items: T): Promise<ReadsResult<T>>;
  /**
   * A prepared read's first row (issue 17). D1: Drizzle's `get`. Bun: read straight from the
   * statement, synchronously, mapped as Drizzle maps it (bun-client.ts) — Drizzle's own `get` cost
   * more than the SQL it runs (~36,000 instructions a call against ~21,500 for the select).
   */
  $first<R>(read: BoundRead<R[]>): Awaitable<R | undefined>;
};

export type ReadsResult<T extends readonly BoundRead<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends BoundRead<infer R> ? R : never;
};

/** What Drizzle's D1 prepared query holds (its own `batch` reads the same fields). */
interface D1Prepared {
  stmt: D1PreparedStatement;
  getQuery(): { params: unknown[] };
  mapResult(result: unknown, isFromBatch: boolean): unknown;
}

export function createD1Db(d1: D1Database): Db {
  const db = drizzle(d1, { schema });
  return Object.assign(db, {
    $batch: db.batch.bind(db),
    $reads: async <T extends readonly BoundRead<unknown>[]>(items: T) => {
      const queries = items.map((i) => i.query as PreparedSelect as unknown as D1Prepared);
      const results = await d1.batch(
        queries.map((q, k) =>
          q.stmt.bind(...fillPlaceholders(q.getQuery().params, items[k]!.values)),
        ),
      );
      return results.map((r, k) => queries[k]!.mapResult(r, true)) as ReadsResult<T>;
    },
    $first: <R>(read: BoundRead<R[]>) => read.query.get(read.values) as Promise<R | undefined>,
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
