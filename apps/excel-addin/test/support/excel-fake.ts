/**
 * A fake Excel built from office-addin-mock's OfficeMockObject: every range, table and sheet the
 * adapter touches is an OfficeMockObject (so `load()` before `sync()` is enforced by the mock), and
 * `context.sync()` is counted and measured. Writes queued on a range land in the grid at the next
 * sync, as in Excel.
 */
import { OfficeMockObject } from "office-addin-mock";

type Grid = string[][];

interface TableRecord {
  mock: OfficeMockObject;
  sheet: string;
  row: number;
  col: number;
  /** Rows including the header row. */
  height: number;
  width: number;
}

export interface SyncStat {
  requestBytes: number;
  responseBytes: number;
}

export interface ExcelFake {
  context: Excel.RequestContext;
  grids: Map<string, Grid>;
  syncs: SyncStat[];
  conditionalFormats: { sheet: string; col: number; rule: { formula: string } }[];
  hiddenColumns: Set<string>;
  selected: string | null;
  tables: TableRecord[];
  /** Sheet rows/cols of a table's header row. */
  table(name: string): TableRecord | undefined;
  /** The table as header + data rows, read straight from the grid. */
  tableValues(name: string): Grid;
  reset(): void;
}

export function createExcelFake(initial: Record<string, Grid> = {}): ExcelFake {
  const grids = new Map<string, Grid>(Object.entries(initial).map(([k, g]) => [k, g]));
  const pending: {
    mock: OfficeMockObject;
    sheet: string;
    r: number;
    c: number;
    snapshot: Grid | null;
  }[] = [];
  /** Every other mock handed out since the last sync: loads on them resolve at the next sync. */
  const track = (mock: OfficeMockObject) => {
    pending.push({ mock, sheet: "", r: 0, c: 0, snapshot: null });
    return mock;
  };
  const pendingTables: TableRecord[] = [];
  const fake: ExcelFake = {
    context: undefined as unknown as Excel.RequestContext,
    grids,
    syncs: [],
    conditionalFormats: [],
    hiddenColumns: new Set(),
    selected: null,
    tables: [],
    table: (name) => fake.tables.find((t) => t.mock.name === name),
    tableValues(name) {
      const t = fake.table(name);
      if (!t) return [];
      const g = grids.get(t.sheet) ?? [];
      return Array.from({ length: t.height }, (_, i) =>
        Array.from({ length: t.width }, (_, j) => g[t.row + i]?.[t.col + j] ?? ""),
      );
    },
    reset() {
      fake.syncs.length = 0;
    },
  };

  const gridOf = (sheet: string) => {
    let g = grids.get(sheet);
    if (!g) {
      g = [];
      grids.set(sheet, g);
    }
    return g;
  };
  const read = (sheet: string, r: number, c: number, h: number, w: number): Grid => {
    const g = gridOf(sheet);
    return Array.from({ length: h }, (_, i) =>
      Array.from({ length: w }, (_, j) => g[r + i]?.[c + j] ?? ""),
    );
  };
  const write = (sheet: string, r: number, c: number, values: Grid) => {
    const g = gridOf(sheet);
    values.forEach((line, i) => {
      const row = g[r + i] ?? [];
      g[r + i] = row;
      line.forEach((v, j) => {
        while (row.length < c + j) row.push("");
        row[c + j] = String(v);
      });
    });
  };

  const coords = new WeakMap<object, { r: number; c: number; h: number; w: number }>();
  const rangeMock = (
    sheet: string,
    r: number,
    c: number,
    h: number,
    w: number,
  ): OfficeMockObject => {
    const snapshot = read(sheet, r, c, h, w);
    const mock = new OfficeMockObject({
      values: snapshot,
      rowIndex: r,
      columnIndex: c,
      rowCount: h,
      columnCount: w,
      address: `${sheet}!R${r + 1}C${c + 1}`,
      isNullObject: false,
      numberFormat: [],
      columnHidden: false,
      format: {
        fill: { color: "" },
        font: { color: "" },
        autofitColumns() {},
      },
      conditionalFormats: {
        add(_type: string) {
          const cf = { custom: { rule: { formula: "" }, format: { fill: {}, font: {} } } };
          fake.conditionalFormats.push({ sheet, col: c, rule: cf.custom.rule });
          return cf;
        },
        clearAll() {
          const keep = fake.conditionalFormats.filter((f) => !(f.sheet === sheet && f.col === c));
          fake.conditionalFormats.splice(0, fake.conditionalFormats.length, ...keep);
        },
      },
      select() {
        fake.selected = `${sheet}!${r},${c}`;
      },
      untrack() {},
    });
    pending.push({ mock, sheet, r, c, snapshot });
    coords.set(mock, { r, c, h, w });
    return mock;
  };

  const sheetMock = (name: string): OfficeMockObject =>
    track(
      new OfficeMockObject({
        name,
        isNullObject: false,
        getRangeByIndexes: (r: number, c: number, h: number, w: number) =>
          rangeMock(name, r, c, h, w),
        getUsedRangeOrNullObject: () => {
          const g = gridOf(name);
          const w = Math.max(0, ...g.map((l) => l.length));
          return rangeMock(name, 0, 0, g.length, w);
        },
        activate() {},
        tables: {
          add: (range: OfficeMockObject) => {
            const at = coords.get(range);
            if (!at) throw new Error("tables.add needs a range");
            const rec: TableRecord = {
              mock: undefined as unknown as OfficeMockObject,
              sheet: name,
              row: at.r,
              col: at.c,
              height: at.h,
              width: at.w,
            };
            rec.mock = tableMock(rec);
            pendingTables.push(rec);
            return rec.mock;
          },
        },
      }),
    );

  const tableMock = (rec: TableRecord): OfficeMockObject =>
    track(
      new OfficeMockObject({
        name: "",
        isNullObject: false,
        worksheet: {
          getRangeByIndexes: (r: number, c: number, h: number, w: number) =>
            rangeMock(rec.sheet, r, c, h, w),
          activate() {},
        },
        getHeaderRowRange: () => rangeMock(rec.sheet, rec.row, rec.col, 1, rec.width),
        getRange: () => rangeMock(rec.sheet, rec.row, rec.col, rec.height, rec.width),
        resize(range: OfficeMockObject) {
          const at = coords.get(range);
          if (!at) throw new Error("resize needs a range");
          rec.height = at.h;
          rec.width = at.w;
        },
        columns: {
          add(_index: unknown, _values: unknown, header: string) {
            write(rec.sheet, rec.row, rec.col + rec.width, [[header]]);
            rec.width += 1;
          },
        },
        onChanged: { add: () => ({ remove() {} }) },
      }),
    );

  const nullMock = () => track(new OfficeMockObject({ isNullObject: true }));

  const mock = new OfficeMockObject({
    workbook: {
      application: { suspendApiCalculationUntilNextSync() {} },
      tables: {
        getItemOrNullObject: (name: string) => {
          const t = fake.table(name);
          return t ? track(t.mock) : nullMock();
        },
      },
      worksheets: {
        getItemOrNullObject: (name: string) => (grids.has(name) ? sheetMock(name) : nullMock()),
        getItem: (name: string) => sheetMock(name),
        add: (name: string) => {
          gridOf(name);
          return sheetMock(name);
        },
      },
    },
  });
  const syncTree = mock.sync.bind(mock);
  mock.sync = async () => {
    let requestBytes = 0;
    let responseBytes = 0;
    const batch = pending.splice(0);
    for (const p of batch) {
      const m = p.mock;
      if (Array.isArray(m.numberFormat) && m.numberFormat.length > 0)
        requestBytes += JSON.stringify(m.numberFormat).length;
      if (p.snapshot && Array.isArray(m.values) && m.values !== p.snapshot) {
        requestBytes += JSON.stringify(m.values).length;
        write(p.sheet, p.r, p.c, m.values as Grid);
      }
      if (m.columnHidden === true) fake.hiddenColumns.add(`${p.sheet}:${p.c}`);
      const loaded = typeof m.values === "string" && m.values.includes("sync");
      await m.sync();
      if (loaded) responseBytes += JSON.stringify(m.values).length;
    }
    fake.tables.push(...pendingTables.splice(0));
    await syncTree();
    fake.syncs.push({ requestBytes, responseBytes });
  };
  fake.context = mock as unknown as Excel.RequestContext;
  return fake;
}
