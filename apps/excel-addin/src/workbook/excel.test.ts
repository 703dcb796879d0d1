import { describe, expect, it } from "vitest";
import { createExcelFake } from "../../test/support/excel-fake.js";
import {
  columnLetter,
  columnsOfAddress,
  markRows,
  readTable,
  rowsOfAddress,
  withoutEvents,
  writeCells,
  writeTable,
} from "./excel.js";
import { markerHeader } from "./types.js";

const ref = { sheet: "Clients", table: "PulseBridgeClients" };
const headers = ["Name", "Enterprise number", "E-mail", "Postcode", "City", "Directors"];
const makeRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `Client ${i} with a fairly long company name bvba`,
    `0${String(403019261 + i).padStart(9, "0")}`,
    `info${i}@example.be`,
    "9000",
    "Gent",
    "Jan Peeters; Marie Dubois (40)",
  ]);
const budget = 2_500_000;

describe("excel adapter batching (office-addin-mock)", () => {
  it("writes 10,000 rows as a new table in a constant number of syncs, each within budget", async () => {
    const fake = createExcelFake();
    const rows = makeRows(10_000);
    await writeTable(fake.context, ref, { headers, rows });
    // locate (1) + sheet lookup (1) + value chunks + table creation + autofit.
    const writes = fake.syncs.length;
    expect(writes).toBeLessThanOrEqual(8);
    for (const s of fake.syncs) expect(s.requestBytes).toBeLessThanOrEqual(budget);
    const values = fake.tableValues(ref.table);
    expect(values).toHaveLength(10_001);
    expect(values[0]).toEqual(headers);
    expect(values[10_000]).toEqual(rows[9_999]);
    // Leading zero kept: the text format went with the values.
    expect(values[1]?.[1]).toBe("0403019261");

    // Ten times fewer rows: still the same handful of syncs, never one per row.
    const small = createExcelFake();
    await writeTable(small.context, ref, { headers, rows: makeRows(1_000) });
    expect(small.syncs.length).toBeLessThanOrEqual(writes);
  });

  it("splits a big write into more syncs only when the payload needs it", async () => {
    const fake = createExcelFake();
    await writeTable(
      fake.context,
      ref,
      { headers, rows: makeRows(10_000) },
      {},
      { budgetBytes: 300_000 },
    );
    const valueSyncs = fake.syncs.filter((s) => s.requestBytes > 0);
    expect(valueSyncs.length).toBeGreaterThan(3);
    for (const s of valueSyncs) expect(s.requestBytes).toBeLessThanOrEqual(300_000);
  });

  it("reads 10,000 rows back in a constant number of syncs", async () => {
    const fake = createExcelFake();
    const rows = makeRows(10_000);
    await writeTable(fake.context, ref, { headers, rows });
    fake.reset();
    const progress: number[] = [];
    const table = await readTable(fake.context, ref, { onProgress: (d) => progress.push(d) });
    expect(table?.rows).toHaveLength(10_000);
    expect(table?.rows[1234]).toEqual(rows[1234]);
    expect(table?.headers).toEqual(headers);
    expect(table?.firstRow).toBe(2);
    // 2 to locate + 1 sample + ceil(payload / budget) chunks.
    expect(fake.syncs.length).toBeLessThanOrEqual(6);
    for (const s of fake.syncs) expect(s.responseBytes).toBeLessThanOrEqual(budget);
    expect(progress.at(-1)).toBe(10_000);
  });

  it("updates in place: keeps the user's extra column and appends rows and new columns", async () => {
    const fake = createExcelFake();
    await writeTable(fake.context, ref, {
      headers: ["Name", "City"],
      rows: [
        ["A", "Gent"],
        ["B", "Luik"],
      ],
    });
    // The user adds a column of their own (the table grows by one column).
    const t = fake.table(ref.table);
    if (!t) throw new Error("no table");
    const g = fake.grids.get("Clients") ?? [];
    g[0]?.push("My notes");
    g[1]?.push("call back");
    g[2]?.push("vip");
    t.width += 1;
    fake.reset();
    await writeTable(fake.context, ref, {
      headers: ["Name", "City", "Postcode"],
      rows: [
        ["A2", "Gent", "9000"],
        ["B2", "Liège", "4000"],
        ["C", "Namen", "5000"],
      ],
    });
    expect(fake.tableValues(ref.table)).toEqual([
      ["Name", "City", "My notes", "Postcode"],
      ["A2", "Gent", "call back", "9000"],
      ["B2", "Liège", "vip", "4000"],
      ["C", "Namen", "", "5000"],
    ]);
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
  });

  it("marks 10,000 rows with a status column and per-column conditional formats", async () => {
    const fake = createExcelFake();
    await writeTable(fake.context, ref, { headers, rows: makeRows(10_000) });
    fake.reset();
    const marks = Array.from({ length: 10_000 }, (_, row) => ({
      row,
      level: row % 3 === 0 ? ("error" as const) : ("ok" as const),
      status: row % 3 === 0 ? "Ongeldig ondernemingsnummer" : "OK",
      cells: row % 3 === 0 ? [{ column: "Enterprise number", level: "error" as const }] : [],
    }));
    await markRows(fake.context, ref, marks, { statusHeader: "Status", replaceAll: true });
    expect(fake.syncs.length).toBeLessThanOrEqual(5);
    const values = fake.tableValues(ref.table);
    expect(values[0]?.slice(-2)).toEqual(["Status", markerHeader]);
    expect(values[1]?.slice(-2)).toEqual(["Ongeldig ondernemingsnummer", "|E1|RE|"]);
    expect(values[2]?.slice(-2)).toEqual(["OK", ""]);
    // One rule set per column, whatever the number of invalid cells.
    const formulas = fake.conditionalFormats.map((f) => f.rule.formula);
    expect(formulas).toContain('=ISNUMBER(SEARCH("|E1|",$H2))');
    expect(formulas).toContain('=ISNUMBER(SEARCH("|RE|",$H2))');
    expect(formulas.length).toBe(2 * headers.length + 3);
    expect(fake.hiddenColumns.has("Clients:7")).toBe(true);

    // Marking again replaces the rules rather than piling them up.
    await markRows(fake.context, ref, marks.slice(0, 10), {
      statusHeader: "Status",
      replaceAll: true,
    });
    expect(fake.conditionalFormats.length).toBe(2 * headers.length + 3);
    expect(fake.tableValues(ref.table)[20]?.slice(-2)).toEqual(["", ""]);
  });

  it("writes single-cell fixes in one batch", async () => {
    const fake = createExcelFake();
    await writeTable(fake.context, ref, { headers, rows: makeRows(50) });
    fake.reset();
    await writeCells(
      fake.context,
      ref,
      Array.from({ length: 40 }, (_, row) => ({ row, column: "Postcode", value: "1000" })),
    );
    expect(fake.syncs.length).toBe(3);
    expect(fake.tableValues(ref.table)[40]?.[3]).toBe("1000");
    expect(fake.tableValues(ref.table)[41]?.[3]).toBe("9000");
  });

  it("parses addresses of change events", () => {
    expect(rowsOfAddress("Clients!C5:E7")).toEqual([4, 5, 6]);
    expect(columnsOfAddress("C5:E7")).toEqual([2, 3, 4]);
    expect(columnsOfAddress("AA1")).toEqual([26]);
    expect(columnLetter(26)).toBe("AA");
    expect(columnLetter(0)).toBe("A");
  });

  it("turns events off around our own writes where ExcelApi 1.8 allows, and back on even on failure", async () => {
    const seen: boolean[] = [];
    let syncs = 0;
    const ctx = {
      runtime: { enableEvents: true },
      sync: async () => {
        syncs++;
      },
    } as unknown as Excel.RequestContext;
    const supported = { value: true };
    Object.assign(globalThis, {
      Office: { context: { requirements: { isSetSupported: () => supported.value } } },
    });
    try {
      await withoutEvents(ctx, async () => {
        seen.push(ctx.runtime.enableEvents);
      });
      expect(seen).toEqual([false]);
      expect(ctx.runtime.enableEvents).toBe(true);
      expect(syncs).toBe(1);
      await expect(
        withoutEvents(ctx, async () => {
          throw new Error("write failed");
        }),
      ).rejects.toThrow("write failed");
      expect(ctx.runtime.enableEvents).toBe(true);
      // A host without the set: nothing is touched, no extra sync.
      supported.value = false;
      await withoutEvents(ctx, async () => seen.push(ctx.runtime.enableEvents));
      expect(seen).toEqual([false, true]);
      expect(syncs).toBe(2);
    } finally {
      Reflect.deleteProperty(globalThis, "Office");
    }
  });
});
