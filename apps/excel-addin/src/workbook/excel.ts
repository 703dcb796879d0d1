/**
 * The Office.js adapter. Every operation takes an `Excel.RequestContext` and batches: the number of
 * `context.sync()` calls depends on the payload size (≤ `budgetBytes` per sync, Excel on the web
 * refuses requests or responses over 5 MB), never on the number of rows or cells.
 *
 * Shape of each operation: one or two syncs to locate the table, then values in chunks sized by
 * estimated JSON bytes, then formats (text format, conditional formats) in a second pass.
 */

import { cellText, columnsOfAddress, type ExcelOptions, rowsOfAddress } from "./excel/chunks.js";
import { markRows, selectCell } from "./excel/marks.js";
import { readRow, readTable } from "./excel/read.js";
import { writeCells, writeTable } from "./excel/write.js";
import { markerHeader, type Workbook } from "./types.js";

export {
  cellText,
  columnLetter,
  columnsOfAddress,
  type ExcelOptions,
  estimateRowBytes,
  rowsOfAddress,
  rowsPerChunk,
} from "./excel/chunks.js";
export { markRows, selectCell } from "./excel/marks.js";
export { readRow, readTable } from "./excel/read.js";
export { writeCells, writeTable } from "./excel/write.js";

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
