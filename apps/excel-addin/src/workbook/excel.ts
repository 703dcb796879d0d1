/**
 * The Office.js adapter. Every operation takes an `Excel.RequestContext` and batches: the number of
 * `context.sync()` calls depends on the payload size (≤ `budgetBytes` per sync, Excel on the web
 * refuses requests or responses over 5 MB), never on the number of rows or cells.
 *
 * Shape of each operation: one or two syncs to locate the table, then values in chunks sized by
 * estimated JSON bytes, then formats (text format, conditional formats) in a second pass.
 */
import {
  type CellWrite,
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

export interface ExcelOptions {
  /** Target payload per sync. 2.5 MB leaves room under the 5 MB limit for Office's own envelope. */
  budgetBytes?: number;
}
const defaultBudget = 2_500_000;
/** Rows sampled to estimate the size of a table before reading it in chunks. */
const sampleRows = 200;

/** Conservative JSON size of one row: quotes, comma and escaping overhead included. */
export function estimateRowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (const v of row) n += (typeof v === "string" ? v.length * 1.1 : 12) + 3;
  return Math.ceil(n);
}

/** Rows per chunk so one chunk stays within the budget. */
export function rowsPerChunk(bytesPerRow: number, budget: number): number {
  return Math.max(1, Math.min(20_000, Math.floor(budget / Math.max(1, bytesPerRow))));
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return String(v);
}

/** Column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface Located {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  headers: string[];
  /** 0-based sheet row/column of the header row's first cell. */
  rowIndex: number;
  columnIndex: number;
  dataRows: number;
}

/** Two syncs: existence, then position and headers (a method on a null object is not usable). */
async function locate(context: Excel.RequestContext, name: string): Promise<Located | null> {
  const table = context.workbook.tables.getItemOrNullObject(name);
  table.load("isNullObject");
  await context.sync();
  if (table.isNullObject) return null;
  const header = table.getHeaderRowRange();
  header.load("values,rowIndex,columnIndex");
  const body = table.getRange();
  body.load("rowCount");
  const sheet = table.worksheet;
  await context.sync();
  return {
    table,
    sheet,
    headers: (header.values[0] ?? []).map(cellText),
    rowIndex: header.rowIndex,
    columnIndex: header.columnIndex,
    dataRows: body.rowCount - 1,
  };
}

export async function readTable(
  context: Excel.RequestContext,
  ref: TableRef,
  progress: Progress = {},
  options: ExcelOptions = {},
): Promise<SheetTable | null> {
  const budget = options.budgetBytes ?? defaultBudget;
  const loc = await locate(context, ref.table);
  if (!loc) return null;
  const width = loc.headers.length;
  const total = loc.dataRows;
  const rows: string[][] = [];
  const at = (r: number, n: number) =>
    loc.sheet.getRangeByIndexes(loc.rowIndex + 1 + r, loc.columnIndex, n, width);

  // A sample first: its size tells how many rows fit in one response.
  const first = Math.min(sampleRows, total);
  if (first > 0) {
    const sample = at(0, first);
    sample.load("values");
    await context.sync();
    for (const r of sample.values) rows.push(r.map(cellText));
    progress.onProgress?.(rows.length, total);
  }
  const sampleBytes = rows.reduce((n, r) => n + estimateRowBytes(r), 0);
  // 1.5× margin: later rows may be longer than the sample.
  const perRow = first > 0 ? (sampleBytes / first) * 1.5 : 1;
  const chunk = rowsPerChunk(perRow, budget);
  for (let r = first; r < total; r += chunk) {
    throwIfAborted(progress.signal);
    const n = Math.min(chunk, total - r);
    const range = at(r, n);
    range.load("values");
    await context.sync();
    for (const line of range.values) rows.push(line.map(cellText));
    range.untrack?.();
    progress.onProgress?.(rows.length, total);
  }
  return { headers: loc.headers, rows, firstRow: loc.rowIndex + 2 };
}

export async function readRow(
  context: Excel.RequestContext,
  ref: TableRef,
  row: number,
): Promise<{ headers: string[]; values: string[] } | null> {
  const loc = await locate(context, ref.table);
  if (!loc || row < 0 || row >= loc.dataRows) return null;
  const range = loc.sheet.getRangeByIndexes(
    loc.rowIndex + 1 + row,
    loc.columnIndex,
    1,
    loc.headers.length,
  );
  range.load("values");
  await context.sync();
  return { headers: loc.headers, values: (range.values[0] ?? []).map(cellText) };
}

/** Queues operations and syncs whenever the queued payload reaches the budget. */
class Batcher {
  private queued = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly signal?: AbortSignal,
  ) {}
  async add(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > this.budget) await this.flush();
    this.queued += bytes;
  }
  async flush(): Promise<void> {
    if (this.queued === 0) return;
    throwIfAborted(this.signal);
    suspendCalculation(this.context);
    await this.context.sync();
    this.queued = 0;
  }
}

function suspendCalculation(context: Excel.RequestContext): void {
  // ExcelApi 1.6: no recalculation while our values land; lifted by the next sync.
  context.workbook.application?.suspendApiCalculationUntilNextSync?.();
}

/** Contiguous runs of column indexes, so each run is one rectangular range. */
function runs(
  indexes: { source: number; target: number }[],
): { source: number[]; start: number }[] {
  const sorted = [...indexes].sort((a, b) => a.target - b.target);
  const out: { source: number[]; start: number }[] = [];
  for (const c of sorted) {
    const last = out.at(-1);
    if (last && last.start + last.source.length === c.target) last.source.push(c.source);
    else out.push({ source: [c.source], start: c.target });
  }
  return out;
}

const text = (h: number, w: number): string[][] =>
  Array.from({ length: h }, () => new Array<string>(w).fill("@"));

export async function writeTable(
  context: Excel.RequestContext,
  ref: TableRef,
  input: WriteTableInput,
  progress: Progress = {},
  options: ExcelOptions = {},
): Promise<void> {
  const budget = options.budgetBytes ?? defaultBudget;
  const batch = new Batcher(context, budget, progress.signal);
  const total = input.rows.length;
  const loc = await locate(context, ref.table);
  const perRow = Math.max(
    1,
    input.rows.slice(0, sampleRows).reduce((n, r) => n + estimateRowBytes(r), 0) /
      Math.max(1, Math.min(sampleRows, total)),
  );
  // Values plus the "@" text format of the same cells, both travel in the request.
  const chunk = rowsPerChunk(perRow + input.headers.length * 6, budget);

  if (!loc) {
    let sheet = context.workbook.worksheets.getItemOrNullObject(ref.sheet);
    sheet.load("isNullObject");
    await context.sync();
    if (sheet.isNullObject) sheet = context.workbook.worksheets.add(ref.sheet);
    const w = input.headers.length;
    const head = sheet.getRangeByIndexes(0, 0, 1, w);
    head.values = [input.headers];
    for (let r = 0; r < total; r += chunk) {
      const n = Math.min(chunk, total - r);
      // Reserve room first: the batcher syncs what is queued before this chunk joins it.
      await batch.add(n * (perRow + w * 6));
      const range = sheet.getRangeByIndexes(1 + r, 0, n, w);
      // Text format before values: keeps leading zeros and stops "=…" from becoming a formula.
      range.numberFormat = text(n, w);
      range.values = input.rows.slice(r, r + n).map((row) => pad(row, w));
      progress.onProgress?.(Math.min(total, r + n), total);
    }
    const all = sheet.getRangeByIndexes(0, 0, total + 1, w);
    const table = sheet.tables.add(all, true);
    table.name = ref.table;
    await batch.flush();
    await batch.add(1);
    sheet.getRangeByIndexes(0, 0, total + 1, w).format.autofitColumns();
    await batch.flush();
    return;
  }

  // Existing table: our columns where they are, new ones appended at the right.
  const headers = loc.headers.slice();
  const targets = input.headers.map((h, source) => {
    let target = headers.indexOf(h);
    if (target < 0) {
      loc.table.columns.add(undefined, undefined, h);
      headers.push(h);
      target = headers.length - 1;
    }
    return { source, target };
  });
  const w = headers.length;
  const existing = Math.min(loc.dataRows, total);
  const runList = runs(targets);
  for (let r = 0; r < existing; r += chunk) {
    const n = Math.min(chunk, existing - r);
    await batch.add(n * (perRow + w * 6));
    for (const run of runList) {
      const range = loc.sheet.getRangeByIndexes(
        loc.rowIndex + 1 + r,
        loc.columnIndex + run.start,
        n,
        run.source.length,
      );
      range.numberFormat = text(n, run.source.length);
      range.values = input.rows.slice(r, r + n).map((row) => run.source.map((i) => row[i] ?? ""));
    }
    progress.onProgress?.(r + n, total);
  }
  // Appended rows: a full-width block below the body; the user's columns start empty.
  for (let r = existing; r < total; r += chunk) {
    const n = Math.min(chunk, total - r);
    await batch.add(n * (perRow + w * 6));
    const block = input.rows.slice(r, r + n).map((row) => {
      const line = new Array<string>(w).fill("");
      for (const t of targets) line[t.target] = row[t.source] ?? "";
      return line;
    });
    const range = loc.sheet.getRangeByIndexes(loc.rowIndex + 1 + r, loc.columnIndex, n, w);
    range.numberFormat = text(n, w);
    range.values = block;
    progress.onProgress?.(r + n, total);
  }
  if (total > loc.dataRows) {
    // Grow the table over the rows written below it (ExcelApi 1.13 resize, else rows stay adjacent).
    const grown = loc.sheet.getRangeByIndexes(loc.rowIndex, loc.columnIndex, total + 1, w);
    loc.table.resize?.(grown);
  }
  await batch.flush();
}

function pad(row: string[], w: number): string[] {
  if (row.length === w) return row;
  const out = row.slice(0, w);
  while (out.length < w) out.push("");
  return out;
}

export async function writeCells(
  context: Excel.RequestContext,
  ref: TableRef,
  cells: CellWrite[],
): Promise<void> {
  const loc = await locate(context, ref.table);
  if (!loc) return;
  const batch = new Batcher(context, defaultBudget);
  for (const c of cells) {
    const col = loc.headers.indexOf(c.column);
    if (col < 0 || c.row < 0 || c.row >= loc.dataRows) continue;
    await batch.add(c.value.length + 200);
    const range = loc.sheet.getRangeByIndexes(
      loc.rowIndex + 1 + c.row,
      loc.columnIndex + col,
      1,
      1,
    );
    range.numberFormat = [["@"]];
    range.values = [[c.value]];
  }
  await batch.flush();
}

export async function markRows(
  context: Excel.RequestContext,
  ref: TableRef,
  marks: RowMark[],
  options: { statusHeader: string; replaceAll: boolean },
  progress: Progress = {},
  excel: ExcelOptions = {},
): Promise<void> {
  const budget = excel.budgetBytes ?? defaultBudget;
  const loc = await locate(context, ref.table);
  if (!loc) return;
  const headers = loc.headers.slice();
  const ensure = (h: string): number => {
    let i = headers.indexOf(h);
    if (i < 0) {
      loc.table.columns.add(undefined, undefined, h);
      headers.push(h);
      i = headers.length - 1;
    }
    return i;
  };
  const statusCol = ensure(options.statusHeader);
  const markerCol = ensure(markerHeader);
  const indexOf = (h: string) => headers.indexOf(h);
  const batch = new Batcher(context, budget, progress.signal);
  const top = loc.rowIndex + 1;
  const column = (c: number, r: number, n: number) =>
    loc.sheet.getRangeByIndexes(top + r, loc.columnIndex + c, n, 1);

  if (options.replaceAll) {
    // Both columns as one block per chunk: status and marker for every row (empty when fine).
    const byRow = new Map(marks.map((m) => [m.row, m]));
    const total = loc.dataRows;
    const chunk = rowsPerChunk(160, budget);
    for (let r = 0; r < total; r += chunk) {
      const n = Math.min(chunk, total - r);
      const status: string[][] = [];
      const marker: string[][] = [];
      for (let i = r; i < r + n; i++) {
        const m = byRow.get(i);
        status.push([m?.status ?? ""]);
        marker.push([m ? markerText(m, indexOf) : ""]);
      }
      await batch.add(status.reduce((b, s) => b + (s[0]?.length ?? 0) * 1.1 + 8, 0) * 2);
      column(statusCol, r, n).values = status;
      column(markerCol, r, n).values = marker;
      progress.onProgress?.(r + n, total);
    }
    await batch.flush();
    // Formats pass: one conditional format per column reads the marker, so highlighting costs the
    // same for 10 or 10,000 invalid cells.
    await applyConditionalFormats(context, loc, headers, statusCol, markerCol);
    return;
  }
  for (const m of marks) {
    if (m.row < 0 || m.row >= loc.dataRows) continue;
    await batch.add(m.status.length * 2 + 300);
    column(statusCol, m.row, 1).values = [[m.status]];
    column(markerCol, m.row, 1).values = [[markerText(m, indexOf)]];
  }
  await batch.flush();
}

const colours = {
  error: { fill: "#FDE7E9", font: "#A4262C" },
  warning: { fill: "#FFF4CE", font: "#8A5300" },
  skipped: { fill: "#F3F2F1", font: "#605E5C" },
  ok: { fill: "#DFF6DD", font: "#107C10" },
};

async function applyConditionalFormats(
  context: Excel.RequestContext,
  loc: Located,
  headers: string[],
  statusCol: number,
  markerCol: number,
): Promise<void> {
  const rows = Math.max(1, loc.dataRows);
  const top = loc.rowIndex + 1;
  const markerRef = `$${columnLetter(loc.columnIndex + markerCol)}${top + 1}`;
  const search = (needle: string) => `=ISNUMBER(SEARCH("|${needle}|",${markerRef}))`;
  const add = (range: Excel.Range, formula: string, colour: { fill: string; font: string }) => {
    const cf = range.conditionalFormats.add("Custom");
    cf.custom.rule.formula = formula;
    cf.custom.format.fill.color = colour.fill;
    cf.custom.format.font.color = colour.font;
  };
  for (let c = 0; c < headers.length; c++) {
    if (c === markerCol) continue;
    const range = loc.sheet.getRangeByIndexes(top, loc.columnIndex + c, rows, 1);
    // Only our rules live on these ranges; a fresh set replaces the previous run's.
    range.conditionalFormats.clearAll();
    if (c === statusCol) {
      add(range, search("RE"), colours.error);
      add(range, search("RW"), colours.warning);
      add(range, search("RS"), colours.skipped);
    } else {
      add(range, search(`E${c}`), colours.error);
      add(range, search(`W${c}`), colours.warning);
    }
  }
  const marker = loc.sheet.getRangeByIndexes(
    loc.rowIndex,
    loc.columnIndex + markerCol,
    rows + 1,
    1,
  );
  marker.columnHidden = true;
  await context.sync();
}

export async function selectCell(
  context: Excel.RequestContext,
  ref: TableRef,
  row: number,
  column: string,
): Promise<void> {
  const loc = await locate(context, ref.table);
  if (!loc) return;
  const col = Math.max(0, loc.headers.indexOf(column));
  loc.sheet.activate();
  loc.sheet.getRangeByIndexes(loc.rowIndex + 1 + row, loc.columnIndex + col, 1, 1).select();
  await context.sync();
}

/** Parses `C5` or `C5:E9` into 0-based sheet rows. */
export function rowsOfAddress(address: string): number[] {
  const cells = address.replace(/^.*!/, "").split(":");
  const nums = cells.map((c) => Number(/(\d+)$/.exec(c)?.[1] ?? Number.NaN));
  const [a, b = a] = nums;
  if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b)) return [];
  const out: number[] = [];
  for (let r = Math.min(a, b); r <= Math.max(a, b) && out.length < 10_000; r++) out.push(r - 1);
  return out;
}

/** Parses `C5:E9` into 0-based sheet columns. */
export function columnsOfAddress(address: string): number[] {
  const cells = address.replace(/^.*!/, "").split(":");
  const nums = cells.map((c) => {
    const letters = /^\$?([A-Z]+)/i.exec(c)?.[1]?.toUpperCase();
    if (!letters) return Number.NaN;
    let n = 0;
    for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  });
  const [a, b = a] = nums;
  if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b)) return [];
  const out: number[] = [];
  for (let c = Math.min(a, b); c <= Math.max(a, b) && out.length < 16_384; c++) out.push(c);
  return out;
}

export type ExcelRun = <T>(fn: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Feature checks go through the host's requirement sets, never through the platform's name. */
export function supports(set: string, version: string): boolean {
  return (
    typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(set, version)
  );
}

/**
 * Our own writes must not reach our change handler (it would re-read and re-validate every row we
 * just wrote): events are off while we write, where the host allows it (ExcelApi 1.8,
 * `runtime.enableEvents`), and always back on afterwards, even when the write fails. Costs one
 * extra sync per write, however many rows.
 */
export async function withoutEvents<T>(
  ctx: Excel.RequestContext,
  fn: () => Promise<T>,
): Promise<T> {
  if (!supports("ExcelApi", "1.8")) return fn();
  ctx.runtime.enableEvents = false;
  try {
    return await fn();
  } finally {
    ctx.runtime.enableEvents = true;
    await ctx.sync();
  }
}

/** The Workbook over Excel. `run` is `Excel.run` in the add-in, a mock context in tests. */
export function createExcelWorkbook(run: ExcelRun, options: ExcelOptions = {}): Workbook {
  return {
    listSheets: () =>
      run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name");
        await ctx.sync();
        return sheets.items.map((s) => s.name);
      }),
    activeSheet: () =>
      run(async (ctx) => {
        const s = ctx.workbook.worksheets.getActiveWorksheet();
        s.load("name");
        await ctx.sync();
        return s.name;
      }),
    listTables: (sheet) =>
      run(async (ctx) => {
        const tables = ctx.workbook.worksheets.getItem(sheet).tables;
        tables.load("items/name");
        await ctx.sync();
        return tables.items.map((t) => t.name);
      }),
    ensureTable: (sheetName, name) =>
      run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem(sheetName);
        const tables = sheet.tables;
        tables.load("items/name");
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("isNullObject,address");
        await ctx.sync();
        const existing = tables.items[0];
        if (existing) return { sheet: sheetName, table: existing.name };
        if (used.isNullObject) return null;
        const table = sheet.tables.add(used, true);
        table.name = name;
        await ctx.sync();
        return { sheet: sheetName, table: name };
      }),
    readTable: (ref, progress) => run((ctx) => readTable(ctx, ref, progress, options)),
    readRow: (ref, row) => run((ctx) => readRow(ctx, ref, row)),
    writeTable: (ref, input, progress) =>
      run((ctx) => withoutEvents(ctx, () => writeTable(ctx, ref, input, progress, options))),
    writeCells: (ref, cells) => run((ctx) => withoutEvents(ctx, () => writeCells(ctx, ref, cells))),
    markRows: (ref, marks, opts, progress) =>
      run((ctx) => withoutEvents(ctx, () => markRows(ctx, ref, marks, opts, progress, options))),
    selectCell: (ref, row, column) => run((ctx) => selectCell(ctx, ref, row, column)),
    readSetting: (key) =>
      run(async (ctx) => {
        const item = ctx.workbook.settings.getItemOrNullObject(key);
        item.load("value");
        await ctx.sync();
        return item.isNullObject ? null : String(item.value);
      }),
    writeSetting: (key, value) =>
      run(async (ctx) => {
        ctx.workbook.settings.add(key, value);
        await ctx.sync();
      }),
    onEdit: (ref, listener, options = {}) =>
      run(async (ctx) => {
        const table = ctx.workbook.tables.getItem(ref.table);
        const header = table.getHeaderRowRange();
        header.load("rowIndex,columnIndex,values");
        await ctx.sync();
        const headerRow = header.rowIndex;
        const headers = (header.values[0] ?? []).map(cellText);
        const ignored = new Set([markerHeader, ...(options.ignoreColumns ?? [])]);
        const registration = table.onChanged.add(async (event) => {
          // Our own status writes fire change events too: skip edits that touch only those columns,
          // or re-validating a row would loop on its own status update.
          const cols = columnsOfAddress(event.address).map((c) => headers[c - header.columnIndex]);
          if (cols.length > 0 && cols.every((h) => h !== undefined && ignored.has(h))) return;
          const rows = rowsOfAddress(event.address)
            .map((r) => r - headerRow - 1)
            .filter((r) => r >= 0);
          if (rows.length) listener(rows);
        });
        await ctx.sync();
        return async () => {
          await Excel.run(registration.context, async (c) => {
            registration.remove();
            await c.sync();
          });
        };
      }),
  };
}
