/**
 * A table as the features see it: each row's values by field (through the column mapping) plus
 * the row reference users recognise, the sheet row number.
 */
import type { SheetTable, TableRef } from "../../workbook/types.js";
import { type FieldKey, fieldKeys, type Mapping, type RowValues } from "./columns.js";

export interface LoadedSheet {
  ref: TableRef;
  headers: string[];
  mapping: Mapping;
  rows: RowValues[];
  firstRow: number;
}

export function rowValues(headers: string[], line: string[], mapping: Mapping): RowValues {
  const out: RowValues = {};
  for (const key of fieldKeys) {
    const header = mapping[key];
    if (header === undefined) continue;
    const i = headers.indexOf(header);
    if (i >= 0) out[key] = line[i] ?? "";
  }
  return out;
}

export function loadSheet(ref: TableRef, table: SheetTable, mapping: Mapping): LoadedSheet {
  return {
    ref,
    headers: table.headers,
    mapping,
    rows: table.rows.map((line) => rowValues(table.headers, line, mapping)),
    firstRow: table.firstRow,
  };
}

/** The row reference sent to the worker and shown to users: the sheet row number. */
export const refOf = (sheet: Pick<LoadedSheet, "firstRow">, row: number) =>
  String(sheet.firstRow + row);
export const rowOfRef = (sheet: Pick<LoadedSheet, "firstRow">, ref: string) =>
  Number(ref) - sheet.firstRow;

export const headerOf = (sheet: Pick<LoadedSheet, "mapping">, key: FieldKey) => sheet.mapping[key];
