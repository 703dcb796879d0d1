/** Reading an Excel table: locating it (two syncs), then its rows in chunks sized by the budget. */
import { type Progress, type SheetTable, type TableRef, throwIfAborted } from "../types.js";
import {
  cellText,
  defaultBudget,
  type ExcelOptions,
  estimateRowBytes,
  rowsPerChunk,
  sampleRows,
} from "./chunks.js";

export interface Located {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  headers: string[];
  /** 0-based sheet row/column of the header row's first cell. */
  rowIndex: number;
  columnIndex: number;
  dataRows: number;
}

/** Two syncs: existence, then position and headers (a method on a null object is not usable). */
export async function locate(context: Excel.RequestContext, name: string): Promise<Located | null> {
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
