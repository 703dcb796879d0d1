/**
 * The review step: the worker's four buckets (POST /v1/reconcile) and the user's choices. Like
 * Accounton's import screen and Silverfin's "use the data from" bar, nothing in the target is
 * overwritten unless the user ticks it: every field defaults to keep.
 */
import type {
  ComparableField,
  ImportRow,
  ReconcileChoices,
  ReconcileResult,
  UiLanguage,
} from "@pulsebridge/core";
import type { Api } from "../../api/client.js";
import { cellText } from "../sheet/values.js";

/** Split so one request stays under the worker's row cap and a sane body size. */
export const reconcileBatch = 2_000;

export async function fetchReview(
  api: Api,
  rows: ImportRow[],
  signal?: AbortSignal,
): Promise<ReconcileResult> {
  if (rows.length <= reconcileBatch) return api.reconcile(rows, signal);
  // Buckets of several batches concatenate; "only in target" must be what no batch matched.
  const parts: ReconcileResult[] = [];
  for (let i = 0; i < rows.length; i += reconcileBatch)
    parts.push(await api.reconcile(rows.slice(i, i + reconcileBatch), signal));
  // A client is only in the target when no batch claimed it (a match, or an invalid row naming it
  // by id). Sets, not a search per batch per client: 10,000 clients x 5 batches stays linear.
  const claimed = new Set<string>();
  for (const p of parts) {
    for (const m of p.matching) claimed.add(m.id);
    for (const r of p.invalid) if (r.id) claimed.add(r.id);
  }
  const onlyInTarget = (parts[0]?.onlyInTarget ?? []).filter((e) => !claimed.has(e.id));
  return {
    onlyInImport: parts.flatMap((p) => p.onlyInImport),
    onlyInTarget,
    matching: parts.flatMap((p) => p.matching),
    invalid: parts.flatMap((p) => p.invalid),
    duplicates: parts.flatMap((p) => p.duplicates),
  };
}

/** New clients are ticked to be added (the user can untick); every matching field is kept. */
export function initialChoices(result: ReconcileResult): ReconcileChoices {
  return { overwrite: {}, add: result.onlyInImport.map((r) => r.ref) };
}

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
  return {
    ...choices,
    overwrite: { ...choices.overwrite, [id]: m.differences.map((d) => d.field) },
  };
}

/** Accounton's dropdown: overwrite one field for every matching client that differs in it. */
export function overwriteFieldEverywhere(
  choices: ReconcileChoices,
  result: ReconcileResult,
  field: ComparableField,
  overwrite: boolean,
): ReconcileChoices {
  let next = choices;
  for (const m of result.matching)
    if (m.differences.some((d) => d.field === field))
      next = setOverwrite(next, m.id, field, overwrite);
  return next;
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
