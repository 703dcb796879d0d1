/**
 * The KBO register on the sheet: each pulled row's check (POST /v1/register/check, 1,000 ids a
 * call), shown as a "Register" warning in the row's status in the user's language, and for each
 * finding with a register value, the cell writes that take it. Nothing is written until the user
 * clicks: `takeRegisterValue` only returns the writes.
 */
import type { Address, ClientResource, UiLanguage } from "@pulsebridge/core";
import { checkId } from "@pulsebridge/core";
import {
  type ClientRegisterCheck,
  isDiffering,
  REGISTER_BULK_MAX,
  type RegisterFinding,
} from "@pulsebridge/kbo/portable";
import type { Api } from "../../api/client.js";
import { type CellWrite, type RowMark, throwIfAborted } from "../../workbook/types.js";
import type { FieldKey } from "../sheet/columns.js";
import type { LoadedSheet } from "../sheet/model.js";

export interface RowRegister {
  row: number;
  clientId: string;
  check: ClientRegisterCheck;
}

export interface SheetRegister {
  snapshotDate: string | null;
  rows: RowRegister[];
}

const texts = {
  label: { nl: "KBO-register", fr: "Registre BCE", en: "KBO register" },
  ok: { nl: "in orde", fr: "conforme", en: "matches" },
  notLoaded: {
    nl: "nog niet geladen",
    fr: "pas encore chargé",
    en: "not loaded yet",
  },
  take: {
    nl: "Waarde uit het register overnemen",
    fr: "Reprendre la valeur du registre",
    en: "Take the register's value",
  },
} as const;
export const registerText = (key: keyof typeof texts, lang: UiLanguage) => texts[key][lang];

/** dd-mm-yyyy for nl/fr (as the KBO writes it), ISO for en. */
const shownDate = (iso: string | null, lang: UiLanguage) =>
  iso === null ? "" : lang === "en" ? iso : iso.split("-").reverse().join("-");

/**
 * Checks every row of the sheet that belongs to a pulled client (matched by AdminPulse ID), in
 * calls of at most 1,000 ids.
 */
export async function checkSheetAgainstRegister(options: {
  api: Api;
  sheet: LoadedSheet;
  clients: ClientResource[];
  lang: UiLanguage;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}): Promise<SheetRegister> {
  const idOf = new Map<string, string>();
  for (const c of options.clients)
    if (c.sourceIds.adminpulseId) idOf.set(c.sourceIds.adminpulseId, c.id);
  const rowsOf = new Map<string, number[]>();
  options.sheet.rows.forEach((values, row) => {
    const id = values.adminpulseId ? idOf.get(values.adminpulseId.trim()) : undefined;
    if (id) rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
  });
  const ids = [...rowsOf.keys()];
  const out: SheetRegister = { snapshotDate: null, rows: [] };
  for (let i = 0; i < ids.length; i += REGISTER_BULK_MAX) {
    throwIfAborted(options.signal);
    const res = await options.api.registerCheck(
      ids.slice(i, i + REGISTER_BULK_MAX),
      options.lang,
      options.signal,
    );
    out.snapshotDate = res.snapshotDate;
    for (const check of res.data)
      for (const row of rowsOf.get(check.clientId) ?? [])
        out.rows.push({ row, clientId: check.clientId, check });
    options.onProgress?.(Math.min(ids.length, i + REGISTER_BULK_MAX), ids.length);
  }
  out.rows.sort((a, b) => a.row - b.row);
  return out;
}

/** Does the row differ from the register (what the list filter calls "differs")? */
export const differs = (r: RowRegister) => isDiffering(r.check.status);

/** "KBO-register 04-10-2025: <finding> · <finding>" in the user's language; empty when not judged. */
export function registerStatus(r: RowRegister, lang: UiLanguage): string {
  const head = `${registerText("label", lang)} ${shownDate(r.check.snapshotDate, lang)}`.trim();
  if (r.check.status === "not_applicable") return "";
  if (r.check.status === "not_loaded") return `${head}: ${registerText("notLoaded", lang)}`;
  const shown = r.check.findings.filter((f) => f.severity !== "info");
  if (shown.length === 0) return `${head}: ${registerText("ok", lang)}`;
  return `${head}: ${shown.map((f) => f.localizedMessage).join(" · ")}`;
}

/** The sheet columns a finding is about. */
function columnsOf(f: RegisterFinding): FieldKey[] {
  if (f.field === "address") return ["street", "number", "box", "postalCode", "city", "country"];
  return [f.field];
}

/**
 * The row's validation mark with the register added: its status appended as a warning, the
 * cells concerned highlighted as warnings (an error already on a cell stays an error).
 */
export function withRegister(
  mark: RowMark,
  r: RowRegister | undefined,
  sheet: LoadedSheet,
  lang: UiLanguage,
): RowMark {
  if (!r || mark.level === "skipped") return mark;
  const status = registerStatus(r, lang);
  if (!status) return mark;
  const cells = [...mark.cells];
  if (differs(r)) {
    for (const f of r.check.findings) {
      if (f.severity === "info") continue;
      const header = sheet.mapping[columnsOf(f)[0] as FieldKey];
      if (header && !cells.some((c) => c.column === header))
        cells.push({ column: header, level: "warning" });
    }
  }
  // A row valid for the push but differing from the register becomes a warning row.
  if (mark.level === "ok" && differs(r))
    return { ...mark, level: "warning", status: `⚠ ${status}`, cells };
  return { ...mark, status: `${mark.status} · ${status}`, cells };
}

export interface RegisterFix {
  row: number;
  code: string;
  field: RegisterFinding["field"];
  /** The finding as the user reads it. */
  message: string;
  /** What taking the register's value writes (only mapped columns). */
  writes: CellWrite[];
}

function addressWrites(sheet: LoadedSheet, row: number, a: Address): CellWrite[] {
  const parts: [FieldKey, string | null][] = [
    ["street", a.street],
    ["number", a.number],
    ["box", a.box],
    ["postalCode", a.postalCode],
    ["city", a.city],
    ["country", a.country],
  ];
  return parts.flatMap(([key, value]) => {
    const column = sheet.mapping[key];
    return column ? [{ row, column, value: value ?? "" }] : [];
  });
}

/** Every finding whose register value can be taken into the sheet, with its writes. */
export function registerFixes(sheet: LoadedSheet, register: SheetRegister): RegisterFix[] {
  const out: RegisterFix[] = [];
  for (const r of register.rows) {
    for (const f of r.check.findings) {
      // Only a register *value* can be taken: a juridical situation is a fact about the
      // enterprise, not a value for the number cell (only via_establishment offers a number).
      if (f.registerValue === null) continue;
      if (f.field === "enterpriseNumber" && f.code !== "kbo.via_establishment") continue;
      let writes: CellWrite[] = [];
      if (f.field === "address" && typeof f.registerValue === "object")
        writes = addressWrites(sheet, r.row, f.registerValue);
      else if (typeof f.registerValue === "string" && f.field !== "address") {
        const column = sheet.mapping[f.field];
        const id = f.field === "enterpriseNumber" ? checkId("enterprise", f.registerValue) : null;
        const value = id?.valid ? id.formatted : f.registerValue;
        if (column && sheet.rows[r.row]?.[f.field] !== value)
          writes = [{ row: r.row, column, value }];
      }
      if (writes.length > 0)
        out.push({ row: r.row, code: f.code, field: f.field, message: f.localizedMessage, writes });
    }
  }
  return out;
}

/**
 * The user clicked "take the register's value": the writes to make. The caller writes them
 * (workbook.writeCells) and re-validates the row; the row is not pushed until the user pushes.
 */
export const takeRegisterValue = (fix: RegisterFix): CellWrite[] => fix.writes;

/**
 * The sheet's register state once the user took a value: that finding is settled on the sheet
 * (the next check confirms it against the server's copy once pushed).
 */
export function afterTaking(register: SheetRegister, fix: RegisterFix): SheetRegister {
  return {
    ...register,
    rows: register.rows.map((r) => {
      if (r.row !== fix.row) return r;
      const findings = r.check.findings.filter((f) => f.code !== fix.code);
      const status =
        r.check.status === "differs" && findings.every((f) => f.severity === "info")
          ? "ok"
          : r.check.status;
      return { ...r, check: { ...r.check, findings, status } };
    }),
  };
}
