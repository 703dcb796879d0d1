import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { kboDataTableNames, kboSchemaSql } from "../src/load/schema-sql.js";
import { createSqlStore } from "../src/load/sql-store.js";
import { sqliteAdapter } from "../src/load/sqlite-adapter.js";

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "kbo-test-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh in-memory SQLite database with the register's tables, and a store + adapter on it. */
export function sqliteRegister() {
  const db = new Database(":memory:");
  db.exec(kboSchemaSql);
  const adapter = sqliteAdapter(db);
  return {
    db,
    adapter,
    store: createSqlStore({ ...adapter, now: () => new Date("2025-10-06T00:00:00Z") }),
  };
}

/** Every row of every register table, sorted, for comparing two states. */
export function sqliteDump(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of kboDataTableNames) {
    out[t] = db
      .prepare(`SELECT * FROM ${t}`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

/**
 * A folder with a wrangler.jsonc that binds a local D1 as `DB` (database `pulsebridge`), like the
 * worker's: what `kbo:load --target d1-local --worker-dir` needs, without reaching into the worker.
 */
export async function d1WorkerDir(parent: string): Promise<string> {
  const dir = path.join(parent, "worker");
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, "wrangler.jsonc"),
    JSON.stringify({
      name: "kbo-d1-target",
      compatibility_date: "2026-04-20",
      d1_databases: [
        {
          binding: "DB",
          database_name: "pulsebridge",
          database_id: "00000000-0000-0000-0000-000000000000",
        },
      ],
    }),
  );
  return dir;
}

export const SEED = 42;
export const SNAPSHOT = "2025-10-04";
