/**
 * The Problems view's model, plain TypeScript: every issue of every row as one problem with its
 * quick fixes, filtered and grouped (by kind or by row) into the flat list the view virtualises.
 */
import type { UiLanguage } from "@pulsebridge/core";
import { type CellFix, fixesForRow } from "../../features/fix/fix.js";
import { columnByKey, type FieldKey } from "../../features/sheet/columns.js";
import type { LoadedSheet } from "../../features/sheet/model.js";
import type { RowResult, Validation } from "../../features/validate/validate.js";

export interface Problem {
  /** Stable across renders: row, column and code. */
  id: string;
  row: number;
  ref: string;
  column: FieldKey | null;
  severity: "error" | "warning";
  code: string;
  issue: RowResult["issues"][number];
  fix: CellFix | null;
}

export type GroupBy = "kind" | "row";
export type SeverityFilter = "all" | "error" | "warning";

export type ProblemItem =
  | {
      type: "group";
      id: string;
      label: { code: string } | { ref: string };
      severity: "error" | "warning";
      count: number;
    }
  | { type: "problem"; id: string; problem: Problem };

const columnOrder = new Map([...columnByKey.keys()].map((k, i) => [k, i]));
const orderOf = (c: FieldKey | null) => (c ? (columnOrder.get(c) ?? 99) : -1);

/** Every problem in reading order (row, then column). */
export function problemsOf(sheet: LoadedSheet, v: Validation, lang: UiLanguage): Problem[] {
  const out: Problem[] = [];
  for (const r of v.results) {
    if (r.issues.length === 0) continue;
    const fixes = fixesForRow(sheet, r, lang);
    for (const issue of r.issues)
      out.push({
        id: `${r.row}:${issue.column ?? "-"}:${issue.code}`,
        row: r.row,
        ref: r.ref,
        column: issue.column,
        severity: issue.severity === "error" ? "error" : "warning",
        code: issue.code,
        issue,
        fix: fixes.find((f) => f.column === issue.column && f.code === issue.code) ?? null,
      });
  }
  return out.sort((a, b) => a.row - b.row || orderOf(a.column) - orderOf(b.column));
}

export function filterProblems(
  all: Problem[],
  f: { severity: SeverityFilter; column: FieldKey | "" },
): Problem[] {
  return all.filter(
    (p) =>
      (f.severity === "all" || p.severity === f.severity) && (!f.column || p.column === f.column),
  );
}

/** Group headers followed by their problems; groups by kind are sorted errors first, then by size. */
export function groupProblems(problems: Problem[], by: GroupBy): ProblemItem[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = by === "kind" ? p.code : p.ref;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const entries = [...groups.entries()];
  if (by === "kind")
    entries.sort(
      ([, a], [, b]) =>
        Number(b[0]?.severity === "error") - Number(a[0]?.severity === "error") ||
        b.length - a.length,
    );
  const items: ProblemItem[] = [];
  for (const [key, list] of entries) {
    items.push({
      type: "group",
      id: `g:${key}`,
      label: by === "kind" ? { code: key } : { ref: key },
      severity: list.some((p) => p.severity === "error") ? "error" : "warning",
      count: list.length,
    });
    for (const p of list) items.push({ type: "problem", id: p.id, problem: p });
  }
  return items;
}

/** The problem after (dir 1) or before (dir -1) the cursor in reading order, wrapping around. */
export function stepProblem(
  problems: Problem[],
  cursor: { row: number; column: FieldKey | null } | null,
  dir: 1 | -1,
): Problem | null {
  if (problems.length === 0) return null;
  if (!cursor) return (dir === 1 ? problems[0] : problems.at(-1)) ?? null;
  const cmp = (p: Problem) => p.row - cursor.row || orderOf(p.column) - orderOf(cursor.column);
  if (dir === 1) return problems.find((p) => cmp(p) > 0) ?? problems[0] ?? null;
  return problems.findLast((p) => cmp(p) < 0) ?? problems.at(-1) ?? null;
}

export const countBySeverity = (problems: Problem[]) => ({
  errors: problems.filter((p) => p.severity === "error").length,
  warnings: problems.filter((p) => p.severity === "warning").length,
});
