import { storedColumns } from "@pulsebridge/core";
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
});
