import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.js";

export type Statement = BatchItem<"sqlite">;

interface Preparable {
  _prepare(): { getQuery(): { sql: string; params: unknown[] } };
}

/**
 * Every statement commits, or none does: the runtime's atomic batch (`db.$atomic`: a D1 batch on
 * Workers, a SQLite transaction on Bun). We build the SQL ourselves because drizzle 0.45's
 * `db.batch` cannot bind raw `db.run(sql…)` statements with parameters on D1 (it reads `stmt` that
 * SQLiteRaw does not have), the json_each bulk writes are raw SQL, and bun-sqlite has no `batch`.
 */
export async function runBatch(db: Db, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  await db.$atomic(
    statements.map((s) => {
      const q = (s as unknown as Preparable)._prepare().getQuery();
      return { sql: q.sql, params: q.params };
    }),
  );
}
