/**
 * The user's choices on a review (what to overwrite, what to add), the cells a refresh rewrites,
 * and how a review's names, numbers and values are shown.
 */
import {
  blankClient,
  type Client,
  type ComparableField,
  noAddress,
  type ReconcileChoices,
  type ReconcileResult,
  setValueAt,
  toImportRow,
  type UiLanguage,
} from "@pulsebridge/core";
import { columns, type FieldKey, importRowToValues } from "../sheet/columns.js";
import { cellText } from "../sheet/values.js";

type Match = ReconcileResult["matching"][number];
type NewClient = ReconcileResult["onlyInImport"][number];

export const reviewName = (x: Match | NewClient) => x.name ?? x.client?.name ?? "";
export const reviewNumbers = (x: Match | NewClient) => ({
  enterpriseNumber: x.enterpriseNumber ?? x.client?.enterpriseNumber ?? null,
  nationalNumber: x.nationalNumber ?? x.client?.nationalNumber ?? null,
});

/**
 * New clients are ticked to be added (the user can untick); the user's own edits since the pull
 * are ticked to be written; everything else (AdminPulse's changes, conflicts, unknown) is kept.
 */
export function initialChoices(result: ReconcileResult): ReconcileChoices {
  const overwrite: Record<string, ComparableField[]> = {};
  for (const m of result.matching) {
    const edits = m.differences.filter((d) => d.origin === "sheet").map((d) => d.field);
    if (edits.length > 0) overwrite[m.id] = edits;
  }
  return { overwrite, add: result.onlyInImport.map((r) => r.ref) };
}

const originLabels: Record<string, Record<UiLanguage, string>> = {
  sheet: { nl: "(uw wijziging)", fr: "(votre modification)", en: "(your edit)" },
  source: {
    nl: "(gewijzigd in AdminPulse)",
    fr: "(modifié dans AdminPulse)",
    en: "(changed in AdminPulse)",
  },
  both: { nl: "(conflict)", fr: "(conflit)", en: "(conflict)" },
  unknown: { nl: "", fr: "", en: "" },
};

/** Who changed a differing field since the pull, in the user's language (empty when unknown). */
export function originLabel(origin: string, lang: UiLanguage): string {
  return originLabels[origin]?.[lang] ?? "";
}

/** Whether a difference may be offered as "write the sheet's value": never AdminPulse's news. */
export const canOverwrite = (origin: string) => origin !== "source";

export function setOverwrite(
  choices: ReconcileChoices,
  id: string,
  field: ComparableField,
  overwrite: boolean,
): ReconcileChoices {
  const current = new Set(choices.overwrite[id] ?? []);
  if (overwrite) current.add(field);
  else current.delete(field);
  const next = { ...choices.overwrite };
  if (current.size) next[id] = [...current];
  else delete next[id];
  return { ...choices, overwrite: next };
}

/** Silverfin's "use the data from": take every differing field of one client from the sheet. */
export function useAllFromSheet(
  choices: ReconcileChoices,
  result: ReconcileResult,
  id: string,
): ReconcileChoices {
  const m = result.matching.find((x) => x.id === id);
  if (!m) return choices;
  // Choosing one client's sheet data is choosing its conflicts too; never AdminPulse's changes.
  const fields = m.differences.filter((d) => canOverwrite(d.origin)).map((d) => d.field);
  return { ...choices, overwrite: { ...choices.overwrite, [id]: fields } };
}

/** Accounton's dropdown: overwrite one field for every matching client that differs in it. */
export function overwriteFieldEverywhere(
  choices: ReconcileChoices,
  result: ReconcileResult,
  field: ComparableField,
  overwrite: boolean,
): ReconcileChoices {
  let next = choices;
  // In bulk only the user's edits and unknowns: a conflict waits for a choice per client.
  for (const m of result.matching)
    if (
      m.differences.some(
        (d) => d.field === field && (d.origin === "sheet" || d.origin === "unknown"),
      )
    )
      next = setOverwrite(next, m.id, field, overwrite);
  return next;
}

/** The sheet columns a field is shown in (links span the four link columns). */
export function columnsOfField(field: ComparableField): FieldKey[] {
  return columns.filter((c) => c.field === field).map((c) => c.key);
}

/**
 * "Refresh these cells": AdminPulse's newer values for the differences of origin `source` (or the
 * given origins), as sheet values by row ref and column, for the pane to write into the sheet.
 */
export function refreshCells(
  result: ReconcileResult,
  lang: UiLanguage,
  origins: readonly string[] = ["source"],
): { ref: string; key: FieldKey; value: string }[] {
  const out: { ref: string; key: FieldKey; value: string }[] = [];
  for (const m of result.matching) {
    const diffs = m.differences.filter((d) => origins.includes(d.origin));
    const fields = diffs.map((d) => d.field);
    if (fields.length === 0) continue;
    const values = importRowToValues(toImportRow(m.existing ?? targetValues(diffs), m.ref), lang);
    for (const f of fields)
      for (const key of columnsOfField(f)) out.push({ ref: m.ref, key, value: values[key] ?? "" });
  }
  return out;
}

/** A client holding the target's values of these differences (a compact answer has no record). */
function targetValues(diffs: Match["differences"]): Client {
  const c: Client = { ...blankClient("company", ""), address: { ...noAddress } };
  for (const d of diffs) setValueAt(c, d.field, d.existing);
  return c;
}

export function setAdd(choices: ReconcileChoices, ref: string, add: boolean): ReconcileChoices {
  const set = new Set(choices.add);
  if (add) set.add(ref);
  else set.delete(ref);
  return { ...choices, add: [...set] };
}

/** A field's value as the sheet would show it: a kind or a language in words. */
export function showFieldValue(field: ComparableField, v: unknown, lang: UiLanguage): string {
  return showValue(typeof v === "string" ? cellText(field, v, lang) : v);
}

/** Show a field value from the client model as text in the review table. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v))
    return (
      v
        .map((l) =>
          typeof l === "object" && l && "name" in l
            ? String((l as { name: unknown }).name ?? "")
            : String(l),
        )
        .join("; ") || "—"
    );
  if (typeof v === "object") {
    if ("name" in v) return String((v as { name: unknown }).name ?? "—");
    return (
      Object.values(v)
        .filter((x) => x !== null && x !== "")
        .join(" ") || "—"
    );
  }
  return String(v);
}
