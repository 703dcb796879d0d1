import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { kboSchemaSql } from "../src/load/schema-sql.js";
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
  for (const t of [
    "kbo_enterprises",
    "kbo_establishments",
    "kbo_branches",
    "kbo_denominations",
    "kbo_addresses",
    "kbo_activities",
    "kbo_codes",
  ]) {
    out[t] = db
      .prepare(`SELECT * FROM ${t}`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

export const SEED = 42;
export const SNAPSHOT = "2025-10-04";
