/**
 * An in-memory workbook with the same semantics as the Excel adapter: the harness page renders it
 * as a grid, and feature tests run against it. Each sheet holds at most one table, anchored at A1.
 */
import {
  type CellWrite,
  type MarkLevel,
  markerHeader,
  markerText,
  type Progress,
  type RowMark,
  type SheetTable,
  type TableRef,
  throwIfAborted,
  type Workbook,
  type WriteTableInput,
} from "./types.js";

export interface MemorySheet {
  name: string;
  table: string | null;
  /** Row 0 is the header row when `table` is set; otherwise simply the used range. */
  grid: string[][];
  /** Per data row, by column index: highlight level. */
  highlights: Map<number, Map<number, "error" | "warning">>;
  rowLevels: Map<number, MarkLevel>;
  hiddenColumns: Set<number>;
}

export interface MemoryWorkbook extends Workbook {
  sheets: Map<string, MemorySheet>;
  selected: { sheet: string; row: number; column: number } | null;
  /** The sheet in front, as in Excel: the last one written to or selected in. */
  active: string;
  /** What a user typing in the grid does: sets the cell and fires edit listeners. */
  userEdit(sheet: string, dataRow: number, column: number, value: string): void;
  addSheet(name: string, grid: string[][]): MemorySheet;
  /** Called after every change, for the harness to repaint. */
  onChange(listener: () => void): void;
}

export function createMemoryWorkbook(): MemoryWorkbook {
  const sheets = new Map<string, MemorySheet>();
  const editListeners = new Map<string, Set<(rows: number[]) => void>>();
  const changeListeners = new Set<() => void>();
  const settings = new Map<string, string>();

  const changed = () => {
    for (const l of changeListeners) l();
  };

  const addSheet = (name: string, grid: string[][] = []): MemorySheet => {
    const sheet: MemorySheet = {
      name,
      table: null,
      grid,
      highlights: new Map(),
      rowLevels: new Map(),
      hiddenColumns: new Set(),
    };
    sheets.set(name, sheet);
    if (!wb.active) wb.active = name;
    changed();
    return sheet;
  };

  const sheetOfTable = (ref: TableRef): MemorySheet | null => {
    for (const s of sheets.values()) if (s.table === ref.table) return s;
    return null;
  };

  const headersOf = (s: MemorySheet): string[] => s.grid[0] ?? [];
  const columnIndex = (s: MemorySheet, header: string): number => headersOf(s).indexOf(header);
  const width = (s: MemorySheet) => headersOf(s).length;
  const addColumn = (s: MemorySheet, header: string): number => {
    const header0 = s.grid[0] ?? [];
    if (!s.grid[0]) s.grid[0] = header0;
    header0.push(header);
    for (let r = 1; r < s.grid.length; r++) s.grid[r]?.push("");
    return header0.length - 1;
  };

  const wb: MemoryWorkbook = {
    sheets,
    selected: null,
    active: "",
    addSheet,
    onChange: (l) => changeListeners.add(l),

    async readSetting(key) {
      return settings.get(key) ?? null;
    },
    async writeSetting(key, value) {
      settings.set(key, value);
    },

    async listSheets() {
      return [...sheets.keys()];
    },
    async activeSheet() {
      return wb.active;
    },
    async listTables(sheet) {
      const s = sheets.get(sheet);
      return s?.table ? [s.table] : [];
    },
    async ensureTable(sheet, table) {
      const s = sheets.get(sheet);
      if (!s || s.grid.length === 0) return null;
      if (!s.table) {
        s.table = table;
        const w = Math.max(...s.grid.map((r) => r.length));
        for (const r of s.grid) while (r.length < w) r.push("");
        changed();
      }
      return { sheet, table: s.table };
    },

    async readTable(ref, progress?: Progress) {
      const s = sheetOfTable(ref);
      if (!s) return null;
      throwIfAborted(progress?.signal);
      const rows = s.grid.slice(1).map((r) => r.slice());
      progress?.onProgress?.(rows.length, rows.length);
      return { headers: headersOf(s).slice(), rows, firstRow: 2 } satisfies SheetTable;
    },

    async readRow(ref, row) {
      const s = sheetOfTable(ref);
      const values = s?.grid[row + 1];
      if (!s || !values) return null;
      return { headers: headersOf(s).slice(), values: values.slice() };
    },

    async writeTable(ref, input: WriteTableInput, progress?: Progress) {
      let s = sheetOfTable(ref) ?? sheets.get(ref.sheet) ?? addSheet(ref.sheet);
      if (!s.table) {
        if (s.grid.length > 0) s = addSheet(`${ref.sheet} (${sheets.size + 1})`);
        s.table = ref.table;
        s.grid = [input.headers.slice()];
      }
      const cols = input.headers.map((h) => {
        const i = columnIndex(s, h);
        return i >= 0 ? i : addColumn(s, h);
      });
      const w = width(s);
      input.rows.forEach((values, r) => {
        if (r % 2000 === 0) throwIfAborted(progress?.signal);
        let line = s.grid[r + 1];
        if (!line) {
          line = new Array<string>(w).fill("");
          s.grid[r + 1] = line;
        }
        cols.forEach((c, i) => {
          (line as string[])[c] = values[i] ?? "";
        });
      });
      progress?.onProgress?.(input.rows.length, input.rows.length);
      wb.active = s.name;
      changed();
    },

    async writeCells(ref, cells: CellWrite[]) {
      const s = sheetOfTable(ref);
      if (!s) return;
      for (const c of cells) {
        const col = columnIndex(s, c.column);
        const line = s.grid[c.row + 1];
        if (col >= 0 && line) line[col] = c.value;
      }
      changed();
    },

    async markRows(ref, marks: RowMark[], options, progress) {
      const s = sheetOfTable(ref);
      if (!s) return;
      throwIfAborted(progress?.signal);
      let statusCol = columnIndex(s, options.statusHeader);
      if (statusCol < 0) statusCol = addColumn(s, options.statusHeader);
      let markerCol = columnIndex(s, markerHeader);
      if (markerCol < 0) markerCol = addColumn(s, markerHeader);
      s.hiddenColumns.add(markerCol);
      if (options.replaceAll) {
        s.highlights.clear();
        s.rowLevels.clear();
        for (let r = 1; r < s.grid.length; r++) {
          const line = s.grid[r];
          if (line) {
            line[statusCol] = "";
            line[markerCol] = "";
          }
        }
      }
      for (const m of marks) {
        const line = s.grid[m.row + 1];
        if (!line) continue;
        line[statusCol] = m.status;
        line[markerCol] = markerText(m, (h) => columnIndex(s, h));
        s.rowLevels.set(m.row, m.level);
        const cells = new Map<number, "error" | "warning">();
        for (const c of m.cells) {
          const i = columnIndex(s, c.column);
          if (i >= 0) cells.set(i, c.level);
        }
        s.highlights.set(m.row, cells);
      }
      changed();
    },

    async selectCell(ref, row, column) {
      const s = sheetOfTable(ref);
      if (!s) return;
      wb.active = s.name;
      wb.selected = { sheet: s.name, row, column: Math.max(0, columnIndex(s, column)) };
      changed();
    },

    async onEdit(ref, listener) {
      let set = editListeners.get(ref.table);
      if (!set) {
        set = new Set();
        editListeners.set(ref.table, set);
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
      };
    },

    userEdit(sheet, dataRow, column, value) {
      const s = sheets.get(sheet);
      const line = s?.grid[dataRow + 1];
      if (!s || !line) return;
      line[column] = value;
      changed();
      if (s.table) for (const l of editListeners.get(s.table) ?? []) l([dataRow]);
    },
  };
  return wb;
}
