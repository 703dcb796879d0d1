/**
 * Pulling clients into a table: every page of GET /v1/clients, flattened into our columns, merged
 * into the existing table by AdminPulse ID (else enterprise or national number). Existing rows keep
 * their place and the user's own columns; new clients are appended; rows no longer returned stay.
 */
import {
  type ClientResource,
  checkId,
  type ImportLink,
  toImportRow,
  type UiLanguage,
} from "@pulsebridge/core";
import type { Api, ClientQuery } from "../../api/client.js";
import { type TableRef, throwIfAborted, type Workbook } from "../../workbook/types.js";
import { headersFor } from "../map-columns/guess.js";
import { columns, importRowToValues, type RowValues } from "../sheet/columns.js";
import { rowValues } from "../sheet/model.js";

export const defaultTable: TableRef = { sheet: "PulseBridge", table: "PulseBridgeClients" };

export type PullQuery =
  | { mode: "all" }
  | { mode: "taskTemplate"; taskTemplate: string }
  | { mode: "search"; text: string };

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
): { headers: string[]; rows: string[][]; updated: number; added: number; kept: number } {
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
  for (const line of existing?.rows ?? []) {
    const old = rowValues(existing?.headers ?? [], line, mapping);
    const k = rowKey(old);
    const fresh = k ? byKey.get(k) : undefined;
    if (fresh && k) {
      rows.push(toLine(fresh));
      byKey.delete(k);
      updated++;
    } else {
      rows.push(toLine(old));
      kept++;
    }
  }
  const added = [...byKey.values(), ...unkeyed];
  for (const v of added) rows.push(toLine(v));
  return { headers, rows, updated, added: added.length, kept };
}

export async function pull(options: {
  api: Api;
  workbook: Workbook;
  query: PullQuery;
  lang: UiLanguage;
  ref?: TableRef;
  signal?: AbortSignal;
  onProgress?: (p: PullProgress) => void;
}): Promise<PullResult> {
  const ref = options.ref ?? defaultTable;
  const clients = await options.api.listAllClients(toClientQuery(options.query), {
    signal: options.signal,
    onPage: (n) => options.onProgress?.({ phase: "fetch", done: n, total: null }),
  });
  throwIfAborted(options.signal);
  const incoming = clients.map((c) => importRowToValues(toImportRow(c, c.id), options.lang));
  const existing = await options.workbook.readTable(ref, { signal: options.signal });
  const merged = mergeRows(existing, incoming, options.lang);
  await options.workbook.writeTable(
    ref,
    { headers: merged.headers, rows: merged.rows },
    {
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.({ phase: "write", done, total }),
    },
  );
  return {
    pulled: clients.length,
    updated: merged.updated,
    added: merged.added,
    kept: merged.kept,
    clients,
  };
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
