/**
 * The Problems view's model, plain TypeScript: every issue of every row as one problem with its
 * quick fixes, filtered and grouped (by kind or by row) into the flat list the view virtualises.
 */
import type { SourceProblem, UiLanguage } from "@pulsebridge/core";
import { type CellFix, fixesForRow } from "../../features/fix/fix.js";
import { conflictText } from "../../features/pull/merge.js";
import { columnByKey, type FieldKey } from "../../features/sheet/columns.js";
import type { LoadedSheet } from "../../features/sheet/model.js";
import {
  issueText,
  problemText,
  type RowResult,
  type Validation,
} from "../../features/validate/validate.js";
import {
  conflictGroupText,
  sourceCodePrefix,
  sourceGroupText,
  sourceProblemText,
} from "./source.js";

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
  /** Set for what AdminPulse sent and the sync could not read (fixed in AdminPulse, not here). */
  source?: SourceProblem;
  /** Set for cells the last pull found changed by both the user and AdminPulse (kept). */
  conflict?: true;
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

/** A problem's text: the check's message, or what AdminPulse sent. */
export const problemLine = (p: Problem, lang: UiLanguage) =>
  p.source
    ? sourceProblemText(p.source, lang)
    : p.conflict
      ? conflictText(lang)
      : issueText(p.issue, lang);

const conflictCode = "pull.conflict";

/** A group's label by problem code. */
export const groupLine = (code: string, lang: UiLanguage) =>
  code === conflictCode
    ? conflictGroupText(lang)
    : code.startsWith(sourceCodePrefix)
      ? sourceGroupText(code.slice(sourceCodePrefix.length), lang)
      : problemText(code, lang);

function conflictProblem(r: RowResult, column: FieldKey): Problem {
  return {
    id: `${r.row}:${column}:${conflictCode}`,
    row: r.row,
    ref: r.ref,
    column,
    severity: "warning",
    code: conflictCode,
    issue: {
      field: column,
      column,
      code: conflictCode,
      message: conflictCode,
      severity: "warning",
      suggestions: [],
      safeFix: null,
    },
    fix: null,
    conflict: true,
  };
}

function sourceProblem(r: RowResult, sp: SourceProblem): Problem {
  const column = columnByKey.has(sp.field as FieldKey) ? (sp.field as FieldKey) : null;
  const code = `${sourceCodePrefix}${sp.code}`;
  return {
    id: `${r.row}:${column ?? "-"}:${code}:${sp.field}`,
    row: r.row,
    ref: r.ref,
    column,
    severity: "warning",
    code,
    issue: {
      field: sp.field,
      column,
      code,
      message: sp.code,
      severity: "warning",
      suggestions: [],
      safeFix: null,
    },
    fix: null,
    source: sp,
  };
}

/**
 * Every problem in reading order (row, then column); `source` adds the pulled clients' source
 * problems by row (see sourceProblemsByRow).
 */
export function problemsOf(
  sheet: LoadedSheet,
  v: Validation,
  lang: UiLanguage,
  source: ReadonlyMap<number, SourceProblem[]> = new Map(),
  conflicts: ReadonlyMap<number, FieldKey[]> = new Map(),
): Problem[] {
  const out: Problem[] = [];
  for (const r of v.results) {
    for (const sp of source.get(r.row) ?? []) out.push(sourceProblem(r, sp));
    for (const key of conflicts.get(r.row) ?? []) out.push(conflictProblem(r, key));
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
