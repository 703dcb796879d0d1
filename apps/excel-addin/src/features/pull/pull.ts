/**
 * Pulling clients into a table: every page of GET /v1/clients, flattened into our columns, merged
 * into the existing table by AdminPulse ID (else enterprise or national number). Existing rows keep
 * their place and the user's own columns; new clients are appended; rows no longer returned stay.
 */
import {
  type ClientResource,
  checkId,
  type ImportLink,
  type PullScope,
  pullScopeSchema,
  toImportRow,
  type UiLanguage,
} from "@pulsebridge/core";
import type { Api, ClientQuery } from "../../api/client.js";
import {
  CancelledError,
  type TableRef,
  throwIfAborted,
  type Workbook,
} from "../../workbook/types.js";
import { headersFor } from "../map-columns/guess.js";
import { fetchReview } from "../review/review.js";
import {
  columns,
  type FieldKey,
  importRowToValues,
  type RowValues,
  valuesToImportRow,
} from "../sheet/columns.js";
import { rowValues } from "../sheet/model.js";
import { mergeRow, type PullSummary, plansFromReview, type RowPlan } from "./merge.js";

export const defaultTable: TableRef = { sheet: "PulseBridge", table: "PulseBridgeClients" };

/** What a pull asks for; stored with the table (see pulledScope) and sent with review and push. */
export type PullQuery = PullScope;

const scopeSetting = (ref: TableRef) => `pulsebridge.scope.${ref.table}`;

/** The scope the table was last pulled with; undefined for a sheet that was never pulled. */
export async function pulledScope(
  workbook: Workbook,
  ref: TableRef,
): Promise<PullScope | undefined> {
  const raw = await workbook.readSetting(scopeSetting(ref));
  if (!raw) return undefined;
  try {
    const parsed = pullScopeSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function toClientQuery(q: PullQuery): ClientQuery {
  if (q.mode === "taskTemplate") return { taskTemplate: q.taskTemplate };
  if (q.mode === "search") {
    const text = q.text.trim();
    const id = checkId("enterprise", text);
    // An enterprise number in any spelling searches by number; anything else by name.
    return id.valid ? { enterpriseNumber: id.normalized } : { q: text };
  }
  return {};
}

export function rowKey(v: RowValues): string | null {
  if (v.adminpulseId?.trim()) return `ap:${v.adminpulseId.trim()}`;
  const e = v.enterpriseNumber?.trim();
  if (e) {
    const c = checkId("enterprise", e);
    return c.valid ? `e:${c.normalized}` : `e:${e}`;
  }
  const n = v.nationalNumber?.trim();
  if (n) {
    const c = checkId("insz", n);
    return c.valid ? `n:${c.normalized}` : `n:${n}`;
  }
  return null;
}

export interface PullResult {
  pulled: number;
  updated: number;
  added: number;
  kept: number;
  clients: ClientResource[];
  /** What the merge did to rows pulled before ("412 refreshed, 9 kept your edits, 2 conflicts"). */
  summary: PullSummary;
  /** Rows (table indexes) where both sides changed a cell: the pane marks them. */
  conflicts: { row: number; keys: FieldKey[] }[];
}

export interface PullProgress {
  phase: "fetch" | "write";
  done: number;
  total: number | null;
}

/** Merges pulled clients into existing rows; pure, so it is tested without any workbook. */
export function mergeRows(
  existing: { headers: string[]; rows: string[][] } | null,
  incoming: RowValues[],
  lang: UiLanguage,
  plans: Map<number, RowPlan> = new Map(),
): {
  headers: string[];
  rows: string[][];
  updated: number;
  added: number;
  kept: number;
  summary: PullSummary;
  conflicts: { row: number; keys: FieldKey[] }[];
} {
  const { mapping, headers } = headersFor(existing?.headers ?? [], lang);
  const keys = columns.map((c) => c.key);
  const toLine = (v: RowValues) => keys.map((k) => v[k] ?? "");
  const byKey = new Map<string, RowValues>();
  const unkeyed: RowValues[] = [];
  for (const v of incoming) {
    const k = rowKey(v);
    if (k) byKey.set(k, v);
    else unkeyed.push(v);
  }
  const rows: string[][] = [];
  let updated = 0;
  let kept = 0;
  const summary: PullSummary = { refreshed: 0, keptEdits: 0, conflicts: 0, added: 0, untouched: 0 };
  const conflicts: { row: number; keys: FieldKey[] }[] = [];
  for (const [i, line] of (existing?.rows ?? []).entries()) {
    const old = rowValues(existing?.headers ?? [], line, mapping);
    const k = rowKey(old);
    const fresh = k ? byKey.get(k) : undefined;
    if (fresh && k) {
      // The user's edits since the last pull stay; AdminPulse's changes land in untouched cells.
      const merged = mergeRow(old, fresh, plans.get(i));
      rows.push(toLine(merged.values));
      byKey.delete(k);
      updated++;
      if (merged.changed) summary.refreshed++;
      if (merged.kept.length > 0) summary.keptEdits++;
      if (merged.conflicts.length > 0) {
        summary.conflicts++;
        conflicts.push({ row: i, keys: merged.conflicts });
      }
    } else {
      rows.push(toLine(old));
      kept++;
      summary.untouched++;
    }
  }
  const added = [...byKey.values(), ...unkeyed];
  for (const v of added) rows.push(toLine(v));
  summary.added = added.length;
  return { headers, rows, updated, added: added.length, kept, summary, conflicts };
}

/**
 * The origins of the sheet's pulled rows against AdminPulse now: one review of the rows that carry
 * a version (refs are table row indexes). Rows without one get no plan (see mergeRow).
 */
async function pulledRowPlans(
  api: Api,
  existing: { headers: string[]; rows: string[][] } | null,
  lang: UiLanguage,
  signal?: AbortSignal,
): Promise<Map<number, RowPlan>> {
  if (!existing || existing.rows.length === 0) return new Map();
  const { mapping } = headersFor(existing.headers, lang);
  const rows = existing.rows.flatMap((line, i) => {
    const v = rowValues(existing.headers, line, mapping);
    if (!v.adminpulseId?.trim() || !/^\d+$/.test(v.version?.trim() ?? "")) return [];
    return [valuesToImportRow(v, String(i)).row];
  });
  if (rows.length === 0) return new Map();
  return plansFromReview(await fetchReview(api, rows, signal));
}

export async function pull(options: {
  api: Api;
  workbook: Workbook;
  query: PullQuery;
  lang: UiLanguage;
  ref?: TableRef;
  signal?: AbortSignal;
  onProgress?: (p: PullProgress) => void;
  /** Asked with the merge's summary before a sheet pulled earlier is changed; false cancels. */
  confirm?: (summary: PullSummary) => Promise<boolean>;
}): Promise<PullResult> {
  const ref = options.ref ?? defaultTable;
  const clients = await options.api.listAllClients(toClientQuery(options.query), {
    signal: options.signal,
    onPage: (n) => options.onProgress?.({ phase: "fetch", done: n, total: null }),
  });
  throwIfAborted(options.signal);
  const incoming = clients.map((c) => pulledValues(c, options.lang));
  const existing = await options.workbook.readTable(ref, { signal: options.signal });
  const plans = await pulledRowPlans(options.api, existing, options.lang, options.signal);
  const merged = mergeRows(existing, incoming, options.lang, plans);
  if (options.confirm && merged.summary.refreshed + merged.summary.keptEdits > 0) {
    // The user sees what the merge will do before anything in the sheet changes.
    if (!(await options.confirm(merged.summary))) throw new CancelledError();
  }
  await options.workbook.writeTable(
    ref,
    { headers: merged.headers, rows: merged.rows },
    {
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.({ phase: "write", done, total }),
    },
  );
  // A second pull with another scope widens what the sheet holds: then every client is in scope.
  const before = await pulledScope(options.workbook, ref);
  const scope =
    before && JSON.stringify(before) !== JSON.stringify(options.query) && existing
      ? { mode: "all" as const }
      : options.query;
  await options.workbook.writeSetting(scopeSetting(ref), JSON.stringify(scope));
  return {
    pulled: clients.length,
    updated: merged.updated,
    added: merged.added,
    kept: merged.kept,
    clients,
    summary: merged.summary,
    conflicts: merged.conflicts,
  };
}

/** A pulled client as sheet values, with the version it was pulled at. */
export function pulledValues(c: ClientResource, lang: UiLanguage): RowValues {
  return importRowToValues({ ...toImportRow(c, c.id), version: String(c.changeSeq) }, lang);
}

/** Links as pulled, by AdminPulse ID, so unedited link cells go back with their identifiers. */
export function pulledLinks(clients: ClientResource[]): Map<string, ImportLink[]> {
  const out = new Map<string, ImportLink[]>();
  for (const c of clients) {
    const id = c.sourceIds.adminpulseId;
    if (id) out.set(id, toImportRow(c, c.id).links ?? []);
  }
  return out;
}
