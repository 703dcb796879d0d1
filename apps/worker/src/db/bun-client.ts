import type { Database } from "bun:sqlite";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { bunFirst } from "./bun-first.js";
import type { BuiltQuery, Db } from "./client.js";
import type { BoundRead } from "./prepared.js";
import * as schema from "./schema/index.js";

/**
 * The same `Db` over a bun:sqlite file, through drizzle's bun-sqlite session. drizzle builds that
 * driver in "sync" mode, where `db.run(sql…)` executes at once, when the statement is built; the
 * sync engine builds statements first and hands them to `runBatch`, so they must stay lazy as on D1.
 * We therefore wrap the same dialect and session in an "async" database: identical SQL and row
 * mapping, queries that run when awaited. `db.transaction` is not part of the seam (D1 has none
 * either): atomic writes go through `runBatch`. Only the Bun entry imports this file.
 */
type Parts = ConstructorParameters<typeof BaseSQLiteDatabase<"async", unknown, typeof schema>>;

export function createBunSqliteDb(client: Database): Db {
  const sync = drizzle({ client, schema });
  // `dialect` and `session` are drizzle-internal fields of every database object.
  const internal = sync as unknown as { dialect: Parts[1]; session: Parts[2] };
  const db = new BaseSQLiteDatabase<"async", unknown, typeof schema>(
    "async",
    internal.dialect,
    // The session is the sync one: its methods return values, which `await` accepts as they are.
    internal.session,
    {
      schema: sync._.schema!,
      fullSchema: sync._.fullSchema!,
      tableNamesMap: sync._.tableNamesMap!,
    },
  );
  // One synchronous transaction: nothing else on this connection can run between its statements.
  const atomic = client.transaction((queries: BuiltQuery[]) => {
    for (const q of queries) client.query(q.sql).run(...(q.params as never[]));
  });
  return Object.assign(db, {
    // In-process SQLite: no round trip to save, so a batch is the reads one after another.
    $batch: (async (items: readonly PromiseLike<unknown>[]) => {
      const out: unknown[] = [];
      for (const q of items) out.push(await q);
      return out;
    }) as Db["$batch"],
    $reads: (async (items: readonly BoundRead<unknown>[]) =>
      items.map((i) => i.query.all(i.values))) as Db["$reads"],
    $first: bunFirst,
    $atomic: async (queries: BuiltQuery[]) => {
      atomic.immediate(queries);
    },
  });
}
