import { getTableColumns, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, newOffice } from "../../../test/harness.js";
import { clients } from "../schema/index.js";
import { storedResourceSql } from "./client-json.js";
import { type ClientRow, toClientResource } from "./clients.js";

/**
 * Each client's resource JSON is stored with it (issue 17, ADR 0030): a generated column that SQLite
 * writes with every insert and update of the row. What the reads send from it must be, byte for
 * byte, `JSON.stringify(toClientResource(row))` — over random rows, after inserts and after an
 * update of any one column, so that neither a field left out of the column nor a write that does
 * not refresh it can pass.
 */

// A fixed LCG: the same rows every run.
let seed = 20_261_204;
const rand = () => {
  seed = (seed * 48_271) % 2_147_483_647;
  return seed / 2_147_483_647;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const texts = [
  "",
  "a",
  'Jan "Sr" Peeters',
  "é ß \u2028 \\",
  "line\nbreak\t<b>",
  "\u0000x",
  "😀 ü",
  "O'Brien",
];
const text = () => pick(texts) + Math.floor(rand() * 1000);
const ms = () => Math.floor(rand() * Date.UTC(9999, 11, 31, 23, 59, 59, 999));
const jsonOf: Record<string, () => string> = {
  // Never '': the history triggers (0007) read it as JSON.
  address: () =>
    JSON.stringify({
      street: text(),
      number: "12b",
      postalCode: "9000",
      city: text(),
      country: "BE",
    }),
  links: () =>
    JSON.stringify(
      Array.from({ length: Math.floor(rand() * 3) }, () => ({
        role: "director",
        relationIdentifier: text(),
        name: text(),
        startDate: "2020-01-01",
        endDate: null,
        shares: pick([12.5, 0, null, 100]),
        votingRights: null,
        comment: pick([null, text()]),
      })),
    ),
  taskTemplates: () => JSON.stringify(Array.from({ length: Math.floor(rand() * 3) }, text)),
  sourceProblems: () =>
    JSON.stringify(
      Array.from({ length: Math.floor(rand() * 2) }, () => ({
        code: "x.y",
        field: text(),
        seen: text(),
      })),
    ),
};
const columns = getTableColumns(clients);
type Key = keyof typeof columns;

/** A random value for a column of `clients`, of its kind (null only where the table allows it). */
function valueFor(key: Key): unknown {
  const c = columns[key];
  if (!c.notNull && rand() < 0.3) return null;
  if (key in jsonOf) return jsonOf[key]!();
  if (c.columnType === "SQLiteInteger") return key.endsWith("At") ? ms() : Math.floor(rand() * 1e9);
  return text();
}

function randomRow(officeId: string, i: number): ClientRow {
  const row = Object.fromEntries(Object.keys(columns).map((k) => [k, valueFor(k as Key)]));
  return { ...row, officeId, id: `c-${i}`, adminpulseId: `ap-${i}` } as ClientRow;
}

async function storedAndBuilt(officeId: string) {
  const rows = await db
    .select({ ...columns, stored: sql<string>`resource_json` })
    .from(clients)
    .where(sql`${clients.officeId} = ${officeId}`);
  return rows.map(({ stored, ...row }) => ({
    stored,
    built: JSON.stringify(toClientResource(row)),
  }));
}

describe("the stored resource JSON (migration 0014)", () => {
  it("is toClientResource's JSON byte for byte, after inserts and after an update of any column", async () => {
    const { officeId } = await newOffice();
    for (let i = 0; i < 60; i++) await db.insert(clients).values(randomRow(officeId, i));
    const inserted = await storedAndBuilt(officeId);
    expect(inserted).toHaveLength(60);
    for (const r of inserted) expect(r.stored).toBe(r.built);

    // Every column of the table as SQLite has it, so a column added later is covered too (or,
    // unknown to Drizzle's table, fails here until it is).
    const tableColumns = (
      await db.all<{ name: string }>(sql`select name from pragma_table_xinfo('clients')`)
    ).map((c) => c.name);
    const byColumn = new Map(Object.entries(columns).map(([k, c]) => [c.name, k as Key]));
    let updates = 0;
    for (const name of tableColumns) {
      if (name === "resource_json" || name === "office_id") continue;
      const key = byColumn.get(name);
      expect(key, `column ${name} is in the Drizzle table`).toBeDefined();
      for (let i = 0; i < 60; i += 7) {
        const value = key === "id" ? `c-${i}-renamed` : valueFor(key!);
        await db.run(
          sql`update clients set ${sql.identifier(name)} = ${value} where office_id = ${officeId} and id like ${`c-${i}%`}`,
        );
        updates++;
      }
    }
    expect(updates).toBeGreaterThan(250);
    const updated = await storedAndBuilt(officeId);
    expect(updated).toHaveLength(60);
    for (const r of updated) expect(r.stored).toBe(r.built);
  });

  it("is computed by client-json.ts' expression (the migration holds its text)", async () => {
    const [table] = await db.all<{ sql: string }>(
      sql`select sql from sqlite_master where type = 'table' and name = 'clients'`,
    );
    const flat = (s: string) => s.replace(/\s+/g, " ");
    expect(flat(table!.sql)).toContain(
      `\`resource_json\` text GENERATED ALWAYS AS (${flat(storedResourceSql)}) STORED`,
    );
  });
});
