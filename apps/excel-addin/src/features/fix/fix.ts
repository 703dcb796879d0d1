/**
 * Fixes: each invalid cell's suggestions, the safe ones (spelling only) in bulk, and duplicate
 * rows side by side. A checksum guess is never applied without the user picking it.
 */
import { checkId, type UiLanguage } from "@pulsebridge/core";
import type { CellWrite } from "../../workbook/types.js";
import type { FieldKey, RowValues } from "../sheet/columns.js";
import type { LoadedSheet } from "../sheet/model.js";
import { cellText } from "../sheet/values.js";
import type { RowResult, Validation } from "../validate/validate.js";

export interface CellFix {
  row: number;
  ref: string;
  column: FieldKey;
  header: string;
  current: string;
  code: string;
  /** Candidates, most likely first; `safe` marks the one that only changes the spelling. */
  options: { value: string; safe: boolean }[];
}

/** `lang`: suggested kinds and languages are offered as the words the sheet uses. */
export function fixesFor(sheet: LoadedSheet, v: Validation, lang: UiLanguage = "en"): CellFix[] {
  const out: CellFix[] = [];
  for (const r of v.results) out.push(...fixesForRow(sheet, r, lang));
  return out;
}

export function fixesForRow(sheet: LoadedSheet, r: RowResult, lang: UiLanguage = "en"): CellFix[] {
  const out: CellFix[] = [];
  for (const i of r.issues) {
    if (!i.column) continue;
    const header = sheet.mapping[i.column];
    if (!header) continue;
    const current = sheet.rows[r.row]?.[i.column] ?? "";
    const values = new Map<string, boolean>();
    if (i.safeFix !== null && i.safeFix !== current) values.set(i.safeFix, true);
    for (const raw of i.suggestions) {
      const s =
        i.column === "city"
          ? townOf(raw, sheet.rows[r.row]?.postalCode)
          : displayForm(i.column, raw, lang);
      if (s === null) continue;
      if (s !== current && !values.has(s)) values.set(s, false);
    }
    if (values.size === 0) continue;
    out.push({
      row: r.row,
      ref: r.ref,
      column: i.column,
      header,
      current,
      code: i.code,
      options: [...values].map(([value, safe]) => ({ value, safe })),
    });
  }
  return out;
}

/**
 * A postcode ↔ town suggestion comes as a pair ("9000 Gent", "2000 Antwerpen"). In the town cell
 * only the pair with the row's own postcode is a fix (its town); the other pairs say the postcode
 * is wrong, which the message names, and would put a postcode into the town cell.
 */
function townOf(pair: string, postcode: string | undefined): string | null {
  const p = postcode?.trim();
  return p && pair.startsWith(`${p} `) ? pair.slice(p.length + 1) : null;
}

/** Suggestions come normalized (digits only, codes); the sheet shows them as people write them. */
function displayForm(column: FieldKey, value: string, lang: UiLanguage): string {
  if (column === "kind" || column === "language") return cellText(column, value, lang);
  const kind =
    column === "enterpriseNumber" ? "enterprise" : column === "nationalNumber" ? "insz" : null;
  if (!kind) return value;
  const c = checkId(kind, value);
  return c.valid ? c.formatted : value;
}

/** Every safe fix of the sheet: formatting and lost leading zeros only, never a checksum guess. */
export function safeFixes(sheet: LoadedSheet, v: Validation): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const fix of fixesFor(sheet, v)) {
    const safe = fix.options.find((o) => o.safe);
    if (safe) writes.push({ row: fix.row, column: fix.header, value: safe.value });
  }
  return writes;
}

/** Applies writes to the loaded copy too, so the pane and the sheet agree without a re-read. */
export function applyToSheet(sheet: LoadedSheet, writes: CellWrite[]): void {
  const keyOf = new Map(Object.entries(sheet.mapping).map(([k, h]) => [h, k as FieldKey]));
  for (const w of writes) {
    const key = keyOf.get(w.column);
    const row = sheet.rows[w.row];
    if (key && row) row[key] = w.value;
  }
}

export interface DuplicateGroup {
  key: string;
  label: string;
  rows: number[];
}

/** Rows describing the same client (same enterprise or national number), before any push. */
export function findDuplicates(
  sheet: LoadedSheet,
  skipped: Map<number, string> = new Map(),
): DuplicateGroup[] {
  const groups = new Map<string, DuplicateGroup>();
  const add = (key: string, label: string, row: number) => {
    const g = groups.get(key) ?? { key, label, rows: [] };
    g.rows.push(row);
    groups.set(key, g);
  };
  sheet.rows.forEach((values: RowValues, row) => {
    if (skipped.has(row)) return;
    const e = values.enterpriseNumber?.trim();
    if (e) {
      const c = checkId("enterprise", e);
      if (c.valid) add(`enterprise:${c.normalized}`, c.formatted, row);
    }
    const n = values.nationalNumber?.trim();
    if (n && !e) {
      const c = checkId("insz", n);
      if (c.valid) add(`insz:${c.normalized}`, c.formatted, row);
    }
  });
  return [...groups.values()].filter((g) => g.rows.length > 1);
}
