/**
 * Writing an Excel table: values and their text format in chunks sized by the budget, into a new
 * table or into an existing one (our columns where they are, new ones at the right).
 */
import type { CellWrite, Progress, TableRef, WriteTableInput } from "../types.js";
import {
  Batcher,
  defaultBudget,
  type ExcelOptions,
  estimateRowBytes,
  rowsPerChunk,
  sampleRows,
} from "./chunks.js";
import { locate } from "./read.js";

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
