import { appendFile, cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KboFormatError, KboLoadError } from "../src/format/errors.js";
import { enterpriseNumberOf, entity } from "../src/generator/entities.js";
import { updatePlan, writeFullDump, writeUpdate } from "../src/generator/write-dump.js";
import { loadDump } from "../src/load/loader.js";
import { MemoryRegisterStore } from "../src/load/memory-store.js";
import { kboSchema, kboSchemaSql, sqlName } from "../src/load/schema-sql.js";
import { openDump } from "../src/load/source.js";
import { createSqlStore, type SqlStatement } from "../src/load/sql-store.js";
import type { RegisterStore } from "../src/load/store.js";
import { SEED, SNAPSHOT, sqliteDump, sqliteRegister, tempDir } from "./fixtures.js";

const N = 400;
let dir: string;
let cleanup: () => Promise<void>;
let full: string;
let fullZip: string;
let update: string;
let update2: string;
const updateOptions = { seed: SEED, enterprises: N, changed: 30, removed: 6, added: 5 };

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const base = { seed: SEED, enterprises: N, extractNumber: 140, snapshotDate: SNAPSHOT };
  full = await writeFullDump(dir, base);
  fullZip = await writeFullDump(path.join(dir, "zip"), { ...base, zip: true });
  update = await writeUpdate(dir, {
    ...updateOptions,
    extractNumber: 141,
    snapshotDate: "2025-10-05",
  });
  update2 = await writeUpdate(dir, {
    ...updateOptions,
    extractNumber: 143,
    snapshotDate: "2025-10-07",
  });
});
afterAll(() => cleanup());

async function load(location: string, store: RegisterStore, options = {}) {
  const source = await openDump(location);
  try {
    return await loadDump(source, store, options);
  } finally {
    await source.close();
  }
}

const lineCount = async (file: string) =>
  (await readFile(file, "utf8")).split("\n").filter(Boolean).length - 1;

describe("full load", () => {
  it("loads every row of the files the check needs, skips activity, stores the snapshot date", async () => {
    const store = new MemoryRegisterStore();
    const result = await load(full, store);
    expect(result.meta).toMatchObject({
      extractNumber: 140,
      extractType: "full",
      snapshotDate: SNAPSHOT,
    });
    expect(result.resumedFrom).toBeNull();
    expect(store.tables.enterprise.size).toBe(N);
    expect(store.tables.denomination.size).toBe(
      await lineCount(path.join(full, "denomination.csv")),
    );
    expect(store.tables.address.size).toBe(await lineCount(path.join(full, "address.csv")));
    expect(store.tables.establishment.size).toBe(
      await lineCount(path.join(full, "establishment.csv")),
    );
    expect(store.tables.branch.size).toBe(await lineCount(path.join(full, "branch.csv")));
    expect(store.tables.activity.size).toBe(0);
    expect([...store.tables.code.values()].some((c) => c.category.startsWith("Nace"))).toBe(false);
    expect(await store.lastApplied()).toMatchObject({ snapshotDate: SNAPSHOT, extractNumber: 140 });
    expect(await store.getCheckpoint()).toBeNull();
    const first = store.tables.enterprise.get(enterpriseNumberOf(0));
    expect(first?.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("loads activity.csv and NACE codes only when asked", async () => {
    const store = new MemoryRegisterStore();
    await load(full, store, { includeActivities: true });
    expect(store.tables.activity.size).toBe(await lineCount(path.join(full, "activity.csv")));
    expect(
      [...store.tables.code.values()].some((c) => c.description.includes('("yellow cake")')),
    ).toBe(true);
  });

  it("reads a ZIP the same as a folder", async () => {
    const a = new MemoryRegisterStore();
    const b = new MemoryRegisterStore();
    await load(full, a);
    await load(fullZip, b);
    expect(b.dump()).toEqual(a.dump());
  });

  it("writes SQL within D1's limits: ≤100 parameters a statement, bounded batches", async () => {
    const { adapter, db } = sqliteRegister();
    const batches: SqlStatement[][] = [];
    const store = createSqlStore({
      queryAll: adapter.queryAll,
      execBatch: async (statements) => {
        batches.push(statements);
        await adapter.execBatch(statements);
      },
    });
    await load(full, store, { statementsPerCommit: 20 });
    const statements = batches.flat();
    expect(Math.max(...statements.map((s) => s.params.length))).toBeLessThanOrEqual(100);
    // Enterprise upserts carry 14 rows × 7 columns = 98 parameters.
    expect(
      statements.some(
        (s) => s.sql.startsWith("INSERT INTO kbo_enterprises") && s.params.length === 98,
      ),
    ).toBe(true);
    // A commit is its upserts plus the checkpoint; begin wipes the tables in one batch.
    expect(Math.max(...batches.slice(1).map((b) => b.length))).toBeLessThanOrEqual(21);
    expect(db.prepare("SELECT count(*) AS n FROM kbo_enterprises").get()).toEqual({ n: N });
  });

  it("gives the same register in SQLite as in memory", async () => {
    const mem = new MemoryRegisterStore();
    await load(full, mem);
    const { db, store } = sqliteRegister();
    await load(full, store);
    const dump = sqliteDump(db);
    expect(dump.kbo_enterprises).toHaveLength(mem.tables.enterprise.size);
    expect(dump.kbo_addresses).toHaveLength(mem.tables.address.size);
    expect(dump.kbo_denominations).toHaveLength(mem.tables.denomination.size);
    const e = entity(SEED, 5);
    expect(
      db
        .prepare(
          "SELECT denomination FROM kbo_denominations WHERE entity_number = ? AND type_of_denomination = '001' ORDER BY language",
        )
        .all(e.number),
    ).toEqual(
      e.names
        .filter((n) => n.type === "001")
        .sort((x, y) => x.language.localeCompare(y.language))
        .map((n) => ({ denomination: n.text })),
    );
    expect(
      db.prepare("SELECT snapshot_date, finished_at IS NOT NULL AS done FROM kbo_meta").all(),
    ).toEqual([{ snapshot_date: SNAPSHOT, done: 1 }]);
  });

  it("the DDL is made from the one table description: no office column, keys as declared", () => {
    expect(kboSchemaSql).not.toMatch(/office_id/);
    const db = new Database(":memory:");
    db.exec(kboSchemaSql);
    db.exec(kboSchemaSql); // idempotent: the migration and kbo:load meet in either order
    for (const t of Object.values(kboSchema)) {
      const cols = db.prepare(`SELECT * FROM pragma_table_info('${t.name}')`).all() as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      expect(cols.map((c) => c.name)).toEqual(t.columns.map((c) => sqlName(c.field)));
      const key = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      expect(key.map((c) => c.name)).toEqual(t.primaryKey.map(sqlName));
      expect(cols.filter((c) => !c.notnull).map((c) => c.name)).toEqual(
        t.columns.filter((c) => c.nullable).map((c) => sqlName(c.field)),
      );
    }
    expect(() =>
      db.exec("INSERT INTO kbo_load_checkpoints VALUES (2, 1, 'full', 'a.csv', 1, 'x')"),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });
});

describe("update", () => {
  it("replaces changed entities, removes deleted ones, adds new ones", async () => {
    const store = new MemoryRegisterStore();
    await load(full, store);
    await load(update, store);
    const plan = updatePlan({ ...updateOptions, extractNumber: 141, snapshotDate: "" });
    for (const i of plan.removed)
      expect(store.tables.enterprise.has(enterpriseNumberOf(i))).toBe(false);
    for (const i of plan.added)
      expect(store.tables.enterprise.has(enterpriseNumberOf(i))).toBe(true);
    const changed = plan.changed
      .map((i) => entity(SEED, i, 141))
      .find((e) => e.typeOfEnterprise === "2" && e.rego?.countryNl === null);
    if (!changed) throw new Error("fixture has no changed legal person");
    expect(store.tables.address.get(`${changed.number}|REGO`)?.houseNumber).toBe(
      changed.rego?.houseNumber,
    );
    const names = [...store.tables.denomination.values()]
      .filter((d) => d.entityNumber === changed.number)
      .map((d) => d.denomination)
      .sort();
    expect(names).toEqual([...changed.names.map((n) => n.text)].sort());
    expect((await store.lastApplied())?.snapshotDate).toBe("2025-10-05");
  });

  it("applied twice gives the same state, in memory and in SQLite", async () => {
    const once = new MemoryRegisterStore();
    await load(full, once);
    await load(update, once);
    const twice = new MemoryRegisterStore();
    await load(full, twice);
    await load(update, twice);
    await load(update, twice);
    expect(twice.dump()).toEqual(once.dump());

    const a = sqliteRegister();
    await load(full, a.store);
    await load(update, a.store);
    const b = sqliteRegister();
    await load(full, b.store);
    await load(update, b.store);
    await load(update, b.store);
    expect(sqliteDump(b.db)).toEqual(sqliteDump(a.db));
    expect(sqliteDump(a.db).kbo_enterprises).toHaveLength(once.tables.enterprise.size);
  });

  it("refuses an update without a full dump, an older one, and one after a gap", async () => {
    const empty = new MemoryRegisterStore();
    await expect(load(update, empty)).rejects.toMatchObject({ code: "kbo.load.no_full_dump" });
    const store = new MemoryRegisterStore();
    await load(full, store);
    await expect(load(update2, store)).rejects.toMatchObject({ code: "kbo.load.extract_gap" });
    await load(update2, store, { allowGap: true });
    const err = await load(update, store).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KboLoadError);
    expect(err).toMatchObject({ code: "kbo.load.extract_older" });
  });
});

/** Fails the `failAt`-th checkpoint, as a D1 batch that errors would. */
function failingOnce(store: RegisterStore, failAt: number): RegisterStore {
  let n = 0;
  return {
    ...store,
    begin: (m) => store.begin(m),
    upsert: (t, r) => store.upsert(t, r),
    deleteByKeys: (t, k) => store.deleteByKeys(t, k),
    clearCodes: () => store.clearCodes(),
    getCheckpoint: () => store.getCheckpoint(),
    lastApplied: () => store.lastApplied(),
    finish: (m) => store.finish(m),
    setCheckpoint: async (file, line) => {
      n++;
      if (n === failAt) throw new Error("injected failure");
      return store.setCheckpoint(file, line);
    },
  };
}

describe("resume", () => {
  it("resumes a full load from its checkpoint after a failure and ends in the same state", async () => {
    const clean = sqliteRegister();
    await load(full, clean.store, { statementsPerCommit: 2 });
    const { db, store } = sqliteRegister();
    await expect(load(full, failingOnce(store, 9), { statementsPerCommit: 2 })).rejects.toThrow(
      "injected failure",
    );
    const cp = await store.getCheckpoint();
    expect(cp).toMatchObject({ extractNumber: 140, extractType: "full" });
    expect(cp?.file).not.toBe("");
    const resumed = await load(full, store, { statementsPerCommit: 2 });
    expect(resumed.resumedFrom).toEqual({ file: cp?.file, line: cp?.line });
    expect(sqliteDump(db)).toEqual(sqliteDump(clean.db));
    expect(await store.getCheckpoint()).toBeNull();
  });

  it("resumes an update in memory after a failure during its inserts", async () => {
    const clean = new MemoryRegisterStore();
    await load(full, clean);
    await load(update, clean);
    const store = new MemoryRegisterStore();
    await load(full, store);
    await expect(
      load(update, failingOnce(store, 6), { statementsPerCommit: 1, maxParams: 8 }),
    ).rejects.toThrow("injected failure");
    const resumed = await load(update, store, { statementsPerCommit: 1, maxParams: 8 });
    expect(resumed.resumedFrom).not.toBeNull();
    expect(store.dump()).toEqual(clean.dump());
  });
});

describe("malformed dumps", () => {
  it("names the file and line of a bad row, and a missing file", async () => {
    const bad = path.join(dir, "bad");
    await cp(full, bad, { recursive: true });
    await appendFile(path.join(bad, "address.csv"), '"0200.000.043","REGO",,,"2000","Antwerpen"\n');
    const lines = await lineCount(path.join(bad, "address.csv"));
    const err = await load(bad, new MemoryRegisterStore()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KboFormatError);
    expect(err).toMatchObject({
      file: "address.csv",
      line: lines + 1,
      code: "kbo.format.column_count",
    });

    await writeFile(path.join(bad, "address.csv"), '"EntityNumber","Type"\n');
    await expect(load(bad, new MemoryRegisterStore())).rejects.toMatchObject({
      file: "address.csv",
      line: 1,
      code: "kbo.format.header",
    });

    const { rm } = await import("node:fs/promises");
    await rm(path.join(bad, "denomination.csv"));
    await expect(load(bad, new MemoryRegisterStore())).rejects.toMatchObject({
      file: "denomination.csv",
      code: "kbo.format.missing_file",
    });
  });
});
