/**
 * Re-pull without losing work: for each sheet row that was pulled before, the review's origins
 * (POST /v1/reconcile with the row's version) say which cells the user changed since that pull
 * (kept), which AdminPulse changed (refreshed) and which both changed (kept, marked as a
 * conflict). Pure, so it is tested without a workbook or a worker.
 */
import type { ReconcileResult, UiLanguage } from "@pulsebridge/core";
import { columns, type FieldKey, type RowValues } from "../sheet/columns.js";

export interface RowPlan {
  /** Columns whose sheet value is kept (the user's edits, conflicts, unknown origins). */
  keep: FieldKey[];
  /** Columns where both sides changed: kept, and the row is marked. */
  conflicts: FieldKey[];
  /** The row's version moves to the pulled one (false: an invalid row, left as it is). */
  bump: boolean;
}

export interface PullSummary {
  /** Rows that took AdminPulse's values (or just its newer version). */
  refreshed: number;
  /** Rows where at least one of the user's edits was kept. */
  keptEdits: number;
  /** Rows with a conflict (marked on the row). */
  conflicts: number;
  added: number;
  /** Rows no longer returned by the pull: left as they are. */
  untouched: number;
}

const keysOf = (field: string): FieldKey[] =>
  columns.filter((c) => c.field === field).map((c) => c.key);

/** Plans by sheet row index (the review's refs are row indexes as strings). */
export function plansFromReview(review: ReconcileResult): Map<number, RowPlan> {
  const plans = new Map<number, RowPlan>();
  for (const m of review.matching) {
    const keep: FieldKey[] = [];
    const conflicts: FieldKey[] = [];
    for (const d of m.differences) {
      if (d.origin === "source") continue;
      keep.push(...keysOf(d.field));
      if (d.origin === "both") conflicts.push(...keysOf(d.field));
    }
    plans.set(Number(m.ref), { keep, conflicts, bump: true });
  }
  for (const r of review.invalid)
    plans.set(Number(r.ref), { keep: [], conflicts: [], bump: false });
  return plans;
}

/**
 * The merged values of one pulled row. Without a plan (a row with no version: nothing tells who
 * changed what) every cell that differs is kept and counted as a conflict, and the version stays.
 */
export function mergeRow(
  old: RowValues,
  fresh: RowValues,
  plan: RowPlan | undefined,
): { values: RowValues; kept: FieldKey[]; conflicts: FieldKey[]; changed: boolean } {
  if (plan && !plan.bump) return { values: old, kept: [], conflicts: [], changed: false };
  const values: RowValues = { ...fresh };
  let kept: FieldKey[];
  let conflicts: FieldKey[];
  if (plan) {
    kept = plan.keep;
    conflicts = plan.conflicts;
  } else {
    kept = columns
      .map((c) => c.key)
      .filter((k) => k !== "version" && (old[k] ?? "") !== (fresh[k] ?? ""));
    conflicts = kept;
  }
  for (const k of kept) values[k] = old[k] ?? "";
  if (!plan) values.version = old.version ?? "";
  const changed = columns.some((c) => (values[c.key] ?? "") !== (old[c.key] ?? ""));
  return {
    values,
    kept: kept.filter((k) => (old[k] ?? "") !== (fresh[k] ?? "")),
    conflicts,
    changed,
  };
}

const summaryTexts: Record<UiLanguage, (s: PullSummary) => string> = {
  nl: (s) =>
    `${s.refreshed} rijen bijgewerkt, ${s.keptEdits} behouden uw wijzigingen, ${s.conflicts} conflicten, ${s.added} nieuw.`,
  fr: (s) =>
    `${s.refreshed} lignes actualisées, ${s.keptEdits} gardent vos modifications, ${s.conflicts} conflits, ${s.added} nouvelles.`,
  en: (s) =>
    `${s.refreshed} rows refreshed, ${s.keptEdits} kept your edits, ${s.conflicts} conflicts, ${s.added} new.`,
};

/** "412 rows refreshed, 9 kept your edits, 2 conflicts", in the user's language. */
export function summaryText(s: PullSummary, lang: UiLanguage): string {
  return summaryTexts[lang](s);
}

const conflictTexts: Record<UiLanguage, string> = {
  nl: "Conflict: zowel u als AdminPulse wijzigden deze cellen; uw waarde is behouden.",
  fr: "Conflit : vous et AdminPulse avez modifié ces cellules ; votre valeur est conservée.",
  en: "Conflict: both you and AdminPulse changed these cells; your value was kept.",
};
export const conflictText = (lang: UiLanguage) => conflictTexts[lang];
