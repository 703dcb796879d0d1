/**
 * The seam between the add-in and the spreadsheet. Features only talk to this interface, so they
 * run the same against Excel (excel.ts, Office.js) and against the in-memory harness (memory.ts).
 *
 * Coordinates: `row` is the 0-based index of a data row (the header row excluded); columns are
 * addressed by header text, because users insert, move and rename columns of their own.
 */

/** Which table: Excel table names are unique in a workbook; `sheet` is where to create it. */
export interface TableRef {
  sheet: string;
  table: string;
}

export interface SheetTable {
  headers: string[];
  /** Every cell as text; numbers are rendered without grouping, empty cells are "". */
  rows: string[][];
  /** 1-based sheet row of the first data row, what the user sees in Excel's row header. */
  firstRow: number;
}

export interface Progress {
  signal?: AbortSignal;
  /** Called after each batch with the number of rows done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface WriteTableInput {
  /** Our columns, in our order. Existing columns with other headers are the user's and left untouched. */
  headers: string[];
  /** Values for our columns, one array per row, in `headers` order. Row i is written to data row i. */
  rows: string[][];
}

export type MarkLevel = "ok" | "error" | "warning" | "skipped";

export interface RowMark {
  row: number;
  level: MarkLevel;
  /** Text for the status column, already in the user's language. */
  status: string;
  /** Cells to highlight, by header. */
  cells: { column: string; level: "error" | "warning" }[];
}

export interface CellWrite {
  row: number;
  column: string;
  value: string;
}

export interface Workbook {
  listSheets(): Promise<string[]>;
  activeSheet(): Promise<string>;
  /** Names of tables on a sheet (the first one is the default for "start from this sheet"). */
  listTables(sheet: string): Promise<string[]>;
  /** Turns the sheet's used range into a table named `table` when it has none; returns the table's ref. */
  ensureTable(sheet: string, table: string): Promise<TableRef | null>;
  readTable(ref: TableRef, progress?: Progress): Promise<SheetTable | null>;
  /** One data row, in header order, or null when the row no longer exists. */
  readRow(ref: TableRef, row: number): Promise<{ headers: string[]; values: string[] } | null>;
  /**
   * Writes our columns in place: existing rows are overwritten column by column (never the user's
   * columns), extra rows are appended, missing columns are added at the right. Creates the sheet
   * and table when absent. Never deletes a row.
   */
  writeTable(ref: TableRef, input: WriteTableInput, progress?: Progress): Promise<void>;
  /** Writes single cells (fixes). Unknown headers are ignored. */
  writeCells(ref: TableRef, cells: CellWrite[]): Promise<void>;
  /**
   * Sets the status column (header `statusHeader`, created when absent) and cell highlights.
   * With `replaceAll`, rows not in `marks` are cleared; otherwise only the given rows change.
   */
  markRows(
    ref: TableRef,
    marks: RowMark[],
    options: { statusHeader: string; replaceAll: boolean },
    progress?: Progress,
  ): Promise<void>;
  selectCell(ref: TableRef, row: number, column: string): Promise<void>;
  /** Calls `listener` with the data rows a user edit touched. Returns a function that stops it. */
  /**
   * A value stored in the workbook itself (Excel: document settings), so it travels with the file:
   * e.g. the scope a table was pulled with. `null` when never written.
   */
  readSetting(key: string): Promise<string | null>;
  writeSetting(key: string, value: string): Promise<void>;
  onEdit(
    ref: TableRef,
    listener: (rows: number[]) => void,
    options?: { ignoreColumns?: string[] },
  ): Promise<() => Promise<void>>;
}

/** Thrown (rejected) when a long read or write is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  readonly code = "cancelled";
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Header of the hidden column that carries highlight markers for conditional formats. */
export const markerHeader = "pulsebridge_marks";

/**
 * The hidden marker cell: `|E3|W5|R:E|` = error in column 3, warning in column 5, row level error.
 * Excel's conditional formats search this text, so one rule per column highlights every row.
 */
export function markerText(mark: RowMark, indexOf: (header: string) => number): string {
  const parts = mark.cells
    .map((c) => ({ i: indexOf(c.column), level: c.level }))
    .filter((c) => c.i >= 0)
    .map((c) => `${c.level === "error" ? "E" : "W"}${c.i}`);
  const row = { ok: "", error: "RE", warning: "RW", skipped: "RS" }[mark.level];
  if (row) parts.push(row);
  return parts.length ? `|${parts.join("|")}|` : "";
}
