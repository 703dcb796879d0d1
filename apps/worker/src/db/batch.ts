import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.js";

export type Statement = BatchItem<"sqlite">;

interface Preparable {
  _prepare(): { getQuery(): { sql: string; params: unknown[] } };
}

/**
 * D1's only transaction: every statement commits, or none does (platform-limits §2.2).
 * We build the D1 statements ourselves because drizzle 0.45's `db.batch` cannot bind raw
 * `db.run(sql…)` statements with parameters (it reads `stmt` that SQLiteRaw does not have), and the
 * json_each bulk writes are raw SQL.
 */
export async function runBatch(db: Db, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  const d1 = db.$client;
  await d1.batch(
    statements.map((s) => {
      const q = (s as unknown as Preparable)._prepare().getQuery();
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}
