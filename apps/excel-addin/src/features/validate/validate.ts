/**
 * Validates every row with core's validateRow, in slices so the pane never blocks (Office warns
 * about add-ins that block for 5 s), and turns the issues into status texts, highlights, counts
 * per problem and a "next problem" walk.
 */
import {
  type Client,
  checkId,
  type ImportLink,
  type ImportRow,
  type RowIssue,
  translate,
  type UiLanguage,
  validateRow,
} from "@pulsebridge/core";
import { t } from "../../i18n/ui.js";
import { type Progress, type RowMark, throwIfAborted } from "../../workbook/types.js";
import {
  columnByKey,
  columnOfIssue,
  type FieldKey,
  statusLabels,
  valuesToImportRow,
} from "../sheet/columns.js";
import { type LoadedSheet, refOf } from "../sheet/model.js";
import { cellText } from "../sheet/values.js";

export interface RowResult {
  row: number;
  ref: string;
  importRow: ImportRow;
  client: Client | null;
  /** Errors and warnings, each with the column it belongs to. */
  issues: (RowIssue & { column: FieldKey | null })[];
  /** Set by the user (a duplicate they chose not to keep): skipped by validation and push. */
  skipped?: string;
}

export interface ProblemCount {
  code: string;
  severity: "error" | "warning";
  count: number;
}

export interface Validation {
  results: RowResult[];
  counts: { rows: number; valid: number; invalid: number; warnings: number; skipped: number };
  problems: ProblemCount[];
}

export interface ValidateContext {
  /** Links as pulled, by AdminPulse ID: sent unchanged when their cells were not edited. */
  pulledLinks?: Map<string, ImportLink[]>;
  /** Rows the user excluded (duplicates), with the reason shown in the status column. */
  skipped?: Map<number, string>;
}

export function validateOne(sheet: LoadedSheet, row: number, ctx: ValidateContext = {}): RowResult {
  const values = sheet.rows[row] ?? {};
  const ref = refOf(sheet, row);
  const skipped = ctx.skipped?.get(row);
  const pulled = values.adminpulseId ? ctx.pulledLinks?.get(values.adminpulseId) : undefined;
  const { row: importRow, linkColumnOf } = valuesToImportRow(values, ref, pulled);
  if (skipped) return { row, ref, importRow, client: null, issues: [], skipped };
  const result = validateRow(importRow);
  // The API gets codes, whatever words the sheet uses ("Société", "eenmanszaak", "Français").
  if (result.ok) {
    if (importRow.kind?.trim()) importRow.kind = result.client.kind;
    if (importRow.language?.trim() && result.client.language)
      importRow.language = result.client.language;
  }
  const issues = result.ok ? result.warnings : result.issues;
  return {
    row,
    ref,
    importRow,
    client: result.ok ? result.client : null,
    issues: issues.map((i) => ({ ...i, column: columnOfIssue(i.field, linkColumnOf) })),
  };
}

const yieldToUi = () => new Promise<void>((r) => setTimeout(r, 0));

export async function validateSheet(
  sheet: LoadedSheet,
  ctx: ValidateContext = {},
  progress: Progress = {},
): Promise<Validation> {
  const results: RowResult[] = [];
  const slice = 500;
  for (let i = 0; i < sheet.rows.length; i++) {
    if (i % slice === 0 && i > 0) {
      throwIfAborted(progress.signal);
      progress.onProgress?.(i, sheet.rows.length);
      await yieldToUi();
    }
    results.push(validateOne(sheet, i, ctx));
  }
  progress.onProgress?.(sheet.rows.length, sheet.rows.length);
  return summarize(results);
}

export function isInvalid(r: RowResult): boolean {
  return !r.skipped && r.issues.some((i) => i.severity === "error");
}

export function summarize(results: RowResult[]): Validation {
  const problems = new Map<string, ProblemCount>();
  let invalid = 0;
  let warnings = 0;
  let skipped = 0;
  for (const r of results) {
    if (r.skipped) {
      skipped++;
      continue;
    }
    if (isInvalid(r)) invalid++;
    else if (r.issues.length) warnings++;
    for (const i of r.issues) {
      const p = problems.get(i.code) ?? { code: i.code, severity: i.severity, count: 0 };
      p.count++;
      problems.set(i.code, p);
    }
  }
  return {
    results,
    counts: {
      rows: results.length,
      valid: results.length - invalid - skipped,
      invalid,
      warnings,
      skipped,
    },
    problems: [...problems.values()].sort((a, b) =>
      a.severity === b.severity ? b.count - a.count : a.severity === "error" ? -1 : 1,
    ),
  };
}

/**
 * An issue's message in the user's language, its parameters in words too: a kind as the sheet
 * writes it, a duplicate's key as "Ondernemingsnummer 0864.144.195" rather than the API's
 * "enterpriseNumber:0864144195".
 */
export function issueMessage(issue: Pick<RowIssue, "code" | "params">, lang: UiLanguage): string {
  const params = { ...(issue.params ?? {}) };
  if (typeof params.kind === "string")
    params.kind = cellText("kind", params.kind, lang).toLowerCase();
  if (typeof params.key === "string") params.key = describeKey(params.key, lang);
  return translateIssue(issue.code, lang, params);
}

/**
 * Core's text, except where the pane writes a value otherwise: the sheet shows languages by name,
 * so the hint names those (the codes nl, fr, en, de are read as well).
 */
const paneTexts: Record<string, Record<UiLanguage, string>> = {
  "row.language_unknown": {
    nl: "'{value}' is geen gekende taal; schrijf Nederlands, Français, English of Deutsch.",
    fr: "'{value}' n'est pas une langue connue ; écrivez Nederlands, Français, English ou Deutsch.",
    en: "'{value}' is not a known language; write Nederlands, Français, English or Deutsch.",
  },
};
export function translateIssue(
  code: string,
  lang: UiLanguage,
  params: Record<string, string | number> = {},
): string {
  const own = paneTexts[code]?.[lang];
  if (!own) return translate(code, lang, params);
  return own.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
}

function describeKey(key: string, lang: UiLanguage): string {
  const colon = key.indexOf(":");
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  const label = (k: FieldKey) => columnByKey.get(k)?.labels[lang] ?? k;
  if (kind === "enterpriseNumber" || kind === "nationalNumber") {
    const c = checkId(kind === "enterpriseNumber" ? "enterprise" : "insz", value);
    return `${label(kind)} ${c.valid ? c.formatted : value}`;
  }
  if (kind === "nameAndPostcode")
    return t(lang, "issue.nameAndPostcode", { postcode: value.slice(value.lastIndexOf("|") + 1) });
  return key;
}

/** A problem's text without a particular row's values ("'…' is not a valid date"), for the counts. */
export function problemText(code: string, lang: UiLanguage): string {
  return translateIssue(code, lang)
    .replace(/\{\w+\}/g, "…")
    .replace(/…\./g, "…");
}

/** One issue as the user reads it: "Ondernemingsnummer: <message>". */
export function issueText(issue: RowIssue & { column: FieldKey | null }, lang: UiLanguage): string {
  const label = issue.column ? columnByKey.get(issue.column)?.labels[lang] : undefined;
  const message = issueMessage(issue, lang);
  return label ? `${label}: ${message}` : message;
}

export function statusText(r: RowResult, lang: UiLanguage): string {
  if (r.skipped) return r.skipped;
  if (r.issues.length === 0) return t(lang, "status.ok");
  const sorted = [...r.issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1,
  );
  const prefix = isInvalid(r) ? "✖ " : "⚠ ";
  return prefix + sorted.map((i) => issueText(i, lang)).join(" · ");
}

export function markFor(r: RowResult, sheet: LoadedSheet, lang: UiLanguage): RowMark {
  const cells: RowMark["cells"] = [];
  for (const i of r.issues) {
    const header = i.column ? sheet.mapping[i.column] : undefined;
    if (header && !cells.some((c) => c.column === header && c.level === "error"))
      cells.push({ column: header, level: i.severity });
  }
  return {
    row: r.row,
    level: r.skipped ? "skipped" : isInvalid(r) ? "error" : r.issues.length ? "warning" : "ok",
    status: statusText(r, lang),
    cells,
  };
}

export const statusHeader = (sheet: LoadedSheet, lang: UiLanguage) =>
  sheet.headers.find((h) => Object.values(statusLabels).includes(h)) ?? statusLabels[lang];

/** The problem after (row, column) in reading order, wrapping around; `code` filters to one kind. */
export function nextProblem(
  v: Validation,
  after: { row: number; column: FieldKey | null } | null,
  code?: string,
): { row: number; column: FieldKey | null; issue: RowIssue } | null {
  const order = (c: FieldKey | null) => (c ? [...columnByKey.keys()].indexOf(c) : -1);
  const all: { row: number; column: FieldKey | null; issue: RowIssue }[] = [];
  for (const r of v.results)
    for (const i of r.issues)
      if (!code || i.code === code) all.push({ row: r.row, column: i.column, issue: i });
  all.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  if (all.length === 0) return null;
  if (!after) return all[0] ?? null;
  return (
    all.find(
      (p) => p.row > after.row || (p.row === after.row && order(p.column) > order(after.column)),
    ) ??
    all[0] ??
    null
  );
}
