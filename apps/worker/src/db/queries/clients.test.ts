import { env } from "cloudflare:workers";
import { fieldTable, storedColumns } from "@pulsebridge/core";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { clients } from "../schema/index.js";
import { writtenColumns } from "./clients.js";

/** The field table names the columns; the drizzle schema (and its migration) must have them. */
describe("client columns follow core's field table", () => {
  const table = getTableConfig(clients).columns;
  const byName = new Map(table.map((c) => [c.name, c]));

  it("has a column for every stored field, under the field's key", () => {
    for (const c of storedColumns) {
      expect(byName.has(c.column), c.column).toBe(true);
      expect((clients as unknown as Record<string, { name: string }>)[c.key]?.name).toBe(c.column);
    }
  });

  it("writes every content column of the table exactly once in a sync upsert", () => {
    const written = writtenColumns.map((c) => c.column);
    expect(new Set(written).size).toBe(written.length);
    const bookkeeping = [
      "office_id",
      "id",
      "adminpulse_id",
      "change_seq",
      "created_seq",
      "last_seen_run",
      "refreshed_at",
      "updated_at",
      "deleted_at",
      "not_found_upstream_at",
    ];
    expect([...written, ...bookkeeping].sort()).toEqual([...byName.keys()].sort());
  });

  // The history triggers (migration 0007) spell the client's JSON by hand in SQL: SQLite cannot
  // build it from a list. A new field needs the triggers dropped and recreated in its migration;
  // this test fails until that is done.
  it("records every field of the table in the client-history triggers", async () => {
    const { results } = await env.DB.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'clients_history_%'",
    ).all<{ name: string; sql: string }>();
    expect(results.map((t) => t.name).sort()).toEqual([
      "clients_history_insert",
      "clients_history_update",
    ]);
    const keys = new Set(fieldTable.flatMap((f) => f.path.split(".")));
    for (const t of results) {
      for (const c of storedColumns)
        expect(t.sql, `${t.name}: ${c.column}`).toContain(`new.${c.column}`);
      for (const k of keys) {
        // Address fields live in one JSON column, written as a whole.
        if (fieldTable.some((f) => f.path === `address.${k}`)) continue;
        expect(t.sql, `${t.name}: '${k}'`).toContain(`'${k}'`);
      }
    }
  });
});
