/**
 * The validation marks on the sheet: a status column and a hidden marker column written in chunks,
 * and one conditional format per column that reads the marker (so highlighting costs the same for
 * 10 or 10,000 invalid cells); and selecting a problem's cell.
 */
import { markerHeader, markerText, type Progress, type RowMark, type TableRef } from "../types.js";
import { Batcher, columnLetter, defaultBudget, type ExcelOptions, rowsPerChunk } from "./chunks.js";
import { type Located, locate } from "./read.js";

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
