/**
 * "Copy the review to a sheet": every bucket as rows of a new table on a sheet of its own (never
 * over the user's data), in the pane's language, one row per differing field, so the review can
 * be filtered, shared or printed in Excel.
 */
import type { ReconcileChoices, ReconcileResult, UiLanguage } from "@pulsebridge/core";
import {
  originLabel,
  reviewName,
  reviewNumbers,
  showFieldValue,
  showValue,
} from "../../features/review/choices.js";
import { columnOfIssue, columns } from "../../features/sheet/columns.js";
import { issueText } from "../../features/validate/validate.js";
import { t, type UiKey } from "../../i18n/ui.js";

const headerKeys: UiKey[] = [
  "copy.bucket",
  "copy.row",
  "copy.name",
  "copy.enterprise",
  "copy.field",
  "copy.sheet",
  "copy.target",
  "copy.origin",
  "copy.choice",
];

const fieldLabel = (field: string, lang: UiLanguage) =>
  columns.find((c) => c.field === field)?.labels[lang] ??
  (field === "links" ? (columns.find((c) => c.key === "directors")?.labels[lang] ?? field) : field);

export function reviewTable(
  r: ReconcileResult,
  choices: ReconcileChoices | null,
  lang: UiLanguage,
): { headers: string[]; rows: string[][] } {
  const tr = (k: UiKey) => t(lang, k);
  const added = new Set(choices?.add ?? []);
  const rows: string[][] = [];
  for (const n of r.onlyInImport)
    rows.push([
      tr("copy.bucket.new"),
      n.ref,
      reviewName(n),
      reviewNumbers(n).enterpriseNumber ?? "",
      "",
      "",
      "",
      "",
      tr(added.has(n.ref) ? "copy.choice.add" : "copy.choice.skip"),
    ]);
  for (const m of r.matching) {
    const chosen = new Set(choices?.overwrite[m.id] ?? []);
    for (const d of m.differences)
      rows.push([
        tr("copy.bucket.changed"),
        m.ref,
        reviewName(m),
        reviewNumbers(m).enterpriseNumber ?? "",
        fieldLabel(d.field, lang),
        showFieldValue(d.field, d.imported, lang),
        showFieldValue(d.field, d.existing, lang),
        originLabel(d.origin, lang).replace(/^\(|\)$/g, ""),
        tr(chosen.has(d.field) ? "copy.choice.overwrite" : "copy.choice.keep"),
      ]);
  }
  for (const x of r.onlyInTarget)
    rows.push([tr("copy.bucket.target"), "", x.name, x.enterpriseNumber ?? "", "", "", "", "", ""]);
  for (const x of r.invalid)
    rows.push([
      tr("copy.bucket.invalid"),
      x.ref,
      "",
      "",
      "",
      x.issues
        .map((i) => issueText({ ...i, column: columnOfIssue(i.field, []) }, lang))
        .join(" · "),
      "",
      "",
      "",
    ]);
  // showValue writes "—" for empty; in a sheet an empty cell says it better.
  return {
    headers: headerKeys.map(tr),
    rows: rows.map((row) => row.map((c) => (c === showValue(null) ? "" : c))),
  };
}

/** A sheet name not yet taken: "PulseBridge review", then "PulseBridge review 2", … */
export function freeSheetName(taken: string[], base: string): string {
  const lower = new Set(taken.map((s) => s.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} ${n}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
