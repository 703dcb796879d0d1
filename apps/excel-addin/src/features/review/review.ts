/**
 * The review step: the worker's four buckets (POST /v1/reconcile) and the user's choices. Like
 * Accounton's import screen and Silverfin's "use the data from" bar, nothing in the target is
 * overwritten unless the user chose it. Each difference carries its origin since the pull:
 * the user's own edits (`sheet`) are proposed for overwrite; AdminPulse's changes (`source`) are
 * never offered as an overwrite (the sheet holds the old value: refresh those cells instead);
 * conflicts (`both`) wait for a choice per client; `unknown` (no version) keeps.
 */
import {
  blankClient,
  type Client,
  type ComparableField,
  clientFingerprint,
  duplicateIssue,
  type ImportRow,
  type KnownRow,
  maxLinksPerRequest,
  maxRowsPerRequest,
  noAddress,
  type PullScope,
  type ReconcileChoices,
  type ReconcileResult,
  setValueAt,
  toImportRow,
  type UiLanguage,
  validateRow,
} from "@pulsebridge/core";
import type { Api } from "../../api/client.js";
import { splitParts } from "../push/push.js";
import { columns, type FieldKey, importRowToValues } from "../sheet/columns.js";
import { cellText } from "../sheet/values.js";

/**
 * Rows in full per request (the worker caps a request at 10,000 rows and 16 MB; a pulled row is
 * ~1 KB of JSON). Known rows (~100 bytes each) fill the rest of a request up to 10,000.
 */
export const reconcileBatch = 5_000;

type Match = ReconcileResult["matching"][number];
type NewClient = ReconcileResult["onlyInImport"][number];

/** The pane's own validation of a row (undefined when invalid); validateRow when not given. */
export type ClientOf = (row: ImportRow) => Client | undefined;
const validated: ClientOf = (row) => {
  const r = validateRow(row);
  return r.ok ? r.client : undefined;
};

/**
 * A pulled row (id or AdminPulse id, and its version) that is valid goes as a known row: its id,
 * version and the fingerprint of its cells (issue 14: a 10,000-row review in ≤ 5 MB). The worker
 * reviews it as the version it was pulled at when the fingerprints agree, else asks for it whole.
 */
async function asKnown(row: ImportRow, clientOf: ClientOf): Promise<KnownRow | null> {
  const version = row.version?.trim();
  const id = row.id?.trim();
  const adminpulseId = row.sourceIds?.adminpulseId?.trim();
  if (!version || !/^\d{1,15}$/.test(version) || !(id || adminpulseId)) return null;
  const client = clientOf(row);
  if (!client) return null;
  return {
    ref: row.ref,
    ...(id ? { id } : { adminpulseId }),
    version,
    fingerprint: await clientFingerprint(client),
  };
}

/**
 * The review of `rows` (POST /v1/reconcile, compact answers): pulled rows the sheet did not change
 * as known rows, the rest in full, in as few requests as the limits allow; rows the worker could
 * not confirm are sent again in full. Buckets come back in the rows' order.
 */
export async function fetchReview(
  api: Api,
  rows: ImportRow[],
  signal?: AbortSignal,
  scope?: PullScope,
  clientOf: ClientOf = validated,
): Promise<ReconcileResult> {
  const known = await Promise.all(rows.map((row) => asKnown(row, clientOf)));
  const parts: ReconcileResult[] = [];
  const ask = async (full: ImportRow[], knownRows: KnownRow[]) => {
    for (const { rows: batch, known: kBatch } of reviewRequests(full, knownRows)) {
      parts.push(
        await api.reconcile(
          {
            rows: batch,
            ...(kBatch.length > 0 ? { known: kBatch } : {}),
            ...(scope ? { scope } : {}),
            // One list of clients only in PulseBridge is enough: the first answer's (see mergeParts).
            ...(parts.length > 0 ? { onlyInTarget: false } : {}),
            answer: "compact",
          },
          signal,
        ),
      );
    }
  };
  await ask(
    rows.filter((_, i) => known[i] === null),
    known.filter((k): k is KnownRow => k !== null),
  );
  const resend = new Set(parts.flatMap((p) => p.resend ?? []));
  if (resend.size > 0)
    await ask(
      rows.filter((r) => resend.has(r.ref)),
      [],
    );
  return mergeParts(parts, rows);
}

/**
 * The requests of a review: rows in full split by rows (`maxFull`), links and bytes as a push's
 * parts are (the worker refuses more than `maxLinksPerRequest` links in one request, issue 11),
 * known rows filling each request up to `maxRowsPerRequest`, then requests of known rows alone.
 */
export function reviewRequests(
  full: ImportRow[],
  known: KnownRow[],
  maxFull = reconcileBatch,
  maxLinks = maxLinksPerRequest,
): { rows: ImportRow[]; known: KnownRow[] }[] {
  const requests = splitParts(full, maxFull, undefined, maxLinks).map((rows) => ({
    rows,
    known: [] as KnownRow[],
  }));
  let k = 0;
  for (const r of requests) {
    r.known = known.slice(k, k + maxRowsPerRequest - r.rows.length);
    k += r.known.length;
  }
  for (; k < known.length; k += maxRowsPerRequest)
    requests.push({ rows: [], known: known.slice(k, k + maxRowsPerRequest) });
  return requests;
}

/**
 * One review from several answers. A client is only in the target when no answer claimed it (a
 * match, or an invalid row naming it by id). Sets, not a search per answer per client: linear.
 */
function mergeParts(parts: ReconcileResult[], rows: ImportRow[]): ReconcileResult {
  if (parts.length === 1) {
    const { resend: _, ...only } = parts[0] as ReconcileResult;
    return only;
  }
  const claimed = new Set<string>();
  for (const p of parts) {
    for (const m of p.matching) claimed.add(m.id);
    for (const r of p.invalid) if (r.id) claimed.add(r.id);
  }
  const order = new Map(rows.map((r, i) => [r.ref, i]));
  const inOrder = <T extends { ref: string }>(list: T[]) =>
    list.sort((a, b) => (order.get(a.ref) ?? 0) - (order.get(b.ref) ?? 0));
  // Two rows of different requests claiming one client are duplicates, as they would be in one
  // request (the push, one request, refuses them too): both become invalid, neither is merged.
  const byId = new Map<string, Match[]>();
  for (const p of parts) for (const m of p.matching) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  const duplicates = parts.flatMap((p) => p.duplicates);
  const invalid = parts.flatMap((p) => p.invalid);
  const twice = new Set<Match>();
  for (const [id, ms] of byId) {
    if (ms.length < 2) continue;
    const key = `existing:${id}`;
    duplicates.push({ key, refs: ms.map((m) => m.ref) });
    for (const m of ms) {
      twice.add(m);
      const others = ms.filter((o) => o !== m).map((o) => o.ref);
      invalid.push({ ref: m.ref, id, issues: [duplicateIssue(key, others.join(", "))] });
    }
  }
  return {
    onlyInImport: inOrder(parts.flatMap((p) => p.onlyInImport)),
    onlyInTarget: (parts[0]?.onlyInTarget ?? []).filter((e) => !claimed.has(e.id)),
    matching: inOrder(parts.flatMap((p) => p.matching).filter((m) => !twice.has(m))),
    invalid: inOrder(invalid),
    duplicates,
  };
}

/** A match's or new client's name and numbers, from a compact answer or the full records. */
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
