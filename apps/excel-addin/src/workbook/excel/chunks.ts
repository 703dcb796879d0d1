/**
 * What every Excel operation shares: payloads measured in estimated JSON bytes and queued until a
 * sync would pass the budget (Excel on the web refuses requests or responses over 5 MB), and the
 * conversions between cells, column letters and addresses.
 */
import { throwIfAborted } from "../types.js";

export interface ExcelOptions {
  /** Target payload per sync. 2.5 MB leaves room under the 5 MB limit for Office's own envelope. */
  budgetBytes?: number;
}
export const defaultBudget = 2_500_000;
/** Rows sampled to estimate the size of a table before reading it in chunks. */
export const sampleRows = 200;

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

/** Queues operations and syncs whenever the queued payload reaches the budget. */
export class Batcher {
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
